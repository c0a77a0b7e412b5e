package build

import (
	"cmp"
	"slices"
	"time"

	"github.com/kehoach/kehoach/internal/model"
)

// sortByNextEnd orders tasks by the end of their next window, those with a
// window (dated, or conditional once what they await arrived) first, then by
// kind of deadline, keeping plan order among equals.
func sortByNextEnd(tasks []*model.Task, now time.Time) {
	slices.SortStableFunc(tasks, func(a, b *model.Task) int {
		da, okA := a.Due()
		db, okB := b.Due()
		switch {
		case okA && okB:
			_, ea := da.Next(now)
			_, eb := db.Next(now)
			return ea.Compare(eb)
		case okA != okB:
			if okA {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Deadline.Kind, b.Deadline.Kind)
	})
}
