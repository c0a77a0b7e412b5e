package bundle

import (
	"time"

	"github.com/kehoach/kehoach/internal/model"
)

// Doc describes the single file: what it holds and what it says of itself.
type Doc struct {
	Title string    // the plan's title: the file's <title> and heading
	Now   time.Time // the day the tasks' states were computed for; zero leaves the line out
	// BaseURL is the site's base URL when its links are absolute: a link
	// under it is a link inside the site.
	BaseURL string
	Groups  []Group  // the pages, in reading order, under the headings of the table of contents
	Kinds   []string // the search kinds the file holds; the search filter offers only these
}

// Group is a heading of the table of contents: a list page and the pages it
// lists, written in this order.
type Group struct {
	Index string   // the list page, which the heading links to: "tasks/index.html"
	Pages []string // the pages after it: "tasks/ban-to-chuc/t01.html", …
	Fold  bool     // the table of contents shows the pages only when opened
}

// FromSite lists what the single file of a site holds: the plan (its cover
// and parts), guidance, agencies and tasks, each after its list page. The
// list pages' addresses are those internal/build writes.
func FromSite(s *model.Site) Doc {
	plan := Group{Index: "plan/index.html"}
	for _, p := range s.Parts {
		plan.Pages = append(plan.Pages, p.Path)
	}
	guidance := Group{Index: "guidance/index.html"}
	for _, g := range s.Guidance {
		guidance.Pages = append(guidance.Pages, g.Path)
	}
	agencies := Group{Index: "agencies/index.html", Fold: true}
	for _, a := range s.Agencies {
		agencies.Pages = append(agencies.Pages, a.Path)
	}
	tasks := Group{Index: "tasks/index.html", Fold: true}
	for _, t := range s.Tasks {
		tasks.Pages = append(tasks.Pages, t.Path)
	}
	return Doc{
		Groups: []Group{plan, guidance, agencies, tasks},
		Kinds:  []string{"plan", "guidance", "agency", "task"},
	}
}

// Paths lists every page of the file in order.
func (d *Doc) Paths() []string {
	var all []string
	for _, g := range d.Groups {
		all = append(all, g.Index)
		all = append(all, g.Pages...)
	}
	return all
}
