package build

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/parallel"
	"github.com/kehoach/kehoach/internal/source"
)

// job is one HTML page to write.
type job struct {
	file string // output path
	kind string // its layout
	view func() *view
	pos  source.Pos // what to blame when the page fails
}

// writePages renders every page through its layout, in parallel, but
// the search page, which waits for the search index.
func (b *builder) writePages() error {
	jobs := b.pageJobs
	b.res.Pages = len(jobs)
	b.res.Files += len(jobs)
	var now []job
	for _, j := range jobs {
		if j.kind == "search" {
			b.searchPages = append(b.searchPages, j)
		} else {
			now = append(now, j)
		}
	}
	return b.renderJobs("pages", now)
}

// writeSearchPage renders the search page, now that the files of the
// static index are known.
func (b *builder) writeSearchPage() error {
	b.pages.preload = b.searchPreload()
	return b.renderJobs("search page", b.searchPages)
}

// renderJobs renders jobs in parallel, or leaves them to be rendered when
// asked for (LazyPages); step names them in the progress reports.
func (b *builder) renderJobs(step string, jobs []job) error {
	if b.opt.LazyPages {
		for _, j := range jobs {
			b.res.Lazy[j.file] = func() ([]byte, error) {
				page, err := b.renderJob(j)
				if err != nil {
					return nil, newPageError(j, err)
				}
				return page, nil
			}
		}
		return nil
	}
	var done atomic.Int64
	errs := make([]error, len(jobs))
	order := acrossFolders(jobs)
	parallel.With(len(jobs), b.writers, func() func(int) {
		var buf bytes.Buffer // this writer's, reused from page to page
		return func(k int) {
			i := order[k]
			if err := b.ctx().Err(); err != nil {
				errs[i] = fmt.Errorf("build stopped: %w", err)
				return
			}
			errs[i] = b.writePage(&buf, jobs[i])
			if n := done.Add(1); b.opt.Progress != nil {
				b.opt.Progress(step, int(n), len(jobs))
			}
		}
	})
	return pageErrors(jobs, errs).Err()
}

// acrossFolders is the order to write jobs in: the folders' first pages,
// then their second pages, and so on. Two writers that create files in
// one folder at once wait on each other in the kernel (ext4 locks the
// folder for each new name); taken in turn, the folders keep the writers
// apart. 10,000 files in 50 folders by 16 writers on this machine's disk:
// 0.40-0.49 s folder by folder, 0.28-0.32 s in turn.
func acrossFolders(jobs []job) []int {
	var folders [][]int
	index := map[string]int{}
	for i, j := range jobs {
		dir := path.Dir(j.file)
		k, ok := index[dir]
		if !ok {
			k = len(folders)
			index[dir] = k
			folders = append(folders, nil)
		}
		folders[k] = append(folders[k], i)
	}
	order := make([]int, 0, len(jobs))
	for round := 0; len(folders) > 0; round++ {
		for _, f := range folders {
			order = append(order, f[round])
		}
		folders = slices.DeleteFunc(folders, func(f []int) bool { return len(f) == round+1 })
	}
	return order
}

// pageError is a page that failed to render: at the layout's position
// when the error names one, as it does when a layout goes wrong, and with
// the page it was rendering.
type pageError struct {
	err  *source.Error
	page string // its content file, or its output path when it has none
}

func (e *pageError) Error() string { return e.err.Error() }

// key is what makes two pages' errors one: the message and the place in
// a layout, or the message alone for an error at each page's own file
// ("build stopped: context canceled" once, not once a page).
func (e *pageError) key() string {
	if e.page == e.err.Pos.File {
		return e.err.Msg
	}
	return e.Error()
}

func newPageError(j job, err error) *pageError {
	page := j.pos.File
	if page == "" || strings.HasPrefix(page, "layouts/") {
		page = j.file
	}
	e := source.Errorf(j.pos, "%s", err.Error())
	if le, ok := layoutError(err).(*source.Error); ok {
		e = le
	}
	return &pageError{err: e, page: page}
}

// pageErrors reports each distinct error once, at the first page that hit
// it: a mistake in a layout fails every page of its kind the same way.
func pageErrors(jobs []job, errs []error) source.ErrorList {
	var list []*pageError
	for i, err := range errs {
		if err != nil {
			list = append(list, newPageError(jobs[i], err))
		}
	}
	return distinct(list)
}

// LazyErrors reports the errors of pages rendered after their build
// (Result.Lazy), by output path, as the build would have: each distinct
// error once, at the first page that hit it.
func LazyErrors(errs map[string]error) error {
	var list []*pageError
	for _, name := range sortedKeys(errs) {
		var e *pageError
		if !errors.As(errs[name], &e) {
			var se *source.Error
			if !errors.As(errs[name], &se) {
				se = &source.Error{Pos: source.Pos{File: name}, Msg: errs[name].Error()}
			}
			e = &pageError{err: se, page: se.Pos.File}
		}
		list = append(list, e)
	}
	return distinct(list).Err()
}

// distinct keeps the first error of each message and position, naming
// the page it was rendering when the error stands elsewhere (in its
// layout), and counting the other pages.
func distinct(errs []*pageError) source.ErrorList {
	var list source.ErrorList
	var firsts []*pageError
	count := map[string]int{} // error → pages
	for _, e := range errs {
		key := e.key()
		if count[key]++; count[key] == 1 {
			firsts = append(firsts, e)
		}
	}
	for _, pe := range firsts {
		e, more := pe.err, count[pe.key()]-1
		others := ""
		switch {
		case more == 1:
			others = " and 1 more page"
		case more > 1:
			others = fmt.Sprintf(" and %d more pages", more)
		}
		switch {
		case pe.page != e.Pos.File:
			list.Add(e.Pos, "%s (rendering %s%s)", e.Msg, pe.page, others)
		case more > 0:
			list.Add(e.Pos, "%s (%s)", e.Msg, others[1:])
		default:
			list.Add(e.Pos, "%s", e.Msg)
		}
	}
	return list
}

// writePage renders a page into buf and writes it. Each writer renders
// into a buffer of its own, reused from page to page (a build of 10,000
// pages would otherwise grow its heap by the size of the site, or, with
// buffers from a pool that each collection empties, keep allocating
// them), and gives a sink that keeps what it is given a copy.
func (b *builder) writePage(buf *bytes.Buffer, j job) error {
	buf.Reset()
	if err := b.render(buf, j); err != nil {
		return err
	}
	page := buf.Bytes()
	if !output.Reusable(b.sink) {
		page = bytes.Clone(page)
	}
	return b.sink.Write(j.file, page)
}

// renderJob renders a page through its layout. Once the build has
// finished, it may still be called, from any goroutine, to render a page
// the build left to render (Options.LazyPages).
func (b *builder) renderJob(j job) ([]byte, error) {
	var buf bytes.Buffer
	if err := b.render(&buf, j); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// render appends a page, rendered through its layout, to buf.
func (b *builder) render(buf *bytes.Buffer, j job) error {
	v := j.view()
	hint := 8 << 10 // spare the buffer its first regrowths
	if v.Page != nil {
		hint += 2 * len(v.Page.HTML)
	}
	buf.Grow(hint)
	return b.layouts.Render(buf, j.kind, v)
}

// checkOutputs claims every file the build writes before it writes any,
// so that all clashes come out together: the pages (remembered for the
// sitemap), the stylesheet, static/ and the files beside the content,
// the feeds and the exports. The search index's files are the build's own
// (newClaims). It then checks the links to them (checkLocalLinks).
func (b *builder) checkOutputs() error {
	b.pages = b.siteView()
	b.pageJobs = b.jobs(b.pages)
	var errs source.ErrorList
	content := map[string]bool{} // files of content pages: two of one address the model reports
	for _, j := range b.pageJobs {
		if strings.HasPrefix(j.pos.File, "content/") {
			if content[j.file] {
				continue
			}
			content[j.file] = true
		}
		if b.claims.claim(j.file, j.pos, &errs) && j.kind != "404" {
			b.pageFiles = append(b.pageFiles, j.file)
		}
	}
	for _, g := range append(b.feedNames(), b.exportNames()...) {
		b.claims.claim(g.name, g.pos, &errs)
	}
	b.claims.claim(b.cssPath(), source.Pos{File: siteCSS}, &errs)
	b.assets = b.listAssets(&errs)
	errs.Merge("", b.checkLocalLinks())
	return errs.Err()
}

func (b *builder) siteView() *siteView {
	order := make(map[*model.Task]int, len(b.site.Tasks))
	for i, t := range b.site.Tasks {
		order[t] = i
	}
	return &siteView{
		order:        order,
		Config:       b.cfg,
		Model:        b.site,
		Now:          b.opt.Now,
		CSS:          b.cssPath(),
		StaticIndex:  !b.opt.NoSearch && !b.opt.SearchLater,
		planCalendar: b.planCalendar(),
		news:         b.news,
		layouts:      b.layouts,
		Sections: []section{
			{"Kế hoạch", "plan/"},
			{"Hướng dẫn", "guidance/"},
			{"Cơ quan", "agencies/"},
			{"Nhiệm vụ", "tasks/"},
			{"Thời hạn", "deadlines/"},
			{"Tin cập nhật", "updates/"},
			{"Tổng quan", "dashboard/"},
			{"Tìm kiếm", "search/"},
		},
	}
}

// newView returns the view of the page written to file.
func (b *builder) newView(sv *siteView, kind, file, title string, page *model.Page) *view {
	v := &view{Site: sv, Kind: kind, Path: file, Root: b.root(file), Title: title, Page: page}
	v.Nav = v.nav()
	return v
}

// jobs lists every HTML page of the site. A page's view is made when the
// page is rendered: a preview renders few of them before serving.
func (b *builder) jobs(sv *siteView) []job {
	s := b.site
	var jobs []job
	add := func(kind, file string, pos source.Pos, view func() *view) {
		jobs = append(jobs, job{file: file, kind: kind, pos: pos, view: view})
	}
	add("home", "index.html", pagePos(s.Home, "home"), func() *view {
		v := b.newView(sv, "home", "index.html", sv.Config.Title, s.Home)
		v.Targets = partByNumeral(s.Parts, "II")
		v.Updates = s.Updates[:min(len(s.Updates), b.cfg.UpdatesOnHome)]
		return v
	})
	b.addSection(sv, add, "plan", "plan/index.html", "Kế hoạch", s.PlanIndex, pagePos(s.PlanIndex, "plan"), nil)
	for _, p := range s.Parts {
		add("part", p.Path, p.Pos(), func() *view {
			v := b.newView(sv, "part", p.Path, p.Numeral+". "+p.Title, &p.Page)
			v.Part = p
			return v
		})
	}
	b.addListJobs(sv, add)
	for _, g := range s.Guidance {
		add("guidance", g.Path, g.Pos(), func() *view {
			v := b.newView(sv, "guidance", g.Path, g.Title, &g.Page)
			v.Guidance = g
			return v
		})
	}
	for _, a := range s.Agencies {
		add("agency", a.Path, a.Pos(), func() *view {
			v := b.newView(sv, "agency", a.Path, a.Title, &a.Page)
			v.Agency, v.Groups, v.Partner = a, byDeadlineKind(a.Leads), byDeadlineKind(a.Partners)
			return v
		})
	}
	for _, t := range s.Tasks {
		add("task", t.Path, t.Pos(), func() *view {
			v := b.newView(sv, "task", t.Path, t.ID+" — "+t.Title, &t.Page)
			v.Task = t
			return v
		})
	}
	for _, u := range s.Updates {
		add("update", u.Path, u.Pos(), func() *view {
			v := b.newView(sv, "update", u.Path, u.Title, &u.Page)
			v.Update = u
			return v
		})
	}
	for _, p := range s.Other {
		add("page", p.Path, p.Pos(), func() *view { return b.newView(sv, "page", p.Path, p.Title, p) })
	}
	docs := b.docs
	for _, d := range docs {
		add("document", d.Path, pagePos(d.Page, "document"), func() *view {
			v := b.newView(sv, "document", d.Path, d.Title, d.Page)
			v.Document = d
			return v
		})
	}
	b.addSection(sv, add, "documents", documentsDir+"index.html", "Văn bản được nêu trong Kế hoạch", s.Intros["documents"],
		pagePos(s.Intros["documents"], "documents"), func(v *view) { v.Documents = docs })
	add("404", "404.html", pagePos(nil, "404"), func() *view {
		v := b.newView(sv, "404", "404.html", "Không tìm thấy trang", nil)
		if p := b.opt.BasePath; p != "" && b.cfg.BaseURL == "" {
			// A web server answers any missing address with this page,
			// at any depth: its links start from the server's root.
			v.Root = strings.TrimSuffix(p, "/") + "/"
			v.Nav = v.nav()
		}
		return v
	})
	return jobs
}

// addJob is how jobs adds a page: its layout, file, what to blame when it
// fails, and how to make its view.
type addJob func(kind, file string, pos source.Pos, view func() *view)

// addListJobs adds the section index pages.
func (b *builder) addListJobs(sv *siteView, add addJob) {
	s := b.site
	section := func(kind, file, title, name string, fill func(*view)) {
		b.addSection(sv, add, kind, file, title, s.Intros[name], pagePos(s.Intros[name], kind), fill)
	}
	section("guidance-list", "guidance/index.html", "Hướng dẫn", "guidance", nil)
	section("agencies", "agencies/index.html", "Cơ quan thực hiện", "agencies", nil)
	section("tasks", "tasks/index.html", "Nhiệm vụ", "tasks", func(v *view) {
		v.Groups = []taskGroup{{Name: "Tất cả nhiệm vụ", Slug: "all", Tasks: s.Tasks}}
	})
	section("deadlines", "deadlines/index.html", "Thời hạn thực hiện", "deadlines", func(v *view) {
		v.Groups = byState(s.Tasks, b.opt.Now, b.cfg.DueSoonDays)
	})
	section("updates", "updates/index.html", "Tin cập nhật", "updates", func(v *view) { v.Years = byYear(s.Updates) })
	section("search", "search/index.html", "Tìm kiếm", "search", nil)
	section("dashboard", "dashboard/index.html", "Tổng quan thực hiện", "dashboard", func(v *view) {
		v.Dashboard = b.dashboard(v.Root)
	})
}

// addSection adds a section index, titled by its intro page if any, and
// filled in by fill.
func (b *builder) addSection(sv *siteView, add addJob, kind, file, title string, intro *model.Page, pos source.Pos, fill func(*view)) {
	if intro != nil {
		title = intro.Title
	}
	add(kind, file, pos, func() *view {
		v := b.newView(sv, kind, file, title, intro)
		if fill != nil {
			fill(v)
		}
		return v
	})
}

func partByNumeral(parts []*model.Part, numeral string) *model.Part {
	for _, p := range parts {
		if p.Numeral == numeral {
			return p
		}
	}
	return nil
}

// pagePos is what to blame when a page fails: its content file, or for a
// page that has none, its layout.
func pagePos(p *model.Page, kind string) source.Pos {
	if p != nil {
		return p.Pos()
	}
	return source.Pos{File: "layouts/" + kind + ".html"}
}
