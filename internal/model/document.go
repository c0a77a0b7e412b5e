package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Document is a page of content/documents/: a document the plan cites or a
// task waits for. When the guidance a conditional task awaits is issued, its
// page says so (answers), and from its date the task is due within the
// window the task gives (due_within).
type Document struct {
	Page
	Date     time.Time // the day it was issued; zero when the page gives none
	Answers  []*Task   // the conditional tasks that waited for it
	Replaces []string  // numbers of the documents it replaces, as written: "35-HĐ/BTCTW"

	answerIDs []string
}

// Arrival is the document a conditional task waited for, once issued.
type Arrival struct {
	Doc  *Document
	Date time.Time // the document's date
	End  time.Time // the last day of the task's window after it; zero without due_within
}

// Within is a span after an awaited document arrives: "3 months", "90
// days", "1 year", or the same in Vietnamese ("3 tháng", "90 ngày", "1 năm").
type Within struct {
	N    int
	Unit string // "days", "months" or "years"
}

var withinRE = regexp.MustCompile(`^(\d{1,4})\s*(days?|months?|years?|ngày|tháng|năm)$`)

// ParseWithin reads a due_within value.
func ParseWithin(s string) (Within, error) {
	m := withinRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return Within{}, fmt.Errorf("%q is not a span (want \"90 days\", \"3 months\" or \"1 year\")", s)
	}
	n, _ := strconv.Atoi(m[1])
	if n == 0 {
		return Within{}, fmt.Errorf("%q: a span of zero leaves no time to do the task", s)
	}
	unit := map[string]string{"day": "days", "days": "days", "ngày": "days", "month": "months", "months": "months",
		"tháng": "months", "year": "years", "years": "years", "năm": "years"}[m[2]]
	return Within{N: n, Unit: unit}, nil
}

// After is the last day of the span that starts on day. Months and years
// keep the day of the month, or end with a shorter month: a month from
// 31 January is 29 February (or 28), not 2 March.
func (w Within) After(day time.Time) time.Time {
	months := w.N
	switch w.Unit {
	case "days":
		return day.AddDate(0, 0, w.N)
	case "years":
		months = 12 * w.N
	}
	first := time.Date(day.Year(), day.Month()+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	return first.AddDate(0, 0, min(day.Day(), last.Day())-1)
}

// Label is the span in Vietnamese: "3 tháng".
func (w Within) Label() string {
	return strconv.Itoa(w.N) + " " + map[string]string{"days": "ngày", "months": "tháng", "years": "năm"}[w.Unit]
}

func (s *Site) addDocument(p *Page, fl *fields) {
	d := &Document{Page: *p, answerIDs: fl.strs("answers"), Replaces: fl.strs("replaces")}
	d.Date, _ = fl.date("date")
	if len(d.answerIDs) > 0 && d.Date.IsZero() {
		if _, present := fl.meta.Values["date"]; !present {
			fl.errorf("answers", "a document that answers tasks needs the date it was issued: date = YYYY-MM-DD")
		}
	}
	fl.unknown(&s.Warnings, keysDocument)
	s.byKey[p.Key] = &d.Page
	s.Documents = append(s.Documents, d)
}

// resolveDocuments marks the tasks each document answers as arrived.
func (s *Site) resolveDocuments() {
	answeredBy := map[*Task]*Document{}
	for _, d := range s.Documents {
		pos := d.Meta.KeyPos("answers")
		for _, id := range d.answerIDs {
			t := s.tasks[id]
			switch {
			case t == nil:
				s.errs.Add(pos, "unknown task id %q%s", id, s.unreadHint())
				continue
			case t.Deadline.Kind != Conditional:
				s.errs.Add(pos, "task %s does not wait for a document: its deadline is %s, not conditional", id, t.Deadline.Label())
				continue
			case answeredBy[t] != nil:
				s.errs.Add(pos, "task %s is already answered by %s", id, answeredBy[t].File.Path)
				continue
			}
			answeredBy[t] = d
			d.Answers = append(d.Answers, t)
			if d.Date.IsZero() {
				continue
			}
			if d.Date.After(s.opt.Now) {
				s.Warnings.Add(d.Meta.KeyPos("date"), "document dated %s, after today (%s): task %s waits for it until a build on or after that day",
					d.Date.Format(time.DateOnly), s.opt.Now.Format(time.DateOnly), id)
				continue
			}
			a := &Arrival{Doc: d, Date: d.Date}
			if t.Within != nil {
				a.End = t.Within.After(d.Date)
			}
			t.Arrival = a
		}
	}
}
