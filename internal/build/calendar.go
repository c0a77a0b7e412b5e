package build

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kehoach/kehoach/internal/model"
)

// calendarDir holds the iCalendar files: the whole plan's and one per agency.
const calendarDir = "calendar/"

// calendarFile is the address of an agency's calendar, or of the whole
// plan's when slug is "".
func calendarFile(slug string) string {
	if slug == "" {
		return calendarDir + "ke-hoach.ics"
	}
	return calendarDir + slug + ".ics"
}

// calendars renders every calendar. A dated deadline becomes an all-day
// event on its last day, the day a calendar's reader must not miss, with its
// window (a quarter, a month, a year) in the description: an event over the
// whole window would be a banner over every day of a quarter or a year. A
// list of days becomes an event a run of consecutive days. Yearly deadlines
// repeat every year; so does the window a conditional task is given once
// the document it awaits is issued. Ongoing, programme and waiting tasks get
// no event, since the plan gives them no date.
func (b *builder) calendars() map[string][]byte {
	out := map[string][]byte{}
	if b.planCalendar() {
		out[calendarFile("")] = b.calendar(b.cfg.Title, b.site.Tasks)
	}
	for _, a := range b.site.Agencies {
		if !hasCalendar(a) {
			continue
		}
		tasks := append(slices.Clone(a.Leads), a.Partners...)
		slices.SortFunc(tasks, model.CompareTasks)
		out[calendarFile(a.Slug)] = b.calendar(a.Title, tasks)
	}
	return out
}

// hasCalendar reports whether an agency has a calendar: a task of it with
// a date. A calendar with no event is not valid iCalendar (RFC 5545 asks
// for one component at least), and some calendar programs refuse it.
func hasCalendar(a *model.Agency) bool {
	return slices.ContainsFunc(a.Leads, dated) || slices.ContainsFunc(a.Partners, dated)
}

// planCalendar reports whether the whole plan has a calendar: a task with
// a date (hasCalendar).
func (b *builder) planCalendar() bool { return slices.ContainsFunc(b.site.Tasks, dated) }

func dated(t *model.Task) bool { _, ok := t.Due(); return ok }

func (b *builder) calendar(name string, tasks []*model.Task) []byte {
	var c icsWriter
	c.line("BEGIN:VCALENDAR")
	c.line("VERSION:2.0")
	c.line("PRODID:-//kehoach//kehoach//VI")
	c.line("CALSCALE:GREGORIAN")
	c.prop("X-WR-CALNAME", name)
	stamp := b.opt.Now.UTC().Format("20060102T150405Z")
	for _, t := range tasks {
		due, ok := t.Due()
		if !ok {
			continue
		}
		uid := strings.ReplaceAll(strings.TrimSuffix(t.Path, ".html"), "/", "-")
		spans := daySpans(due)
		for i, span := range spans {
			c.line("BEGIN:VEVENT")
			if len(spans) > 1 {
				c.line("UID:" + uid + "-" + strconv.Itoa(i+1) + "@kehoach")
			} else {
				c.line("UID:" + uid + "@kehoach")
			}
			c.line("DTSTAMP:" + stamp)
			c.line("DTSTART;VALUE=DATE:" + span[0].Format("20060102"))
			c.line("DTEND;VALUE=DATE:" + span[1].AddDate(0, 0, 1).Format("20060102"))
			switch {
			case due.Recurring && due.MonthEnd() && len(spans) == 1:
				// The month's last day each year: a window to the end of
				// February ends on the 29th in leap years and on the 28th
				// in the others, which FREQ=YEARLY from a 29th would skip.
				c.line("RRULE:FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(span[1].Month())) + ";BYMONTHDAY=-1")
			case due.Recurring:
				c.line("RRULE:FREQ=YEARLY")
			}
			c.prop("SUMMARY", t.ID+" — "+t.Title)
			c.prop("DESCRIPTION", description(t, due))
			if b.cfg.BaseURL != "" {
				c.line("URL:" + b.cfg.BaseURL + t.Path)
			}
			if t.Status != model.Done && i == len(spans)-1 && (due.Recurring || !span[1].Before(b.opt.Now)) {
				// A reminder on the day the site starts calling the task
				// due soon, due_soon_days before the deadline (DTEND is
				// the day after it), each year for a yearly task. A
				// deadline gone by gets none, which would only ring at once.
				c.line("BEGIN:VALARM")
				c.line("ACTION:DISPLAY")
				c.prop("DESCRIPTION", "Sắp đến hạn: "+t.ID+" — "+t.Title)
				c.line("TRIGGER;RELATED=END:-P" + strconv.Itoa(b.cfg.DueSoonDays+1) + "D")
				c.line("END:VALARM")
			}
			c.line("END:VEVENT")
		}
	}
	c.line("END:VCALENDAR")
	return c.buf.Bytes()
}

// daySpans are the first and last days of the events of a deadline: the
// last day of its window, or for a list of days (deadline = ["2026-12-01",
// "2026-12-15"]) each run of consecutive days, so that the days between
// get no event.
func daySpans(due model.Deadline) [][2]time.Time {
	if len(due.Days) < 2 {
		return [][2]time.Time{{due.End, due.End}}
	}
	spans := [][2]time.Time{{due.Days[0], due.Days[0]}}
	for _, d := range due.Days[1:] {
		last := &spans[len(spans)-1]
		if d.After(last[1].AddDate(0, 0, 1)) {
			spans = append(spans, [2]time.Time{d, d})
			continue
		}
		last[1] = d
	}
	return spans
}

func description(t *model.Task, due model.Deadline) string {
	var parts []string
	if t.Deadline.Text != "" {
		parts = append(parts, "Thời hạn: "+t.Deadline.Text)
	}
	if len(due.Days) < 2 && due.Start.Before(due.End) {
		window := "Thực hiện từ " + due.Start.Format("02/01/2006") + " đến " + due.End.Format("02/01/2006")
		if due.Recurring {
			window = "Hằng năm, từ " + due.Start.Format("02/01") + " đến " + due.End.Format("02/01")
		}
		parts = append(parts, window)
	}
	if a := t.Arrival; a != nil {
		parts = append(parts, "Văn bản đã có: "+a.Doc.Title+" ("+a.Date.Format("02/01/2006")+")")
	}
	var leads []string
	for _, a := range t.Leads {
		leads = append(leads, a.Title)
	}
	parts = append(parts, "Chủ trì: "+strings.Join(leads, "; "))
	if t.HasPartners() {
		parts = append(parts, "Phối hợp: "+strings.Join(t.PartnerNames(), "; "))
	}
	return strings.Join(parts, "\n")
}

// icsWriter writes RFC 5545 content lines: CRLF line ends, lines folded
// at 75 octets without splitting a character, text values escaped.
type icsWriter struct{ buf bytes.Buffer }

func (w *icsWriter) prop(name, text string) {
	w.line(name + ":" + escapeText(text))
}

// icsEscaper escapes a TEXT value of iCalendar (RFC 5545, 3.3.11).
var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)

func escapeText(s string) string { return icsEscaper.Replace(s) }

func (w *icsWriter) line(l string) {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		w.buf.WriteString(l[:cut] + "\r\n ")
		l = l[cut:]
		limit = 74 // the leading space of a continuation counts
	}
	w.buf.WriteString(l + "\r\n")
}

// sortedKeys returns the keys of m in order, for output written in a
// stable order.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
