package model

import (
	"time"

	"github.com/kehoach/kehoach/internal/source"
)

// Part is one of the plan's parts (I–VI).
type Part struct {
	Page
	Numeral string // "IV"
	Weight  int
	Prev    *Part
	Next    *Part
}

// Guidance is a guidance document, such as the "chi bộ bốn tốt" model.
type Guidance struct {
	Page
	Weight   int
	PlanRefs []*Ref
	Tasks    []*Task

	taskIDs []string
}

// Agency is a body that leads or partners tasks.
type Agency struct {
	Page
	Slug   string
	Short  string
	Kind   string
	Weight int

	// Leads and Partners hold the tasks of the groups it is a member of
	// too: a task given to "Các đảng đoàn, ban cán sự đảng" is each đảng
	// đoàn's to do.
	Leads    []*Task // tasks it leads ("chủ trì")
	Partners []*Task // tasks it coordinates on ("phối hợp")
	Updates  []*Update

	// Members are the agencies a group stands for (members = […] in its
	// file); MemberOf, the groups an agency is a member of.
	Members  []*Agency
	MemberOf []*Agency

	group bool // its file names members, resolved once every agency is known
}

// Status is the recorded progress of a task.
type Status string

const (
	Planned    Status = "planned"
	InProgress Status = "in-progress"
	Done       Status = "done"
)

// Task is one assignment of the plan.
type Task struct {
	Page
	ID       string
	Leads    []*Agency
	Partners []*Agency
	// PartnersText is partners the plan names but no agency's page stands
	// for ("các cơ quan liên quan"), as the plan words them.
	PartnersText string
	Deadline     Deadline
	Status       Status
	PlanRef      *Ref
	Progress     []Progress
	Guidance     []*Guidance
	Within       *Within  // for a conditional task: its window once what it awaits arrives (due_within)
	Arrival      *Arrival // for a conditional task: the awaited document, once issued
	// Awaited is, for a conditional task, the task whose result it waits
	// for (awaits_task: V.8.4 applies the model rules that V.1.5 drafts);
	// Awaiting are the tasks that wait for this one's.
	Awaited  *Task
	Awaiting []*Task

	idParts []idPart // ID split for ordering
}

// Progress is a dated note on a task.
type Progress struct {
	Date time.Time
	Note string
}

// Update is a news item of the propaganda board.
type Update struct {
	Page
	Date   time.Time
	Agency *Agency
	Tags   []string
	Draft  bool

	agencySlug string
}

// Held reports whether the update waits to be published on the day now: a
// draft, or dated after it. Without Options.Drafts it is left out (Site.Held).
func (u *Update) Held(now time.Time) bool { return u.Draft || u.Date.After(now) }

// Ref points at a page of the site and optionally an anchor in it:
// "plan/05-nhiem-vu-cu-the#v-1".
type Ref struct {
	Raw    string
	Key    string
	Anchor string
	Target *Page
	Pos    source.Pos
}
