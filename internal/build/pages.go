package build

import (
	"errors"
	"fmt"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/source"
)

// job is one HTML page to write.
type job struct {
	file string // output path
	v    *view
	pos  source.Pos // what to blame when the page fails
}

// writePages renders every page through its layout, in parallel.
func (b *builder) writePages() error {
	sv := b.siteView()
	jobs := b.jobs(sv)
	if err := b.checkOutputs(jobs); err != nil {
		return err
	}
	b.res.Pages = len(jobs)
	b.res.Files += len(jobs)
	if b.opt.LazyPages {
		for _, j := range jobs {
			b.res.Lazy[j.file] = func() ([]byte, error) {
				page, err := b.renderJob(j)
				if err != nil {
					return nil, &source.Error{Pos: j.pos, Msg: err.Error()}
				}
				return page, nil
			}
		}
		return nil
	}
	var done atomic.Int64
	errs := make([]error, len(jobs))
	var g errgroup.Group
	g.SetLimit(b.writers)
	for i, j := range jobs {
		g.Go(func() error {
			if err := b.ctx().Err(); err != nil {
				errs[i] = fmt.Errorf("build stopped: %w", err)
				return nil
			}
			errs[i] = b.writePage(j)
			if n := done.Add(1); b.opt.Progress != nil {
				b.opt.Progress("pages", int(n), len(jobs))
			}
			return nil
		})
	}
	_ = g.Wait()
	return pageErrors(jobs, errs).Err()
}

// pageErrors reports each distinct error once, at the first page that hit
// it: a mistake in a layout fails every page of its kind the same way.
func pageErrors(jobs []job, errs []error) source.ErrorList {
	var list []*source.Error
	for i, err := range errs {
		if err != nil {
			list = append(list, &source.Error{Pos: jobs[i].pos, Msg: err.Error()})
		}
	}
	return distinct(list)
}

// LazyErrors reports the errors of pages rendered after their build
// (Result.Lazy), by output path, as the build would have: each distinct
// error once, at the first page that hit it.
func LazyErrors(errs map[string]error) error {
	var list []*source.Error
	for _, name := range sortedKeys(errs) {
		var e *source.Error
		if !errors.As(errs[name], &e) {
			e = &source.Error{Pos: source.Pos{File: name}, Msg: errs[name].Error()}
		}
		list = append(list, e)
	}
	return distinct(list).Err()
}

// distinct keeps the first error of each message, counting the others.
func distinct(errs []*source.Error) source.ErrorList {
	var list source.ErrorList
	first := map[string]int{} // message → index in list
	count := map[string]int{}
	for _, e := range errs {
		if count[e.Msg]++; count[e.Msg] == 1 {
			first[e.Msg] = len(list)
			list.Add(e.Pos, "%s", e.Msg)
		}
	}
	for msg, n := range count {
		if n > 1 {
			list[first[msg]].Msg += fmt.Sprintf(" (and %d more pages)", n-1)
		}
	}
	return list
}

func (b *builder) writePage(j job) error {
	page, err := b.renderJob(j)
	if err != nil {
		return err
	}
	return b.sink.Write(j.file, page)
}

// renderJob renders a page through its layout. Once the build has
// finished, it may still be called, from any goroutine, to render a page
// the build left to render (Options.LazyPages).
func (b *builder) renderJob(j job) ([]byte, error) {
	hint := 8 << 10
	if j.v.Page != nil {
		hint += 2 * len(j.v.Page.HTML)
	}
	return b.layouts.Render(j.v.Kind, j.v, hint)
}

// checkOutputs refuses two pages written to the same file, and remembers
// the pages for the sitemap.
func (b *builder) checkOutputs(jobs []job) error {
	var errs source.ErrorList
	for _, j := range jobs {
		if b.claims.claim(j.file, j.pos, &errs) && j.v.Kind != "404" {
			b.pageFiles = append(b.pageFiles, j.file)
		}
	}
	return errs.Err()
}

func (b *builder) siteView() *siteView {
	order := make(map[*model.Task]int, len(b.site.Tasks))
	for i, t := range b.site.Tasks {
		order[t] = i
	}
	return &siteView{
		order:   order,
		Config:  b.cfg,
		Model:   b.site,
		Now:     b.opt.Now,
		CSS:     b.cssPath(),
		layouts: b.layouts,
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

// jobs lists every HTML page of the site.
func (b *builder) jobs(sv *siteView) []job {
	s := b.site
	var jobs []job
	add := func(v *view, pos source.Pos) {
		jobs = append(jobs, job{file: v.Path, v: v, pos: pos})
	}
	home := b.newView(sv, "home", "index.html", sv.Config.Title, s.Home)
	home.Targets = partByNumeral(s.Parts, "II")
	home.Updates = s.Updates[:min(len(s.Updates), b.cfg.UpdatesOnHome)]
	add(home, pagePos(s.Home, "content/_index.md"))
	add(b.section(sv, "plan", "plan/index.html", "Kế hoạch", s.PlanIndex), pagePos(s.PlanIndex, "content/plan/_index.md"))
	for _, p := range s.Parts {
		v := b.newView(sv, "part", p.Path, p.Numeral+". "+p.Title, &p.Page)
		v.Part = p
		add(v, p.Pos())
	}
	b.addListJobs(sv, add)
	for _, g := range s.Guidance {
		v := b.newView(sv, "guidance", g.Path, g.Title, &g.Page)
		v.Guidance = g
		add(v, g.Pos())
	}
	for _, a := range s.Agencies {
		v := b.newView(sv, "agency", a.Path, a.Title, &a.Page)
		v.Agency, v.Groups, v.Partner = a, byDeadlineKind(a.Leads), byDeadlineKind(a.Partners)
		add(v, a.Pos())
	}
	for _, t := range s.Tasks {
		v := b.newView(sv, "task", t.Path, t.ID+" — "+t.Title, &t.Page)
		v.Task = t
		add(v, t.Pos())
	}
	for _, u := range s.Updates {
		v := b.newView(sv, "update", u.Path, u.Title, &u.Page)
		v.Update = u
		add(v, u.Pos())
	}
	for _, p := range s.Other {
		add(b.newView(sv, "page", p.Path, p.Title, p), p.Pos())
	}
	docs := b.docs
	for _, d := range docs {
		v := b.newView(sv, "document", d.Path, d.Title, d.Page)
		v.Document = d
		add(v, pagePos(d.Page, "(generated)"))
	}
	list := b.section(sv, "documents", documentsDir+"index.html", "Văn bản được nêu trong Kế hoạch", s.Intros["documents"])
	list.Documents = docs
	add(list, introPos(s, "documents"))
	add(b.newView(sv, "404", "404.html", "Không tìm thấy trang", nil), source.Pos{File: "layouts/404.html"})
	return jobs
}

// addListJobs adds the section index pages.
func (b *builder) addListJobs(sv *siteView, add func(*view, source.Pos)) {
	s := b.site
	add(b.section(sv, "guidance-list", "guidance/index.html", "Hướng dẫn", s.Intros["guidance"]), introPos(s, "guidance"))
	add(b.section(sv, "agencies", "agencies/index.html", "Cơ quan thực hiện", s.Intros["agencies"]), introPos(s, "agencies"))
	tasks := b.section(sv, "tasks", "tasks/index.html", "Nhiệm vụ", s.Intros["tasks"])
	tasks.Groups = []taskGroup{{Name: "Tất cả nhiệm vụ", Slug: "all", Tasks: s.Tasks}}
	add(tasks, introPos(s, "tasks"))
	deadlines := b.section(sv, "deadlines", "deadlines/index.html", "Thời hạn thực hiện", s.Intros["deadlines"])
	deadlines.Groups = byState(s.Tasks, b.opt.Now, b.cfg.DueSoonDays)
	add(deadlines, introPos(s, "deadlines"))
	updates := b.section(sv, "updates", "updates/index.html", "Tin cập nhật", s.Intros["updates"])
	updates.Years = byYear(s.Updates)
	add(updates, introPos(s, "updates"))
	add(b.section(sv, "search", "search/index.html", "Tìm kiếm", s.Intros["search"]), introPos(s, "search"))
	dash := b.section(sv, "dashboard", "dashboard/index.html", "Tổng quan thực hiện", s.Intros["dashboard"])
	dash.Dashboard = b.dashboard(dash.Root)
	add(dash, introPos(s, "dashboard"))
}

// section is the view of a section index, titled by its intro page if any.
func (b *builder) section(sv *siteView, kind, file, title string, intro *model.Page) *view {
	if intro != nil {
		title = intro.Title
	}
	return b.newView(sv, kind, file, title, intro)
}

func partByNumeral(parts []*model.Part, numeral string) *model.Part {
	for _, p := range parts {
		if p.Numeral == numeral {
			return p
		}
	}
	return nil
}

func pagePos(p *model.Page, fallback string) source.Pos {
	if p != nil {
		return p.Pos()
	}
	return source.Pos{File: fallback}
}

func introPos(s *model.Site, section string) source.Pos {
	return pagePos(s.Intros[section], fmt.Sprintf("content/%s/_index.md", section))
}
