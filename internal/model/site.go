package model

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/kehoach/kehoach/internal/source"
)

// Options are the inputs of Load besides the files.
type Options struct {
	Now    time.Time // "today": updates dated after it are left out unless Drafts
	Drafts bool      // include drafts and future updates
	Cache  *Cache    // what the files gave an earlier Load; nil for none
	Unread []string  // content files that could not be read at all, whose errors are reported apart
}

// Site is the whole model of a site.
type Site struct {
	Home       *Page
	PlanIndex  *Page
	Intros     map[string]*Page // section intros: content/<section>/_index.md
	Parts      []*Part
	Guidance   []*Guidance
	Agencies   []*Agency
	Tasks      []*Task
	Updates    []*Update
	Documents  []*Document  // pages of content/documents/
	Other      []*Page      // pages outside the known sections
	Held       []*Page      // updates not published: drafts, and those dated after Now (unless Drafts)
	Indicators []*Indicator // the plan's targets and their figures (IndicatorsFile)
	Warnings   source.ErrorList

	byKey          map[string]*Page
	agencies       map[string]*Agency
	tasks          map[string]*Task
	deadlineWords  *wordings       // what ReadDeadline read of each deadline_text (in prepare)
	unreadTasks    []string        // task files whose front matter did not decode: their ids are unknown
	unreadAgencies map[string]bool // agency files, read or not, that gave no agency: "content/agencies/x.md"
	opt            Options
	errs           source.ErrorList
}

type readDeadline struct {
	d   Deadline
	err error
}

// Load builds the model from content files. It returns all problems together.
func Load(files []*source.File, opt Options) (*Site, error) {
	s := &Site{
		Intros:   map[string]*Page{},
		byKey:    map[string]*Page{},
		agencies: map[string]*Agency{},
		tasks:    map[string]*Task{},
		opt:      opt,
	}
	for _, f := range opt.Unread {
		if strings.HasPrefix(f, "content/agencies/") {
			s.unreadAgency(f)
		}
	}
	var pending []pendingTask
	for _, pr := range opt.Cache.prepare(files, s) {
		if t := s.register(pr, opt.Cache != nil); t != nil {
			pending = append(pending, *t)
		}
	}
	for _, t := range pending {
		s.resolveTask(t)
	}
	s.resolveGroups()
	s.resolveGuidance()
	s.resolveUpdates()
	s.resolveDocuments()
	s.sort()
	s.checkNumerals()
	s.checkAwaitCycles()
	s.checkPaths()
	return s, s.errs.Err()
}

// Page returns the page with content key key ("plan/05-nhiem-vu-cu-the").
func (s *Site) Page(key string) *Page { return s.byKey[key] }

// Agency returns the agency with slug, or nil.
func (s *Site) Agency(slug string) *Agency { return s.agencies[slug] }

// Task returns the task with id, or nil.
func (s *Site) Task(id string) *Task { return s.tasks[id] }

// Pages returns every page of the site, each once.
func (s *Site) Pages() []*Page {
	var all []*Page
	for _, p := range []*Page{s.Home, s.PlanIndex} {
		if p != nil {
			all = append(all, p)
		}
	}
	for _, k := range slices.Sorted(mapKeys(s.Intros)) {
		all = append(all, s.Intros[k])
	}
	for _, p := range s.Parts {
		all = append(all, &p.Page)
	}
	for _, g := range s.Guidance {
		all = append(all, &g.Page)
	}
	for _, a := range s.Agencies {
		all = append(all, &a.Page)
	}
	for _, t := range s.Tasks {
		all = append(all, &t.Page)
	}
	for _, u := range s.Updates {
		all = append(all, &u.Page)
	}
	for _, d := range s.Documents {
		all = append(all, &d.Page)
	}
	return append(all, s.Other...)
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (s *Site) sort() {
	slices.SortFunc(s.Parts, func(a, b *Part) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), strings.Compare(a.Key, b.Key))
	})
	for i, p := range s.Parts {
		if i > 0 {
			p.Prev = s.Parts[i-1]
			s.Parts[i-1].Next = p
		}
	}
	slices.SortFunc(s.Guidance, func(a, b *Guidance) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), strings.Compare(a.Key, b.Key))
	})
	slices.SortFunc(s.Agencies, func(a, b *Agency) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), strings.Compare(a.Slug, b.Slug))
	})
	slices.SortFunc(s.Tasks, CompareTasks)
	for _, t := range s.Tasks {
		slices.SortFunc(t.Awaiting, CompareTasks)
	}
	slices.SortFunc(s.Updates, func(a, b *Update) int {
		return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Key, b.Key))
	})
	for _, a := range s.Agencies {
		slices.SortFunc(a.Leads, CompareTasks)
		slices.SortFunc(a.Partners, CompareTasks)
		slices.SortFunc(a.Updates, func(x, y *Update) int {
			return cmp.Or(y.Date.Compare(x.Date), strings.Compare(x.Key, y.Key))
		})
	}
}

// checkPaths reports two pages that would be written to the same file.
func (s *Site) checkPaths() {
	seen := map[string]*Page{}
	for _, p := range s.Pages() {
		if other, dup := seen[p.Path]; dup {
			s.errs.Add(p.Pos(), "page address %q is also used by %s: rename one of the files%s", p.Path, other.File.Path, source.NamesAlike(p.File.Path, other.File.Path))
			continue
		}
		seen[p.Path] = p
	}
}

// CompareTasks orders tasks by their ids, naturally: "V.2.1" < "V.10.1",
// numbers and roman numerals by value; a shorter id first when one is the
// start of the other.
func CompareTasks(a, b *Task) int {
	for i := range min(len(a.idParts), len(b.idParts)) {
		if c := a.idParts[i].compare(b.idParts[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a.idParts), len(b.idParts))
}

// idPart is one part of a task id, between dots, as CompareTasks orders it.
type idPart struct {
	text   string
	roman  int // its value as a roman numeral, or 0
	digits bool
}

func newIDPart(s string) idPart { return idPart{text: s, roman: romanValue(s), digits: isDigits(s)} }

// idParts splits a task id for CompareTasks.
func idParts(id string) []idPart {
	parts := strings.Split(id, ".")
	out := make([]idPart, len(parts))
	for i, p := range parts {
		out[i] = newIDPart(p)
	}
	return out
}

// compare orders one part of task ids: roman numerals and numbers by
// value, anything else as text.
func (x idPart) compare(y idPart) int {
	if x.roman > 0 && y.roman > 0 {
		return cmp.Compare(x.roman, y.roman)
	}
	if x.digits && y.digits {
		if c := cmp.Or(cmp.Compare(len(x.text), len(y.text)), strings.Compare(x.text, y.text)); c != 0 {
			return c
		}
	}
	return strings.Compare(x.text, y.text)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// romanValue is the value of a roman numeral from I to X, or 0.
func romanValue(s string) int {
	switch s {
	case "I":
		return 1
	case "II":
		return 2
	case "III":
		return 3
	case "IV":
		return 4
	case "V":
		return 5
	case "VI":
		return 6
	case "VII":
		return 7
	case "VIII":
		return 8
	case "IX":
		return 9
	case "X":
		return 10
	}
	return 0
}
