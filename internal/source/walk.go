package source

import (
	"errors"
	"io/fs"
	"path"
	"strings"
)

// Content is what Read found under content/.
type Content struct {
	Pages  []*File   // Markdown files, in lexical order of their paths
	Assets []string  // other files (images, PDFs), copied as they are
	Errors ErrorList // every file that could not be read
}

// Read walks dir (normally "content") of fsys. Symlinks to files inside dir
// are followed; symlinks that leave dir or point to folders are errors, so
// that nothing outside the site is published and loops cannot occur.
func Read(fsys fs.FS, dir string) *Content {
	c := &Content{}
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
		c.add(fsys, p)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.Errors.Add(Pos{File: dir}, "cannot read: %v", err)
	}
	return c
}

func (c *Content) add(fsys fs.FS, p string) {
	if path.Ext(p) != ".md" {
		c.Assets = append(c.Assets, p)
		return
	}
	raw, err := fs.ReadFile(fsys, p)
	if err != nil {
		c.Errors.Add(Pos{File: p}, "cannot read: %v", unwrapPath(err))
		return
	}
	f, err := Parse(p, raw)
	if err != nil {
		c.Errors.Merge(p, err)
		return
	}
	c.Pages = append(c.Pages, f)
}

// symlinkOK reports whether the symlink at p may be followed, recording an
// error when it may not.
func (c *Content) symlinkOK(fsys fs.FS, root, p string) bool {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		c.Errors.Add(Pos{File: p}, "symlinks are not supported here")
		return false
	}
	target, err := rl.ReadLink(p)
	if err != nil {
		c.Errors.Add(Pos{File: p}, "cannot read symlink: %v", unwrapPath(err))
		return false
	}
	resolved := path.Join(path.Dir(p), target)
	if path.IsAbs(target) || !strings.HasPrefix(resolved+"/", root+"/") {
		c.Errors.Add(Pos{File: p}, "symlink points outside %s/ (to %s): copy the file into %s/ instead", root, target, root)
		return false
	}
	info, err := fs.Stat(fsys, p)
	if err != nil {
		c.Errors.Add(Pos{File: p}, "broken symlink to %s: %v", target, unwrapPath(err))
		return false
	}
	if info.IsDir() {
		c.Errors.Add(Pos{File: p}, "symlink to a folder (%s) is not followed: use a real folder", target)
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
