package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progress shows a build's progress on one updating line, only on a
// terminal and only once the build has taken more than a second.
type progress struct {
	w     io.Writer
	start time.Time
	tty   bool
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, start time.Time) *progress {
	f, ok := w.(*os.File)
	tty := false
	if ok {
		if info, err := f.Stat(); err == nil {
			tty = info.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progress{w: w, start: start, tty: tty}
}

func (p *progress) update(step string, done, total int) {
	if !p.tty {
		return
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	took := now.Sub(p.start).Round(100 * time.Millisecond)
	switch {
	case total == 0:
		fmt.Fprintf(p.w, "\r%s… (%s)\x1b[K", step, took)
	case step == "search":
		fmt.Fprintf(p.w, "\rindexing for search %d/%d (%s)\x1b[K", done, total, took)
	default:
		fmt.Fprintf(p.w, "\rwriting %s %d/%d (%s)\x1b[K", step, done, total, took)
	}
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
