package model

import (
	"html/template"
	"path"
	"strings"

	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/vntext"
)

// Page is what every kind of content has: its file, title, address and body.
// HTML, TOC, Anchors and Slots are filled in by the build once the body is
// rendered.
type Page struct {
	File    *source.File
	Meta    *source.Meta
	Key     string // content path without ".md": "plan/05-nhiem-vu-cu-the"
	Path    string // output file: "plan/05-nhiem-vu-cu-the.html", "plan/index.html", "index.html"
	Title   string
	Numeral string // the plan part's numeral ("IV"); "" for other pages

	HTML    template.HTML
	TOC     []Heading
	Anchors map[string]bool
	Slots   map[string]int // where the text of a numbered item ends in HTML, by anchor (parts only)
}

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// URL is the page's address relative to the site root.
func (p *Page) URL() string { return p.Path }

// Pos is the position of the page's file.
func (p *Page) Pos() source.Pos { return p.File.Pos(1) }

// keyOf returns the content key of a file path: "content/plan/x.md" → "plan/x".
func keyOf(file string) string {
	return strings.TrimSuffix(strings.TrimPrefix(file, "content/"), ".md")
}

// pathOf maps a content key to its output file, slugging each segment so
// that addresses are ASCII: "tasks/Ban tổ chức/t01" → "tasks/ban-to-chuc/t01.html".
// "_index" pages are their folder's index.html. Pages are files rather than
// folders of their own: a link names the file, so it opens from a copied
// folder without a server, and a build creates half as many entries on disk.
// ok is false when a segment slugs to "".
func pathOf(key string) (file string, ok bool) {
	if key == "_index" {
		return "index.html", true
	}
	index := strings.HasSuffix(key, "/_index")
	segs := strings.Split(strings.TrimSuffix(key, "/_index"), "/")
	for i, s := range segs {
		segs[i] = vntext.Slug(s)
		if segs[i] == "" {
			return "", false
		}
	}
	if index {
		return path.Join(segs...) + "/index.html", true
	}
	return path.Join(segs...) + ".html", true
}
