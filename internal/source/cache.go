package source

import (
	"bytes"
	"io/fs"
	"strings"
	"sync"
	"time"
)

// Cache keeps the files Read parsed, so that a preview building the site
// after every save parses only the files that changed, and reads only the
// files whose size or time changed. Files are not changed once read, so
// builds may share them. A nil *Cache caches nothing.
type Cache struct {
	mu    sync.Mutex
	files map[string]cachedFile
}

type cachedFile struct {
	raw    []byte
	file   *File
	size   int64
	mod    time.Time // the file's time when read; zero if unknown
	readAt time.Time
}

// timeSlack is how old a file's time must be, when it is read, for the
// same size and time to mean the same bytes later: file systems keep
// times in steps of up to 2 s (FAT), and a file written in the same step
// as it was read would keep its time.
const timeSlack = 2 * time.Second

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cachedFile{}} }

// unchanged returns the file at path p if its size and time are those it
// had when read, and that time was older than timeSlack then. A file
// replaced by one of the same size and time (a copy or an archive that
// keeps times) is not seen unless the watcher reports it (Forget): the
// price of not reading every file of a large site.
func (c *Cache) unchanged(p string, info fs.FileInfo) *File {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[p]
	if ok && !e.mod.IsZero() && e.size == info.Size() && e.mod.Equal(info.ModTime()) && e.mod.Before(e.readAt.Add(-timeSlack)) {
		return e.file
	}
	return nil
}

// get returns the file parsed from raw at path p, if the cache has it, and
// notes the file's size and time (info, when not nil) as of readAt.
func (c *Cache) get(p string, raw []byte, info fs.FileInfo, readAt time.Time) *File {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.files[p]; ok && bytes.Equal(e.raw, raw) {
		e.size, e.mod = statOf(info)
		e.readAt = readAt
		c.files[p] = e
		return e.file
	}
	return nil
}

func (c *Cache) put(p string, raw []byte, f *File, info fs.FileInfo, readAt time.Time) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := cachedFile{raw: raw, file: f, readAt: readAt}
	e.size, e.mod = statOf(info)
	c.files[p] = e
}

// statOf is the size and time of a file, or zeros when info is nil.
func statOf(info fs.FileInfo) (int64, time.Time) {
	if info == nil {
		return 0, time.Time{}
	}
	return info.Size(), info.ModTime()
}

// Forget drops what the cache holds of the files at the given paths (as
// Read names them, "content/a.md") and of every file under them: what a
// watcher saw change is read again, whatever its size and time.
func (c *Cache) Forget(paths []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		for name := range c.files {
			if name == p || strings.HasPrefix(name, p+"/") {
				delete(c.files, name)
			}
		}
	}
}

// keep drops the files that are not among read.
func (c *Cache) keep(read []*File) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	live := make(map[string]bool, len(read))
	for _, f := range read {
		live[f.Path] = true
	}
	for p := range c.files {
		if !live[p] {
			delete(c.files, p)
		}
	}
}
