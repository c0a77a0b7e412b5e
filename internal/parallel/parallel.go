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
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
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
