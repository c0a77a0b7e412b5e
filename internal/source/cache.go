package source

import (
	"bytes"
	"sync"
)

// Cache keeps the files Read parsed, so that a preview building the site
// after every save parses only the files that changed. Files are not
// changed once read, so builds may share them. A nil *Cache caches nothing.
type Cache struct {
	mu    sync.Mutex
	files map[string]cachedFile
}

type cachedFile struct {
	raw  []byte
	file *File
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cachedFile{}} }

// get returns the file parsed from raw at path p, if the cache has it.
func (c *Cache) get(p string, raw []byte) *File {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.files[p]; ok && bytes.Equal(e.raw, raw) {
		return e.file
	}
	return nil
}

func (c *Cache) put(p string, raw []byte, f *File) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[p] = cachedFile{raw: raw, file: f}
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
