package build

import (
	"errors"
	"html/template"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kehoach/kehoach/internal/config"
	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/tmpl"
)

// siteView is what every page's template sees of the whole site.
type siteView struct {
	Config      config.Config
	Model       *model.Site
	Now         time.Time
	CSS         string // site-relative address of the stylesheet
	StaticIndex bool   // the build writes the static search index (search/data/) and search.APIScript
	Sections    []section

	preload      []string // the search page's SearchPreload, once the search index is written
	planCalendar bool     // the whole plan has a calendar (a task with a date)
	news         map[*model.Task][]*model.Update

	layouts *tmpl.Set
	order   map[*model.Task]int // each task's place in the plan, which lists keep among equals
	// rendered holds the partials rendered once and reused, by key: each
	// task's row once per link depth (rowKey), the head, header and footer
	// once per depth and section (frameKey), the partials of Cached once per
	// depth and value (cachedKey).
	rendered sync.Map
}

// renderOnce returns the partial rendered under key, rendering it with
// data() the first time. Errors are not kept.
func (sv *siteView) renderOnce(key any, partial string, data func() any) (template.HTML, error) {
	if h, ok := sv.rendered.Load(key); ok {
		return h.(template.HTML), nil
	}
	h, err := sv.layouts.Partial(partial, data())
	if err != nil {
		return "", err
	}
	sv.rendered.Store(key, h)
	return h, nil
}

type cachedKey struct {
	partial, root string
	data          any
}

// cachedData is what a partial called through Cached sees: the site, the
// prefix of links, and the value it was given, and nothing of the page.
type cachedData struct {
	Site *siteView
	Root string
	Data any
}

// cachedPartial renders partial with data as seen from pages whose links
// start with root: once for each partial, root and value when data is a
// pointer (an agency), a string, an integer or a boolean, whose equality is
// sameness, else each time (a float's -0 equals 0 but prints otherwise, a
// NaN equals nothing, a struct may hold either).
func (sv *siteView) cachedPartial(partial, root string, data any) (template.HTML, error) {
	in := cachedData{Site: sv, Root: root, Data: data}
	if !cacheable(data) {
		return sv.layouts.Partial(partial, in)
	}
	return sv.renderOnce(cachedKey{partial, root, data}, partial, func() any { return in })
}

// cacheable reports whether data may key cachedPartial's renderings.
func cacheable(data any) bool {
	if data == nil {
		return false
	}
	switch reflect.TypeOf(data).Kind() {
	case reflect.Pointer, reflect.String, reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

type frameKey struct {
	partial, root, current string
}

// frame is what the head, header and footer partials see: the site, the
// prefix of links, and (header and footer) the navigation, and nothing of
// the page, so that one rendering serves every page at the same depth (in
// the same section).
type frame struct {
	Site *siteView
	Root string
	Nav  []navLink
}

type rowKey struct {
	root string
	task *model.Task
}

// section is an entry of the main navigation.
type section struct {
	Name, Dir string
}

// navLink is a navigation entry as one page shows it.
type navLink struct {
	Name, Href string
	Current    bool // the page is in the entry's section
	Page       bool // … and is the entry's own page: aria-current="page", else "true"
}

// view is the data of one page's template.
type view struct {
	Site  *siteView
	Kind  string
	Path  string // the page's output file
	Root  string // prefix that turns a site-relative address into a link
	Title string
	Page  *model.Page // the page's own text, when it has one
	Nav   []navLink

	Part      *model.Part
	Guidance  *model.Guidance
	Agency    *model.Agency
	Task      *model.Task
	Update    *model.Update
	Targets   *model.Part // the plan's targets (part II), on the home page
	Updates   []*model.Update
	Years     []updateYear
	Groups    []taskGroup
	Partner   []taskGroup
	Document  *document   // a document's page
	Documents []*document // the list of documents
	Dashboard dashboardView
}

// SearchPreload are the files of the static index that every query loads
// first, which the search page asks for with its own. Only the search
// page has them: it is written after the search index, the other pages
// before it, so that their errors show without waiting for it.
func (v *view) SearchPreload() ([]string, error) {
	if v.Kind != "search" {
		return nil, errors.New(".SearchPreload is for the search page (layouts/search.html) only: the other pages are written before the search index")
	}
	return v.Site.preload, nil
}

// taskGroup is a titled list of tasks.
type taskGroup struct {
	Name, Slug string
	Tasks      []*model.Task
}

// updateYear is the updates of one year.
type updateYear struct {
	Year    int
	Updates []*model.Update
}

// Calendar is the address of the page's calendar, relative to the site
// root: an agency page's is the agency's, every other page's the whole
// plan's; "" when it has no task with a date.
func (v *view) Calendar() string {
	switch {
	case v.Agency != nil && hasCalendar(v.Agency):
		return calendarFile(v.Agency.Slug)
	case v.Agency == nil && v.Site.planCalendar:
		return calendarFile("")
	}
	return ""
}

// TaskCount is the agency page's count of its tasks ("Chủ trì 2 nhiệm vụ,
// phối hợp 1 nhiệm vụ."), the line its search result shows too.
func (v *view) TaskCount() string {
	if v.Agency == nil {
		return ""
	}
	return taskCount(v.Agency)
}

// PartTasks are the tasks that a part of the plan assigns (whose plan_ref
// is in it), in the site's order: a part page lists them with their
// states, so that a reader goes from the plan's words to what became of
// them.
func (v *view) PartTasks() []*model.Task {
	if v.Part == nil {
		return nil
	}
	var out []*model.Task
	for _, t := range v.Site.Model.Tasks {
		if t.PlanRef != nil && t.PlanRef.Target == &v.Part.Page {
			out = append(out, t)
		}
	}
	return out
}

// PartHTML is the part's text with, at the end of each numbered item that
// tasks are tracked from (their plan_ref names its anchor), those tasks
// rendered by the partial note, which sees a list of task rows: a reader
// of the plan sees what became of each assignment where the plan makes it.
func (v *view) PartHTML(note string) (template.HTML, error) {
	if v.Part == nil {
		return "", errors.New("PartHTML: not a part of the plan")
	}
	text := string(v.Part.HTML)
	at := map[int][]taskRow{}
	for _, t := range v.PartTasks() {
		if off, ok := v.Part.Slots[t.PlanRef.Anchor]; ok {
			at[off] = append(at[off], v.row(t))
		}
	}
	offsets := slices.Sorted(maps.Keys(at))
	var b strings.Builder
	last := 0
	for _, off := range offsets {
		h, err := v.Site.layouts.Partial(note, at[off])
		if err != nil {
			return "", err
		}
		b.WriteString(text[last:off])
		b.WriteString(string(h))
		last = off
	}
	b.WriteString(text[last:])
	return template.HTML(b.String()), nil
}

// State is a task's state on the build's day.
func (v *view) State(t *model.Task) model.State {
	return t.StateOn(v.Site.Now, v.Site.Config.DueSoonDays)
}

// Cached is the partial named partial rendered with data, which it sees
// as .Data beside .Site and .Root: rendered once for every page at the
// same depth, as Hugo's partialCached does, so it must depend on nothing
// else. An agency's link is one.
func (v *view) Cached(partial string, data any) (template.HTML, error) {
	return v.Site.cachedPartial(partial, v.Root, data)
}

// Head is the head partial for this page: what its <head> holds besides
// the title, which is the same for every page at one depth.
func (v *view) Head() (template.HTML, error) { return v.frame("head", false) }

// Header is the header partial for this page.
func (v *view) Header() (template.HTML, error) { return v.frame("header", true) }

// Footer is the footer partial for this page.
func (v *view) Footer() (template.HTML, error) { return v.frame("footer", true) }

// frame renders partial once for each depth, and for each current section
// when the partial shows the navigation (nav); without it, the partial
// gets no .Nav.
func (v *view) frame(partial string, nav bool) (template.HTML, error) {
	in := frame{Site: v.Site, Root: v.Root}
	current := ""
	if nav {
		in.Nav = v.Nav
		for _, n := range v.Nav {
			if n.Current {
				current = n.Href
				if n.Page {
					current += "#page"
				}
			}
		}
	}
	return v.Site.renderOnce(frameKey{partial, v.Root, current}, partial, func() any { return in })
}

// nav is the main navigation as seen from this page.
func (v *view) nav() []navLink {
	links := make([]navLink, len(v.Site.Sections))
	for i, s := range v.Site.Sections {
		links[i] = navLink{Name: s.Name, Href: v.Root + s.Dir + "index.html", Current: strings.HasPrefix(v.Path, s.Dir),
			Page: v.Path == s.Dir+"index.html"}
	}
	return links
}

// byDeadlineKind groups tasks by the kind of their deadline.
func byDeadlineKind(tasks []*model.Task) []taskGroup {
	var groups []taskGroup
	for _, k := range model.DeadlineKinds() {
		g := taskGroup{Name: k.Name(), Slug: k.Slug()}
		for _, t := range tasks {
			if t.Deadline.Kind == k {
				g.Tasks = append(g.Tasks, t)
			}
		}
		if len(g.Tasks) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// News are the updates that link to task t's page, newest first.
func (v *view) News(t *model.Task) []*model.Update { return v.Site.news[t] }

// States are the states a task may be in: the search page leads a query
// that names one ("quá hạn") to its group on the deadlines page.
func (v *view) States() []model.State { return model.States() }

// byState groups tasks by their state on day now, soonest first within a group.
func byState(tasks []*model.Task, now time.Time, soon int) []taskGroup {
	groups := make([]taskGroup, 0, 7)
	for _, st := range model.States() {
		g := taskGroup{Name: st.Name(), Slug: st.Slug()}
		for _, t := range tasks {
			if t.StateOn(now, soon) == st {
				g.Tasks = append(g.Tasks, t)
			}
		}
		sortByNextEnd(g.Tasks, now)
		groups = append(groups, g)
	}
	return groups
}

func byYear(updates []*model.Update) []updateYear {
	var years []updateYear
	for _, u := range updates {
		if n := len(years); n == 0 || years[n-1].Year != u.Date.Year() {
			years = append(years, updateYear{Year: u.Date.Year()})
		}
		years[len(years)-1].Updates = append(years[len(years)-1].Updates, u)
	}
	return years
}

// taskRow is what the task-row partial sees: the task, its state, and the
// prefix of links from the page it is on, and nothing else, so that one
// rendering serves every page at the same depth.
type taskRow struct {
	Root  string
	T     *model.Task
	State model.State
	Order int // the task's place in the plan

	site *siteView
}

// Cached is view.Cached, for the task-row partial.
func (r taskRow) Cached(partial string, data any) (template.HTML, error) {
	return r.site.cachedPartial(partial, r.Root, data)
}

// TaskRow is the task-row partial for t as seen from this page, rendered
// once per link depth and reused by every list that shows the task.
func (v *view) TaskRow(t *model.Task) (template.HTML, error) {
	return v.Site.renderOnce(rowKey{v.Root, t}, "task-row", func() any { return v.row(t) })
}

// NextEnd is the day task t is due by on the build's day (Task.NextEnd),
// when its deadline does not say that day already: the end of this
// year's window for a yearly task ("Quý IV/2022 và những năm tiếp theo"
// is due 31/12/2026 in 2026), the end of a quarter or a year, but not the
// last of the days a deadline lists, nor the end a task given time after
// an awaited document shows with it. Zero otherwise.
func (v *view) NextEnd(t *model.Task) time.Time { return v.Site.nextEnd(t) }

func (sv *siteView) nextEnd(t *model.Task) time.Time {
	end := t.NextEnd(sv.Now)
	if end.IsZero() || t.Arrival != nil || !t.Deadline.Recurring && strings.Contains(t.Deadline.Text+" "+t.Deadline.Label(), end.Format("02/01/2006")) {
		return time.Time{}
	}
	return end
}

// NextEnd is view.NextEnd, for the task-row partial.
func (r taskRow) NextEnd() time.Time { return r.site.nextEnd(r.T) }

// UnreportedYears is Task.UnreportedYears on the build's day, for the
// task-row partial.
func (r taskRow) UnreportedYears() []int { return r.T.UnreportedYears(r.site.Now) }

// row is task t as the task-row and plan-note partials see it.
func (v *view) row(t *model.Task) taskRow {
	return taskRow{Root: v.Root, T: t, State: v.State(t), Order: v.Site.order[t], site: v.Site}
}

// groupList is a list of task groups as the task-groups partial sees it.
type groupList struct {
	V      *view
	Groups []taskGroup
	Prefix string // prefix of the groups' heading ids, unique on the page
	Sub    bool   // the groups sit under a heading of their own: use h3
}

// YearlyDueSoon are the yearly tasks of the overdue group, overdue for want
// of a report on an earlier year, whose window of this year ends within the
// due-soon span: counted once, as overdue, the deadlines page names them
// under "Sắp đến hạn" too, for a reader chasing this month's deadlines
// (states.js names them again for the reader's day).
func (l groupList) YearlyDueSoon() []*model.Task {
	now := l.V.Site.Now
	soon := now.AddDate(0, 0, l.V.Site.Config.DueSoonDays)
	var out []*model.Task
	for _, g := range l.Groups {
		if g.Slug != "overdue" {
			continue
		}
		for _, t := range g.Tasks {
			if due, ok := t.Due(); ok && due.Recurring {
				if _, end := due.Next(now); !end.Before(now) && !end.After(soon) {
					out = append(out, t)
				}
			}
		}
	}
	return out
}

// GroupList prepares groups for the task-groups partial.
func (v *view) GroupList(prefix string, groups []taskGroup) groupList {
	return groupList{V: v, Groups: groups, Prefix: prefix, Sub: prefix != ""}
}

// KindName is the Vietnamese name of an agency kind of the content model;
// a kind it does not know is shown as written.
func (v *view) KindName(kind string) string {
	switch kind {
	case "ban-dang":
		return "Cơ quan tham mưu, giúp việc Tỉnh ủy"
	case "dang-doan":
		return "Đảng đoàn, ban cán sự đảng"
	case "doan-the":
		return "Mặt trận, đoàn thể"
	case "cap-uy":
		return "Cấp ủy, cấp ủy viên"
	case "co-quan":
		return "Cơ quan, đơn vị"
	case "trung-uong":
		return "Trung ương"
	}
	return kind
}
