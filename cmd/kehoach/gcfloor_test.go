package main

import (
	"math"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestHoldGC checks that holdGC turns the collector off under a memory
// limit at the floor while little is live, and hands it back to GOGC, with
// no limit, once what is live would have GOGC collect at the floor. It
// runs in a process of its own: the collector's settings and the heap it
// grows are the whole process's, which other tests (TestAdviseHeap) read.
func TestHoldGC(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: holdGC leaves the collector alone")
	}
	if os.Getenv("KEHOACH_TEST_HOLDGC") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHoldGC$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "KEHOACH_TEST_HOLDGC=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return
	}
	const floor = 256 << 20
	holdGC(floor)
	if got := debug.SetMemoryLimit(-1); got != floor {
		t.Fatalf("memory limit %d, want the floor %d", got, floor)
	}
	runtime.GC() // little is live: the collector stays off
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != floor {
		t.Fatalf("after a collection with little live, memory limit %d, want the floor %d", got, floor)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("GOGC %d while held, want off", got)
	}

	live := make([][]byte, 160) // 160 MiB live: GOGC=100 would collect at 320 MiB, above the floor
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) != math.MaxInt64 {
		if time.Now().After(deadline) {
			t.Fatal("the limit was not lifted with 160 MiB live")
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC %d after the hold, want 100 back", got)
	}
	runtime.KeepAlive(live)
}

func TestHoldGCLeavesUsersChoice(t *testing.T) {
	t.Setenv("GOGC", "200")
	limit := debug.SetMemoryLimit(-1)
	holdGC(256 << 20)
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("with GOGC set, the memory limit became %d", got)
	}
}
