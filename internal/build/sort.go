package build

import (
	"cmp"
	"slices"
	"time"

	"github.com/kehoach/kehoach/internal/model"
)

// sortByNextEnd orders tasks by kind of deadline, dated ones first by the
// end of their next window, keeping plan order among equals.
func sortByNextEnd(tasks []*model.Task, now time.Time) {
	slices.SortStableFunc(tasks, func(a, b *model.Task) int {
		if a.Deadline.Kind != b.Deadline.Kind {
			return cmp.Compare(a.Deadline.Kind, b.Deadline.Kind)
		}
		if a.Deadline.Kind != model.Dated {
			return 0
		}
		_, ea := a.Deadline.Next(now)
		_, eb := b.Deadline.Next(now)
		return ea.Compare(eb)
	})
}
