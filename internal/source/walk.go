package source

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"
)

// Content is what Read found under content/.
type Content struct {
	Pages  []*File   // Markdown files, in lexical order of their paths
	Assets []string  // other files (images, PDFs), copied as they are
	Errors ErrorList // every file that could not be read
}

// Read walks dir (normally "content") of fsys and reads its Markdown files
// in parallel. Symlinks to files inside dir are followed; symlinks that
// leave dir or point to folders are errors, so that nothing outside the site
// is published and loops cannot occur. A file whose bytes are those cache
// (when not nil) holds for its path is not parsed again.
func Read(fsys fs.FS, dir string, cache *Cache) *Content {
	c := &Content{}
	var pages []string
	if _, err := fs.Stat(fsys, dir); errors.Is(err, fs.ErrNotExist) {
		c.Errors.Add(Pos{File: dir}, "no %s/ folder: a site keeps its Markdown files in %s/", dir, dir)
		return c
	}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			c.Errors.Add(Pos{File: p}, "cannot read: %v", unwrapPath(err))
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), "~") {
			return nil // editor and system files
		}
		if d.Type()&fs.ModeSymlink != 0 && !c.symlinkOK(fsys, dir, p) {
			return nil
		}
		if path.Ext(p) == ".md" {
			pages = append(pages, p)
		} else {
			c.Assets = append(c.Assets, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.Errors.Add(Pos{File: dir}, "cannot read: %v", err)
	}
	c.readPages(fsys, pages, cache)
	cache.keep(c.Pages)
	return c
}

// readPages reads, normalises and splits the Markdown files, keeping their order.
func (c *Content) readPages(fsys fs.FS, paths []string, cache *Cache) {
	files := make([]*File, len(paths))
	errs := make([]error, len(paths))
	var g errgroup.Group
	g.SetLimit(2 * runtime.GOMAXPROCS(0))
	for i, p := range paths {
		g.Go(func() error {
			files[i], errs[i] = readPage(fsys, p, cache)
			return nil
		})
	}
	_ = g.Wait()
	for i, f := range files {
		if errs[i] != nil {
			c.Errors.Merge(paths[i], errs[i])
			continue
		}
		c.Pages = append(c.Pages, f)
	}
}

// maxFileSize is the largest content file read: a page larger than this is
// a mistake (a pasted database, a binary), and would hold the build up.
const maxFileSize = 64 << 20

func readPage(fsys fs.FS, p string, cache *Cache) (*File, error) {
	info, statErr := fs.Stat(fsys, p)
	if statErr == nil && info.Size() > maxFileSize {
		return nil, Errorf(Pos{File: p}, "file is %d MB; a content file may have at most %d MB", info.Size()>>20, maxFileSize>>20)
	}
	if statErr == nil {
		if f := cache.unchanged(p, info); f != nil {
			return f, nil
		}
	}
	readAt := time.Now()
	raw, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, Errorf(Pos{File: p}, "cannot read: %v", unwrapPath(err))
	}
	if statErr != nil {
		info = nil
	}
	if f := cache.get(p, raw, info, readAt); f != nil {
		return f, nil
	}
	f, err := Parse(p, raw)
	if err != nil {
		return nil, err
	}
	f.Meta, f.MetaErr = DecodeMeta(f)
	cache.put(p, raw, f, info, readAt)
	return f, nil
}

// symlinkOK reports whether the symlink at p may be followed, recording an
// error when it may not.
func (c *Content) symlinkOK(fsys fs.FS, root, p string) bool {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		c.Errors.Add(Pos{File: p}, "symlinks are not supported here")
		return false
	}
	link := p
	for hops := 0; ; hops++ { // follow a chain of links, each of which must stay inside root
		target, err := rl.ReadLink(link)
		if err != nil {
			c.Errors.Add(Pos{File: p}, "cannot read symlink: %v", unwrapPath(err))
			return false
		}
		resolved := path.Join(path.Dir(link), target)
		if path.IsAbs(target) || !strings.HasPrefix(resolved+"/", root+"/") {
			c.Errors.Add(Pos{File: p}, "symlink points outside %s/ (to %s): copy the file into %s/ instead", root, target, root)
			return false
		}
		info, err := rl.Lstat(resolved)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			break
		}
		if hops == 40 {
			c.Errors.Add(Pos{File: p}, "symlink loop")
			return false
		}
		link = resolved
	}
	info, err := fs.Stat(fsys, p)
	if err != nil {
		c.Errors.Add(Pos{File: p}, "broken symlink: %v", unwrapPath(err))
		return false
	}
	if info.IsDir() {
		c.Errors.Add(Pos{File: p}, "symlink to a folder is not followed: use a real folder")
		return false
	}
	return true
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
