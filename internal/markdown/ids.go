package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/kehoach/kehoach/internal/vntext"
)

// ids makes heading ids from Vietnamese text, ASCII and unique per page:
// "Bốn tiêu chí" → "bon-tieu-chi", then "bon-tieu-chi-1".
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate makes the id of a heading from its source line, without the
// HTML comments that the page leaves out.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	if bytes.Contains(value, []byte("<!--")) {
		value = comments.ReplaceAll(value, nil)
	}
	base := vntext.Slug(string(value))
	if base == "" {
		base = "muc"
	}
	return []byte(s.unique(base))
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

func (s *ids) unique(base string) string {
	id := base
	for n := 1; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return id
}
