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

// generatedInput is the input of the files the build makes itself.
var generatedInput = source.Pos{File: "(generated)"}

// newClaims reserves the files the build writes whatever the site holds,
// the search API's script included: a site that has its own gets the same
// error whether or not the search index is built (kehoach check builds none).
func newClaims() claims {
	return claims{output.Marker: generatedInput, feedFile: generatedInput, "sitemap.xml": generatedInput, search.APIScript: generatedInput}
}

// claim takes name for the input at pos, reporting a clash in errs: at the
// site's file, when the other input is the build itself.
func (c claims) claim(name string, pos source.Pos, errs *source.ErrorList) bool {
	if strings.HasPrefix(name, search.Dir+"/") || strings.HasPrefix(name, search.StaticDir+"/") {
		errs.Add(pos, "%s is where the search index goes: rename the file", name)
		return false
	}
	other, taken := c[name]
	switch {
	case !taken:
		c[name] = pos
		return true
	case other == generatedInput && pos == generatedInput:
		errs.Add(pos, "%s is written twice", name) // a bug in the build, not in the site
	case other == generatedInput:
		errs.Add(pos, "would write %s, which the build makes: rename the file", name)
	case pos == generatedInput:
		errs.Add(other, "would write %s, which the build makes: rename the file", name)
	default:
		errs.Add(pos, "would write %s, which %s writes: rename one of them", name, other)
	}
	return false
}
