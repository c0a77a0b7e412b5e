package build

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"github.com/kehoach/kehoach/internal/model"
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

// writeFeeds writes the Atom feed of updates and the sitemap.
func (b *builder) writeFeeds() error {
	feed, err := b.atom() // its name and the sitemap's are claimed by newClaims
	if err != nil {
		return err
	}
	if err := b.sink.Write(feedFile, feed); err != nil {
		return err
	}
	if err := b.sink.Write("sitemap.xml", b.sitemap()); err != nil {
		return err
	}
	b.res.Files += 2
	return nil
}

func (b *builder) atom() ([]byte, error) {
	updated := b.opt.Now
	if len(b.site.Updates) > 0 {
		updated = b.site.Updates[0].Date
	}
	f := atomFeed{
		Lang:    "vi",
		ID:      b.feedID("updates"),
		Title:   b.cfg.Title + " — Tin cập nhật",
		Updated: updated.Format(time.RFC3339),
		Links:   []atomLink{{Rel: "self", Href: b.rel(feedFile, feedFile)}, {Href: b.rel(feedFile, "updates/index.html")}},
	}
	if b.cfg.Author != "" {
		f.Author = &atomAuthor{Name: b.cfg.Author}
	}
	for _, u := range b.site.Updates[:min(len(b.site.Updates), feedEntries)] {
		f.Entries = append(f.Entries, b.atomEntry(u))
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

func (b *builder) atomEntry(u *model.Update) atomEntry {
	e := atomEntry{
		ID:      b.feedID(strings.TrimSuffix(u.Path, ".html")),
		Title:   u.Title,
		Updated: u.Date.Format(time.RFC3339),
		Link:    atomLink{Href: b.rel(feedFile, u.URL())},
		Content: atomContent{Base: b.rel(feedFile, u.URL()), Type: "html", Body: string(u.HTML)},
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
