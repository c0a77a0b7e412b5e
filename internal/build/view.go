package build

import (
	"time"

	"github.com/kehoach/kehoach/internal/config"
	"github.com/kehoach/kehoach/internal/model"
)

// siteView is what every page's template sees of the whole site.
type siteView struct {
	Config   config.Config
	Model    *model.Site
	Now      time.Time
	CSS      string // site-relative address of the stylesheet
	Sections []section
}

// section is an entry of the main navigation.
type section struct {
	Name, Dir string
}

// view is the data of one page's template.
type view struct {
	Site  *siteView
	Kind  string
	Dir   string // the page's folder, for the navigation's current entry
	Root  string // prefix that turns a site-relative address into a link
	Title string
	Page  *model.Page // the page's own text, when it has one

	Part     *model.Part
	Guidance *model.Guidance
	Agency   *model.Agency
	Task     *model.Task
	Update   *model.Update
	Targets  *model.Part // the plan's targets (part II), on the home page
	Updates  []*model.Update
	Years    []updateYear
	Groups   []taskGroup
	Partner  []taskGroup
}

// taskGroup is a titled list of tasks.
type taskGroup struct {
	Name, Slug string
	Tasks      []*model.Task
}

// updateYear is the updates of one year.
type updateYear struct {
	Year    int
	Updates []*model.Update
}

// Rel turns a site-relative address into a link from this page.
func (v *view) Rel(target string) string { return v.Root + target }

// State is a task's state on the build's day.
func (v *view) State(t *model.Task) model.State {
	return t.StateOn(v.Site.Now, v.Site.Config.DueSoonDays)
}

// Current reports whether dir is the navigation entry of this page.
func (v *view) Current(dir string) bool {
	return dir != "" && len(v.Dir) >= len(dir) && v.Dir[:len(dir)] == dir
}

// byDeadlineKind groups tasks by the kind of their deadline.
func byDeadlineKind(tasks []*model.Task) []taskGroup {
	var groups []taskGroup
	for _, k := range model.DeadlineKinds {
		g := taskGroup{Name: k.Name(), Slug: k.Slug()}
		for _, t := range tasks {
			if t.Deadline.Kind == k {
				g.Tasks = append(g.Tasks, t)
			}
		}
		if len(g.Tasks) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// byState groups tasks by their state on day now, soonest first within a group.
func byState(tasks []*model.Task, now time.Time, soon int) []taskGroup {
	groups := make([]taskGroup, 0, len(model.States))
	for _, st := range model.States {
		g := taskGroup{Name: st.Name(), Slug: st.Slug()}
		for _, t := range tasks {
			if t.StateOn(now, soon) == st {
				g.Tasks = append(g.Tasks, t)
			}
		}
		sortByNextEnd(g.Tasks, now)
		groups = append(groups, g)
	}
	return groups
}

func byYear(updates []*model.Update) []updateYear {
	var years []updateYear
	for _, u := range updates {
		if n := len(years); n == 0 || years[n-1].Year != u.Date.Year() {
			years = append(years, updateYear{Year: u.Date.Year()})
		}
		years[len(years)-1].Updates = append(years[len(years)-1].Updates, u)
	}
	return years
}

// taskRow is a task as a partial template sees it.
type taskRow struct {
	V     *view
	T     *model.Task
	State model.State
}

// Row pairs a task with this page, for the task-row partial.
func (v *view) Row(t *model.Task) taskRow { return taskRow{V: v, T: t, State: v.State(t)} }

// groupList is a list of task groups as the task-groups partial sees it.
type groupList struct {
	V      *view
	Groups []taskGroup
	Prefix string // prefix of the groups' heading ids, unique on the page
	Sub    bool   // the groups sit under a heading of their own: use h3
}

// GroupList prepares groups for the task-groups partial.
func (v *view) GroupList(prefix string, groups []taskGroup) groupList {
	return groupList{V: v, Groups: groups, Prefix: prefix, Sub: prefix != ""}
}
