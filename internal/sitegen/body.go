package sitegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Body size: the target is drawn from [bodyMin, bodyMin+bodySpread); the
// last paragraph overshoots it by half a paragraph on average, so bodies
// average about 3.8 KB.
const (
	bodyMin    = 3100
	bodySpread = 600
)

// Section headings per kind of page.
var (
	taskHeadings = [...]string{
		"Nội dung thực hiện", "Yêu cầu", "Kết quả dự kiến",
		"Phân công phối hợp", "Tiến độ thực hiện", "Điều kiện bảo đảm",
	}
	updateHeadings = [...]string{
		"Tình hình triển khai", "Kết quả nổi bật", "Hạn chế, vướng mắc",
		"Phương hướng thời gian tới", "Kiến nghị, đề xuất", "Số liệu chủ yếu",
	}
)

// body writes a Markdown body: lead paragraph, a second paragraph, a
// "##" section with a bullet list and sometimes a GFM table, and a second
// section filled with paragraphs up to the target size.
func (c *corpus) body(r *rand.Rand, lead string, headings []string) string {
	target := bodyMin + r.IntN(bodySpread)
	h1, h2 := twoOf(r, headings)
	var b strings.Builder
	b.Grow(target + 1024)
	b.WriteString(strings.TrimSpace(lead + " " + c.paragraph(r, 1+r.IntN(2))))
	b.WriteString("\n\n")
	if r.IntN(2) == 0 {
		b.WriteString("**Lưu ý:** ")
	}
	b.WriteString(c.paragraph(r, 2+r.IntN(2)))
	fmt.Fprintf(&b, "\n\n## %s\n\n", h1)
	b.WriteString(c.bullets(r, 3+r.IntN(3)))
	if r.IntN(3) == 0 {
		b.WriteString("\n")
		b.WriteString(c.table(r, 3+r.IntN(3)))
	}
	fmt.Fprintf(&b, "\n## %s\n", h2)
	for b.Len() < target {
		b.WriteString("\n")
		b.WriteString(c.paragraph(r, 1+r.IntN(3)))
		b.WriteString("\n")
	}
	return b.String()
}

// twoOf picks two different headings.
func twoOf(r *rand.Rand, hs []string) (string, string) {
	i := r.IntN(len(hs))
	j := (i + 1 + r.IntN(len(hs)-1)) % len(hs)
	return hs[i], hs[j]
}

// bullets returns a Markdown bullet list of n clauses.
func (c *corpus) bullets(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		end := ";"
		if i == n-1 {
			end = "."
		}
		fmt.Fprintf(&b, "- %s%s\n", c.clause(r, 160), end)
	}
	return b.String()
}

// table returns a GFM table of targets and results.
func (c *corpus) table(r *rand.Rand, rows int) string {
	var b strings.Builder
	b.WriteString("| Nội dung | Chỉ tiêu | Kết quả | Tỉ lệ |\n")
	b.WriteString("| --- | ---: | ---: | ---: |\n")
	for range rows {
		target := 20 + r.IntN(480)
		done := target * (50 + r.IntN(51)) / 100
		pct := done * 1000 / target
		fmt.Fprintf(&b, "| %s | %d | %d | %d,%d%% |\n",
			c.clause(r, 60), target, done, pct/10, pct%10)
	}
	return b.String()
}
