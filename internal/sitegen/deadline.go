package sitegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// deadline is a task's structured deadline and the plan-style words for it.
type deadline struct {
	values    []string // one value, or several days
	text      string
	awaits    string
	recurring string
}

// deadlineForms lists every form of the spec; task n gets form n mod 8 so
// that all forms occur even in small sites.
var deadlineForms = [...]func(r *rand.Rand) deadline{
	quarterDeadline,
	monthDeadline,
	dayDeadline,
	daysDeadline,
	yearDeadline,
	ongoingDeadline,
	conditionalDeadline,
	programmeDeadline,
}

func pickDeadline(r *rand.Rand, n int) deadline {
	return deadlineForms[n%len(deadlineForms)](r)
}

func (d deadline) write(f *frontMatter) {
	if len(d.values) == 1 {
		f.str("deadline", d.values[0])
	} else {
		f.strs("deadline", d.values)
	}
	f.str("deadline_text", d.text)
	if d.recurring != "" {
		f.str("recurring", d.recurring)
	}
	if d.awaits != "" {
		f.str("awaits", d.awaits)
	}
}

var romanQuarters = [...]string{"I", "II", "III", "IV"}

func year(r *rand.Rand) int { return 2022 + r.IntN(4) }

// maybeYearly makes some year and quarter deadlines recur, as the plan's
// "và những năm tiếp theo" does.
func maybeYearly(r *rand.Rand, d deadline) deadline {
	if r.IntN(4) == 0 {
		d.text += " và những năm tiếp theo"
		d.recurring = "yearly"
	}
	return d
}

func quarterDeadline(r *rand.Rand) deadline {
	y, q := year(r), r.IntN(4)
	return maybeYearly(r, deadline{
		values: []string{fmt.Sprintf("%d-Q%d", y, q+1)},
		text:   fmt.Sprintf("Thực hiện trong Quý %s năm %d", romanQuarters[q], y),
	})
}

func monthDeadline(r *rand.Rand) deadline {
	y, m := year(r), 1+r.IntN(12)
	return deadline{
		values: []string{fmt.Sprintf("%d-%02d", y, m)},
		text:   fmt.Sprintf("Hoàn thành trong tháng %d năm %d", m, y),
	}
}

func dayDeadline(r *rand.Rand) deadline {
	y, m, d := year(r), 1+r.IntN(12), 1+r.IntN(28)
	return deadline{
		values: []string{fmt.Sprintf("%d-%02d-%02d", y, m, d)},
		text:   fmt.Sprintf("Hoàn thành trước ngày %d/%d/%d", d, m, y),
	}
}

// daysDeadline is two or three consecutive days of one month.
func daysDeadline(r *rand.Rand) deadline {
	y, m, d := year(r), 1+r.IntN(12), 1+r.IntN(26)
	n := 2 + r.IntN(2)
	values := make([]string, n)
	days := make([]string, n)
	for i := range n {
		values[i] = fmt.Sprintf("%d-%02d-%02d", y, m, d+i)
		days[i] = fmt.Sprint(d + i)
	}
	list := strings.Join(days[:n-1], ", ") + " và " + days[n-1]
	return deadline{
		values: values,
		text:   fmt.Sprintf("Tổ chức trong các ngày %s/%d/%d", list, m, y),
	}
}

func yearDeadline(r *rand.Rand) deadline {
	y := year(r)
	return maybeYearly(r, deadline{
		values: []string{fmt.Sprint(y)},
		text:   fmt.Sprintf("Thực hiện trong năm %d", y),
	})
}

func ongoingDeadline(*rand.Rand) deadline {
	return deadline{values: []string{"ongoing"}, text: "Thực hiện thường xuyên"}
}

var awaitedGuidance = [...]string{
	"hướng dẫn của Trung ương",
	"hướng dẫn của Ban Thường vụ Tỉnh ủy",
	"quy định, hướng dẫn của Ban Tổ chức Trung ương",
	"chính sách, hướng dẫn của Trung ương",
}

func conditionalDeadline(r *rand.Rand) deadline {
	a := awaitedGuidance[r.IntN(len(awaitedGuidance))]
	return deadline{values: []string{"conditional"}, text: "Thực hiện khi có " + a, awaits: a}
}

var programmes = [...]string{
	"chương trình kiểm tra, giám sát của Ban Thường vụ Tỉnh ủy",
	"chương trình công tác năm của Tỉnh ủy",
	"chương trình kiểm tra, giám sát toàn khóa của Ban Chấp hành Đảng bộ tỉnh",
}

func programmeDeadline(r *rand.Rand) deadline {
	p := programmes[r.IntN(len(programmes))]
	return deadline{values: []string{"programme"}, text: "Thực hiện theo " + p, awaits: p}
}
