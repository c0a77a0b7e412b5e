package build

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach/internal/source"
)

// unreadLayouts warns of the files in the site's layouts/ that no page
// reads: a layout whose name is no page's ("extra.html", "Task.html"), a
// file not named .html ("task.htm"), a folder other than partials/. The
// layouts pages read are those of the defaults.
func unreadLayouts(site, defaults fs.FS) source.ErrorList {
	if defaults == nil {
		return nil
	}
	entries, err := fs.ReadDir(site, "layouts")
	if err != nil {
		return nil // no layouts of its own
	}
	known, _ := fs.Glob(defaults, "layouts/*.html")
	var warns source.ErrorList
	for _, e := range entries {
		name := "layouts/" + e.Name()
		switch {
		case strings.HasPrefix(e.Name(), "."), !e.IsDir() && source.EditorFile(e.Name()):
			// hidden, or an editor's backup, lock or swap file
		case e.IsDir() && e.Name() != "partials":
			warns.Add(source.Pos{File: name + "/"}, "no page reads this folder: layouts are layouts/*.html and layouts/partials/*.html")
		case e.IsDir(), slices.Contains(known, name):
		case path.Ext(name) != ".html":
			warns.Add(source.Pos{File: name}, "no page reads this file: a layout's name ends in .html")
		default:
			msg := "no page has this layout"
			if i := slices.IndexFunc(known, func(k string) bool { return strings.EqualFold(k, name) }); i >= 0 {
				msg += " (did you mean " + path.Base(known[i]) + "?)"
			}
			warns.Add(source.Pos{File: name}, "%s: the pages' layouts are %s", msg, strings.Join(baseNames(known), ", "))
		}
	}
	return warns
}

// baseNames are the names of the pages' layouts among paths (base.html,
// which every page's layout fills, is none).
func baseNames(paths []string) []string {
	var out []string
	for _, p := range paths {
		if p != "layouts/base.html" {
			out = append(out, path.Base(p))
		}
	}
	return out
}

// layoutAt is the position that starts a layout's parse error, as
// text/template writes it: "layouts/task.html:3: bad character".
var layoutAt = regexp.MustCompile(`^(layouts/[^:]+):(\d+):(?:(\d+):)? (.*)$`)

// layoutError is a layout's parse error as a problem at its position, so
// that it is printed as the others are ("file:line: error: message").
func layoutError(err error) error {
	m := layoutAt.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3]) // 0 when absent
	return source.Errorf(source.Pos{File: m[1], Line: line, Col: col}, "%s", m[4])
}
