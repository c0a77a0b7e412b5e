package build

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/parallel"
)

const (
	feedFile    = "updates/atom.xml"
	feedEntries = 50 // the newest updates a feed carries; older ones stay on the updates page
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID       string   `xml:"id"`
	Title    string   `xml:"title"`
	Updated  string   `xml:"updated"`
	Link     atomLink `xml:"link"`
	Category []atomCategory
	Content  atomContent `xml:"content"`
}

type atomCategory struct {
	XMLName xml.Name `xml:"category"`
	Term    string   `xml:"term,attr"`
}

type atomContent struct {
	Base string `xml:"xml:base,attr,omitempty"` // relative links in Body are relative to the update's page
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// feedNames are the agencies' feeds, beside their pages (the site's feed
// and the sitemap are claimed by newClaims).
func (b *builder) feedNames() []generatedFile {
	var files []generatedFile
	for _, a := range b.site.Agencies {
		files = append(files, generatedFile{agencyFeed(a), a.Pos()})
	}
	return files
}

// writeFeeds writes the Atom feed of updates, the agencies' feeds and the
// sitemap.
func (b *builder) writeFeeds() error {
	return b.writeGenerated(append([]string{"sitemap.xml", feedFile}, fileNames(b.feedNames())...), b.feeds)
}

// feeds makes the files of writeFeeds: the feeds on every core, the
// sitemap beside them.
func (b *builder) feeds() (map[string][]byte, error) {
	type feed struct {
		file, id, title, page string
		updates               []*model.Update
	}
	feeds := []feed{{feedFile, "updates", b.cfg.Title + " — Tin cập nhật", "updates/index.html", b.site.Updates}}
	for _, a := range b.site.Agencies {
		feeds = append(feeds, feed{agencyFeed(a), "agencies/" + a.Slug, a.Title + " — Tin cập nhật", a.Path, a.Updates})
	}
	var sitemap []byte
	var wg sync.WaitGroup
	wg.Go(func() { sitemap = b.sitemap() })
	made := make([][]byte, len(feeds))
	errs := make([]error, len(feeds))
	parallel.For(len(feeds), b.workers, func(i int) {
		f := feeds[i]
		made[i], errs[i] = b.atom(f.file, f.id, f.title, f.page, f.updates)
	})
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	files := map[string][]byte{"sitemap.xml": sitemap}
	for i, f := range feeds {
		files[f.file] = made[i]
	}
	return files, nil
}

// agencyFeed is the address of an agency's Atom feed: beside its page.
func agencyFeed(a *model.Agency) string { return strings.TrimSuffix(a.Path, ".html") + ".xml" }

// atom is the Atom feed written to file, of the newest updates (newest
// first), whose page is page.
func (b *builder) atom(file, id, title, page string, updates []*model.Update) ([]byte, error) {
	updated := b.opt.Now
	if len(updates) > 0 {
		updated = updates[0].Date
	}
	f := atomFeed{
		Lang:    "vi",
		ID:      b.feedID(id),
		Title:   title,
		Updated: updated.Format(time.RFC3339),
		Links:   []atomLink{{Rel: "self", Href: b.rel(file, file)}, {Href: b.rel(file, page)}},
	}
	if b.cfg.Author != "" {
		f.Author = &atomAuthor{Name: b.cfg.Author}
	}
	for _, u := range updates[:min(len(updates), feedEntries)] {
		f.Entries = append(f.Entries, b.atomEntry(file, u))
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func (b *builder) atomEntry(file string, u *model.Update) atomEntry {
	e := atomEntry{
		ID:      b.feedID(strings.TrimSuffix(u.Path, ".html")),
		Title:   u.Title,
		Updated: u.Date.Format(time.RFC3339),
		Link:    atomLink{Href: b.rel(file, u.URL())},
		Content: atomContent{Base: b.rel(file, u.URL()), Type: "html", Body: string(u.HTML)},
	}
	for _, t := range u.Tags {
		e.Category = append(e.Category, atomCategory{Term: t})
	}
	return e
}

// feedID is a stable Atom id: the address under the base URL, or a tag URI.
func (b *builder) feedID(key string) string {
	if b.cfg.BaseURL != "" {
		return b.cfg.BaseURL + key + "/"
	}
	return "tag:kehoach,2022:" + key
}

// sitemap lists every page written but the 404 page; addresses are
// absolute under the base URL, and site-relative without one.
func (b *builder) sitemap() []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range b.pageFiles {
		buf.WriteString("  <url><loc>")
		_ = xml.EscapeText(&buf, []byte(b.cfg.BaseURL+p))
		buf.WriteString("</loc></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}
