package bundle

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/kehoach/kehoach/internal/docref"
)

// mainID is the id of the element of every page that holds its content
// (layouts/base.html).
const mainID = "_noi-dung"

var (
	//go:embed frame.html
	frameHTML string
	//go:embed bundle.css
	bundleCSS string
)

// bundler holds the state of one Bundle call.
type bundler struct {
	files    map[string][]byte
	doc      Doc
	included map[string]bool
}

// page is a page of the file.
type page struct {
	path  string
	doc   *html.Node
	main  *html.Node // its <main id="_noi-dung">
	title string     // the text of its <h1>, for the table of contents
	body  template.HTML
}

// Bundle returns the single HTML file holding doc's pages, taken from the
// files of a finished build (slash paths to contents, as output.Memory
// keeps them).
func Bundle(files map[string][]byte, doc Doc) ([]byte, error) {
	b := &bundler{files: files, doc: doc, included: map[string]bool{}}
	var pages []*page
	for _, p := range doc.Paths() {
		if b.included[p] {
			return nil, fmt.Errorf("%s: listed twice", p)
		}
		b.included[p] = true
		pg, err := b.parse(p)
		if err != nil {
			return nil, err
		}
		pages = append(pages, pg)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no pages to bundle")
	}
	f, err := b.frame(pages)
	if err != nil {
		return nil, err
	}
	t, err := template.New("frame.html").Funcs(template.FuncMap{
		"nobreak": func(s string) template.HTML { return template.HTML(docref.NoBreak(s)) }, // as the layouts' nobreak
	}).Parse(frameHTML)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := t.Execute(&out, f); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// parse reads the page at p and finds its content.
func (b *bundler) parse(p string) (*page, error) {
	data, ok := b.files[p]
	if !ok {
		return nil, fmt.Errorf("%s: the build has no such page", p)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	main := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Main && attr(n, "id") == mainID })
	if main == nil {
		return nil, fmt.Errorf(`%s: no <main id="%s"> holding the page's content (see layouts/base.html)`, p, mainID)
	}
	title := p
	if h1 := find(main, func(n *html.Node) bool { return n.DataAtom == atom.H1 }); h1 != nil && text(h1) != "" {
		title = text(h1)
	}
	return &page{path: p, doc: doc, main: main, title: title}, nil
}

// rewrite rewrites the page's content for the file and renders it.
func (b *bundler) rewrite(pg *page) error {
	b.rewriter(pg.path).children(pg.main)
	body, err := render(pg.main)
	if err != nil {
		return fmt.Errorf("%s: %w", pg.path, err)
	}
	pg.body = template.HTML(body) // rendered by x/net/html from a parsed tree
	return nil
}
