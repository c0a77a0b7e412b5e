package parallel

import (
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {5, 1}, {5, 0}, {1000, 3}, {3, 8}} {
		calls := make([]atomic.Int32, tc.n)
		var running, most atomic.Int32
		For(tc.n, tc.workers, func(i int) {
			now := running.Add(1)
			for {
				m := most.Load()
				if now <= m || most.CompareAndSwap(m, now) {
					break
				}
			}
			calls[i].Add(1)
			running.Add(-1)
		})
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d workers=%d: f(%d) called %d times", tc.n, tc.workers, i, c)
			}
		}
		if m := int(most.Load()); m > max(tc.workers, 1) {
			t.Errorf("n=%d workers=%d: %d calls at once", tc.n, tc.workers, m)
		}
	}
}

func TestWith(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {5, 1}, {5, 0}, {1000, 3}, {3, 8}} {
		calls := make([]atomic.Int32, tc.n)
		var starts, shared atomic.Int32
		With(tc.n, tc.workers, func() func(int) {
			starts.Add(1)
			var busy atomic.Bool // this worker's state: never used by two calls at once
			return func(i int) {
				if !busy.CompareAndSwap(false, true) {
					shared.Add(1)
				}
				calls[i].Add(1)
				busy.Store(false)
			}
		})
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d workers=%d: f(%d) called %d times", tc.n, tc.workers, i, c)
			}
		}
		want := min(max(tc.workers, 1), tc.n)
		if s := int(starts.Load()); s != want {
			t.Errorf("n=%d workers=%d: %d workers started, want %d", tc.n, tc.workers, s, want)
		}
		if s := shared.Load(); s > 0 {
			t.Errorf("n=%d workers=%d: a worker's state was used by two calls at once %d times", tc.n, tc.workers, s)
		}
	}
}
