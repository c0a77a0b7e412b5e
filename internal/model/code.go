package model

import "strings"

// Code is the deadline in the content model's notation: "2022-Q4",
// "2022-11", "2022-07-21;2022-07-22", "2022", "ongoing", "programme",
// "conditional".
func (d Deadline) Code() string {
	switch d.Kind {
	case Ongoing:
		return "ongoing"
	case Programme:
		return "programme"
	case Conditional:
		return "conditional"
	}
	switch d.Unit {
	case "quarter":
		return d.Start.Format("2006") + "-Q" + string(rune('0'+(int(d.Start.Month())+2)/3))
	case "month":
		return d.Start.Format("2006-01")
	case "year":
		return d.Start.Format("2006")
	}
	days := make([]string, len(d.Days))
	for i, day := range d.Days {
		days[i] = day.Format("2006-01-02")
	}
	return strings.Join(days, ";")
}
