// Package tmpl loads a site's layouts: html/template files under layouts/,
// parsed eagerly into one template set per page kind, each file named by its
// path so that errors read "layouts/task.html:12: …".
//
// layouts/base.html is the frame; layouts/partials/*.html are shared by every
// kind; every other layouts/<kind>.html is a page kind that fills the frame's
// blocks. A site's layouts replace the defaults file by file, but for the
// partials, which are many templates to a file, template by template: the
// defaults' partials are read first, then the site's, whose definitions
// win, so that a site's partials file keeps the default's other templates.
package tmpl

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"
)

const (
	dir      = "layouts"
	baseFile = "layouts/base.html"
)

// Set holds one parsed template per page kind.
type Set struct {
	shared *template.Template // the frame and the partials
	kinds  map[string]*template.Template
}

// Load parses every layout of fsys, the site's layouts over the defaults,
// whose partials defaults, when not nil, holds too: their templates are
// defined first, then fsys's partials redefine those they define again.
func Load(fsys, defaults fs.FS) (*Set, error) {
	root, err := parseShared(fsys, defaults)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("reading %s/: %w", dir, err)
	}
	s := &Set{shared: root, kinds: map[string]*template.Template{}}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		if e.IsDir() || path.Ext(name) != ".html" || name == baseFile || hidden(name) {
			continue
		}
		t, err := root.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseFile(t, fsys, name); err != nil {
			return nil, err
		}
		s.kinds[strings.TrimSuffix(e.Name(), ".html")] = t
	}
	return s, nil
}

func parseShared(fsys, defaults fs.FS) (*template.Template, error) {
	root := template.New(baseFile).Funcs(funcs())
	if err := parseFile(root, fsys, baseFile); err != nil {
		return nil, err
	}
	// fsys holds the defaults too, so a default partials file that the site
	// does not replace is read twice: a few small files, well under a
	// millisecond.
	for _, layer := range []fs.FS{defaults, fsys} {
		if layer == nil {
			continue
		}
		partials, err := fs.Glob(layer, dir+"/partials/*.html")
		if err != nil {
			return nil, err
		}
		for _, name := range partials {
			if hidden(name) {
				continue
			}
			if err := parseFile(root, layer, name); err != nil {
				return nil, err
			}
		}
	}
	return root, nil
}

// hidden reports a hidden file, such as the lock Emacs keeps beside a
// layout being edited (".#task.html"): not a layout.
func hidden(name string) bool { return strings.HasPrefix(path.Base(name), ".") }

func parseFile(t *template.Template, fsys fs.FS, name string) error {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("reading layout: %w", err)
	}
	target := t
	if t.Name() != name {
		target = t.New(name)
	}
	if _, err := target.Parse(string(src)); err != nil {
		return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return nil
}

// Render executes page kind with data and appends the page to buf; on an
// error, what buf holds is to be thrown away.
func (s *Set) Render(buf *bytes.Buffer, kind string, data any) error {
	t := s.kinds[kind]
	if t == nil {
		return fmt.Errorf("no layout for page kind %q: add %s/%s.html", kind, dir, kind)
	}
	if err := t.ExecuteTemplate(buf, baseFile, data); err != nil {
		return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return nil
}

// Partial executes a template defined in layouts/partials with data.
func (s *Set) Partial(name string, data any) (template.HTML, error) {
	if s.shared.Lookup(name) == nil {
		return "", fmt.Errorf("no partial %q: define it in %s/partials/*.html", name, dir)
	}
	var buf bytes.Buffer
	if err := s.shared.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return template.HTML(buf.String()), nil
}

// funcs is the one FuncMap of every layout.
func funcs() template.FuncMap {
	return template.FuncMap{
		"date":    func(t time.Time) string { return t.Format("02/01/2006") },
		"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
	}
}
