package markdown

import (
	"regexp"
	"strings"
	"testing"
)

var idRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// FuzzHeadingIDs makes ids for any headings of a page: each is ASCII,
// usable in an address without escaping, and used once.
func FuzzHeadingIDs(f *testing.F) {
	for _, s := range []string{"Bốn tiêu chí\nBốn tiêu chí\nbon-tieu-chi-1", "Đảng ủy\n\n!!!\n中文", "IV. 1.3\n-\n--x--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, headings string) {
		ids := newIDs()
		seen := map[string]bool{}
		for _, h := range strings.Split(headings, "\n") {
			id := string(ids.Generate([]byte(h), 0))
			if !idRE.MatchString(id) {
				t.Fatalf("heading %q: id %q", h, id)
			}
			if seen[id] {
				t.Fatalf("heading %q: id %q given twice", h, id)
			}
			seen[id] = true
		}
	})
}
