package model

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/kehoach/kehoach/internal/vntext"
)

// Deadline phrases as the plan writes them, read on their folded form:
// "Thực hiện trong Quý IV năm 2022", "quý IV/2022", "trong tháng 11 năm 2022",
// "ngày 21, 22 tháng 7 năm 2022", "trong năm 2022 và những năm tiếp theo",
// "từ năm 2022 và hằng năm", "thường xuyên", "khi có hướng dẫn của Trung ương",
// "theo chương trình kiểm tra, giám sát của …".
var (
	phraseQuarter = regexp.MustCompile(`\bquy\s+(i{1,3}|iv|[1-4])\s*(?:/|nam)\s*(\d{4})\b`)
	phraseDays    = regexp.MustCompile(`\bngay\s+(\d{1,2}(?:\s*(?:,|va)\s*\d{1,2})*)\s*(?:/|thang)\s*(\d{1,2})\s*(?:/|nam)\s*(\d{4})\b`)
	phraseMonth   = regexp.MustCompile(`\bthang\s+(\d{1,2})\s*(?:/|nam)\s*(\d{4})\b`)
	phraseYear    = regexp.MustCompile(`\bnam\s+(\d{4})\b`)
	phraseDay     = regexp.MustCompile(`\d{1,2}`)
)

// errNoDeadline is ReadDeadline's error for words that name no deadline.
var errNoDeadline = errors.New("no deadline")

var quarterNumerals = map[string]string{"i": "1", "ii": "2", "iii": "3", "iv": "4"}

// ReadDeadline reads the structured deadline that a phrase of the plan
// states. Awaits is left empty: the words say it, the model need not.
func ReadDeadline(text string) (Deadline, error) {
	f := strings.Join(strings.Fields(vntext.Fold(text)), " ")
	recurring := strings.Contains(f, "nhung nam tiep theo") || strings.Contains(f, "hang nam")
	var d Deadline
	var err error
	switch {
	case strings.Contains(f, "thuong xuyen"):
		return Deadline{Kind: Ongoing}, nil
	case strings.Contains(f, "theo chuong trinh"):
		return Deadline{Kind: Programme}, nil
	case strings.HasPrefix(f, "khi ") || strings.Contains(f, " khi "):
		return Deadline{Kind: Conditional}, nil
	}
	if m := phraseDays.FindStringSubmatch(f); m != nil {
		var days []string
		for _, day := range phraseDay.FindAllString(m[1], -1) {
			days = append(days, fmt.Sprintf("%s-%02s-%02s", m[3], m[2], day))
		}
		d, err = ParseDeadline(days)
	} else if m := phraseQuarter.FindStringSubmatch(f); m != nil {
		q := m[1]
		if n, ok := quarterNumerals[q]; ok {
			q = n
		}
		d, err = ParseDeadline([]string{m[2] + "-Q" + q})
	} else if m := phraseMonth.FindStringSubmatch(f); m != nil {
		d, err = ParseDeadline([]string{fmt.Sprintf("%s-%02s", m[2], m[1])})
	} else if m := phraseYear.FindStringSubmatch(f); m != nil {
		d, err = ParseDeadline([]string{m[1]})
	} else {
		return Deadline{}, fmt.Errorf("%w in %q", errNoDeadline, text)
	}
	d.Recurring = recurring
	return d, err
}

// Agrees reports whether d and the deadline read from its words say the
// same thing: the same kind, the same window, recurring alike.
func (d Deadline) Agrees(read Deadline) bool {
	if d.Kind != read.Kind {
		return false
	}
	if d.Kind != Dated {
		return true
	}
	return d.Start.Equal(read.Start) && d.End.Equal(read.End) && d.Recurring == read.Recurring
}

// describe names the deadline in a warning: "Quý IV hằng năm, từ năm 2022",
// "21/07/2022, 22/07/2022", "thường xuyên" or "khi có điều kiện".
func (d Deadline) describe() string {
	if d.Kind == Dated && d.Unit == "days" && !d.Recurring {
		return dayList(d.Days)
	}
	if d.Kind == Conditional {
		return "khi có điều kiện"
	}
	if d.Kind == Programme {
		return "theo chương trình"
	}
	return d.Label()
}
