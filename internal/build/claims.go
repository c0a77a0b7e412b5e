package build

import (
	"path"
	"strings"

	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/search"
	"github.com/kehoach/kehoach/internal/source"
)

// claims records which input each output file comes from, so that two
// inputs never silently write the same file (a content/index.html over the
// home page, a static/sitemap.xml under the generated one), nor a file
// where another needs a folder (static/tasks.csv/a.txt).
type claims struct {
	files map[string]source.Pos
	dirs  map[string]string // each folder that a claimed file lies in, and that file
}

// generatedInput is the input of the files the build makes itself.
var generatedInput = source.Pos{File: "(generated)"}

// newClaims reserves the files the build writes whatever the site holds,
// the search API's script included: a site that has its own gets the same
// error whether or not the search index is built (kehoach check builds none).
func newClaims() claims {
	c := claims{files: map[string]source.Pos{}, dirs: map[string]string{}}
	var none source.ErrorList // four names apart: no clash
	for _, name := range []string{output.Marker, feedFile, "sitemap.xml", search.APIScript} {
		c.claim(name, generatedInput, &none)
	}
	for _, dir := range []string{search.Dir, search.StaticDir, path.Dir(search.StaticDir)} {
		c.dirs[dir] = dir + "/" // the search index's folders: no file may take their names
	}
	return c
}

// has reports whether name is claimed.
func (c claims) has(name string) bool {
	_, ok := c.files[name]
	return ok
}

// claim takes name for the input at pos, reporting a clash in errs: at the
// site's file, when the other input is the build itself.
func (c claims) claim(name string, pos source.Pos, errs *source.ErrorList) bool {
	if strings.HasPrefix(name, search.Dir+"/") || strings.HasPrefix(name, search.StaticDir+"/") {
		errs.Add(pos, "%s is where the search index goes: rename the file", name)
		return false
	}
	other, taken := c.files[name]
	switch {
	case !taken:
	case other == generatedInput && pos == generatedInput:
		errs.Add(pos, "%s is written twice", name) // a bug in the build, not in the site
		return false
	case other == generatedInput:
		errs.Add(pos, "would write %s, which the build makes: rename the file", name)
		return false
	case pos == generatedInput:
		errs.Add(other, "would write %s, which the build makes: rename the file", name)
		return false
	default:
		errs.Add(pos, "would write %s, which %s writes: rename one of them%s", name, other, source.NamesAlike(pos.File, other.File))
		return false
	}
	if inside, ok := c.dirs[name]; ok {
		errs.Add(pos, "would write the file %s where %s needs a folder: rename one of them", name, inside)
		return false
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if file, ok := c.files[dir]; ok {
			by := file.String() + " writes"
			if file == generatedInput {
				by = "the build makes"
			}
			errs.Add(pos, "would write %s inside %s, which %s as a file: rename one of them", name, dir, by)
			return false
		}
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if _, ok := c.dirs[dir]; ok {
			break // and its parents
		}
		c.dirs[dir] = name
	}
	c.files[name] = pos
	return true
}
