package main

import (
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
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
// the number of Markdown files it reads under content/ (hidden folders and
// files left out, as the build leaves them); 0 when that is too small to be
// worth huge pages, and on a 32-bit system, whose address space has no room
// to spare.
func heapEstimate(dir string, search bool) int {
	if strconv.IntSize < 64 {
		return 0
	}
	root := filepath.Join(dir, "content")
	if resolved, err := filepath.EvalSymlinks(root); err == nil {
		root = resolved // WalkDir does not follow a root that is a link
	}
	var files int64
	// WalkDir reads folders only: no file is opened or stat'ed.
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
		case p != root && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
		case !d.IsDir() && strings.HasSuffix(d.Name(), ".md"):
			files++
		}
		return nil
	})
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
