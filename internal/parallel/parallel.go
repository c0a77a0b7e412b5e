// Package parallel runs the iterations of a loop on several goroutines.
package parallel

import (
	"sync"
	"sync/atomic"
)

// For calls f(i) for every i from 0 to n-1 on at most workers goroutines,
// each taking the next i when done with one, and returns when every call
// has returned. Unlike a goroutine per call, it costs the same for ten
// thousand quick calls as for a few slow ones.
func For(n, workers int, f func(i int)) {
	With(n, workers, func() func(int) { return f })
}

// With is For with state of each worker's own: every worker calls start
// once and runs the function it returns for each i it takes, so that, say,
// a buffer is reused from call to call without a pool or a lock.
func With(n, workers int, start func() func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		if n > 0 {
			f := start()
			for i := range n {
				f(i)
			}
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			f := start()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
