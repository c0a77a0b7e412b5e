package build

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kehoach/kehoach/internal/markdown"
	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/search"
)

// folderSink is a sink that can give a writer a real folder: the search
// index is written by bleve, not through the sink.
type folderSink interface {
	Path(name string) string
}

// wantsIndex reports whether this build writes a bleve index: when the
// sink has folders and the build did not opt out.
func (b *builder) wantsIndex() bool {
	_, ok := b.sink.(folderSink)
	return ok && !b.opt.NoSearch
}

// writeSearch writes the static search index and, where the sink has
// folders, the bleve index, both from one analysis of the documents.
func (b *builder) writeSearch() error {
	if b.opt.NoSearch {
		return nil
	}
	if b.opt.SearchLater {
		b.res.Search = sync.OnceValue(b.searchDocs)
		return nil
	}
	docs := b.searchDocs()
	b.res.SearchDocs = len(docs)
	static := search.NewStaticIndex()
	if err := b.writeIndex(docs, static); err != nil {
		if b.ctx().Err() != nil {
			return fmt.Errorf("build stopped: %w", err)
		}
		return fmt.Errorf("%s: %w", search.Dir, err)
	}
	return b.writeStatic(static)
}

// writeIndex writes the bleve index when the sink has folders, and else
// only analyses the documents for the static index.
func (b *builder) writeIndex(docs []search.Document, static *search.StaticIndex) error {
	if !b.wantsIndex() {
		return static.Analyse(b.ctx(), docs)
	}
	var progress func(done, total int)
	if b.opt.Progress != nil {
		progress = func(done, total int) { b.opt.Progress("search", done, total) }
	}
	return search.Write(b.ctx(), b.sink.(folderSink).Path(search.Dir), docs, progress, static)
}

// writeStatic writes the static search index, for search with no server.
func (b *builder) writeStatic(static *search.StaticIndex) error {
	files, report, err := static.Files()
	if err != nil {
		return err
	}
	// The folder of the static index and the API's script are the build's
	// own (newClaims, claims.claim): no input can claim them.
	write := func(name string, data []byte) error {
		b.res.Files++
		return b.sink.Write(name, data)
	}
	for _, f := range files {
		if err := write(search.StaticDir+"/"+f.Name, f.Data); err != nil {
			return err
		}
	}
	if err := write(search.APIScript, search.APIScriptData(false)); err != nil {
		return err
	}
	b.res.Static = report
	return nil
}

// searchPreload are the files of the offline index that the search page
// asks for with its own: none behind kehoach serve, which answers the
// search API.
func (b *builder) searchPreload() []string {
	if b.opt.SearchAPI {
		return nil
	}
	return b.res.Static.Preload
}

// searchDocs lists the search documents of the whole site.
func (b *builder) searchDocs() []search.Document {
	s := b.site
	var docs []search.Document
	add := func(d search.Document) { docs = append(docs, d) }
	if s.PlanIndex != nil { // the home page is where a search starts, not an answer
		b.sectionDocs(s.PlanIndex, "plan", add)
	}
	for _, p := range s.Parts {
		b.sectionDocs(&p.Page, "plan", add)
	}
	for _, g := range s.Guidance {
		b.sectionDocs(&g.Page, "guidance", add)
	}
	for _, p := range s.Other {
		b.sectionDocs(p, "page", add)
	}
	for _, d := range s.Documents {
		b.sectionDocs(&d.Page, "page", add)
	}
	for _, t := range s.Tasks {
		add(b.taskDoc(t))
	}
	for _, a := range s.Agencies {
		add(search.Document{ID: a.Path, URL: a.Path, Title: a.Title, Section: a.Short, Kind: "agency",
			Agencies: []string{a.Slug}, Text: strings.TrimPrefix(b.body(&a.Page).plain+"\n"+taskCount(a), "\n")})
	}
	for _, u := range s.Updates {
		d := search.Document{ID: u.Path, URL: u.Path, Title: u.Title, Kind: "update",
			Date: u.Date.Format("2006-01-02"), Text: b.body(&u.Page).plain, Extra: strings.Join(u.Tags, "\n")}
		if u.Agency != nil {
			d.Agencies = []string{u.Agency.Slug}
		}
		add(d)
	}
	return docs
}

// taskCount is the line of an agency's page that counts its tasks, which
// its search result shows when the page has no text of its own.
func taskCount(a *model.Agency) string {
	switch leads, partners := len(a.Leads), len(a.Partners); {
	case leads > 0 && partners > 0:
		return fmt.Sprintf("Chủ trì %d nhiệm vụ, phối hợp %d nhiệm vụ.", leads, partners)
	case leads > 0:
		return fmt.Sprintf("Chủ trì %d nhiệm vụ.", leads)
	case partners > 0:
		return fmt.Sprintf("Phối hợp %d nhiệm vụ, không chủ trì nhiệm vụ nào.", partners)
	}
	return "Chưa được giao nhiệm vụ nào."
}

// sectionDocs adds one document per section of a page.
func (b *builder) sectionDocs(p *model.Page, kind string, add func(search.Document)) {
	var items []string
	if p.Numeral != "" { // "phần IV" finds the sections of part IV
		items = []string{strings.ToLower(p.Numeral)}
	}
	secs := b.body(p).res.Sections
	for i, sec := range secs {
		url := p.Path
		if sec.ID != "" {
			url += "#" + sec.ID
		}
		id := url
		if sec.ID == "" && i > 0 {
			id += "~" + strconv.Itoa(i)
		}
		title := p.Title
		if p.Numeral != "" {
			title = p.Numeral + "- " + title
		}
		heading := sec.Heading
		if heading == "" {
			heading = model.AnchorLabel(sec.ID)
		}
		var places []search.Place
		for _, it := range sec.Items {
			places = append(places, search.Place{ID: it.ID, Offset: it.Offset})
		}
		add(search.Document{ID: id, URL: url, Title: title, Section: heading, Kind: kind, Text: sec.Text, Places: places, Items: items,
			Note: contentsNote(secs, i)})
	}
}

// contentsNote is what the result of a heading with no text of its own
// says where a snippet would be: the sections under it, by their numbers
// where all have one ("Gồm các mục IV.2.1, IV.2.2, IV.2.3."), else by their
// headings.
func contentsNote(secs []markdown.Section, i int) string {
	if secs[i].Level == 0 || strings.TrimSpace(secs[i].Text) != "" {
		return ""
	}
	var numbers, headings []string
	level := 0 // of the sections right under it
	for _, s := range secs[i+1:] {
		if s.Level <= secs[i].Level {
			break
		}
		if level == 0 {
			level = s.Level
		}
		if s.Level == level {
			numbers, headings = append(numbers, model.AnchorLabel(s.ID)), append(headings, s.Heading)
		}
	}
	switch {
	case len(headings) == 0:
		return ""
	case !slices.Contains(numbers, ""):
		return "Gồm các mục " + strings.Join(numbers, ", ") + "."
	}
	return "Gồm các mục: " + strings.Join(headings, "; ") + "."
}

func (b *builder) taskDoc(t *model.Task) search.Document {
	d := search.Document{
		ID: t.Path, URL: t.Path, Title: t.ID + " — " + t.Title, Kind: "task",
		Status:   t.StateOn(b.opt.Now, b.cfg.DueSoonDays).Slug(),
		Deadline: t.Deadline.Kind.Slug(),
		Text:     b.body(&t.Page).plain + "\n" + t.Deadline.Text,
	}
	// The task's number ("V.5.1") and the item of the plan it is: either
	// finds it. They differ where the plan assigns it in a heading's one
	// paragraph (V.5.1 is V.5's text).
	d.Items = append(d.Items, strings.ToLower(strings.ReplaceAll(t.ID, ".", "-")))
	if t.PlanRef != nil {
		d.Items = append(d.Items, t.PlanRef.Anchor)
	}
	if due, ok := t.Due(); ok {
		d.Date = due.End.Format("2006-01-02")
	}
	var extra []string
	for _, a := range append(append([]*model.Agency{}, t.Leads...), t.Partners...) {
		for _, n := range append([]*model.Agency{a}, a.Members...) { // the filter by a member finds its group's tasks
			if !slices.Contains(d.Agencies, n.Slug) { // once each: the ranking weighs how often a document names it
				d.Agencies = append(d.Agencies, n.Slug)
			}
		}
		extra = append(extra, a.Title, a.Short)
	}
	d.Extra = strings.Join(extra, "\n")
	d.Note = taskNote(t)
	return d
}

// taskNote is what a task's result says under its title: who leads it,
// who takes part and by when, in the words of its page.
func taskNote(t *model.Task) string {
	titles := func(as []*model.Agency) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Title)
		}
		return out
	}
	var note []string
	if leads := titles(t.Leads); len(leads) > 0 {
		note = append(note, "Chủ trì: "+strings.Join(leads, "; "))
	}
	partners := titles(t.Partners)
	if t.PartnersText != "" {
		partners = append(partners, t.PartnersText)
	}
	if len(partners) > 0 {
		note = append(note, "Phối hợp: "+strings.Join(partners, "; "))
	}
	switch d := t.Deadline; {
	case d.Text != "":
		note = append(note, "Thời hạn: "+d.Text)
	case d.Kind.Slug() == "ongoing":
		note = append(note, "Thời hạn: "+d.Label()+" (Kế hoạch không nêu thời hạn)")
	case d.Label() != "":
		note = append(note, "Thời hạn: "+d.Label())
	}
	return strings.Join(note, " · ")
}
