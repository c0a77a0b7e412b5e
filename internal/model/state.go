package model

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// State is where a task stands on a given day.
type State int

const (
	StateOverdue   State = iota // dated, not done, its window has passed (yearly: last year's, unreported)
	StateDueSoon                // dated, not done, its window ends within the due-soon days
	StateUpcoming               // dated, not done, later than that
	StateArrived                // conditional, what it awaits was issued, no window given
	StateOngoing                // "thường xuyên"
	StateProgramme              // follows a programme
	StateWaiting                // waits for a condition
	StateDone                   // recorded as done
)

// States lists every state in the order the deadlines page shows them.
func States() []State {
	return []State{StateOverdue, StateDueSoon, StateUpcoming, StateArrived, StateOngoing, StateProgramme, StateWaiting, StateDone}
}

// Name is the state's Vietnamese label.
func (s State) Name() string {
	return [...]string{"Quá hạn", "Sắp đến hạn", "Chưa đến hạn", "Đã có văn bản", "Thường xuyên", "Theo chương trình", "Chờ văn bản", "Đã hoàn thành"}[s]
}

// Slug is a stable ASCII name of s, for CSS classes and data attributes.
func (s State) Slug() string {
	return [...]string{"overdue", "due-soon", "upcoming", "arrived", "ongoing", "programme", "waiting", "done"}[s]
}

// StateOn returns t's state on day now, counting windows that end within
// soon days of now as due soon.
func (t *Task) StateOn(now time.Time, soon int) State {
	if t.Status == Done {
		return StateDone
	}
	due, ok := t.Due()
	switch {
	case ok:
	case t.Deadline.Kind == Ongoing:
		return StateOngoing
	case t.Deadline.Kind == Programme:
		return StateProgramme
	case t.Arrival != nil:
		return StateArrived
	default:
		return StateWaiting
	}
	_, end := due.Next(now)
	switch {
	case end.Before(now), t.lastUnreported(now):
		return StateOverdue
	case !end.After(now.AddDate(0, 0, soon)):
		return StateDueSoon
	}
	return StateUpcoming
}

// StatusName is the Vietnamese label of the task's recorded status, which
// for a task without one says whether reports have come (its [[progress]]
// entries): "Chưa có báo cáo tiến độ" above a list of reports would
// contradict it.
func (t *Task) StatusName() string {
	if t.Status != InProgress && t.Status != Done && len(t.Progress) > 0 {
		return "Đã có báo cáo tiến độ"
	}
	return t.Status.Name()
}

// Name is the Vietnamese label of a recorded status.
func (s Status) Name() string {
	switch s {
	case InProgress:
		return "Đang thực hiện"
	case Done:
		return "Đã hoàn thành"
	}
	return "Chưa có báo cáo tiến độ"
}

// Window is what a browser needs to tell the task's state on another day
// than the build's (static/js/states.js): its window, "2022-10-01
// 2022-12-31", then " yearly" when it comes back every year, " month-end"
// when it then ends with a month (Deadline.Next), and " reported:2023,2025"
// the first years of the occurrences its progress entries speak of
// (lastUnreported; " reported:" for none); "" when the state does not
// depend on the day (done, ongoing, following a programme, waiting).
func (t *Task) Window() string {
	due, ok := t.Due()
	if t.Status == Done || !ok {
		return ""
	}
	w := due.Start.Format(time.DateOnly) + " " + due.End.Format(time.DateOnly)
	if due.Recurring {
		w += " yearly"
		if due.MonthEnd() {
			w += " month-end"
		}
		var years []string // only a dated deadline recurs (Due)
		for _, k := range slices.Sorted(maps.Keys(t.reported())) {
			years = append(years, strconv.Itoa(due.Start.Year()+k))
		}
		w += " reported:" + strings.Join(years, ",")
	}
	return w
}

// HasPartners reports whether the task names partners: agencies, or
// words the plan gives them in (PartnersText).
func (t *Task) HasPartners() bool { return len(t.Partners) > 0 || t.PartnersText != "" }

// PartnerNames are the task's partners by name: its partner agencies'
// titles, then PartnersText.
func (t *Task) PartnerNames() []string {
	var out []string
	for _, a := range t.Partners {
		out = append(out, a.Title)
	}
	if t.PartnersText != "" {
		out = append(out, t.PartnersText)
	}
	return out
}

// NextEnd is the day the task is due by, on the day now: the end of its
// window, or for a yearly task of this year's window or the next (what
// its state speaks of). It is zero when the state does not depend on the
// day (Window).
func (t *Task) NextEnd(now time.Time) time.Time {
	due, ok := t.Due()
	if t.Status == Done || !ok {
		return time.Time{}
	}
	_, end := due.Next(now)
	return end
}

// Due is the window the task must be done in: its dated deadline, or for a
// conditional task whose awaited document was issued, the window from the
// document's date that due_within gives. ok is false when there is none.
func (t *Task) Due() (due Deadline, ok bool) {
	switch {
	case t.Deadline.Kind == Dated:
		return t.Deadline, true
	case t.Arrival != nil && !t.Arrival.End.IsZero():
		return window("after", t.Arrival.Date, t.Arrival.End), true
	}
	return Deadline{}, false
}

// UnreportedYears are the years of a yearly task's past occurrences that
// no progress entry speaks of, on the day now: "2022", "2023"… for a task
// due every year since 2022 whose progress holds nothing before 2024. An
// entry speaks of the occurrence that ended in the three months before its
// day, as a year's report written in January does of the year before, or
// else of the last one begun by its day. None for a task done, or not
// yearly.
func (t *Task) UnreportedYears(now time.Time) []int {
	var out []int
	t.pastOccurrences(now, func(year int, reported bool) {
		if !reported {
			out = append(out, year)
		}
	})
	return out
}

// lastUnreported reports whether the last past occurrence of a yearly task
// not done has no report (UnreportedYears): its deadline has gone by with
// nothing to show, and the task is overdue until a report comes, whatever
// this year's window says.
func (t *Task) lastUnreported(now time.Time) bool {
	last := true
	t.pastOccurrences(now, func(_ int, reported bool) { last = reported })
	return !last
}

// pastOccurrences calls f with the first year of each occurrence of a
// yearly task not done that has ended by the day now, in order, and
// whether a progress entry speaks of it (reportedOccurrence).
func (t *Task) pastOccurrences(now time.Time, f func(year int, reported bool)) {
	d := t.Deadline
	if t.Status == Done || d.Kind != Dated || !d.Recurring {
		return
	}
	spoken := t.reported()
	for years := 0; years < 1000; years++ {
		start, end := d.occurrence(years)
		if !end.Before(now) { // not past yet (a window's last day is due all day)
			return
		}
		f(start.Year(), spoken[years])
	}
}

// reported is the set of occurrences of a yearly deadline, in years after
// its first, that the task's progress entries speak of.
func (t *Task) reported() map[int]bool {
	spoken := map[int]bool{}
	for _, p := range t.Progress {
		if k := t.Deadline.reportedOccurrence(p.Date); k >= 0 {
			spoken[k] = true
		}
	}
	return spoken
}

// reportedOccurrence is the occurrence of a yearly deadline, in years after
// its first, that a progress entry dated day speaks of (UnreportedYears),
// or -1 for one dated before the first.
func (d Deadline) reportedOccurrence(day time.Time) int {
	k := -1
	for years := 0; years < 1000; years++ {
		start, end := d.occurrence(years)
		if start.After(day) {
			break
		}
		if end.Before(day) && !day.After(end.AddDate(0, 3, 0)) {
			return years
		}
		k = years
	}
	return k
}
