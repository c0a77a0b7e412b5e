package sitegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

const planTitle = "Kế hoạch thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương khóa XIII về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới"

func (g *generator) writeHome() error {
	r := g.rng(kindPlan, 0)
	var f frontMatter
	f.str("title", "Theo dõi thực hiện Nghị quyết số 21-NQ/TW")
	return g.w.write("_index.md", f.page(g.corp.paragraph(r, 2)+"\n"))
}

// writePlan writes the plan cover and part I, whose ordered list gives the
// anchors #i-1, #i-2, ... that tasks and guidance refer to.
func (g *generator) writePlan() error {
	r := g.rng(kindPlan, 1)
	var cover frontMatter
	cover.str("title", planTitle)
	if err := g.w.write("plan/_index.md", cover.page(g.corp.paragraph(r, 3)+"\n")); err != nil {
		return err
	}
	var part frontMatter
	part.str("title", "MỤC ĐÍCH, YÊU CẦU")
	part.str("part", "I")
	part.int("weight", 1)
	var b strings.Builder
	for i := 1; i <= 4; i++ {
		if i > 1 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d. %s\n", i, g.corp.paragraph(r, 2))
	}
	return g.w.write("plan/01-part.md", part.page(b.String()))
}

func (g *generator) writeAgencies() error {
	for i, a := range g.agencies {
		r := g.rng(kindAgency, i)
		var f frontMatter
		f.str("title", a.title)
		f.str("short", a.short)
		f.str("kind", a.kind)
		f.int("weight", a.weight)
		if err := g.w.write("agencies/"+a.slug+".md", f.page(g.corp.sentence(r)+"\n")); err != nil {
			return err
		}
	}
	return nil
}

var statuses = [...]string{"planned", "in-progress", "done"}

func (g *generator) writeTasks() error {
	for n := 1; n <= g.n.tasks; n++ {
		lead, text := g.task(n)
		if err := g.w.write(fmt.Sprintf("tasks/%s/t%04d.md", lead, n), text); err != nil {
			return err
		}
	}
	return nil
}

// task returns the lead agency slug and the page text of task n.
func (g *generator) task(n int) (string, string) {
	r := g.rng(kindTask, n)
	lead := r.IntN(len(g.agencies))
	first := g.corp.sentence(r)
	var f frontMatter
	f.str("id", fmt.Sprintf("G.%d", n))
	f.str("title", fmt.Sprintf("%s (nhiệm vụ %d)", clauseOf(first, 120), n))
	f.str("agency", g.agencies[lead].slug)
	if p := g.partners(r, lead); len(p) > 0 {
		f.strs("partners", p)
	}
	pickDeadline(r, n).write(&f)
	f.str("status", statuses[r.IntN(len(statuses))])
	f.str("plan_ref", planRef)
	return g.agencies[lead].slug, f.page(g.corp.body(r, first, taskHeadings[:]))
}

// partners returns 0 to 2 agencies other than lead.
func (g *generator) partners(r *rand.Rand, lead int) []string {
	n := r.IntN(3)
	var out []string
	seen := map[int]bool{lead: true}
	for len(out) < n {
		i := r.IntN(len(g.agencies))
		if !seen[i] {
			seen[i] = true
			out = append(out, g.agencies[i].slug)
		}
	}
	return out
}

func (g *generator) writeGuidance() error {
	for n := 1; n <= g.n.guidance; n++ {
		r := g.rng(kindGuidance, n)
		var f frontMatter
		f.str("title", fmt.Sprintf("Hướng dẫn số %02d-HD/TU về %s", n, lowerFirst(g.corp.clause(r, 110))))
		f.int("weight", n)
		f.strs("plan_refs", []string{planRef})
		f.strs("tasks", g.taskIDs(r))
		text := f.page(g.corp.body(r, g.corp.sentence(r), taskHeadings[:]))
		if err := g.w.write(fmt.Sprintf("guidance/g%03d.md", n), text); err != nil {
			return err
		}
	}
	return nil
}

// taskIDs returns 1 to 4 distinct ids of generated tasks, or none when
// there are no tasks.
func (g *generator) taskIDs(r *rand.Rand) []string {
	want := min(1+r.IntN(4), g.n.tasks)
	var out []string
	seen := map[int]bool{}
	for len(out) < want {
		k := 1 + r.IntN(g.n.tasks)
		if !seen[k] {
			seen[k] = true
			out = append(out, fmt.Sprintf("G.%d", k))
		}
	}
	return out
}

var updateTags = [...]string{
	"sinh hoạt chi bộ", "phát triển đảng viên", "kiểm tra, giám sát",
	"đánh giá, xếp loại", "tổ chức cơ sở đảng", "chuyển đổi số",
	"đào tạo, bồi dưỡng", "quản lý đảng viên",
}

func (g *generator) writeUpdates() error {
	for n := 1; n <= g.n.updates; n++ {
		r := g.rng(kindUpdate, n)
		y, m, d := 2022+r.IntN(4), 1+r.IntN(12), 1+r.IntN(28)
		var f frontMatter
		f.str("title", fmt.Sprintf("Bản tin số %d/%d: %s", n, y, g.corp.clause(r, 110)))
		f.raw("date", fmt.Sprintf("%d-%02d-%02d", y, m, d))
		if r.IntN(5) != 0 {
			f.str("agency", g.agencies[r.IntN(len(g.agencies))].slug)
		}
		f.strs("tags", tagsFor(r))
		f.bool("draft", false)
		text := f.page(g.corp.body(r, g.corp.sentence(r), updateHeadings[:]))
		if err := g.w.write(fmt.Sprintf("updates/%d/u%04d.md", y, n), text); err != nil {
			return err
		}
	}
	return nil
}

// tagsFor returns 1 to 3 distinct tags in list order.
func tagsFor(r *rand.Rand) []string {
	perm := r.Perm(len(updateTags))[:1+r.IntN(3)]
	var out []string
	for i := range updateTags {
		for _, p := range perm {
			if p == i {
				out = append(out, updateTags[i])
			}
		}
	}
	return out
}
