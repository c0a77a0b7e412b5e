package build

import (
	"slices"
	"strings"

	"github.com/kehoach/kehoach/internal/docref"
	"github.com/kehoach/kehoach/internal/model"
)

// documentsDir holds a page for every document the content cites.
const documentsDir = "documents/"

// document is a cited document and the places that cite it.
type document struct {
	Slug     string
	Title    string      // "Chỉ thị số 28-CT/TW", or the title of its page in content/documents/
	Page     *model.Page // its page in content/documents/, when there is one
	Path     string
	Citing   []citing
	Replaced []citing // places that say it is to be replaced
}

// citing is a place where a document is cited.
type citing struct {
	Path  string // the citing page's address, with the section's anchor
	Label string // the page's title, and the section's
}

// documents gathers, from the citations the Markdown stage found, every
// document cited, with its content page if content/documents/ has one,
// sorted by title.
func (b *builder) documents() []*document {
	bySlug := map[string]*document{}
	get := func(slug, typ, written string) *document {
		d := bySlug[slug]
		if d == nil {
			d = &document{Slug: slug, Title: docref.TypeName(typ) + " số " + written, Path: documentsDir + slug + ".html"}
			if p := b.site.Page(strings.TrimSuffix(d.Path, ".html")); p != nil {
				d.Page, d.Title = p, p.Title
			}
			bySlug[slug] = d
		}
		return d
	}
	labels := map[*model.Page]string{}
	for _, t := range b.site.Tasks {
		labels[&t.Page] = t.ID + " — " + t.Title
	}
	for _, p := range b.site.Pages() {
		for _, c := range b.citations[p] {
			d := get(c.Slug, c.Type, c.Text)
			label, ok := labels[p]
			if !ok {
				label = citingLabel(p)
			}
			place := citing{Path: p.Path, Label: label}
			if c.Anchor != "" {
				place.Path += "#" + c.Anchor
				if l := sectionLabel(p, c.Anchor); l != "" {
					place.Label += " › " + l
				}
			}
			if !slices.Contains(d.Citing, place) {
				d.Citing = append(d.Citing, place)
			}
			if c.Replaces && !slices.Contains(d.Replaced, place) {
				d.Replaced = append(d.Replaced, place)
			}
		}
	}
	docs := make([]*document, 0, len(bySlug))
	for _, d := range bySlug {
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(x, y *document) int { return strings.Compare(x.Slug, y.Slug) })
	return docs
}

func citingLabel(p *model.Page) string {
	if p.Numeral != "" {
		return p.Numeral + "- " + p.Title
	}
	return p.Title
}

// sectionLabel names a section of p by its heading, or the plan's numbering.
func sectionLabel(p *model.Page, anchor string) string {
	for _, h := range p.TOC {
		if h.ID == anchor {
			return h.Text
		}
	}
	return model.AnchorLabel(anchor)
}

// docLink is the link from page p to a document's page.
func (b *builder) docLink(p *model.Page) func(slug string) string {
	return func(slug string) string { return b.rel(p.Path, documentsDir+slug+".html") }
}
