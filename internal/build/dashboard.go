package build

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/kehoach/kehoach/internal/model"
)

// tally counts tasks per category: their states, or their kinds of
// deadline, in a fixed order.
type tally struct {
	Name   string // what is counted: "Toàn bộ Kế hoạch", an agency's name
	Root   string // the prefix of links from the page that shows it
	Path   string // its page, when it has one
	Counts []count
	Total  int
}

// count is the number of tasks in one category.
type count struct {
	Slug, Name string // the category: "overdue", "Quá hạn"
	N          int
	Link       string // the list of those tasks, when a page has one
}

// category is a way to sort tasks: its categories in order, and the index
// of a task's.
type category struct {
	slugs, names []string
	of           func(*model.Task) int
}

// byState sorts tasks by their state on the build's day, overdue first.
func (b *builder) byState() category {
	states := model.States()
	c := category{of: func(t *model.Task) int { return slices.Index(states, t.StateOn(b.opt.Now, b.cfg.DueSoonDays)) }}
	for _, st := range states {
		c.slugs, c.names = append(c.slugs, "state-"+st.Slug()), append(c.names, st.Name())
	}
	return c
}

// byKind sorts tasks by the kind of their deadline.
func byKind() category {
	kinds := model.DeadlineKinds()
	c := category{of: func(t *model.Task) int { return slices.Index(kinds, t.Deadline.Kind) }}
	for _, k := range kinds {
		c.slugs, c.names = append(c.slugs, "kind-"+k.Slug()), append(c.names, k.Name())
	}
	return c
}

func newTally(name, root, path string, tasks []*model.Task, c category) tally {
	t := tally{Name: name, Root: root, Path: path, Total: len(tasks)}
	n := make([]int, len(c.slugs))
	for _, task := range tasks {
		n[c.of(task)]++
	}
	for i := range c.slugs {
		t.Counts = append(t.Counts, count{Slug: c.slugs[i], Name: c.names[i], N: n[i]})
	}
	return t
}

// Bar draws the tally as a stacked horizontal bar, one segment a state, as
// SVG made only of numbers and class names; the table beside it carries the
// same numbers for screen readers.
func (t tally) Bar() template.HTML {
	const width, height = 300, 18
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="bar" viewBox="0 0 %d %d" width="%d" height="%d" preserveAspectRatio="none" aria-hidden="true" focusable="false">`, width, height, width, height)
	x := 0.0
	for _, c := range t.Counts {
		if c.N == 0 || t.Total == 0 {
			continue
		}
		w := float64(width) * float64(c.N) / float64(t.Total)
		fmt.Fprintf(&b, `<rect class="seg %s" x="%.2f" y="0" width="%.2f" height="%d"></rect>`, c.Slug, x, w, height)
		x += w
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// dashboardView is what the dashboard shows: the whole plan's tallies and
// each agency's (the tasks it leads), by state and by kind of deadline.
type dashboardView struct {
	States, Kinds tallyTable
	Reported      int // tasks with a progress report: a state of "overdue" may only mean that none is recorded
	Indicators    []indicatorView
}

// tallyTable is a table of tallies, the whole plan's first.
type tallyTable struct {
	Caption string
	Tallies []tally
}

// dashboard tallies the plan and its agencies for a page whose links start
// with root; agencies with more overdue tasks come first.
func (b *builder) dashboard(root string) dashboardView {
	v := dashboardView{
		States: tallyTable{Caption: "Số nhiệm vụ theo tình trạng (mỗi cơ quan tính các nhiệm vụ do cơ quan đó chủ trì, " +
			"kể cả nhiệm vụ giao chung cho nhóm có cơ quan đó; cơ quan có nhiều nhiệm vụ quá hạn được xếp trước)"},
		Kinds: tallyTable{Caption: "Số nhiệm vụ theo loại thời hạn (mỗi cơ quan tính các nhiệm vụ do cơ quan đó chủ trì, " +
			"kể cả nhiệm vụ giao chung cho nhóm có cơ quan đó)"},
	}
	for _, c := range []struct {
		cat  category
		into *[]tally
	}{{b.byState(), &v.States.Tallies}, {byKind(), &v.Kinds.Tallies}} {
		*c.into = append(*c.into, newTally("Toàn bộ Kế hoạch", root, "", b.site.Tasks, c.cat))
		for _, a := range b.site.Agencies {
			if len(a.Leads) > 0 {
				*c.into = append(*c.into, newTally(a.Title, root, a.Path, a.Leads, c.cat))
			}
		}
	}
	for _, t := range b.site.Tasks {
		if len(t.Progress) > 0 {
			v.Reported++
		}
	}
	overdue := func(t tally) int { return t.Counts[0].N } // States() starts with overdue
	slices.SortStableFunc(v.States.Tallies[1:], func(a, b tally) int { return overdue(b) - overdue(a) })
	order := make(map[string]int, len(v.States.Tallies))
	for i, t := range v.States.Tallies {
		order[t.Path] = i
	}
	slices.SortStableFunc(v.Kinds.Tallies[1:], func(a, b tally) int { return order[a.Path] - order[b.Path] })
	// A number leads to the tasks it counts: the plan's by state to their
	// group on the deadlines page, an agency's by kind to theirs on its
	// page, and by state to the tasks it leads there, each with its state.
	for i := range v.States.Tallies[0].Counts {
		c := &v.States.Tallies[0].Counts[i]
		if c.N > 0 {
			c.Link = root + "deadlines/index.html#_" + strings.TrimPrefix(c.Slug, "state-")
		}
	}
	for _, t := range v.States.Tallies[1:] {
		for i := range t.Counts {
			if c := &t.Counts[i]; c.N > 0 {
				c.Link = root + t.Path + "#_chu-tri"
			}
		}
	}
	for _, t := range v.Kinds.Tallies[1:] {
		for i := range t.Counts {
			if c := &t.Counts[i]; c.N > 0 {
				c.Link = root + t.Path + "#_chu-tri-" + strings.TrimPrefix(c.Slug, "kind-")
			}
		}
	}
	v.Indicators = b.indicators(root)
	return v
}
