package build

import (
	"bytes"
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
	var done atomic.Int64
	errs := make([]error, len(jobs))
	var g errgroup.Group
	g.SetLimit(b.workers)
	for i, j := range jobs {
		g.Go(func() error {
			errs[i] = b.writePage(j)
			if n := done.Add(1); b.opt.Progress != nil {
				b.opt.Progress(int(n), len(jobs))
			}
			return nil
		})
	}
	_ = g.Wait()
	var list source.ErrorList
	for i, err := range errs {
		if err != nil {
			list.Add(jobs[i].pos, "%v", err)
		}
	}
	b.res.Pages = len(jobs)
	b.res.Files += len(jobs)
	return list.Err()
}

func (b *builder) writePage(j job) error {
	var buf bytes.Buffer
	if err := b.layouts.Render(&buf, j.v.Kind, j.v); err != nil {
		return err
	}
	return b.sink.Write(j.file, buf.Bytes())
}

// checkOutputs refuses two pages written to the same file.
func (b *builder) checkOutputs(jobs []job) error {
	var errs source.ErrorList
	seen := map[string]job{}
	for _, j := range jobs {
		if other, dup := seen[j.file]; dup {
			errs.Add(j.pos, "page %s would overwrite the %s page (%s)", j.file, other.v.Kind, other.pos)
			continue
		}
		seen[j.file] = j
	}
	return errs.Err()
}

func (b *builder) siteView() *siteView {
	return &siteView{
		Config: b.cfg,
		Model:  b.site,
		Now:    b.opt.Now,
		CSS:    b.cssPath(),
		Sections: []section{
			{"Kế hoạch", "plan/"},
			{"Hướng dẫn", "guidance/"},
			{"Cơ quan", "agencies/"},
			{"Nhiệm vụ", "tasks/"},
			{"Thời hạn", "deadlines/"},
			{"Tin cập nhật", "updates/"},
		},
	}
}

// newView returns the view of a page in folder dir.
func (b *builder) newView(sv *siteView, kind, dir, title string, page *model.Page) *view {
	return &view{Site: sv, Kind: kind, Dir: dir, Root: b.root(dir), Title: title, Page: page}
}

// jobs lists every HTML page of the site.
func (b *builder) jobs(sv *siteView) []job {
	s := b.site
	var jobs []job
	add := func(v *view, pos source.Pos) {
		jobs = append(jobs, job{file: v.Dir + "index.html", v: v, pos: pos})
	}
	home := b.newView(sv, "home", "", sv.Config.Title, s.Home)
	home.Targets = partByNumeral(s.Parts, "II")
	home.Updates = s.Updates[:min(len(s.Updates), b.cfg.UpdatesOnHome)]
	add(home, pagePos(s.Home, "content/_index.md"))
	add(b.section(sv, "plan", "plan/", "Kế hoạch", s.PlanIndex), pagePos(s.PlanIndex, "content/plan/_index.md"))
	for _, p := range s.Parts {
		v := b.newView(sv, "part", p.Dir, p.Numeral+". "+p.Title, &p.Page)
		v.Part = p
		add(v, p.Pos())
	}
	b.addListJobs(sv, add)
	for _, g := range s.Guidance {
		v := b.newView(sv, "guidance", g.Dir, g.Title, &g.Page)
		v.Guidance = g
		add(v, g.Pos())
	}
	for _, a := range s.Agencies {
		v := b.newView(sv, "agency", a.Dir, a.Title, &a.Page)
		v.Agency, v.Groups, v.Partner = a, byDeadlineKind(a.Leads), byDeadlineKind(a.Partners)
		add(v, a.Pos())
	}
	for _, t := range s.Tasks {
		v := b.newView(sv, "task", t.Dir, t.ID+" — "+t.Title, &t.Page)
		v.Task = t
		add(v, t.Pos())
	}
	for _, u := range s.Updates {
		v := b.newView(sv, "update", u.Dir, u.Title, &u.Page)
		v.Update = u
		add(v, u.Pos())
	}
	for _, p := range s.Other {
		add(b.newView(sv, "page", p.Dir, p.Title, p), p.Pos())
	}
	nf := b.newView(sv, "404", "", "Không tìm thấy trang", nil)
	jobs = append(jobs, job{file: "404.html", v: nf, pos: source.Pos{File: "layouts/404.html"}})
	return jobs
}

// addListJobs adds the section index pages.
func (b *builder) addListJobs(sv *siteView, add func(*view, source.Pos)) {
	s := b.site
	add(b.section(sv, "guidance-list", "guidance/", "Hướng dẫn", s.Intros["guidance"]), introPos(s, "guidance"))
	add(b.section(sv, "agencies", "agencies/", "Cơ quan thực hiện", s.Intros["agencies"]), introPos(s, "agencies"))
	tasks := b.section(sv, "tasks", "tasks/", "Nhiệm vụ", s.Intros["tasks"])
	tasks.Groups = []taskGroup{{Name: "Tất cả nhiệm vụ", Slug: "all", Tasks: s.Tasks}}
	add(tasks, introPos(s, "tasks"))
	deadlines := b.section(sv, "deadlines", "deadlines/", "Thời hạn thực hiện", s.Intros["deadlines"])
	deadlines.Groups = byState(s.Tasks, b.opt.Now, b.cfg.DueSoonDays)
	add(deadlines, introPos(s, "deadlines"))
	updates := b.section(sv, "updates", "updates/", "Tin cập nhật", s.Intros["updates"])
	updates.Years = byYear(s.Updates)
	add(updates, introPos(s, "updates"))
}

// section is the view of a section index, titled by its intro page if any.
func (b *builder) section(sv *siteView, kind, dir, title string, intro *model.Page) *view {
	if intro != nil {
		title = intro.Title
	}
	return b.newView(sv, kind, dir, title, intro)
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
