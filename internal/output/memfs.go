package output

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// FS returns the files written so far, and the lazy ones, as a read-only
// file system whose files all have the time modTime: a preview serves its
// builds from memory. A lazy file is made the first time it is opened (or
// by Make), once; when that fails, opening it fails with the same error.
// Writes after FS are not seen by it.
func (m *Memory) FS(modTime time.Time, lazy map[string]func() ([]byte, error)) *MemFS {
	files := m.Files()
	mfs := &MemFS{files: files, lazy: make(map[string]*lazyFile, len(lazy)), dirs: map[string][]fs.DirEntry{}, mod: modTime}
	seen := map[string]bool{}
	add := func(name string, entry fs.DirEntry) { // name and the folders above it
		for dir := path.Dir(name); ; dir = path.Dir(dir) {
			mfs.dirs[dir] = append(mfs.dirs[dir], entry)
			if dir == "." || seen[dir] {
				return
			}
			seen[dir] = true
			entry = fs.FileInfoToDirEntry(fileInfo{name: path.Base(dir), dir: true, mod: modTime})
		}
	}
	for name, data := range files {
		add(name, fs.FileInfoToDirEntry(fileInfo{name: path.Base(name), size: int64(len(data)), mod: modTime}))
	}
	for name, fn := range lazy {
		if _, written := files[name]; !written {
			mfs.lazy[name] = &lazyFile{fn: fn}
			add(name, lazyEntry{fsys: mfs, name: name})
		}
	}
	for _, entries := range mfs.dirs {
		slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return mfs
}

// lazyEntry is a folder's entry for a lazy file: its size is known once
// the file is made.
type lazyEntry struct {
	fsys *MemFS
	name string
}

func (e lazyEntry) Name() string               { return path.Base(e.name) }
func (e lazyEntry) IsDir() bool                { return false }
func (e lazyEntry) Type() fs.FileMode          { return 0 }
func (e lazyEntry) Info() (fs.FileInfo, error) { return fs.Stat(e.fsys, e.name) }

// MemFS is the file system of Memory.FS.
type MemFS struct {
	files map[string][]byte
	lazy  map[string]*lazyFile
	dirs  map[string][]fs.DirEntry
	mod   time.Time
}

// lazyFile is a file made when first asked for.
type lazyFile struct {
	once sync.Once
	fn   func() ([]byte, error)
	data []byte
	err  error
}

func (l *lazyFile) get() ([]byte, error) {
	l.once.Do(func() { l.data, l.err = l.fn() })
	return l.data, l.err
}

// Make makes every lazy file not made yet, workers at a time, until ctx is
// done, and returns the errors, by file name.
func (m *MemFS) Make(ctx context.Context, workers int) map[string]error {
	var mu sync.Mutex
	errs := map[string]error{}
	var g errgroup.Group
	g.SetLimit(workers)
	for name, l := range m.lazy {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			if _, err := l.get(); err != nil {
				mu.Lock()
				errs[name] = err
				mu.Unlock()
			}
			return nil
		})
	}
	_ = g.Wait()
	return errs
}

func (m *MemFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	data, ok := m.files[name]
	if l, isLazy := m.lazy[name]; isLazy {
		var err error
		if data, err = l.get(); err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		ok = true
	}
	if ok {
		return &memFile{Reader: bytes.NewReader(data), info: fileInfo{name: path.Base(name), size: int64(len(data)), mod: m.mod}}, nil
	}
	if entries, ok := m.dirs[name]; ok || name == "." {
		return &memDir{info: fileInfo{name: path.Base(name), dir: true, mod: m.mod}, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// memFile is an open file: a reader that can seek, as http.FileServer needs.
type memFile struct {
	*bytes.Reader
	info fileInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

// memDir is an open folder.
type memDir struct {
	info    fileInfo
	entries []fs.DirEntry
	read    int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Close() error               { return nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}

func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.read:]
	if n <= 0 {
		d.read = len(d.entries)
		return slices.Clone(rest), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.read += len(rest)
	return slices.Clone(rest), nil
}

type fileInfo struct {
	name string
	size int64
	dir  bool
	mod  time.Time
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) ModTime() time.Time { return i.mod }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
