package build

import (
	"slices"
	"time"

	"github.com/kehoach/kehoach/internal/model"
)

// sortByNextEnd orders dated tasks by the end of their next window, keeping
// plan order among equals and for undated tasks.
func sortByNextEnd(tasks []*model.Task, now time.Time) {
	slices.SortStableFunc(tasks, func(a, b *model.Task) int {
		if a.Deadline.Kind != model.Dated || b.Deadline.Kind != model.Dated {
			return 0
		}
		_, ea := a.Deadline.Next(now)
		_, eb := b.Deadline.Next(now)
		return ea.Compare(eb)
	})
}
