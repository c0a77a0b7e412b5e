package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/kehoach/kehoach/internal/model"
)

// TestCalendarsParse reads the real site's calendars back with an
// independent iCalendar parser: one event a dated task, on its deadline,
// yearly ones repeating, and no event for tasks without a date.
func TestCalendarsParse(t *testing.T) {
	res, files := buildReal(t)
	dated, yearly := 0, 0
	for _, task := range res.Site.Tasks {
		if task.Deadline.Kind == 0 { // model.Dated
			dated++
			if task.Deadline.Recurring {
				yearly++
			}
		}
	}
	raw := files["calendar/ke-hoach.ics"]
	for _, line := range bytes.Split(bytes.TrimSuffix(raw, []byte("\r\n")), []byte("\r\n")) {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if bytes.ContainsRune(line, '\n') {
			t.Errorf("bare LF in %q", line)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("decoding the plan's calendar: %v", err)
	}
	events := cal.Events()
	if len(events) != dated {
		t.Errorf("%d events, want %d (one a dated task)", len(events), dated)
	}
	uids := map[string]bool{}
	repeating, reminding := 0, 0
	sawDone, sawPast := false, false
	for _, ev := range events {
		uid, _ := ev.Props.Text(ical.PropUID)
		if uid == "" || uids[uid] {
			t.Errorf("missing or repeated UID %q", uid)
		}
		uids[uid] = true
		if ev.Props.Get(ical.PropDateTimeStamp) == nil {
			t.Errorf("%s has no DTSTAMP", uid)
		}
		if ev.Props.Get(ical.PropRecurrenceRule) != nil {
			repeating++
		}
		summary, _ := ev.Props.Text(ical.PropSummary)
		// A task not done reminds its reader when it becomes due soon.
		var triggers []string
		for _, alarm := range ev.Children {
			if alarm.Name == ical.CompAlarm {
				trigger := alarm.Props.Get(ical.PropTrigger)
				triggers = append(triggers, trigger.Params.Get(ical.ParamRelated)+" "+trigger.Value)
			}
		}
		// …on the day it becomes due soon, 30 days before its last day
		// (DTEND is the day after): not when done, nor when its window
		// is gone by.
		id, _, _ := strings.Cut(summary, " ")
		task := res.Site.Task(id)
		var want []string
		switch _, end := task.Deadline.Next(testNow); {
		case task.Status == "done":
			sawDone = true
		case !task.Deadline.Recurring && end.Before(testNow):
			sawPast = true
		default:
			want = []string{"END -P31D"}
			reminding++
		}
		if !slices.Equal(triggers, want) {
			t.Errorf("%s reminds %q, want %q", summary, triggers, want)
		}
		// An event on the deadline, the window's last day, with the
		// window in its description.
		if strings.HasPrefix(summary, "V.1.1 ") {
			start, _ := ev.DateTimeStart(nil)
			end, _ := ev.DateTimeEnd(nil)
			if start.Format("2006-01-02") != "2022-12-31" || end.Format("2006-01-02") != "2023-01-01" {
				t.Errorf("V.1.1 spans %s–%s, want the last day of the fourth quarter of 2022", start, end)
			}
			if desc, _ := ev.Props.Text(ical.PropDescription); !strings.Contains(desc, "Thực hiện từ 01/10/2022 đến 31/12/2022") {
				t.Errorf("V.1.1's description %q does not give its window", desc)
			}
		}
	}
	if !sawDone || !sawPast || reminding == 0 {
		t.Errorf("events seen: done %v, overdue %v, reminding %d: the checks of reminders checked less than they say", sawDone, sawPast, reminding)
	}
	if repeating != yearly {
		t.Errorf("%d events repeat, want %d", repeating, yearly)
	}
	if _, err := ical.NewDecoder(bytes.NewReader(files["calendar/ban-to-chuc.ics"])).Decode(); err != nil {
		t.Errorf("an agency's calendar: %v", err)
	}
	// An agency with no dated task has no calendar, which would hold no
	// event (RFC 5545 wants one at least), and its page does not offer one.
	without := 0
	for _, a := range res.Site.Agencies {
		raw, written := files["calendar/"+a.Slug+".ics"]
		offered := bytes.Contains(files[a.Path], []byte("calendar/"+a.Slug+".ics"))
		if !written {
			without++
			if offered {
				t.Errorf("%s offers a calendar that is not written", a.Path)
			}
			continue
		}
		cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
		if err != nil || len(cal.Events()) == 0 || !offered {
			t.Errorf("%s's calendar: %v, offered %v (want events, offered)", a.Slug, err, offered)
		}
	}
	if without == 0 {
		t.Error("every agency of the plan has a calendar: the check of those without one checked nothing")
	}
}

func TestTaskExports(t *testing.T) {
	res, files := buildReal(t)
	table := files["tasks.csv"]
	if !bytes.HasPrefix(table, []byte("\ufeff")) {
		t.Error("tasks.csv lacks the byte-order mark Excel needs")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(table, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if state := rows[0][len(rows[0])-2]; state != "Tình trạng tính đến ngày 27/11/2026" {
		t.Errorf("tasks.csv's state column is %q, want it to name the day of the states", state)
	}
	if len(rows) != len(res.Site.Tasks)+1 {
		t.Errorf("%d rows, want a header and %d tasks", len(rows), len(res.Site.Tasks))
	}
	var data struct {
		AsOf  string       `json:"as_of"`
		Tasks []taskExport `json:"tasks"`
	}
	if err := json.Unmarshal(files["tasks.json"], &data); err != nil {
		t.Fatal(err)
	}
	if data.AsOf != "2026-11-27" || len(data.Tasks) != len(res.Site.Tasks) {
		t.Errorf("tasks.json: as_of %q, %d tasks", data.AsOf, len(data.Tasks))
	}
	// A yearly task's window is the one its state speaks of on the build's
	// day: V.1.3 (each fourth quarter from 2022) in 2026, not in 2022.
	found := false
	for i, e := range data.Tasks {
		if e.ID != "V.1.3" {
			continue
		}
		found = true
		if e.Start != "2026-10-01" || e.End != "2026-12-31" || !e.Recurring {
			t.Errorf("V.1.3 in tasks.json: %s–%s (recurring %v), want 2026-10-01–2026-12-31", e.Start, e.End, e.Recurring)
		}
		if row := rows[i+1]; !slices.Contains(row, "2026-10-01") || !slices.Contains(row, "2026-12-31") {
			t.Errorf("V.1.3 in tasks.csv: %q, want this year's window", row)
		}
		// The years no report speaks of, which make it overdue.
		if col := slices.Index(rows[0], "Năm chưa có báo cáo"); col < 0 || rows[i+1][col] != "2022, 2023, 2024, 2025" || !slices.Equal(e.Unreported, []int{2022, 2023, 2024, 2025}) {
			t.Errorf("V.1.3's unreported years: tasks.json %v, tasks.csv's column %d; want 2022 to 2025 in both", e.Unreported, col)
		}
		// The plan's words whole, which the short title leaves out.
		if want := "Tiếp tục tham mưu đổi mới và nâng cao hiệu quả công tác đánh giá chất lượng tổ chức cơ sở đảng và đảng viên, khắc phục tình trạng hình thức trong đánh giá, xếp loại hằng năm."; e.Text != want || rows[i+1][2] != want {
			t.Errorf("V.1.3's text: %q in tasks.json, %q in tasks.csv, want %q", e.Text, rows[i+1][2], want)
		}
	}
	if !found {
		t.Error("no task V.1.3 in tasks.json: the check of a yearly task's window checked nothing")
	}
}

// TestDaySpans: a list of days becomes one event per run of consecutive
// days, so that the days between get none; a window, one on its last day.
func TestDaySpans(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	tests := []struct {
		days []string
		want [][2]string
	}{
		{[]string{"2022-07-21", "2022-07-22"}, [][2]string{{"2022-07-21", "2022-07-22"}}},
		{[]string{"2026-12-01", "2026-12-15"}, [][2]string{{"2026-12-01", "2026-12-01"}, {"2026-12-15", "2026-12-15"}}},
		{[]string{"2026-12-01", "2026-12-02", "2026-12-15", "2026-12-31", "2027-01-01"},
			[][2]string{{"2026-12-01", "2026-12-02"}, {"2026-12-15", "2026-12-15"}, {"2026-12-31", "2027-01-01"}}},
	}
	for _, tt := range tests {
		d, err := model.ParseDeadline(tt.days)
		if err != nil {
			t.Fatal(err)
		}
		var got [][2]string
		for _, s := range daySpans(d) {
			got = append(got, [2]string{s[0].Format(time.DateOnly), s[1].Format(time.DateOnly)})
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v: spans %v, want %v", tt.days, got, tt.want)
		}
	}
	if got := daySpans(model.Deadline{Start: day("2022-10-01"), End: day("2022-12-31")}); len(got) != 1 || got[0] != [2]time.Time{day("2022-12-31"), day("2022-12-31")} {
		t.Errorf("a quarter: %v, want its last day", got)
	}
}
