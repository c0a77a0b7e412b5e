package model

import (
	"strings"
	"testing"
	"time"
)

// FuzzReadDeadline reads any phrase as a deadline: no panic, and a phrase
// that reads gives a deadline that makes sense and agrees with itself.
func FuzzReadDeadline(f *testing.F) {
	for _, s := range []string{
		"Thực hiện trong Quý IV năm 2022", "quý IV/2022", "trong tháng 11 năm 2022",
		"ngày 21, 22 tháng 7 năm 2022", "ngày 21 và 22/7/2022", "trong năm 2022 và những năm tiếp theo",
		"từ năm 2022 và hằng năm", "thường xuyên", "khi có hướng dẫn của Trung ương",
		"theo chương trình kiểm tra, giám sát của BTV Tỉnh ủy", "ngày 31/02/2022", "tháng 13/2022", "quý 5/2022",
		"năm 0000", "ngày 99 tháng 99 năm 9999", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, err := ReadDeadline(text)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: an empty error", text)
			}
			return
		}
		if !d.Agrees(d) {
			t.Fatalf("%q: %+v does not agree with itself", text, d)
		}
		if d.Kind == Dated && (d.End.Before(d.Start) || d.Start.IsZero()) {
			t.Fatalf("%q: window %v – %v", text, d.Start, d.End)
		}
		if strings.TrimSpace(d.Label()) == "" {
			t.Fatalf("%q: %+v has no label", text, d)
		}
	})
}

// FuzzParseDeadline parses any structured value: no panic, and a value
// that parses gives a window that starts before it ends.
func FuzzParseDeadline(f *testing.F) {
	for _, s := range []string{"2022-Q4", "2022-11", "2022-07-22", "2022", "ongoing", "conditional",
		"programme", "2022-Q5", "2022-00", "2022-02-30", "-1-Q1", "9999-12"} {
		f.Add(s, "")
	}
	f.Add("2022-07-22", "2022-07-21")
	f.Fuzz(func(t *testing.T, a, b string) {
		values := []string{a}
		if b != "" {
			values = append(values, b)
		}
		d, err := ParseDeadline(values)
		if err != nil {
			return
		}
		if d.Kind == Dated && d.End.Before(d.Start) {
			t.Fatalf("%q: window %v – %v", values, d.Start, d.End)
		}
	})
}

// FuzzParseWithin reads any due_within value: no panic, and a span that
// reads ends after the day it starts, and reads again from its label.
func FuzzParseWithin(f *testing.F) {
	for _, s := range []string{"3 months", "90 days", "1 year", "3 tháng", "90 ngày", "1 năm", "0 days",
		"9999 years", "-1 months", "3months", " 12 Months ", "một tháng", ""} {
		f.Add(s, int64(0))
	}
	f.Add("1 month", int64(19782)) // from 2024-02-29
	f.Fuzz(func(t *testing.T, s string, day int64) {
		w, err := ParseWithin(s)
		if err != nil {
			return
		}
		start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(day%(300*366)))
		if end := w.After(start); !end.After(start) {
			t.Fatalf("%q from %s ends %s", s, start.Format(time.DateOnly), end.Format(time.DateOnly))
		}
		again, err := ParseWithin(w.Label())
		if err != nil || again != w {
			t.Fatalf("%q: label %q reads as %+v, %v", s, w.Label(), again, err)
		}
	})
}
