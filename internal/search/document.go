package search

// Document is one searchable part of the site: a section of a page, or a
// whole task, agency or update.
type Document struct {
	ID       string   // unique: the URL, with "~n" for a second part with the same URL
	URL      string   // relative to the site root, with the anchor: "plan/04-nhiem-vu-giai-phap.html#iv-1-3"
	Title    string   // the page's title
	Section  string   // the section's heading, or "" for the page itself
	Path     string   // headings above the section, " › "-separated
	Kind     string   // plan, guidance, task, agency, update, page
	Agencies []string // agency slugs: a task's leads and partners, an update's agency, an agency itself
	Status   string   // a task's state on the build's day ("overdue", "ongoing", …)
	Deadline string   // a task's deadline kind ("dated", "ongoing", "programme", "conditional")
	Date     string   // YYYY-MM-DD: an update's date or a dated task's end
	Text     string   // the plain text searched and quoted in snippets
	Extra    string   // searched with less weight: a task's agency names, a page's headings
}

// indexed is a Document as bleve stores it: the same text in several
// fields analysed differently.
type indexed struct {
	URL      string   `json:"url"`
	Title    string   `json:"title"`
	Section  string   `json:"section"`
	Path     string   `json:"path"`
	Kind     string   `json:"kind"`
	Agencies []string `json:"agency"`
	Status   string   `json:"status"`
	Deadline string   `json:"deadline"`
	Date     string   `json:"date"`
	Text     string   `json:"text"`
	Head     string   `json:"head"`   // title and section, searched with a boost
	Body     string   `json:"body"`   // the text
	Extra    string   `json:"extra"`  // less weight
	Pairs    string   `json:"pairs"`  // head and body: bigrams
	HPairs   string   `json:"hpairs"` // head: bigrams
	Numbers  []string `json:"num"`    // document numbers cited
	Aliases  string   `json:"alias"`  // abbreviations' long forms and long forms' abbreviations
	FHead    string   `json:"fhead"`  // stored: the folded words of title and section, a line each
	FText    string   `json:"ftext"`  // stored: the folded words of the text, one per word of Text
}

func (d Document) indexed() indexed {
	title, section, text, extra := analyse(d.Title), analyse(d.Section), analyse(d.Text), analyse(d.Extra)
	head := title.line() + "\n" + section.line()
	return indexed{
		URL: d.URL, Title: d.Title, Section: d.Section, Path: d.Path, Kind: d.Kind,
		Agencies: d.Agencies, Status: d.Status, Deadline: d.Deadline, Date: d.Date, Text: d.Text,
		Head:    title.terms() + " " + section.terms(),
		Body:    text.terms(),
		Extra:   extra.terms(),
		Pairs:   head + "\n" + text.line(),
		HPairs:  head,
		Numbers: documentNumbers(d.Title + "\n" + d.Section + "\n" + d.Text),
		Aliases: aliases(title, section, text, extra),
		FHead:   head,
		FText:   text.line(),
	}
}
