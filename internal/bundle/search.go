package bundle

import (
	"fmt"
	"slices"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// searchPage is the site's search page, whose form the file takes.
const searchPage = "search/index.html"

// searchForm is the search form of the site's search page and what follows
// it (status, facets, results), keeping its ids, which js/search.js looks
// for. It is marked data-single="1", so that results link to the file's
// sections, and its filter of kinds offers only the kinds the file holds.
func (b *bundler) searchForm() (string, error) {
	pg, err := b.parse(searchPage)
	if err != nil {
		return "", err
	}
	form := find(pg.main, byID("search-form"))
	if form == nil {
		return "", fmt.Errorf(`%s: no element with id "search-form" to take the search form from`, searchPage)
	}
	removeAttr(form, "data-api")
	setAttr(form, "data-single", "1")
	setAttr(form, "data-root", "")
	if kinds := find(form, byID("search-kind")); kinds != nil && len(b.doc.Kinds) > 0 {
		b.keepKinds(kinds)
	}
	r := b.rewriter(searchPage)
	r.prefix, r.top = "", "_tim-kiem" // the UI's ids stay as they are
	container := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for n := form; n != nil; {
		next := n.NextSibling
		n.Parent.RemoveChild(n)
		container.AppendChild(n)
		n = next
	}
	r.children(container)
	return render(container)
}

// keepKinds removes the options of the kinds filter that the file does not
// hold (updates, other pages): their results would lead nowhere.
func (b *bundler) keepKinds(sel *html.Node) {
	for _, opt := range findAll(sel, func(n *html.Node) bool { return n.DataAtom == atom.Option }) {
		if v := attr(opt, "value"); v != "" && !slices.Contains(b.doc.Kinds, v) {
			opt.Parent.RemoveChild(opt)
		}
	}
}
