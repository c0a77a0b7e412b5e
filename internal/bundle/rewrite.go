package bundle

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// idSep joins a page's path and an id of the page: "plan/index.html--_muc-luc".
const idSep = "--"

// rewriter makes the content of one page fit the file: its ids prefixed,
// its links pointing inside the file, what it would load inlined or left out.
type rewriter struct {
	page     string          // the page's path: its links are relative to it
	prefix   string          // put before each of its ids: "P--"
	top      string          // the id a link to "#" goes to: the page's section
	baseURL  string          // links under it are links inside the site
	included map[string]bool // the pages the file holds
	files    map[string][]byte
}

// rewriter returns the rewriter of the page at path p, whose section is
// <section id="p">.
func (b *bundler) rewriter(p string) *rewriter {
	return &rewriter{page: p, prefix: p + idSep, top: p, baseURL: b.doc.BaseURL, included: b.included, files: b.files}
}

// children rewrites the children of n in place.
func (r *rewriter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			r.element(c)
		}
		c = next
	}
}

// element rewrites n and what it holds, or takes it out of the tree.
func (r *rewriter) element(n *html.Node) {
	if r.dropped(n) {
		n.Parent.RemoveChild(n)
		return
	}
	if n.DataAtom == atom.Img && !r.image(n) {
		return
	}
	linkOut := r.attrs(n)
	r.children(n)
	if linkOut {
		unlink(n)
	}
}

// dropped reports whether n is left out of the file: what would load from
// elsewhere or run (scripts, frames, media), downloads (class "exports":
// files that one file cannot hold), and paragraphs and list items made only
// of links to pages the file does not hold.
func (r *rewriter) dropped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Link, atom.Meta, atom.Base, atom.Iframe, atom.Frame, atom.Object,
		atom.Embed, atom.Video, atom.Audio, atom.Source, atom.Track:
		return true
	case atom.P, atom.Li:
		if r.onlyLinksOut(n) {
			return true
		}
	}
	return hasClass(n, "exports")
}

// attrs rewrites the attributes of n. It reports whether n is a link that
// leads out of the file, which then keeps only its text.
func (r *rewriter) attrs(n *html.Node) (linkOut bool) {
	kept := n.Attr[:0]
	for _, a := range n.Attr {
		switch {
		case a.Namespace == "" && a.Key == "id":
			a.Val = r.prefix + a.Val
		case a.Namespace == "" && namesIDs(a.Key):
			a.Val = r.idList(a.Val)
		case a.Key == "href":
			v, ok := r.elementHref(n, a.Val)
			if !ok {
				linkOut = linkOut || n.DataAtom == atom.A
				continue
			}
			a.Val = v
		case loads(a.Key) && !strings.HasPrefix(a.Val, "data:"):
			continue
		case strings.Contains(a.Val, "url(#"): // SVG paint and clip references
			a.Val = strings.ReplaceAll(a.Val, "url(#", "url(#"+r.prefix)
		}
		kept = append(kept, a)
	}
	n.Attr = kept
	return linkOut
}

// elementHref rewrites an href: a link's as href says; any other element's
// (SVG <use>, <image>) only when it names an id of the page.
func (r *rewriter) elementHref(n *html.Node, val string) (string, bool) {
	if n.DataAtom == atom.A || n.DataAtom == atom.Area {
		return r.href(val)
	}
	if frag, ok := strings.CutPrefix(strings.TrimSpace(val), "#"); ok && frag != "" {
		return r.local(frag), true
	}
	return "", false
}

// namesIDs reports whether attribute key holds ids (a list of them for some).
func namesIDs(key string) bool {
	switch key {
	case "for", "headers", "list", "form", "itemref", "popovertarget", "commandfor",
		"aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-flowto",
		"aria-activedescendant", "aria-details", "aria-errormessage":
		return true
	}
	return false
}

// loads reports whether attribute key would make the page load or send
// something; image turns the src of an image into a data: URL, which stays.
func loads(key string) bool {
	switch key {
	case "src", "srcset", "ping", "action", "formaction", "poster", "background", "data":
		return true
	}
	return false
}

// idList prefixes each id of a space-separated list.
func (r *rewriter) idList(val string) string {
	ids := strings.Fields(val)
	for i, id := range ids {
		ids[i] = r.prefix + id
	}
	return strings.Join(ids, " ")
}

// image inlines the file of an image as a data: URL. An image the file
// cannot hold (on another site, or missing) becomes its alt text. It reports
// whether n is still in the tree.
func (r *rewriter) image(n *html.Node) bool {
	src := strings.TrimSpace(attr(n, "src"))
	if strings.HasPrefix(src, "data:") {
		return true
	}
	if u, err := url.Parse(r.inSite(src)); err == nil && u.Scheme == "" && u.Host == "" {
		if p, ok := sitePath(r.page, u.Path); ok && r.files[p] != nil {
			setAttr(n, "src", dataURL(p, r.files[p]))
			return true
		}
	}
	if alt := attr(n, "alt"); alt != "" {
		n.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: alt}, n)
	}
	n.Parent.RemoveChild(n)
	return false
}

// onlyLinksOut reports whether n holds nothing to read but links out of the
// file ("Xem theo thời hạn", "Thêm vào lịch · Theo dõi tin"): without them
// it would be empty.
func (r *rewriter) onlyLinksOut(n *html.Node) bool {
	out, other := 0, false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !other; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				other = hasWord(c.Data)
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.A && hasAttr(c, "href"):
				if _, ok := r.href(attr(c, "href")); ok {
					other = true
				}
				out++
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return out > 0 && !other
}

// unlink turns a link out of the file into its text: a <span> when it has
// attributes worth keeping (a class, an id), else its children alone.
func unlink(n *html.Node) {
	n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool {
		return !slices.Contains([]string{"id", "class", "lang", "dir", "title"}, a.Key)
	})
	if len(n.Attr) > 0 {
		n.Data, n.DataAtom = "span", atom.Span
		return
	}
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		n.Parent.InsertBefore(c, n)
	}
	n.Parent.RemoveChild(n)
}

// hasWord reports whether s holds a letter or a digit.
func hasWord(s string) bool {
	return strings.IndexFunc(s, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) >= 0
}
