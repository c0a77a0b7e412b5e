package build

import (
	"strings"

	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/search"
	"github.com/kehoach/kehoach/internal/source"
)

// claims records which input each output file comes from, so that two
// inputs never silently write the same file (a content/index.html over the
// home page, a static/sitemap.xml under the generated one).
type claims map[string]source.Pos

func newClaims() claims {
	generated := source.Pos{File: "(generated)"}
	return claims{output.Marker: generated, feedFile: generated, "sitemap.xml": generated}
}

// claim takes name for the input at pos, reporting a clash in errs.
func (c claims) claim(name string, pos source.Pos, errs *source.ErrorList) bool {
	if strings.HasPrefix(name, search.Dir+"/") {
		errs.Add(pos, "%s is where the search index goes: rename the file", name)
		return false
	}
	if other, taken := c[name]; taken {
		errs.Add(pos, "would write %s, which %s writes: rename one of them", name, other)
		return false
	}
	c[name] = pos
	return true
}
