package model

import (
	"html/template"
	"path"
	"strings"

	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/vntext"
)

// Page is what every kind of content has: its file, title, address and body.
// HTML, TOC and Anchors are filled in by the build once the body is rendered.
type Page struct {
	File    *source.File
	Meta    *source.Meta
	Key     string // content path without ".md": "plan/05-nhiem-vu-cu-the"
	Dir     string // output folder, slash-terminated: "plan/05-nhiem-vu-cu-the/"; "" for home
	Title   string
	Numeral string // the plan part's numeral ("IV"); "" for other pages

	HTML    template.HTML
	TOC     []Heading
	Anchors map[string]bool
}

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// URL is the page's address relative to the site root.
func (p *Page) URL() string { return p.Dir + "index.html" }

// Pos is the position of the page's file.
func (p *Page) Pos() source.Pos { return p.File.Pos(1) }

// keyOf returns the content key of a file path: "content/plan/x.md" → "plan/x".
func keyOf(file string) string {
	return strings.TrimSuffix(strings.TrimPrefix(file, "content/"), ".md")
}

// dirOf maps a content key to its output folder, slugging each segment so
// that addresses are ASCII: "tasks/Ban tổ chức/t01" → "tasks/ban-to-chuc/t01/".
// "_index" pages own their folder. ok is false when a segment slugs to "".
func dirOf(key string) (dir string, ok bool) {
	if key == "_index" {
		return "", true
	}
	key = strings.TrimSuffix(key, "/_index")
	segs := strings.Split(key, "/")
	for i, s := range segs {
		segs[i] = vntext.Slug(s)
		if segs[i] == "" {
			return "", false
		}
	}
	return path.Join(segs...) + "/", true
}
