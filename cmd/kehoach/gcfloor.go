package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A large build's heap grows from nothing to a few hundred MiB, and with
// Go's default (GOGC=100) the collector runs each time the heap doubles
// what was live after the last run: about twenty times for the
// 10,000-page site, a dozen of them while little is live yet. Since the
// build's heap is known ahead (heapEstimate), holdGC lets the heap grow to
// part of it before collecting, then hands the collector back to GOGC as
// soon as what is live would have GOGC collect at the floor anyway, so
// that a site larger than its estimate is collected as it always was,
// never again and again at a limit.

// The advice for huge pages (preferHugePages) maps the whole estimate
// first, and the limit is below it: the runtime gives the part above the
// limit back to the system at once. That memory was never touched and
// keeps its advice, so the heap's later faults there still bring in huge
// pages.

// floorShare is how much of heapEstimate the heap may reach before the
// first collection: 329 MiB for the 10,000-page site, about the peak that
// GOGC alone reaches there (337 MiB), which stays about where it was
// (353 MiB).
const floorShare = 0.7

// holdGC turns the collector off until the heap reaches floor bytes (a
// soft memory limit), and back to GOGC once the heap live after a
// collection, grown by GOGC, reaches floor. It does nothing when floor is
// 0 or GOGC or GOMEMLIMIT is set: then the user chose.
func holdGC(floor int64) {
	if floor <= 0 || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	percent := debug.SetGCPercent(-1) // GOGC's default: nothing else sets it
	debug.SetMemoryLimit(floor)
	watchGC(floor, percent)
}

// watchGC checks, after each collection, whether GOGC would now collect
// at the floor or above, and then restores it and lifts the limit.
func watchGC(floor int64, percent int) {
	runtime.AddCleanup(new(gcSentinel), func(struct{}) {
		if live := liveHeap(); live < 0 || float64(live)*float64(100+percent)/100 >= float64(floor) {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(math.MaxInt64)
			return
		}
		watchGC(floor, percent)
	}, struct{}{})
}

// gcSentinel is allocated unreachable: its cleanup runs after the next
// collection. It holds a pointer so that it is never batched with other
// tiny objects, which would delay it.
type gcSentinel struct{ _ *int }

// liveHeap is the heap that was live after the last collection, or -1
// when the runtime does not say (then GOGC takes over at once).
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return -1
	}
	return int64(s[0].Value.Uint64())
}
