package model

import (
	"testing"
	"time"
)

func TestParseWithin(t *testing.T) {
	day := time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in, end, label, err string
	}{
		{in: "3 months", end: "2024-04-30", label: "3 tháng"}, // April has no 31st
		{in: "1 month", end: "2024-02-29", label: "1 tháng"},
		{in: "12 months", end: "2025-01-31", label: "12 tháng"},
		{in: "90 days", end: "2024-04-30", label: "90 ngày"},
		{in: "1 day", end: "2024-02-01", label: "1 ngày"},
		{in: " 2 Years ", end: "2026-01-31", label: "2 năm"},
		{in: "3 tháng", end: "2024-04-30", label: "3 tháng"},
		{in: "90 ngày", end: "2024-04-30", label: "90 ngày"},
		{in: "1năm", end: "2025-01-31", label: "1 năm"},
		{in: "soon", err: `"soon" is not a span (want "90 days", "3 months" or "1 year")`},
		{in: "-3 months", err: `"-3 months" is not a span (want "90 days", "3 months" or "1 year")`},
		{in: "3 weeks", err: `"3 weeks" is not a span (want "90 days", "3 months" or "1 year")`},
		{in: "0 days", err: `"0 days": a span of zero leaves no time to do the task`},
		{in: "99999 days", err: `"99999 days" is not a span (want "90 days", "3 months" or "1 year")`},
	} {
		w, err := ParseWithin(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseWithin(%q) error = %v, want %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseWithin(%q): %v", tc.in, err)
			continue
		}
		if got := w.After(day).Format(time.DateOnly); got != tc.end {
			t.Errorf("ParseWithin(%q).After(2024-01-31) = %s, want %s", tc.in, got, tc.end)
		}
		if got := w.Label(); got != tc.label {
			t.Errorf("ParseWithin(%q).Label() = %q, want %q", tc.in, got, tc.label)
		}
	}
}

func TestStateOnArrival(t *testing.T) {
	date := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	doc := &Document{Date: date("2026-09-01")}
	waiting := Task{Deadline: Deadline{Kind: Conditional}}
	arrived := Task{Deadline: Deadline{Kind: Conditional}, Arrival: &Arrival{Doc: doc, Date: doc.Date}}
	due := Task{Deadline: Deadline{Kind: Conditional}, Arrival: &Arrival{Doc: doc, Date: doc.Date, End: date("2026-12-01")}}
	doneDue := due
	doneDue.Status = Done
	for _, tc := range []struct {
		name string
		t    Task
		now  string
		want State
	}{
		{"waiting", waiting, "2026-11-27", StateWaiting},
		{"arrived without a window", arrived, "2030-01-01", StateArrived},
		{"window far off", due, "2026-09-02", StateUpcoming},
		{"window ends within 30 days", due, "2026-11-27", StateDueSoon},
		{"window's last day", due, "2026-12-01", StateDueSoon},
		{"window passed", due, "2026-12-02", StateOverdue},
		{"done", doneDue, "2026-12-02", StateDone},
	} {
		if got := tc.t.StateOn(date(tc.now), 30); got != tc.want {
			t.Errorf("%s: StateOn(%s) = %s, want %s", tc.name, tc.now, got.Name(), tc.want.Name())
		}
	}
	if got, want := due.Window(), "2026-09-01 2026-12-01"; got != want {
		t.Errorf("Window() = %q, want %q", got, want)
	}
	if got := arrived.Window(); got != "" {
		t.Errorf("Window() of a task with no window = %q, want none", got)
	}
}

func TestWithinYearFromLeapDay(t *testing.T) {
	day := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	if got := (Within{N: 1, Unit: "years"}).After(day).Format(time.DateOnly); got != "2025-02-28" {
		t.Errorf("a year from 2024-02-29 ends %s, want 2025-02-28", got)
	}
}
