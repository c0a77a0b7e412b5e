package model

import (
	"path"
	"runtime"
	"strings"

	"github.com/kehoach/kehoach/internal/parallel"
	"github.com/kehoach/kehoach/internal/source"
)

// prepared is what one file gives the model by itself, before it meets the
// other files: its page, of one kind at most, the problems found in it, and
// for a task what is left to resolve. Its objects are never part of a
// site: register copies them, so that a Cache can give them to every Load.
type prepared struct {
	key      string
	section  string // an intro's section
	home     bool
	plan     bool // the plan's index page
	page     *Page
	part     *Part
	guidance *Guidance
	agency   *Agency
	task     *pendingTask
	update   *Update
	held     *Page // an update not published (Site.Held)
	document *Document
	errs     source.ErrorList
	warnings source.ErrorList
}

// Cache keeps what each content file gave the last Load, for a preview
// that loads the site after every save: only the files parsed again since
// are looked at again. Loads sharing a Cache must not run at the same time.
type Cache struct {
	opt   Options // Now and Drafts of the entries
	files map[*source.File]*prepared
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[*source.File]*prepared{}} }

// prepare returns what each file gives s, in order: from the cache where
// it has the file, else prepared on every core.
func (c *Cache) prepare(files []*source.File, s *Site) []*prepared {
	out := make([]*prepared, len(files))
	if c != nil && c.opt.Now.Equal(s.opt.Now) && c.opt.Drafts == s.opt.Drafts {
		for i, f := range files {
			out[i] = c.files[f]
		}
	}
	var missing []int
	for i, pr := range out {
		if pr == nil {
			missing = append(missing, i)
		}
	}
	words := &wordings{texts: map[string]readDeadline{}}
	parallel.For(len(missing), runtime.GOMAXPROCS(0), func(k int) {
		i := missing[k]
		out[i] = prepare(files[i], s.opt, words)
	})
	if c != nil {
		c.opt = Options{Now: s.opt.Now, Drafts: s.opt.Drafts}
		c.files = make(map[*source.File]*prepared, len(files))
		for i, f := range files {
			c.files[f] = out[i]
		}
	}
	return out
}

// prepare reads f into a site of its own and takes out what it gave.
// words is what ReadDeadline read of each deadline_text so far.
func prepare(f *source.File, opt Options, words *wordings) *prepared {
	one := &Site{Intros: map[string]*Page{}, byKey: map[string]*Page{}, agencies: map[string]*Agency{},
		tasks: map[string]*Task{}, deadlineWords: words, opt: opt}
	pr := &prepared{key: keyOf(f.Path), task: one.add(f)}
	pr.errs, pr.warnings = one.errs, one.Warnings
	switch {
	case one.Home != nil:
		pr.home, pr.page = true, one.Home
	case one.PlanIndex != nil:
		pr.plan, pr.page = true, one.PlanIndex
	case len(one.Intros) > 0:
		for sec, p := range one.Intros {
			pr.section, pr.page = sec, p
		}
	case len(one.Other) > 0:
		pr.page = one.Other[0]
	case len(one.Parts) > 0:
		pr.part = one.Parts[0]
	case len(one.Guidance) > 0:
		pr.guidance = one.Guidance[0]
	case len(one.Agencies) > 0:
		pr.agency = one.Agencies[0]
	case len(one.Updates) > 0:
		pr.update = one.Updates[0]
	case len(one.Held) > 0:
		pr.held = one.Held[0]
	case len(one.Documents) > 0:
		pr.document = one.Documents[0]
	}
	return pr
}

// register adds to s what pr holds, with its problems, checked against
// the files registered before it. When the cache keeps pr (shared), its
// objects are copied, so that this Load's resolution and build change only
// its own. A task is returned to be resolved once every agency is known.
func (s *Site) register(pr *prepared, shared bool) *pendingTask {
	s.errs = append(s.errs, pr.errs...)
	s.Warnings = append(s.Warnings, pr.warnings...)
	if pr.task == nil && len(pr.errs) > 0 && strings.HasPrefix(pr.key, "tasks/") && path.Base(pr.key) != "_index" {
		s.unreadTasks = append(s.unreadTasks, "content/"+pr.key+".md")
	}
	if pr.agency == nil && len(pr.errs) > 0 && strings.HasPrefix(pr.key, "agencies/") {
		s.unreadAgency("content/" + pr.key + ".md")
	}
	if other := s.byKey[pr.key]; other != nil {
		s.errs.Add(source.Pos{File: "content/" + pr.key + ".md", Line: 1}, "same page as %s", other.File.Path)
		return nil
	}
	var page *Page
	switch {
	case pr.page != nil:
		page = take(pr.page, shared)
		switch {
		case pr.home:
			s.Home = page
		case pr.plan:
			s.PlanIndex = page
		case pr.section != "":
			s.Intros[pr.section] = page
		default:
			s.Other = append(s.Other, page)
		}
	case pr.part != nil:
		p := take(pr.part, shared)
		s.Parts, page = append(s.Parts, p), &p.Page
	case pr.guidance != nil:
		g := take(pr.guidance, shared)
		if shared { // resolution sets each Ref's target
			g.PlanRefs = make([]*Ref, len(pr.guidance.PlanRefs))
			for i, r := range pr.guidance.PlanRefs {
				g.PlanRefs[i] = take(r, true)
			}
		}
		s.Guidance, page = append(s.Guidance, g), &g.Page
	case pr.agency != nil:
		a := take(pr.agency, shared)
		s.agencies[a.Slug] = a
		s.Agencies, page = append(s.Agencies, a), &a.Page
	case pr.task != nil:
		t := take(pr.task.task, shared)
		pt := *pr.task
		pt.task, pt.f = t, newFields(t.Meta, &s.errs)
		if t.ID != "" {
			if other, dup := s.tasks[t.ID]; dup {
				pt.f.errorf("id", "duplicate task id %q: also used by %s", t.ID, other.File.Path)
				return nil
			}
			s.tasks[t.ID] = t
		}
		s.byKey[pr.key] = &t.Page
		s.Tasks = append(s.Tasks, t)
		return &pt
	case pr.update != nil:
		u := take(pr.update, shared)
		s.Updates, page = append(s.Updates, u), &u.Page
	case pr.document != nil:
		d := take(pr.document, shared)
		s.Documents, page = append(s.Documents, d), &d.Page
	case pr.held != nil:
		s.Held = append(s.Held, take(pr.held, shared))
		return nil
	default:
		return nil // not a page: its problems say why
	}
	s.byKey[pr.key] = page
	return nil
}

// take is v, or a copy of it when it is shared.
func take[T any](v *T, shared bool) *T {
	if !shared {
		return v
	}
	c := *v
	return &c
}
