package model

import "time"

// State is where a task stands on a given day.
type State int

const (
	StateOverdue   State = iota // dated, not done, its window has passed
	StateDueSoon                // dated, not done, its window ends within the due-soon days
	StateUpcoming               // dated, not done, later than that
	StateOngoing                // "thường xuyên"
	StateProgramme              // follows a programme
	StateWaiting                // waits for a condition
	StateDone                   // recorded as done
)

// States lists every state in the order the deadlines page shows them.
func States() []State {
	return []State{StateOverdue, StateDueSoon, StateUpcoming, StateOngoing, StateProgramme, StateWaiting, StateDone}
}

// Name is the state's Vietnamese label.
func (s State) Name() string {
	return [...]string{"Quá hạn", "Sắp đến hạn", "Còn thời hạn", "Thường xuyên", "Theo chương trình", "Chờ hướng dẫn", "Đã hoàn thành"}[s]
}

// Slug is a stable ASCII name of s, for CSS classes and data attributes.
func (s State) Slug() string {
	return [...]string{"overdue", "due-soon", "upcoming", "ongoing", "programme", "waiting", "done"}[s]
}

// StateOn returns t's state on day now, counting windows that end within
// soon days of now as due soon.
func (t *Task) StateOn(now time.Time, soon int) State {
	if t.Status == Done {
		return StateDone
	}
	switch t.Deadline.Kind {
	case Ongoing:
		return StateOngoing
	case Programme:
		return StateProgramme
	case Conditional:
		return StateWaiting
	}
	_, end := t.Deadline.Next(now)
	switch {
	case end.Before(now):
		return StateOverdue
	case !end.After(now.AddDate(0, 0, soon)):
		return StateDueSoon
	}
	return StateUpcoming
}

// Name is the Vietnamese label of a recorded status.
func (s Status) Name() string {
	switch s {
	case InProgress:
		return "Đang thực hiện"
	case Done:
		return "Đã hoàn thành"
	}
	return "Chưa cập nhật"
}

// Window is what a browser needs to tell the task's state on another day
// than the build's (static/js/states.js): its window, "2022-10-01
// 2022-12-31", then " yearly" when it comes back every year, and
// " month-end" when it then ends with a month (Deadline.Next); "" when the
// state does not depend on the day (done, ongoing, following a programme,
// waiting).
func (t *Task) Window() string {
	if t.Status == Done || t.Deadline.Kind != Dated {
		return ""
	}
	w := t.Deadline.Start.Format(time.DateOnly) + " " + t.Deadline.End.Format(time.DateOnly)
	if t.Deadline.Recurring {
		w += " yearly"
		if t.Deadline.monthEnd() {
			w += " month-end"
		}
	}
	return w
}
