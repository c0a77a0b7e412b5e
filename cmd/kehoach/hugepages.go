package main

import (
	"strconv"

	"github.com/kehoach/kehoach/internal/source"
)

// A build touches every page of the heap it grows, once. Where a page fault
// is dear, as on the virtual machines this tool is measured on (about 13 µs
// for each 4 KiB page: 1.2 s for the 350 MiB that the 10,000-page site
// takes), asking Linux for transparent huge pages, 2 MiB at a time, takes a
// fifth or more off a large build. Linux leaves that choice to programs
// where transparent_hugepage/enabled is "madvise" (Debian's default), and
// Go does not make it for its heap, so kehoach build does, before it starts:
// see preferHugePages. GODEBUG=disablethp=1 turns it off, as it turns off
// huge pages in Go's own runtime.

const (
	// The heap a build takes for each Markdown file, with room: 35 KiB
	// measured on the 10,000-page site without the search index, 140 KiB
	// with it.
	heapPerFile       int64 = 48 << 10
	heapPerFileSearch int64 = 160 << 10

	hugeMin int64 = 64 << 20 // below this, the advice costs more than it saves
	hugeMax int64 = 2 << 30  // the most address space it maps ahead
)

// heapEstimate is the heap that a build of the site at dir will want, from
// the number of Markdown files it will read (source.Pages: a walk of
// content/'s folders, which the build walks again: 7-14 ms for 10,000
// files); 0 when that is too small to be worth huge pages or holding the
// collector (holdGC), and on a 32-bit system, whose address space has no
// room to spare.
func heapEstimate(dir string, search bool) int {
	if strconv.IntSize < 64 {
		return 0
	}
	files := int64(len(source.Pages(source.Dir(dir), "content")))
	per := heapPerFile
	if search {
		per = heapPerFileSearch
	}
	n := min(files*per, hugeMax)
	if n < hugeMin {
		return 0
	}
	return int(n)
}
