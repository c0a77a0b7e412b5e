package search

import "strings"

// Document is one searchable part of the site: a section of a page, or a
// whole task, agency or update.
type Document struct {
	ID       string   // unique: the URL, with "~n" for a second part with the same URL
	URL      string   // relative to the site root, with the anchor: "plan/04-nhiem-vu-giai-phap.html#iv-1-3"
	Title    string   // the page's title
	Section  string   // the section's heading, or "" for the page itself
	Kind     string   // plan, guidance, task, agency, update, page
	Agencies []string // agency slugs: a task's leads and partners, an update's agency, an agency itself
	Status   string   // a task's state on the build's day ("overdue", "ongoing", …)
	Deadline string   // a task's deadline kind ("dated", "ongoing", "programme", "conditional")
	Date     string   // YYYY-MM-DD: an update's date or a dated task's end
	Text     string   // the plain text searched and quoted in snippets
	Extra    string   // searched with less weight: a task's agency names, a page's headings
	Places   []Place  // the bullets with anchors in Text, in order
	Items    []string // anchors of the plan's items the document is besides its URL's: a task's ("v-1-3")
	Note     string   // shown under a result's title, not searched: a task's leads, partners and deadline; what a heading without text holds
}

// indexed is a Document as bleve indexes it: the same text in several
// fields analysed differently. Nothing is stored in bleve but doc values for
// facets; what results show is in the record store (store.go).
type indexed struct {
	Kind     string   `json:"kind"`
	Agencies []string `json:"agency"`
	Status   string   `json:"status"`
	Deadline string   `json:"deadline"`
	Date     string   `json:"date"`
	All      string   `json:"all"`   // title, section, text, Extra, and the plan's abbreviations both ways
	Pairs    string   `json:"pairs"` // title, section and text: bigrams, a line each
	Numbers  []string `json:"num"`   // document numbers cited
	Items    []string `json:"item"`  // the plan's items it is or holds (items.go)
}

// analysed returns what bleve indexes of d and the record results show.
func (d Document) analysed() (indexed, record) {
	title, section, text, extra := analyse(d.Title), analyse(d.Section), analyse(d.Text), analyse(d.Extra)
	head := title.line() + "\n" + section.line()
	x := indexed{
		Kind: d.Kind, Agencies: d.Agencies, Status: d.Status, Deadline: d.Deadline, Date: d.Date,
		All: strings.Join([]string{title.terms(), section.terms(), text.terms(), extra.terms(),
			aliases(title, section, text, extra)}, " "),
		Pairs:   head + "\n" + text.line(),
		Numbers: documentNumbers(d.Title + "\n" + d.Section + "\n" + d.Text),
		Items:   itemTerms(d),
	}
	return x, newRecord(d, title, section, text)
}
