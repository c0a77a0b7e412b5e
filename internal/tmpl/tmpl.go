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
//
// Once html/template has escaped a template (which it does when it first
// runs it), the template runs on the package's own executor (program.go,
// exec.go, builtins.go, escapers.go), which gives the same output faster
// and leaves to html/template what it does not reproduce.
package tmpl

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
	"time"

	"github.com/kehoach/kehoach/internal/docref"
)

const (
	dir      = "layouts"
	baseFile = "layouts/base.html"
)

// Set holds one parsed template per page kind.
//
// Once html/template has escaped a template (see entry.prepare), it runs on
// the executor of exec.go, and falls back to html/template wherever the
// executor cannot (see program).
type Set struct {
	kinds    map[string]*entry
	partials map[string]*entry
	// standard makes every template run on html/template, to compare.
	standard  bool
	executed  atomic.Int64
	fallbacks atomic.Int64
}

// entry is one template that Set executes: a page kind's frame or a
// partial.
type entry struct {
	set                *template.Template
	trees              map[string]*parse.Tree // set's, for compile
	name               string
	prepared, compiled sync.Once
	prog               atomic.Pointer[program] // nil until compiled, or if it cannot be
	why                error                   // why it cannot be, once tried
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
	s := newSet(root)
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
		s.kinds[strings.TrimSuffix(e.Name(), ".html")] = &entry{set: t, trees: trees(t), name: baseFile}
	}
	return s, nil
}

// newSet is a Set of the shared templates of root, every one a partial,
// and no page kind yet.
func newSet(root *template.Template) *Set {
	s := &Set{kinds: map[string]*entry{}, partials: map[string]*entry{}}
	shared := trees(root)
	for name := range shared {
		s.partials[name] = &entry{set: root, trees: shared, name: name}
	}
	return s
}

func parseShared(fsys, defaults fs.FS) (*template.Template, error) {
	root := template.New(baseFile).Funcs(layoutFuncs)
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
	e := s.kinds[kind]
	if e == nil {
		return fmt.Errorf("no layout for page kind %q: add %s/%s.html", kind, dir, kind)
	}
	return s.execute(e, buf, data)
}

// Partial executes a template defined in layouts/partials with data.
func (s *Set) Partial(name string, data any) (template.HTML, error) {
	e := s.partials[name]
	if e == nil {
		return "", fmt.Errorf("no partial %q: define it in %s/partials/*.html", name, dir)
	}
	var buf bytes.Buffer
	if err := s.execute(e, &buf, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// execute runs e with data on the executor when it can, on html/template
// otherwise, appending the output to buf.
func (s *Set) execute(e *entry, buf *bytes.Buffer, data any) error {
	if !s.standard {
		e.prepared.Do(e.prepare)
	}
	if p := e.prog.Load(); p != nil {
		mark := buf.Len()
		if p.execute(buf, data) == nil {
			s.executed.Add(1)
			return nil
		}
		buf.Truncate(mark)
		s.fallbacks.Add(1)
	}
	if err := e.set.ExecuteTemplate(buf, e.name, data); err != nil {
		return runError(err, data)
	}
	if !s.standard {
		e.compiled.Do(e.compile) // html/template has escaped it, to run it
	}
	return nil
}

// prepare compiles e before its first run, when that is sure to be safe.
// html/template escapes a template only when it runs it. A template that
// starts with text can be run for that alone, on a writer that refuses its
// first byte: the run stops at once, having read no data and called
// nothing. A page kind that has one page (the deadlines page, the task
// index), whose frame starts with "<!doctype html>", thus runs on the
// executor too. Other templates are compiled after their first run.
func (e *entry) prepare() {
	t := e.trees[e.name]
	if t == nil || t.Root == nil || len(t.Root.Nodes) == 0 {
		return
	}
	if _, ok := t.Root.Nodes[0].(*parse.TextNode); !ok {
		return
	}
	if err := e.set.ExecuteTemplate(refuse{}, e.name, nil); !errors.Is(err, errRefused) {
		return // an error of escaping, which the real run reports
	}
	e.compiled.Do(e.compile)
}

// refuse is a writer that refuses to write.
type refuse struct{}

var errRefused = errors.New("refused")

func (refuse) Write([]byte) (int, error) { return 0, errRefused }

// compile prepares e, which html/template has escaped, for the executor,
// or says why it cannot be.
func (e *entry) compile() {
	p, err := compile(e.trees, e.name, layoutFuncs)
	if err != nil {
		e.why = err
		return
	}
	e.prog.Store(p)
}

// Standard makes s run every template on html/template alone, as a
// reference for the executor.
func (s *Set) Standard() { s.standard = true }

// Executed is the number of runs that the executor finished.
func (s *Set) Executed() int64 { return s.executed.Load() }

// Fallbacks is the number of runs that the executor began and left to
// html/template.
func (s *Set) Fallbacks() int64 { return s.fallbacks.Load() }

// Interpreted says, for each template run so far that the executor cannot
// run, why; sorted. Call it once the templates have stopped running.
func (s *Set) Interpreted() []string {
	var whys []string
	for _, m := range []map[string]*entry{s.kinds, s.partials} {
		for _, e := range m {
			if e.why != nil {
				whys = append(whys, e.why.Error())
			}
		}
	}
	slices.Sort(whys)
	return slices.Compact(whys) // a shared partial, once for each kind
}

// layoutFuncs is the one FuncMap of every layout; nothing changes it.
var layoutFuncs = template.FuncMap{
	"date":    func(t time.Time) string { return t.Format("02/01/2006") },
	"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
	"nobreak": nobreak,
	"demote":  demote,
}

// headingTag is an HTML heading's opening or closing tag, as goldmark
// writes them.
var headingTag = regexp.MustCompile(`<(/?)h([1-5])([ >])`)

// demote lowers the headings of a page's HTML by one level (h2 to h3), for
// a page shown under a heading of another: part II's items on the home
// page, under its section's h2.
func demote(h template.HTML) template.HTML {
	return template.HTML(headingTag.ReplaceAllStringFunc(string(h), func(tag string) string {
		m := headingTag.FindStringSubmatch(tag)
		return "<" + m[1] + "h" + string(m[2][0]+1) + m[3]
	}))
}

// nobreak escapes s and keeps each of its document numbers on one line
// (docref.NoBreak).
func nobreak(s string) template.HTML { return template.HTML(docref.NoBreak(s)) }
