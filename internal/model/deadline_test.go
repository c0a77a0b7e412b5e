package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseDeadline(t *testing.T) {
	tests := []struct {
		in         []string
		kind       DeadlineKind
		start, end string
		label      string
		err        string
	}{
		{[]string{"2022-Q4"}, Dated, "2022-10-01", "2022-12-31", "Quý IV/2022", ""},
		{[]string{"2023-q1"}, Dated, "2023-01-01", "2023-03-31", "Quý I/2023", ""},
		{[]string{"2022-11"}, Dated, "2022-11-01", "2022-11-30", "Tháng 11/2022", ""},
		{[]string{"2024-02"}, Dated, "2024-02-01", "2024-02-29", "Tháng 2/2024", ""},
		{[]string{"2022-07-22"}, Dated, "2022-07-22", "2022-07-22", "22/07/2022", ""},
		{[]string{"2022-07-22", "2022-07-21"}, Dated, "2022-07-21", "2022-07-22", "21/07/2022, 22/07/2022", ""},
		{[]string{"2022"}, Dated, "2022-01-01", "2022-12-31", "Năm 2022", ""},
		{[]string{"ongoing"}, Ongoing, "", "", "Thường xuyên", ""},
		{[]string{"conditional"}, Conditional, "", "", "Khi có hướng dẫn", ""},
		{[]string{"programme"}, Programme, "", "", "Theo chương trình", ""},
		{[]string{"2022-Q5"}, 0, "", "", "", `"2022-Q5" is not a deadline`},
		{[]string{"2022-13"}, 0, "", "", "", "month 13 does not exist"},
		{[]string{"0001"}, 0, "", "", "", `"0001": the year must be between 1900 and 2199`},
		{[]string{"2200-Q1"}, 0, "", "", "", "the year must be between"},
		{[]string{"1899-12-31", "2022-01-01"}, 0, "", "", "", "the year must be between"},
		{[]string{"2022-02-30"}, 0, "", "", "", `"2022-02-30" is not a deadline`},
		{[]string{"2026-12-02", "2026-12-01", "2026-12-02"}, 0, "", "", "", "2026-12-02 is named twice"},
		{[]string{"2022-07-21", "mai"}, 0, "", "", "", `"mai" is not a day`},
		{[]string{"Quý IV/2022"}, 0, "", "", "", "is not a deadline"},
		{nil, 0, "", "", "", "empty deadline"},
	}
	for _, tt := range tests {
		d, err := ParseDeadline(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseDeadline(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDeadline(%q): %v", tt.in, err)
			continue
		}
		if d.Kind != tt.kind || d.Label() != tt.label {
			t.Errorf("ParseDeadline(%q) = kind %v label %q, want %v %q", tt.in, d.Kind, d.Label(), tt.kind, tt.label)
		}
		if tt.start != "" && (!d.Start.Equal(day(tt.start)) || !d.End.Equal(day(tt.end))) {
			t.Errorf("ParseDeadline(%q) window = %s–%s, want %s–%s", tt.in, d.Start.Format(time.DateOnly), d.End.Format(time.DateOnly), tt.start, tt.end)
		}
	}
}

// datedTask is a task of the deadline values ("2022-Q4", or days a comma
// apart), yearly when recurring, with a progress entry on each day of
// reports.
func datedTask(t *testing.T, values string, recurring bool, status Status, reports ...string) *Task {
	t.Helper()
	d, err := ParseDeadline(strings.Split(values, ","))
	if err != nil {
		t.Fatal(err)
	}
	d.Recurring = recurring
	tk := &Task{Deadline: d, Status: status}
	for _, r := range reports {
		tk.Progress = append(tk.Progress, Progress{Date: day(r), Note: "x"})
	}
	return tk
}

func TestStateOn(t *testing.T) {
	now := day("2026-11-27")
	dated := func(v string, recurring bool, status Status, reports ...string) *Task {
		return datedTask(t, v, recurring, status, reports...)
	}
	tests := []struct {
		name string
		task *Task
		want State
	}{
		{"past quarter", dated("2022-Q4", false, Planned), StateOverdue},
		{"past quarter done", dated("2022-Q4", false, Done), StateDone},
		{"ends within 30 days", dated("2026-12-20", false, InProgress), StateDueSoon},
		{"ends today", dated("2026-11-27", false, Planned), StateDueSoon},
		{"ended yesterday", dated("2026-11-26", false, Planned), StateOverdue},
		{"later", dated("2027", false, Planned), StateUpcoming},
		{"yearly Q4 comes back: ends 31/12/2026, 34 days away", dated("2022-Q4", true, Planned, "2025-12-01"), StateUpcoming},
		{"yearly November comes back: ends 30/11/2026", dated("2022-11", true, Planned, "2025-11-20"), StateDueSoon},
		// A yearly task whose last year went by with no report is overdue,
		// whatever this year's window says.
		{"yearly Q4 since 2022, 2025 not reported", dated("2022-Q4", true, Planned, "2022-12-01", "2024-12-01"), StateOverdue},
		{"yearly Q4 since 2022, 2025 reported in January 2026", dated("2022-Q4", true, Planned, "2026-01-10"), StateUpcoming},
		{"yearly November since 2026: no past year", dated("2026-11", true, Planned), StateDueSoon},
		{"yearly Q4 since 2022, no report", dated("2022-Q4", true, Planned), StateOverdue},
		{"yearly Q4 since 2022, no report, done", dated("2022-Q4", true, Done), StateDone},
		{"ongoing", &Task{Deadline: Deadline{Kind: Ongoing}}, StateOngoing},
		{"programme", &Task{Deadline: Deadline{Kind: Programme}}, StateProgramme},
		{"conditional", &Task{Deadline: Deadline{Kind: Conditional}}, StateWaiting},
	}
	for _, tt := range tests {
		if got := tt.task.StateOn(now, 30); got != tt.want {
			t.Errorf("%s: StateOn = %s, want %s", tt.name, got.Name(), tt.want.Name())
		}
	}
}

func TestCompareTasks(t *testing.T) {
	ordered := []string{"", "1", "1a", "III.1", "III.2", "IV.1", "V", "V.1", "V.1.2", "V.1.10", "V.2.1", "V.10.1", "a", "b"}
	task := func(id string) *Task { return &Task{ID: id, idParts: idParts(id)} }
	for i := 0; i+1 < len(ordered); i++ {
		a, b := task(ordered[i]), task(ordered[i+1])
		if CompareTasks(a, b) >= 0 || CompareTasks(b, a) <= 0 {
			t.Errorf("%q should sort before %q", ordered[i], ordered[i+1])
		}
	}
}

func TestPathOf(t *testing.T) {
	tests := []struct{ key, want string }{
		{"_index", "index.html"},
		{"plan/_index", "plan/index.html"},
		{"plan/05-nhiem-vu-cu-the", "plan/05-nhiem-vu-cu-the.html"},
		{"tasks/Ban Tổ chức/t01", "tasks/ban-to-chuc/t01.html"},
		{"updates/2026/Tin mới", "updates/2026/tin-moi.html"},
		{"tasks/!!!/t01", ""},
	}
	for _, tt := range tests {
		got, ok := pathOf(tt.key)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("pathOf(%q) = %q, %v; want %q", tt.key, got, ok, tt.want)
		}
	}
}

func TestAnchorNumber(t *testing.T) {
	for in, want := range map[string]string{"iii-2": "III.2", "iv-1-3": "IV.1.3", "bon-tieu-chi": "bon-tieu-chi", "v-x": "v-x"} {
		if got := anchorNumber(in); got != want {
			t.Errorf("anchorNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWindow(t *testing.T) {
	dated := func(values string, recurring bool, status Status, reports ...string) *Task {
		return datedTask(t, values, recurring, status, reports...)
	}
	for _, tt := range []struct {
		task *Task
		want string
	}{
		{dated("2022-Q4", false, Planned), "2022-10-01 2022-12-31"},
		{dated("2022", true, InProgress), "2022-01-01 2022-12-31 yearly month-end reported:"},
		{dated("2022-07-21", true, Planned), "2022-07-21 2022-07-21 yearly reported:"},
		{dated("2022", true, InProgress, "2023-01-10", "2024-05-01", "2024-06-01"), "2022-01-01 2022-12-31 yearly month-end reported:2022,2024"},
		{dated("2022-07-22,2022-07-21", false, Planned), "2022-07-21 2022-07-22"},
		{dated("2022-Q4", false, Done), ""},
		{dated("ongoing", false, Planned), ""},
		{dated("conditional", false, Planned), ""},
	} {
		if got := tt.task.Window(); got != tt.want {
			t.Errorf("%+v: Window() = %q, want %q", tt.task.Deadline, got, tt.want)
		}
	}
}

// TestNextLeapYear checks that a yearly window that ends with February ends
// on its last day in every year: 28 or 29.
func TestNextLeapYear(t *testing.T) {
	for _, tt := range []struct {
		values, now, end string
	}{
		{"2023-02", "2024-02-15", "2024-02-29"},
		{"2024-02", "2025-03-01", "2026-02-28"},
		{"2024-02", "2025-02-10", "2025-02-28"},
		{"2023-Q1", "2024-03-31", "2024-03-31"},
		{"2024-02-29", "2025-02-10", "2025-03-01"}, // a named day moves as AddDate moves it
	} {
		d, err := ParseDeadline([]string{tt.values})
		if err != nil {
			t.Fatal(err)
		}
		d.Recurring = true
		if _, end := d.Next(day(tt.now)); !end.Equal(day(tt.end)) {
			t.Errorf("%s yearly, on %s: ends %s, want %s", tt.values, tt.now, end.Format(time.DateOnly), tt.end)
		}
	}
}

// TestDeadlineSaysAgain: a task page gives the structured label and what
// the task awaits beside the plan's words only when they add to them.
func TestDeadlineSaysAgain(t *testing.T) {
	for _, tc := range []struct {
		values             []string
		text, awaits       string
		labelAdds, awaits2 bool
	}{
		{[]string{"ongoing"}, "Thực hiện thường xuyên", "", false, false},
		{[]string{"2022-Q4"}, "Thực hiện trong Quý IV năm 2022", "", true, false},
		{[]string{"2022-Q4"}, "Thực hiện trong quý IV/2022", "", false, false},
		{[]string{"2022"}, "Thực hiện trong năm 2022", "", false, false},
		{[]string{"conditional"}, "Thực hiện khi có hướng dẫn của Trung ương", "hướng dẫn của Trung ương", false, false},
		{[]string{"conditional"}, "Thực hiện khi Ban Tổ chức Trung ương có hướng dẫn thay thế Hướng dẫn số 35-HĐ/BTCTW",
			"hướng dẫn của Ban Tổ chức Trung ương thay thế Hướng dẫn số 35-HĐ/BTCTW", false, true}, // "Chờ: …" says it
		{[]string{"programme"}, "", "chương trình kiểm tra", false, true}, // no words of the plan's: nothing to repeat
	} {
		d, err := ParseDeadline(tc.values)
		if err != nil {
			t.Fatal(err)
		}
		d.Text, d.Awaits = tc.text, tc.awaits
		if d.LabelAdds() != tc.labelAdds || d.AwaitsAdds() != tc.awaits2 {
			t.Errorf("%q beside %q, awaits %q: label adds %v, awaits adds %v; want %v, %v",
				d.Label(), tc.text, tc.awaits, d.LabelAdds(), d.AwaitsAdds(), tc.labelAdds, tc.awaits2)
		}
	}
}

// TestRecurringLabel: a yearly deadline's label says every year from when,
// not a year and every year at once ("Năm 2022, hằng năm").
func TestRecurringLabel(t *testing.T) {
	for in, want := range map[string]string{
		"2022":       "Hằng năm, từ năm 2022",
		"2022-Q4":    "Quý IV hằng năm, từ năm 2022",
		"2022-11":    "Tháng 11 hằng năm, từ năm 2022",
		"2022-03-10": "10/03/2022, hằng năm",
	} {
		d, err := ParseDeadline([]string{in})
		if err != nil {
			t.Fatal(err)
		}
		d.Recurring = true
		if got := d.Label(); got != want {
			t.Errorf("%s yearly: label %q, want %q", in, got, want)
		}
	}
}

// TestDescribeRecurringDays: a warning names a yearly day as yearly, so
// that it does not say the same day on both sides of "but".
func TestDescribeRecurringDays(t *testing.T) {
	d, err := ParseDeadline([]string{"2022-07-21"})
	if err != nil {
		t.Fatal(err)
	}
	d.Recurring = true
	if got, want := d.describe(), "21/07/2022, hằng năm"; got != want {
		t.Errorf("describe = %q, want %q", got, want)
	}
}

func TestUnreportedYears(t *testing.T) {
	task := func(v string, recurring bool, status Status, reports ...string) *Task {
		return datedTask(t, v, recurring, status, reports...)
	}
	tests := []struct {
		name string
		on   string
		task *Task
		want []int
	}{
		{"yearly since 2022, no report: this year's window is not past", "2026-11-27", task("2022", true, Planned), []int{2022, 2023, 2024, 2025}},
		{"reports in 2022 and 2024", "2026-11-27", task("2022", true, Planned, "2022-12-20", "2024-06-01"), []int{2023, 2025}},
		{"a report in January speaks of the year before", "2026-11-27", task("2022", true, Planned, "2023-01-10"), []int{2023, 2024, 2025}},
		{"a report in April speaks of its own year", "2026-11-27", task("2022", true, Planned, "2023-04-10"), []int{2022, 2024, 2025}},
		{"a report before the first window speaks of none", "2026-11-27", task("2023", true, Planned, "2022-06-01"), []int{2023, 2024, 2025}},
		{"yearly Q4: a report in March speaks of the last Q4", "2026-11-27", task("2022-Q4", true, InProgress, "2023-03-01", "2023-11-15"), []int{2024, 2025}},
		{"yearly Q4 of 2026 ends 31/12: not past", "2026-11-27", task("2025-Q4", true, Planned, "2025-12-01"), nil},
		{"yearly February: 2024's window ends on the 29th", "2024-02-29", task("2023-02", true, Planned, "2023-02-10"), nil},
		{"yearly February: past on 01/03/2024", "2024-03-01", task("2023-02", true, Planned, "2023-02-10"), []int{2024}},
		{"not yearly", "2026-11-27", task("2022-Q4", false, Planned), nil},
		{"done", "2026-11-27", task("2022", true, Done), nil},
		{"ongoing", "2026-11-27", &Task{Deadline: Deadline{Kind: Ongoing}}, nil},
	}
	for _, tt := range tests {
		if got := tt.task.UnreportedYears(day(tt.on)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: UnreportedYears = %v, want %v", tt.name, got, tt.want)
		}
	}
}
