package build

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/kehoach/kehoach/internal/model"
)

// tally counts tasks per state, in the order of model.States.
type tally struct {
	Name   string // what is counted: "Toàn bộ Kế hoạch", an agency's name
	Root   string // the prefix of links from the page that shows it
	Path   string // its page, when it has one
	Counts []stateCount
	Total  int
}

// stateCount is the number of tasks in one state.
type stateCount struct {
	State model.State
	N     int
}

func newTally(name, root, path string, tasks []*model.Task, b *builder) tally {
	t := tally{Name: name, Root: root, Path: path}
	n := map[model.State]int{}
	for _, task := range tasks {
		n[task.StateOn(b.opt.Now, b.cfg.DueSoonDays)]++
	}
	for _, st := range model.States() {
		t.Counts = append(t.Counts, stateCount{st, n[st]})
	}
	t.Total = len(tasks)
	return t
}

// Bar draws the tally as a stacked horizontal bar, one segment a state, as
// SVG made only of numbers and class names; the table beside it carries the
// same numbers for screen readers.
func (t tally) Bar() template.HTML {
	const width, height = 300, 18
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="bar" viewBox="0 0 %d %d" width="%d" height="%d" aria-hidden="true" focusable="false">`, width, height, width, height)
	x := 0.0
	for _, c := range t.Counts {
		if c.N == 0 || t.Total == 0 {
			continue
		}
		w := float64(width) * float64(c.N) / float64(t.Total)
		fmt.Fprintf(&b, `<rect class="seg state-%s" x="%.2f" y="0" width="%.2f" height="%d"></rect>`, c.State.Slug(), x, w, height)
		x += w
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// dashboard returns the tallies of the whole plan and of each agency (the
// tasks it leads), for a page whose links start with root.
func (b *builder) dashboard(root string) (tally, []tally) {
	all := newTally("Toàn bộ Kế hoạch", root, "", b.site.Tasks, b)
	var per []tally
	for _, a := range b.site.Agencies {
		if len(a.Leads) > 0 {
			per = append(per, newTally(a.Title, root, a.Path, a.Leads, b))
		}
	}
	return all, per
}
