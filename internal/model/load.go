package model

import (
	"bytes"
	"path"
	"strings"

	"github.com/kehoach/kehoach/internal/source"
)

// Known front matter keys per kind of page.
var (
	keysPage     = []string{"title"}
	keysPart     = []string{"title", "part", "weight"}
	keysGuidance = []string{"title", "weight", "plan_refs", "tasks"}
	keysAgency   = []string{"title", "short", "kind", "weight", "members"}
	keysTask     = []string{"id", "title", "agency", "partners", "deadline", "deadline_text",
		"recurring", "awaits", "awaits_task", "due_within", "partners_text", "status", "plan_ref", "progress"}
	keysDocument = []string{"title", "date", "answers", "replaces"}
	keysUpdate   = []string{"title", "date", "agency", "tags", "draft"}
)

// listSections are the sections whose index page the build generates; their
// content/<section>/_index.md gives that page its title and text.
var listSections = map[string]bool{"guidance": true, "agencies": true, "tasks": true, "deadlines": true, "updates": true, "search": true, "dashboard": true, "documents": true}

// pendingTask is a task whose agency references wait for every agency to load.
type pendingTask struct {
	task            *Task
	f               *fields
	leads, partners []string
	folder          string
	planRef         string
	awaitsTask      string // the id of the task whose result it waits for
}

// add classifies f by its path and adds it to s, a site of this file alone
// (see prepare). Tasks are returned to be resolved once every agency is
// known.
func (s *Site) add(f *source.File) *pendingTask {
	meta, err := f.Meta, f.MetaErr
	if meta == nil && err == nil {
		meta, err = source.DecodeMeta(f)
	}
	if err != nil {
		s.errs.Merge(f.Path, err)
		return nil
	}
	s.Warnings = append(s.Warnings, meta.Warnings...)
	key := keyOf(f.Path)
	fl := newFields(meta, &s.errs)
	page, ok := s.newPage(f, meta, fl, key)
	if !ok {
		return nil
	}
	segs := strings.Split(key, "/")
	switch {
	case key == "_index":
		s.Home = page
		fl.unknown(&s.Warnings, keysPage)
	case key == "plan/_index":
		s.PlanIndex = page
		fl.unknown(&s.Warnings, keysPage)
	case len(segs) == 2 && segs[1] == "_index" && listSections[segs[0]]:
		s.Intros[segs[0]] = page
		fl.unknown(&s.Warnings, keysPage)
	case segs[0] == "plan" && len(segs) == 2:
		s.addPart(page, fl)
	case segs[0] == "guidance" && len(segs) == 2:
		s.addGuidance(page, fl)
	case segs[0] == "agencies" && len(segs) == 2:
		s.addAgency(page, fl, segs[1])
	case segs[0] == "tasks":
		return s.addTask(page, fl, segs)
	case segs[0] == "updates":
		s.addUpdate(page, fl, segs)
	case segs[0] == "documents" && len(segs) == 2:
		s.addDocument(page, fl)
	default:
		s.Other = append(s.Other, page)
		fl.unknown(&s.Warnings, keysPage)
	}
	return nil
}

func (s *Site) newPage(f *source.File, meta *source.Meta, fl *fields, key string) (*Page, bool) {
	file, ok := pathOf(key)
	if !ok {
		s.errs.Add(f.Pos(1), "file name %q has no letters or digits to make an address from: rename it", path.Base(f.Path))
		return nil, false
	}
	p := &Page{File: f, Meta: meta, Key: key, Path: file, Title: fl.required("title")}
	s.byKey[key] = p
	return p, true
}

func (s *Site) addPart(p *Page, fl *fields) {
	part := &Part{Page: *p, Numeral: fl.required("part"), Weight: fl.int("weight")}
	part.Page.Numeral = part.Numeral
	if part.Numeral != "" && romanValue(part.Numeral) == 0 {
		fl.errorf("part", "part %q is not a roman numeral I–X", part.Numeral)
	}
	fl.unknown(&s.Warnings, keysPart)
	s.byKey[p.Key] = &part.Page
	s.Parts = append(s.Parts, part)
}

// checkNumerals reports a part numbered like an earlier one: the two would
// share their anchors (#ii-1) and the table of contents would miss a part.
func (s *Site) checkNumerals() {
	first := map[string]*Part{}
	for _, p := range s.Parts {
		if romanValue(p.Numeral) == 0 {
			continue // none, or an error of its own
		}
		if before, ok := first[p.Numeral]; ok {
			s.errs.Add(p.Meta.KeyPos("part"), "two parts are numbered %q, this one and %s: each part of the plan needs its own numeral, which its items' anchors start with (#%s-1)",
				p.Numeral, before.File.Path, strings.ToLower(p.Numeral))
			continue
		}
		first[p.Numeral] = p
	}
}

func (s *Site) addGuidance(p *Page, fl *fields) {
	g := &Guidance{Page: *p, Weight: fl.int("weight")}
	for _, raw := range fl.strs("plan_refs") {
		g.PlanRefs = append(g.PlanRefs, parseRef(raw, fl.meta.KeyPos("plan_refs")))
	}
	g.taskIDs = fl.strs("tasks")
	fl.unknown(&s.Warnings, keysGuidance)
	s.byKey[p.Key] = &g.Page
	s.Guidance = append(s.Guidance, g)
}

func (s *Site) addAgency(p *Page, fl *fields, name string) {
	a := &Agency{Page: *p, Slug: strings.TrimSuffix(path.Base(p.Path), ".html"),
		Short: fl.str("short"), Kind: fl.str("kind"), Weight: fl.int("weight")}
	if a.Short == "" {
		a.Short = a.Title
	}
	_, a.group = fl.get("members")
	fl.unknown(&s.Warnings, keysAgency)
	s.byKey[p.Key] = &a.Page
	s.agencies[a.Slug] = a
	if a.Slug != name {
		s.Warnings.Add(p.Pos(), "agency file name %q is referred to as %q", name, a.Slug)
	}
	s.Agencies = append(s.Agencies, a)
}

func (s *Site) addUpdate(p *Page, fl *fields, segs []string) {
	u := &Update{Page: *p, Tags: fl.strs("tags"), Draft: fl.bool("draft")}
	date, ok := fl.date("date")
	if !ok {
		if _, present := fl.meta.Values["date"]; !present {
			fl.errorf("date", "missing date")
		}
	}
	u.Date = date
	u.agencySlug = fl.str("agency")
	fl.unknown(&s.Warnings, keysUpdate)
	if len(segs) == 3 && ok && segs[1] != date.Format("2006") {
		s.Warnings.Add(fl.meta.KeyPos("date"), "update dated %s is filed under %s/", date.Format("2006-01-02"), segs[1])
	}
	if ok && date.After(s.opt.Now) && !u.Draft {
		s.Warnings.Add(fl.meta.KeyPos("date"), "update dated %s, after today (%s), is not published until then: mark it draft = true if it is not ready",
			date.Format("2006-01-02"), s.opt.Now.Format("2006-01-02"))
	}
	if !s.opt.Drafts && u.Held(s.opt.Now) {
		delete(s.byKey, p.Key)
		s.Held = append(s.Held, &u.Page)
		return
	}
	if len(bytes.TrimSpace(p.File.Body)) == 0 && !u.Draft {
		s.Warnings.Add(p.Pos(), "update has no text: it is published as its title alone, on the home page and in the feeds; write its text, or mark it draft = true until it is ready")
	}
	s.byKey[p.Key] = &u.Page
	s.Updates = append(s.Updates, u)
}
