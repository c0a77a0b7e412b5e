package source

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// Cache keeps the files Read parsed, so that a preview building the site
// after every save parses only the files that changed, and reads only the
// files whose size or time changed. While a watcher reports every change
// (Watched), it does not even look at the others: Read lists again only the
// paths the watcher named. Files are not changed once read, so builds may
// share them. A nil *Cache caches nothing.
type Cache struct {
	mu      sync.Mutex
	files   map[string]cachedFile
	watched bool                // a watcher reports every change through Forget
	gen     uint64              // counts the calls of Forget and Watched
	lists   map[string]*listing // while watched: what the last Read of a folder found
	changed []string            // while watched: the paths forgotten since the last Read
}

type cachedFile struct {
	raw    []byte
	file   *File
	size   int64
	mod    time.Time // the file's time when read; zero if unknown
	readAt time.Time
	// seen: read while watched, and no path was forgotten between the
	// reading and the caching, so the file is the same until Forget says
	// otherwise.
	seen bool
}

// timeSlack is how old a file's time must be, when it is read, for the
// same size and time to mean the same bytes later: file systems keep
// times in steps of up to 2 s (FAT), and a file written in the same step
// as it was read would keep its time.
const timeSlack = 2 * time.Second

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cachedFile{}, lists: map[string]*listing{}} }

// Watched tells the cache whether a watcher now reports every change to
// the files through Forget. Files read before are looked at again once.
func (c *Cache) Watched(on bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.watched, c.gen = on, c.gen+1
	c.lists, c.changed = map[string]*listing{}, nil
	for p, e := range c.files {
		e.seen = false
		c.files[p] = e
	}
}

// generation is the count of calls to Forget and Watched so far.
func (c *Cache) generation() uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// seenFiles sets files[i] to the file at paths[i] where the watcher has
// reported no change to it since it was read, unless it is a symlink
// (links), whose target may change without a report about it.
func (c *Cache) seenFiles(paths []string, links map[string]bool, files []*File) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.watched {
		return
	}
	for i, p := range paths {
		if e, ok := c.files[p]; ok && e.seen && !links[p] {
			files[i] = e.file
		}
	}
}

// listing returns what the last Read of dir found and the paths forgotten
// since, when the cache is watched and has that listing; nil otherwise.
func (c *Cache) listing(dir string) (*listing, []string) {
	if c == nil {
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.lists[dir]
	if !c.watched || l == nil {
		return nil, nil
	}
	changed := c.changed
	c.changed = nil
	return l.clone(), changed
}

// list keeps what a Read of dir found, for the next Read while watched;
// ok is false when the Read met errors, so that the next one looks again.
func (c *Cache) list(dir string, l *listing, ok bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.watched || !ok {
		delete(c.lists, dir)
		return
	}
	c.lists[dir] = l
}

// unchanged returns the file at path p if its size and time are those it
// had when read, and that time was older than timeSlack then. A file
// replaced by one of the same size and time (a copy or an archive that
// keeps times) is not seen unless the watcher reports it (Forget): the
// price of not reading every file of a large site. While watched, a file
// found unchanged is not looked at again until Forget names it, unless a
// path was forgotten since its stat was taken (at generation gen).
func (c *Cache) unchanged(p string, info fs.FileInfo, gen uint64) *File {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[p]
	if ok && !e.mod.IsZero() && e.size == info.Size() && e.mod.Equal(info.ModTime()) && e.mod.Before(e.readAt.Add(-timeSlack)) {
		e.seen = c.seenSince(gen)
		c.files[p] = e
		return e.file
	}
	return nil
}

// seenSince reports whether a file read at generation gen is known to be
// the same until the watcher reports it: c.mu is held.
func (c *Cache) seenSince(gen uint64) bool { return c.watched && c.gen == gen }

// get returns the file parsed from raw at path p, if the cache has it, and
// notes the file's size and time (info, when not nil) as of readAt.
func (c *Cache) get(p string, raw []byte, info fs.FileInfo, readAt time.Time, gen uint64) *File {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.files[p]; ok && bytes.Equal(e.raw, raw) {
		e.size, e.mod = c.statOf(info, gen)
		e.readAt, e.seen = readAt, c.seenSince(gen)
		c.files[p] = e
		return e.file
	}
	return nil
}

func (c *Cache) put(p string, raw []byte, f *File, info fs.FileInfo, readAt time.Time, gen uint64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := cachedFile{raw: raw, file: f, readAt: readAt, seen: c.seenSince(gen)}
	e.size, e.mod = c.statOf(info, gen)
	c.files[p] = e
}

// statOf is the size and time of a file whose stat was taken at
// generation gen, or zeros when info is nil. When a path was forgotten
// since, the file may have been saved between the stat and the reading:
// its time is left out, so that its bytes are compared the next time.
// c.mu is held.
func (c *Cache) statOf(info fs.FileInfo, gen uint64) (int64, time.Time) {
	if info == nil {
		return 0, time.Time{}
	}
	if c.gen != gen {
		return info.Size(), time.Time{}
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
	c.gen++
	if c.watched {
		c.changed = append(c.changed, paths...)
	}
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

// listing is what a Read found in a folder: its Markdown files and other
// files in walk order, and which of them are symlinks.
type listing struct {
	pages, assets []string
	links         map[string]bool
}

func (l *listing) clone() *listing {
	return &listing{pages: slices.Clone(l.pages), assets: slices.Clone(l.assets), links: maps.Clone(l.links)}
}

// remove drops p and every path under it.
func (l *listing) remove(p string) {
	gone := func(q string) bool { return q == p || strings.HasPrefix(q, p+"/") }
	l.pages = slices.DeleteFunc(l.pages, gone)
	l.assets = slices.DeleteFunc(l.assets, gone)
	maps.DeleteFunc(l.links, func(q string, _ bool) bool { return gone(q) })
}
