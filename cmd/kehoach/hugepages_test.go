package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestHeapEstimate(t *testing.T) {
	dir := t.TempDir()
	if got := heapEstimate(dir, true); got != 0 {
		t.Errorf("no content folder: %d, want 0", got)
	}
	// What the build does not read does not count: hidden folders and
	// files, and files that are not Markdown.
	for _, pattern := range []string{".git/objects/%d.md", "updates/.%d.md", "img/%d.png"} {
		for i := range 1500 {
			p := filepath.Join(dir, "content", fmt.Sprintf(pattern, i))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	addFiles := func(from, to int) {
		for i := from; i < to; i++ {
			sub := filepath.Join(dir, "content", fmt.Sprint("d", i%2))
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprint(i, ".md")), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// 1,365 files at 48 KiB a file are just under 64 MiB, 1,400 above.
	addFiles(0, 1365)
	if got := heapEstimate(dir, false); got != 0 {
		t.Errorf("1,365 files: %d, want 0", got)
	}
	addFiles(1365, 1400)
	want, wantSearch := 1400*48<<10, 1400*160<<10
	if strconv.IntSize < 64 {
		want, wantSearch = 0, 0
	}
	if got := heapEstimate(dir, false); got != want {
		t.Errorf("1,400 files: %d, want %d", got, want)
	}
	if got := heapEstimate(dir, true); got != wantSearch {
		t.Errorf("1,400 files, with search: %d, want %d", got, wantSearch)
	}
	// A content folder that is a link to the files is followed, as the build follows it.
	site := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "content"), filepath.Join(site, "content")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if got := heapEstimate(site, false); got != want {
		t.Errorf("1,400 files through a linked content folder: %d, want %d", got, want)
	}
}
