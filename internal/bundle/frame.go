package bundle

import (
	"html/template"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// frame is what frame.html shows.
type frame struct {
	Title string
	AsOf  string // "15/01/2026"
	// Today and Soon are the site's data-today and data-soon (the build's
	// day and the "due soon" span), from which js/states.js computes the
	// tasks' states on the reader's day.
	Today, Soon string
	Style       template.HTML
	Search      template.HTML
	TOC         []tocEntry
	Pages       []pageView
	Footer      template.HTML
	Scripts     []template.HTML
}

// tocEntry is a line of the table of contents.
type tocEntry struct {
	Path, Title string
	Fold        bool
	Pages       []tocEntry
}

// Href links to the entry's section. The path is one of the build's own,
// given as it is, since html/template would percent-encode its slashes.
func (e tocEntry) Href() template.URL { return template.URL("#" + e.Path) }

type pageView struct {
	Path string
	Body template.HTML
}

// frame assembles the file around its pages.
func (b *bundler) frame(pages []*page) (*frame, error) {
	f := &frame{Title: b.doc.Title, TOC: b.toc(pages)}
	if f.Title == "" {
		f.Title = pages[0].title
	}
	if !b.doc.Now.IsZero() {
		f.AsOf = b.doc.Now.Format("02/01/2006")
	}
	body := find(pages[0].doc, func(n *html.Node) bool { return n.DataAtom == atom.Body })
	f.Today, f.Soon = attr(body, "data-today"), attr(body, "data-soon")
	css, err := b.styles(pages)
	if err != nil {
		return nil, err
	}
	f.Style = rawText("style", css+bundleCSS)
	if f.Footer, err = b.footer(pages[0]); err != nil {
		return nil, err
	}
	for _, pg := range pages {
		if err := b.rewrite(pg); err != nil {
			return nil, err
		}
		f.Pages = append(f.Pages, pageView{pg.path, pg.body})
	}
	search, err := b.searchForm()
	if err != nil {
		return nil, err
	}
	f.Search = template.HTML(search)
	scripts, err := b.scripts()
	if err != nil {
		return nil, err
	}
	for _, js := range scripts {
		f.Scripts = append(f.Scripts, rawText("script", js))
	}
	return f, nil
}

// rawText is a <style> or <script> element holding text.
func rawText(tag, text string) template.HTML {
	return template.HTML("<" + tag + ">\n" + escapeEnd(strings.TrimSpace(text), tag) + "\n</" + tag + ">")
}

// toc is the table of contents: a line per group, linking to its list page,
// over a line per page.
func (b *bundler) toc(pages []*page) []tocEntry {
	titles := map[string]string{}
	for _, pg := range pages {
		titles[pg.path] = pg.title
	}
	var toc []tocEntry
	for _, g := range b.doc.Groups {
		e := tocEntry{Path: g.Index, Title: titles[g.Index], Fold: g.Fold}
		for _, p := range g.Pages {
			e.Pages = append(e.Pages, tocEntry{Path: p, Title: titles[p]})
		}
		toc = append(toc, e)
	}
	return toc
}

// footer is the site's footer as the first page has it (the day the tasks'
// states are for, the issuing body), or nothing.
func (b *bundler) footer(pg *page) (template.HTML, error) {
	body := find(pg.doc, func(n *html.Node) bool { return n.DataAtom == atom.Body })
	var foot *html.Node
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Footer {
			foot = c
		}
	}
	if foot == nil {
		return "", nil
	}
	r := b.rewriter(pg.path)
	r.prefix, r.top = "_chan-trang"+idSep, mainID
	r.element(foot)
	if foot.Parent == nil {
		return "", nil
	}
	var out strings.Builder
	if err := html.Render(&out, foot); err != nil {
		return "", err
	}
	return template.HTML(out.String()), nil
}
