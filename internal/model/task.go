package model

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/suggest"
	"github.com/kehoach/kehoach/internal/vntext"
)

func (s *Site) addTask(p *Page, fl *fields, segs []string) *pendingTask {
	if len(segs) != 3 {
		s.errs.Add(p.Pos(), "a task file belongs in content/tasks/<agency>/<id>.md")
		return nil
	}
	t := &Task{Page: *p, ID: fl.required("id"), Status: Status(fl.str("status"))}
	t.idParts = idParts(t.ID)
	if t.Status == "" {
		t.Status = Planned
	}
	switch t.Status {
	case Planned, InProgress, Done:
	default:
		fl.errorf("status", "unknown status %q (want planned, in-progress or done)", t.Status)
	}
	t.PartnersText = fl.str("partners_text")
	t.Deadline = s.taskDeadline(fl)
	t.Within = s.taskWithin(fl, t.Deadline.Kind)
	t.Progress = s.taskProgress(fl)
	pt := &pendingTask{task: t, f: fl, leads: fl.strs("agency"), partners: fl.strs("partners"),
		folder: segs[1], planRef: fl.str("plan_ref"), awaitsTask: fl.str("awaits_task")}
	if len(pt.leads) == 0 {
		fl.errorf("agency", "missing agency (the lead, \"chủ trì\")")
	}
	fl.unknown(&s.Warnings, keysTask)
	if t.ID != "" {
		s.tasks[t.ID] = t
	}
	s.byKey[p.Key] = &t.Page
	s.Tasks = append(s.Tasks, t)
	return pt
}

func (s *Site) taskDeadline(fl *fields) Deadline {
	values, wrong := deadlineValues(fl)
	if len(values) == 0 {
		if !wrong { // else its error says so
			fl.errorf("deadline", "missing deadline (2022-Q4, 2022-11, 2022-07-22, 2022, ongoing, conditional or programme)")
		}
		// Read the keys that go with it, so that they are not called
		// unknown: the key misspelt is ("deadine", did you mean "deadline"?).
		return Deadline{Text: fl.str("deadline_text"), Awaits: fl.str("awaits"), Recurring: fl.str("recurring") == "yearly"}
	}
	d, err := ParseDeadline(values)
	if err != nil {
		fl.errorf("deadline", "deadline: %v", err)
	}
	d.Text = fl.str("deadline_text")
	d.Awaits = fl.str("awaits")
	if err == nil { // a deadline that does not parse has its error: no second word on it
		defer s.checkDeadlineText(fl, &d)
	}
	switch rec := fl.str("recurring"); rec {
	case "":
	case "yearly":
		d.Recurring = true
		if d.Kind != Dated {
			fl.errorf("recurring", "recurring needs a dated deadline, not %q", values[0])
		}
	default:
		fl.errorf("recurring", "unknown recurring %q (want \"yearly\")", rec)
	}
	if (d.Kind == Conditional || d.Kind == Programme) && d.Awaits == "" && err == nil {
		fl.errorf("deadline", "a %s deadline needs awaits = \"…\" saying what it waits for", values[0])
	}
	return d
}

// taskWithin reads due_within: the window of a conditional task once the
// document it awaits is issued.
func (s *Site) taskWithin(fl *fields, kind DeadlineKind) *Within {
	raw := fl.str("due_within")
	if raw == "" {
		return nil
	}
	w, err := ParseWithin(raw)
	switch {
	case err != nil:
		fl.errorf("due_within", "due_within: %v", err)
		return nil
	case kind != Conditional:
		fl.errorf("due_within", "due_within is the window after an awaited document: it needs deadline = \"conditional\"")
		return nil
	}
	return &w
}

func (s *Site) taskProgress(fl *fields) []Progress {
	v, ok := fl.get("progress")
	if !ok {
		return nil
	}
	list, isList := v.([]any)
	if !isList {
		fl.errorf("progress", "progress must be a list of [[progress]] tables with date and note")
		return nil
	}
	var out []Progress
	for i, e := range list {
		pos := fl.meta.EntryPos("progress", i) // its [[progress]] line
		m, isMap := e.(map[string]any)
		if !isMap {
			s.errs.Add(pos, "progress entry %d: want a table with date and note", i+1)
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			switch {
			case k == "date" || k == "note":
			case slices.Contains(keysTask, k):
				// TOML reads every key after [[progress]] as the entry's.
				s.Warnings.Add(pos, "progress entry %d: %q is the task's key, but a key written after [[progress]] belongs to that entry and is ignored: move it above the first [[progress]]", i+1, k)
			default:
				s.Warnings.Add(pos, "progress entry %d: %s", i+1, unknownKey(k, []string{"date", "note"}))
			}
		}
		d, err := toDate(m["date"])
		note, _ := m["note"].(string)
		if err != nil || strings.TrimSpace(note) == "" {
			s.errs.Add(pos, "progress entry %d needs a date (YYYY-MM-DD) and a note", i+1)
			continue
		}
		if d.After(s.opt.Now) {
			s.Warnings.Add(pos, "progress entry %d is dated %s, after today (%s): is the date right?",
				i+1, d.Format("2006-01-02"), s.opt.Now.Format("2006-01-02"))
		}
		out = append(out, Progress{Date: d, Note: strings.TrimSpace(note)})
	}
	return out
}

func (s *Site) resolveTask(pt pendingTask) {
	t, fl := pt.task, pt.f
	listed := map[*Agency]string{} // the key that names it
	for _, slug := range pt.leads {
		if a := s.agencyRef(fl, "agency", slug, listed); a != nil {
			t.Leads = append(t.Leads, a)
			a.Leads = append(a.Leads, t)
		}
	}
	for _, slug := range pt.partners {
		if a := s.agencyRef(fl, "partners", slug, listed); a != nil {
			t.Partners = append(t.Partners, a)
			a.Partners = append(a.Partners, t)
		}
	}
	if pt.planRef != "" {
		t.PlanRef = parseRef(pt.planRef, fl.meta.KeyPos("plan_ref"))
		s.resolveRef(t.PlanRef)
	}
	if pt.awaitsTask != "" {
		s.resolveAwaited(t, fl, pt.awaitsTask)
	}
	switch folder := s.agencies[pt.folder]; {
	case len(t.Leads) == 0:
	case folder == nil:
		s.Warnings.Add(t.Pos(), "task folder %q is not an agency; its lead is %q", pt.folder, t.Leads[0].Slug)
	case !slices.Contains(t.Leads, folder):
		// Its agency's page lists it either way; a reader of the folder,
		// or of the address, would take the other agency for its lead.
		s.Warnings.Add(t.Pos(), "task is in the folder of %q, which does not lead it: move it to content/tasks/%s/", pt.folder, t.Leads[0].Slug)
	}
}

// resolveAwaited links conditional task t to the task whose result it
// waits for, named by id.
func (s *Site) resolveAwaited(t *Task, fl *fields, id string) {
	other := s.tasks[id]
	switch {
	case t.Deadline.Kind != Conditional:
		fl.errorf("awaits_task", "awaits_task needs a conditional deadline: the task waits for %s's result", id)
	case other == t:
		fl.errorf("awaits_task", "task %s waits for itself", id)
	case other == nil:
		msg := fmt.Sprintf("unknown task id %q", id)
		if near := suggest.Nearest(id, slices.Collect(maps.Keys(s.tasks))); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		fl.errorf("awaits_task", "%s%s", msg, s.unreadHint())
	default:
		t.Awaited = other
		other.Awaiting = append(other.Awaiting, t)
	}
}

// checkAwaitCycles reports tasks that wait, through awaits_task, for their
// own result: each would be waiting for ever.
func (s *Site) checkAwaitCycles() {
	reported := map[*Task]bool{}
	for _, t := range s.Tasks {
		chain := []*Task{t}
		for next := t.Awaited; next != nil && !reported[t]; next = next.Awaited {
			if i := slices.Index(chain, next); i >= 0 {
				ids := make([]string, 0, len(chain)-i+1)
				for _, c := range chain[i:] {
					ids = append(ids, c.ID)
					reported[c] = true
				}
				s.errs.Add(next.Meta.KeyPos("awaits_task"), "awaits_task makes a cycle: %s → %s", strings.Join(ids, " → "), next.ID)
				break
			}
			chain = append(chain, next)
		}
	}
}

// agencyRef finds the agency a task's key names, once: listed holds the
// agencies the task has named so far, with the key that named them.
func (s *Site) agencyRef(fl *fields, key, slug string, listed map[*Agency]string) *Agency {
	if a := s.agencies[slug]; a != nil {
		switch before, ok := listed[a]; {
		case ok && before == key:
			fl.errorf(key, "%s names %q twice", key, slug)
			return nil
		case ok:
			fl.errorf(key, "%q is named in both agency and partners: an agency either leads a task or works on it with the lead", slug)
			return nil
		}
		listed[a] = key
		return a
	}
	s.noAgency(fl.meta.KeyPos(key), key, slug)
	return nil
}

// noAgency reports a slug that names no agency under key, with the slug
// the writer most likely meant.
func (s *Site) noAgency(pos source.Pos, key, slug string) {
	if slug == "" {
		s.errs.Add(pos, "%s has an empty agency: write the slug of a file in content/agencies/", key)
		return
	}
	known := slices.Sorted(maps.Keys(s.agencies)) // the same suggestion on every run
	folded := vntext.Fold(slug)
	for _, k := range known {
		a := s.agencies[k]
		if folded == vntext.Fold(a.Title) || folded == vntext.Fold(a.Short) || slug == vntext.Slug(a.Title) || slug == vntext.Slug(a.Short) {
			s.errs.Add(pos, "%s names an agency by its name, %q: write its slug, %q (its file is content/agencies/%s.md)", key, slug, k, k)
			return
		}
	}
	// "BTG": the one agency whose name it abbreviates, if only one does.
	var abbreviates []string
	for _, k := range known {
		if a := s.agencies[k]; len(folded) > 1 && (folded == initials(a.Short) || folded == initials(a.Title)) {
			abbreviates = append(abbreviates, k)
		}
	}
	if len(abbreviates) == 1 {
		k := abbreviates[0]
		s.errs.Add(pos, "%s names an agency by its initials, %q: write its slug, %q (%s, content/agencies/%s.md)", key, slug, k, s.agencies[k].Title, k)
		return
	}
	if file := "content/agencies/" + slug + ".md"; s.unreadAgencies[file] {
		s.errs.Add(pos, "agency %q is unknown while %s has an error: fix that first", slug, file)
		return
	}
	msg := "unknown agency %q: no content/agencies/%s.md"
	near := suggest.Nearest(slug, known)
	if near == "" { // the longest slug it starts with: "ban-tuyen-giao" for "ban-tuyen-giao-moi"
		for _, k := range known {
			if strings.HasPrefix(slug, k+"-") && len(k) > len(near) {
				near = k
			}
		}
	}
	if near != "" {
		s.errs.Add(pos, msg+" (did you mean %q?)", slug, slug, near)
	} else {
		s.errs.Add(pos, msg, slug, slug)
	}
}

// initials are the first letters of a name's words, folded: "btg" for
// "Ban Tuyên giáo", as the plan abbreviates it.
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(vntext.Fold(name)) {
		b.WriteRune([]rune(w)[0])
	}
	return b.String()
}

// unreadAgency notes an agency file that gave no agency: an error of its
// own is reported, and the tasks that name it should not say it is missing.
func (s *Site) unreadAgency(file string) {
	if s.unreadAgencies == nil {
		s.unreadAgencies = map[string]bool{}
	}
	s.unreadAgencies[file] = true
}

// unreadHint is what an unknown task id adds when some task files could
// not be read: the id may be one of theirs, and the error to fix is theirs.
func (s *Site) unreadHint() string {
	switch n := len(s.unreadTasks); {
	case n == 1:
		return fmt.Sprintf(" (%s, whose front matter has an error, may be it)", s.unreadTasks[0])
	case n > 1:
		return fmt.Sprintf(" (%s and %d other task files, whose front matter has an error, may hold it)", s.unreadTasks[0], n-1)
	}
	return ""
}

// parseRef splits "plan/05-nhiem-vu-cu-the#v-1".
func parseRef(raw string, pos source.Pos) *Ref {
	key, anchor, _ := strings.Cut(strings.TrimSpace(raw), "#")
	key = strings.TrimSuffix(strings.Trim(key, "/"), ".md")
	return &Ref{Raw: raw, Key: key, Anchor: anchor, Pos: pos}
}

func (s *Site) resolveRef(r *Ref) {
	r.Target = s.byKey[r.Key]
	if r.Target == nil {
		s.errs.Add(r.Pos, "%q points nowhere: no content/%s.md", r.Raw, r.Key)
	}
}

func (s *Site) resolveGuidance() {
	for _, g := range s.Guidance {
		for _, r := range g.PlanRefs {
			s.resolveRef(r)
		}
		for _, id := range g.taskIDs {
			t := s.tasks[id]
			if t == nil {
				s.errs.Add(g.Meta.KeyPos("tasks"), "unknown task id %q%s", id, s.unreadHint())
				continue
			}
			g.Tasks = append(g.Tasks, t)
			t.Guidance = append(t.Guidance, g)
		}
	}
}

func (s *Site) resolveUpdates() {
	// Two updates of one title read as one news item listed twice: most
	// often a copy saved beside the original ("tin-2.md").
	// The first is the earlier, or of one day the shorter name ("tin" before
	// "tin-2"): the copy is the other.
	byAge := slices.SortedFunc(slices.Values(s.Updates), func(a, b *Update) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(strings.TrimSuffix(a.File.Path, ".md"), strings.TrimSuffix(b.File.Path, ".md")))
	})
	titled := map[string]*Update{}
	for _, u := range byAge {
		key := strings.Join(strings.Fields(strings.ToLower(vntext.NFC(u.Title))), " ") // not folded: "Họp" is not "Hợp"
		if first := titled[key]; first != nil {
			s.Warnings.Add(u.Meta.KeyPos("title"), "update has the title of %s, %q: readers see the same news twice; delete the copy or give each its own title", first.File.Path, first.Title)
			continue
		}
		titled[key] = u
	}
	for _, u := range s.Updates {
		if u.agencySlug == "" {
			continue
		}
		if a := s.agencies[u.agencySlug]; a != nil {
			u.Agency = a
			a.Updates = append(a.Updates, u)
			continue
		}
		s.noAgency(u.Meta.KeyPos("agency"), "agency", u.agencySlug)
	}
}

// deadlineValues reads deadline as texts: TOML and YAML dates, alone or in
// a list, become "YYYY-MM-DD", and a year written as a number its text;
// wrong reports a value of another kind, whose error it has given.
func deadlineValues(fl *fields) (values []string, wrong bool) {
	v, ok := fl.meta.Values["deadline"]
	if !ok {
		return nil, false
	}
	asText := func(e any) (string, bool) {
		if s, isStr := e.(string); isStr {
			return strings.TrimSpace(s), true
		}
		if d, err := toDate(e); err == nil {
			return d.Format("2006-01-02"), true
		}
		switch e.(type) { // deadline = 2022, a year without quotes: int64 in TOML, int in YAML
		case int64, int, uint64:
			return fmt.Sprint(e), true
		}
		return "", false
	}
	fl.used["deadline"] = true
	list, isList := v.([]any)
	if !isList {
		list = []any{v}
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := asText(e)
		if !ok {
			fl.errorf("deadline", "deadline must be a text, a date or a list of dates, not %s", describe(e))
			return nil, true
		}
		out = append(out, s)
	}
	return out, false
}

// checkDeadlineText warns when the plan's words in deadline_text say
// something else than the structured deadline.
func (s *Site) checkDeadlineText(fl *fields, d *Deadline) {
	if d.Text == "" {
		return
	}
	read, err := s.readDeadline(d.Text)
	switch {
	case errors.Is(err, errNoDeadline):
		s.Warnings.Add(fl.meta.KeyPos("deadline_text"), "deadline_text %q: no deadline can be read from these words", d.Text)
	case err != nil: // words that name an impossible deadline: "tháng 13 năm 2022"
		s.Warnings.Add(fl.meta.KeyPos("deadline_text"), "deadline_text %q: %v", d.Text, err)
	case !d.Agrees(read):
		s.Warnings.Add(fl.meta.KeyPos("deadline_text"), "deadline_text %q says %s, but deadline says %s", d.Text, read.describe(), d.describe())
	}
}

// readDeadline is ReadDeadline, once per wording: tasks share a few.
func (s *Site) readDeadline(text string) (Deadline, error) {
	return s.deadlineWords.read(text)
}

// wordings keeps what ReadDeadline read of each deadline_text, for the
// files of a site prepared at the same time.
type wordings struct {
	mu    sync.Mutex
	texts map[string]readDeadline
}

func (w *wordings) read(text string) (Deadline, error) {
	w.mu.Lock()
	r, ok := w.texts[text]
	w.mu.Unlock()
	if !ok {
		r.d, r.err = ReadDeadline(text)
		w.mu.Lock()
		w.texts[text] = r
		w.mu.Unlock()
	}
	return r.d, r.err
}
