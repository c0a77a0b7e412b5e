package model

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach/internal/vntext"
)

// DeadlineKind says what sort of time limit a task has.
type DeadlineKind int

const (
	Dated       DeadlineKind = iota // a window: a quarter, a month, a year, or days
	Ongoing                         // "thường xuyên"
	Programme                       // follows a named programme
	Conditional                     // "khi có hướng dẫn ..."
)

// DeadlineKinds lists the kinds in the order pages group them.
func DeadlineKinds() []DeadlineKind { return []DeadlineKind{Dated, Ongoing, Programme, Conditional} }

// Deadline is a task's structured time limit.
type Deadline struct {
	Kind      DeadlineKind
	Start     time.Time // first day of the window (Dated only)
	End       time.Time // last day of the window (Dated only)
	Unit      string    // "quarter", "month", "year", "days" (Dated only)
	Days      []time.Time
	Recurring bool   // the window comes back every year
	Awaits    string // what a Conditional or Programme deadline waits for or follows
	Text      string // the plan's own words
}

var (
	quarterRE = regexp.MustCompile(`^(\d{4})-[Qq]([1-4])$`)
	monthRE   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	yearRE    = regexp.MustCompile(`^(\d{4})$`)
)

// ParseDeadline parses the structured forms of the content model: "2022-Q4",
// "2022-11", "2022-07-22", a list of days, "2022", "ongoing", "conditional"
// and "programme".
func ParseDeadline(values []string) (Deadline, error) {
	d, err := parseDeadline(values)
	return inRange(strings.Join(values, ", "), d, err)
}

func parseDeadline(values []string) (Deadline, error) {
	switch {
	case len(values) == 0 || len(values) == 1 && values[0] == "":
		return Deadline{}, fmt.Errorf("empty deadline")
	case len(values) > 1:
		return parseDays(values)
	}
	v := values[0]
	switch v {
	case "ongoing":
		return Deadline{Kind: Ongoing}, nil
	case "conditional":
		return Deadline{Kind: Conditional}, nil
	case "programme":
		return Deadline{Kind: Programme}, nil
	}
	if m := quarterRE.FindStringSubmatch(v); m != nil {
		y, q := atoi(m[1]), atoi(m[2])
		start := time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		return window("quarter", start, start.AddDate(0, 3, -1)), nil
	}
	if m := monthRE.FindStringSubmatch(v); m != nil {
		y, mo := atoi(m[1]), atoi(m[2])
		if mo < 1 || mo > 12 {
			return Deadline{}, fmt.Errorf("%q: month %d does not exist", v, mo)
		}
		start := time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
		return window("month", start, start.AddDate(0, 1, -1)), nil
	}
	if m := yearRE.FindStringSubmatch(v); m != nil {
		start := time.Date(atoi(m[1]), 1, 1, 0, 0, 0, 0, time.UTC)
		return window("year", start, start.AddDate(1, 0, -1)), nil
	}
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		return parseDays(values)
	}
	return Deadline{}, fmt.Errorf("%q is not a deadline (want 2022-Q4, 2022-11, 2022-07-22, 2022, ongoing, conditional or programme)", v)
}

func parseDays(values []string) (Deadline, error) {
	days := make([]time.Time, 0, len(values))
	for _, v := range values {
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return Deadline{}, fmt.Errorf("%q is not a day (want YYYY-MM-DD)", v)
		}
		days = append(days, d)
	}
	slices.SortFunc(days, time.Time.Compare)
	for i := 1; i < len(days); i++ {
		if days[i].Equal(days[i-1]) {
			return Deadline{}, fmt.Errorf("%s is named twice", days[i].Format(time.DateOnly))
		}
	}
	d := window("days", days[0], days[len(days)-1])
	d.Days = days
	return d, nil
}

func window(unit string, start, end time.Time) Deadline {
	return Deadline{Kind: Dated, Unit: unit, Start: start, End: end}
}

// Years a deadline may fall in: a plan's deadlines are in this century or
// the next, and year 1 would read as "no date" (time.Time's zero).
const firstYear, lastYear = 1900, 2199

// inRange refuses a dated deadline outside [firstYear, lastYear].
func inRange(v string, d Deadline, err error) (Deadline, error) {
	if err == nil && d.Kind == Dated && (d.Start.Year() < firstYear || d.End.Year() > lastYear) {
		return Deadline{}, fmt.Errorf("%q: the year must be between %d and %d", v, firstYear, lastYear)
	}
	return d, err
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// Next returns the window of the occurrence that ends on or after now: the
// window itself, or for a recurring deadline the same window in a later year.
func (d Deadline) Next(now time.Time) (start, end time.Time) {
	start, end = d.Start, d.End
	if !d.Recurring {
		return start, end
	}
	for years := 1; end.Before(now) && years < 1000; years++ {
		start, end = d.occurrence(years)
	}
	return start, end
}

// occurrence is the window of a yearly deadline the given number of years
// after its first.
func (d Deadline) occurrence(years int) (start, end time.Time) {
	start, end = d.Start.AddDate(years, 0, 0), d.End.AddDate(years, 0, 0)
	if d.MonthEnd() { // February's last day moves with leap years
		end = time.Date(d.End.Year()+years, d.End.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return start, end
}

// MonthEnd reports whether the window ends with a month (a month, a
// quarter, a year), rather than on a day that was named.
func (d Deadline) MonthEnd() bool { return d.Unit != "days" }

// LabelAdds reports whether Label says anything the plan's words (Text)
// do not: "Quý IV/2022" beside "Thực hiện trong Quý IV năm 2022" does,
// "Thường xuyên" beside "Thực hiện thường xuyên" does not.
//
// A waiting deadline's label says what it waits for, which AwaitsAdds shows
// on a line of its own ("Chờ: …"): a third telling would be one too many.
func (d Deadline) LabelAdds() bool {
	if (d.Kind == Conditional || d.Kind == Programme) && d.AwaitsAdds() {
		return false
	}
	return d.Text != "" && !saysAlready(d.Text, d.Label())
}

// AwaitsAdds reports whether Awaits says anything Text does not.
func (d Deadline) AwaitsAdds() bool { return d.Awaits != "" && !saysAlready(d.Text, d.Awaits) }

// saysAlready reports whether text holds what, folded and whatever its
// punctuation: their slugs, word by word.
func saysAlready(text, what string) bool {
	return strings.Contains("-"+vntext.Slug(text)+"-", "-"+vntext.Slug(what)+"-")
}

// AwaitsWord is the word before Awaits: what a conditional deadline
// waits for ("Chờ"), or the programme a deadline follows ("Theo").
func (d Deadline) AwaitsWord() string {
	if d.Kind == Programme {
		return "Theo"
	}
	return "Chờ"
}

var romanQuarter = [...]string{"", "I", "II", "III", "IV"}

// Label is a short Vietnamese rendering of the structured deadline:
// "Quý IV/2022", "Tháng 11/2022", "21, 22/07/2022", "Năm 2022", "Thường xuyên".
func (d Deadline) Label() string {
	var s string
	switch d.Kind {
	case Ongoing:
		return "Thường xuyên"
	case Programme:
		return labelWith("Theo", "chương trình", d.Awaits)
	case Conditional:
		return labelWith("Khi có", "hướng dẫn", d.Awaits)
	}
	quarter := romanQuarter[(int(d.Start.Month())+2)/3]
	if d.Recurring { // "Năm 2022, hằng năm" read as a year and every year at once
		switch d.Unit {
		case "quarter":
			return fmt.Sprintf("Quý %s hằng năm, từ năm %d", quarter, d.Start.Year())
		case "month":
			return fmt.Sprintf("Tháng %d hằng năm, từ năm %d", d.Start.Month(), d.Start.Year())
		case "year":
			return fmt.Sprintf("Hằng năm, từ năm %d", d.Start.Year())
		}
		return dayList(d.Days) + ", hằng năm"
	}
	switch d.Unit {
	case "quarter":
		s = fmt.Sprintf("Quý %s/%d", quarter, d.Start.Year())
	case "month":
		s = fmt.Sprintf("Tháng %d/%d", d.Start.Month(), d.Start.Year())
	case "year":
		s = fmt.Sprintf("Năm %d", d.Start.Year())
	default:
		s = dayList(d.Days)
	}
	return s
}

func dayList(days []time.Time) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = d.Format("02/01/2006")
	}
	return strings.Join(parts, ", ")
}

// Name is the Vietnamese heading for a group of deadlines of kind k.
func (k DeadlineKind) Name() string {
	return [...]string{"Có thời hạn", "Thường xuyên", "Theo chương trình", "Khi có văn bản"}[k]
}

// Slug is a stable ASCII name of k, for ids and data attributes.
func (k DeadlineKind) Slug() string {
	return [...]string{"dated", "ongoing", "programme", "conditional"}[k]
}

// labelWith is "Khi có " + what the deadline awaits, or a generic label.
func labelWith(verb, generic, awaits string) string {
	if awaits == "" {
		return verb + " " + generic
	}
	return verb + " " + awaits
}
