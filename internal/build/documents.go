package build

import (
	"slices"
	"strings"

	"github.com/kehoach/kehoach/internal/docref"
	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/source"
)

// documentsDir holds a page for every document the content cites.
const documentsDir = "documents/"

// document is a cited document and the places that cite it.
type document struct {
	Slug     string
	Title    string          // "Chỉ thị số 28-CT/TW", or the title of its page in content/documents/
	Page     *model.Page     // its page in content/documents/, when there is one
	Doc      *model.Document // the same page, with the tasks it answers
	Path     string
	Citing   []citing
	Replaced []citing    // places that ask for a document to replace it
	Awaited  []citing    // places that wait for one ("khi … có hướng dẫn thay thế")
	By       []*document // the documents that replaced it (replaces = […])
	Replaces []*document // the documents it replaced
	Places   int         // the places of Citing but a task's page that repeats its item of the plan
	Issued   string      // its day and issuer as the content writes them after it, the fullest: "ngày 20/12/2018 của Ban Thường vụ Tỉnh ủy"
}

// Dated reports whether its page in content/documents/ gives its day,
// which then stands before the plan's words (Issued).
func (d *document) Dated() bool { return d.Doc != nil && !d.Doc.Date.IsZero() }

// ToBeReplaced reports whether the plan says the document is to be
// replaced, by a document it asks for or one it waits for.
func (d *document) ToBeReplaced() bool { return len(d.Replaced)+len(d.Awaited) > 0 }

// citing is a place where a document is cited.
type citing struct {
	Path  string // the citing page's address, with the section's anchor
	Label string // the page's title, and the section's
}

// documents gathers every page of content/documents/ and, from the
// citations the Markdown stage found, every document cited, sorted by slug,
// with the problems of what the pages say they replace.
func (b *builder) documents() ([]*document, error) {
	bySlug := map[string]*document{}
	for _, doc := range b.site.Documents {
		slug := strings.TrimPrefix(doc.Key, "documents/")
		bySlug[slug] = &document{Slug: slug, Title: doc.Title, Page: &doc.Page, Doc: doc, Path: doc.Path}
	}
	get := func(slug, typ, written string) *document {
		d := bySlug[slug]
		if d == nil {
			d = &document{Slug: slug, Title: docref.TypeName(typ) + " số " + written, Path: documentsDir + slug + ".html"}
			bySlug[slug] = d
		}
		return d
	}
	labels := map[*model.Page]string{} // of the tasks that cite a document
	taskAt := map[string]*model.Task{} // by address
	for _, t := range b.site.Tasks {
		taskAt[t.Path] = t
		if len(b.body(&t.Page).res.Citations) > 0 {
			labels[&t.Page] = t.ID + " — " + t.Title
		}
	}
	type listed struct {
		place citing
		list  *[]citing
	}
	seen := map[listed]bool{} // a page citing a document twice in a section is listed once
	add := func(place citing, lists ...*[]citing) {
		for _, list := range lists {
			if k := (listed{place, list}); !seen[k] {
				seen[k] = true
				*list = append(*list, place)
			}
		}
	}
	for _, p := range b.site.Pages() {
		for _, c := range b.body(p).res.Citations {
			d := get(c.Slug, c.Type, c.Text)
			if len(c.Issued) > len(d.Issued) {
				d.Issued = c.Issued
			}
			label, ok := labels[p]
			if !ok {
				label = citingLabel(p, p == b.site.Home)
			}
			place := citing{Path: p.Path, Label: label}
			if c.Anchor != "" {
				place.Path += "#" + c.Anchor
				if l := p.SectionLabel(c.Anchor); l != "" {
					place.Label += " › " + l
				}
			}
			switch {
			case c.Replaces && c.Awaited:
				add(place, &d.Citing, &d.Awaited)
			case c.Replaces:
				add(place, &d.Citing, &d.Replaced)
			default:
				add(place, &d.Citing)
			}
		}
	}
	// What a conditional task waits for may be the replacement of a
	// document: awaits = "hướng dẫn … thay thế Hướng dẫn số 35-HĐ/BTCTW".
	for _, t := range b.site.Tasks {
		awaits := t.Deadline.Awaits
		for _, c := range docref.Find(awaits) {
			if c.Issuer == "" {
				continue
			}
			d := get(c.Slug(), c.Type, awaits[c.Start:c.End])
			place := citing{Path: t.Path, Label: t.ID + " — " + t.Title}
			if replaces, _ := docref.Replacement(awaits[:c.Start]); replaces {
				add(place, &d.Citing, &d.Awaited)
			} else {
				add(place, &d.Citing)
			}
		}
	}
	err := b.linkReplacements(bySlug)
	docs := make([]*document, 0, len(bySlug))
	for _, d := range bySlug {
		d.Places = len(d.Citing) - repeats(d.Citing, taskAt)
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(x, y *document) int { return strings.Compare(x.Slug, y.Slug) })
	return docs, err
}

// linkReplacements records which documents the pages of content/documents/
// say they replace (replaces = ["35-HĐ/BTCTW"]): a document the site knows,
// cited or with its own page.
func (b *builder) linkReplacements(bySlug map[string]*document) error {
	var errs source.ErrorList
	for _, doc := range b.site.Documents {
		d := bySlug[strings.TrimPrefix(doc.Key, "documents/")]
		for _, raw := range doc.Replaces {
			pos := doc.Meta.KeyPos("replaces")
			found := docref.Find(raw)
			if len(found) != 1 || strings.TrimSpace(raw[found[0].Start:found[0].End]) != strings.TrimSpace(raw) {
				errs.Add(pos, "replaces: %q is not a document number (write it as the plan does: \"35-HĐ/BTCTW\")", raw)
				continue
			}
			old := bySlug[found[0].Slug()]
			if old == nil {
				errs.Add(pos, "replaces: %s is cited nowhere and has no page: add content/documents/%s.md", raw, found[0].Slug())
				continue
			}
			if old == d {
				errs.Add(pos, "replaces: %s is this document itself", raw)
				continue
			}
			old.By = append(old.By, d)
			d.Replaces = append(d.Replaces, old)
		}
	}
	return errs.Err()
}

// citingLabel names a page that cites a document: by its title, but the
// home page, titled as the site like the plan's cover page, as such.
func citingLabel(p *model.Page, home bool) string {
	if home {
		return "Trang chủ"
	}
	if p.Numeral != "" {
		return p.Numeral + "- " + p.Title
	}
	return p.Title
}

// docLink is the link from page p to a document's page.
func (b *builder) docLink(p *model.Page) func(slug string) string {
	return func(slug string) string { return b.rel(p.Path, documentsDir+slug+".html") }
}

// repeats counts the places that are a task's page citing what its item of
// the plan (plan_ref) cites, which is among the places too: the task's text
// is that item's, and the plan names the document once.
func repeats(places []citing, taskAt map[string]*model.Task) int {
	n := 0
	for _, p := range places {
		t := taskAt[p.Path]
		if t == nil || t.PlanRef == nil || t.PlanRef.Target == nil {
			continue
		}
		item := t.PlanRef.Target.Path + "#" + t.PlanRef.Anchor
		if slices.ContainsFunc(places, func(q citing) bool { return q.Path == item || strings.HasPrefix(q.Path, item+"-") }) {
			n++
		}
	}
	return n
}
