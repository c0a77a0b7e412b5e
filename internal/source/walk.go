package source

import (
	"cmp"
	"errors"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/kehoach/kehoach/internal/parallel"
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
// (when not nil) holds for its path is not parsed again; while the cache is
// watched, only the paths forgotten since the last Read are listed again.
func Read(fsys fs.FS, dir string, cache *Cache) *Content {
	c := &Content{}
	if _, err := fs.Stat(fsys, dir); errors.Is(err, fs.ErrNotExist) {
		c.Errors.Add(Pos{File: dir}, "no %s/ folder: a site keeps its Markdown files in %s/", dir, dir)
		return c
	}
	l, changed := cache.listing(dir)
	reused := l != nil
	if reused {
		c.relist(fsys, dir, l, changed)
	} else {
		l = &listing{links: map[string]bool{}}
		c.walk(fsys, dir, dir, l)
	}
	pages, assets := l.pages, l.assets
	if reused && len(l.links) > 0 {
		// A symlink's target may have changed unseen: each is checked as a
		// walk checks it, and left out of this Read, not of the listing,
		// while it fails.
		broken := func(p string) bool { return l.links[p] && !c.symlinkOK(fsys, dir, p) }
		pages = slices.DeleteFunc(slices.Clone(pages), broken)
		assets = slices.DeleteFunc(slices.Clone(assets), broken)
	}
	c.Assets = assets
	c.readPages(fsys, pages, l.links, cache)
	cache.list(dir, l, len(c.Errors) == 0)
	if !reused {
		cache.keep(c.Pages) // else the files gone are among the paths changed, which Forget dropped
	}
	return c
}

// Pages lists the Markdown files under dir that Read would read, without
// reading them.
func Pages(fsys fs.FS, dir string) []string {
	var c Content
	l := &listing{links: map[string]bool{}}
	c.walk(fsys, dir, dir, l)
	return l.pages
}

// walk lists the files of root, which is dir or a folder below it, into l.
func (c *Content) walk(fsys fs.FS, dir, root string, l *listing) {
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			c.Errors.Add(Pos{File: p}, "cannot read: %v", unwrapPath(err))
			return nil
		}
		if d.IsDir() {
			if p != dir && hidden(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		c.entry(fsys, dir, p, d.Type(), l)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.Errors.Add(Pos{File: root}, "cannot read: %v", err)
	}
}

// entry lists the file at p, of type typ, into l.
func (c *Content) entry(fsys fs.FS, dir, p string, typ fs.FileMode, l *listing) {
	if name := path.Base(p); hidden(name) || EditorFile(name) {
		return
	}
	if typ&fs.ModeSymlink != 0 {
		if !c.symlinkOK(fsys, dir, p) {
			return
		}
		l.links[p] = true
	}
	switch {
	case path.Ext(p) == ".md":
		l.pages = append(l.pages, p)
	case markdownLike(path.Base(p)), strings.EqualFold(path.Ext(p), ".txt") && opensFrontMatter(fsys, p):
		c.Errors.Add(Pos{File: p}, "only a file whose name ends in .md (lower case) is a page: this one would be "+
			"published as it is, front matter and drafts included; rename it to end in .md, or move it out of content/")
	default:
		l.assets = append(l.assets, p)
	}
}

// opensFrontMatter reports whether the file at p starts as a page does:
// a line "+++" or "---", then a title among the lines of its first
// kilobyte (a text file saved as "tin-moi.txt" by an editor that adds its
// own extension), and not only a divider ("---" above a plain text).
func opensFrontMatter(fsys fs.FS, p string) bool {
	f, err := fsys.Open(p)
	if err != nil {
		return false // read as an asset, which reports it
	}
	defer f.Close()
	var head [1024]byte
	n, _ := io.ReadFull(f, head[:])
	lines := strings.Split(strings.TrimPrefix(string(head[:n]), "\ufeff"), "\n")
	if open := strings.TrimSuffix(lines[0], "\r"); open != "+++" && open != "---" {
		return false
	}
	return slices.ContainsFunc(lines[1:], func(l string) bool {
		key, _, _ := strings.Cut(l, "=")
		if k, _, ok := strings.Cut(l, ":"); ok && len(k) < len(key) {
			key = k
		}
		return strings.TrimSpace(key) == "title"
	})
}

// markdownLike reports a name that looks like Markdown but does not end in
// ".md": "tin.MD", "tin.markdown", "tin.mdown", a copy such as "tin.md.bak".
func markdownLike(name string) bool {
	parts := strings.Split(strings.ToLower(name), ".")
	return slices.ContainsFunc(parts[1:], func(ext string) bool {
		switch ext {
		case "md", "markdown", "mdown", "mkd", "mkdn", "markdn", "mdwn":
			return true
		}
		return false
	})
}

// relist updates l, the files of dir as the last Read found them, with the
// paths changed since: each is dropped with what was under it and listed
// again if it still exists.
func (c *Content) relist(fsys fs.FS, dir string, l *listing, changed []string) {
	for _, p := range changed {
		if p == dir || strings.HasPrefix(dir, p+"/") {
			*l = listing{links: map[string]bool{}}
			c.walk(fsys, dir, dir, l)
			return
		}
		rel, under := strings.CutPrefix(p, dir+"/")
		if !under || inSkippedFolder(rel) {
			continue
		}
		l.remove(p)
		info, err := lstat(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR): // gone, or its folder replaced by a file
		case err != nil:
			c.Errors.Add(Pos{File: p}, "cannot read: %v", unwrapPath(err))
		case info.IsDir():
			c.walk(fsys, dir, p, l)
		default:
			c.entry(fsys, dir, p, info.Mode().Type(), l)
		}
	}
	slices.SortFunc(l.pages, comparePaths)
	slices.SortFunc(l.assets, comparePaths)
}

// inSkippedFolder reports whether a path relative to the content folder
// lies in a folder the walk skips, a hidden one (".git/x").
func inSkippedFolder(rel string) bool {
	dirs := strings.Split(rel, "/")
	return slices.ContainsFunc(dirs[:len(dirs)-1], hidden)
}

// hidden reports a hidden file or folder (".git"): not content.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// EditorFile reports the names of the files editors write beside the file
// they save: backups ("a.md~"), Emacs's locks (".#a.md") and auto-saves
// ("#a.md#"), vim's swap files and its probe of whether a folder can be
// written ("4913"). They are not content; a folder of such a name is.
func EditorFile(name string) bool {
	return strings.HasPrefix(name, ".#") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || name == "4913" || len(name) > 2 && name[0] == '#' && name[len(name)-1] == '#'
}

// lstat is fs.Stat, without following a symlink where fsys can tell.
func lstat(fsys fs.FS, p string) (fs.FileInfo, error) {
	if rl, ok := fsys.(fs.ReadLinkFS); ok {
		return rl.Lstat(p)
	}
	return fs.Stat(fsys, p)
}

// comparePaths orders paths as a walk lists them: a folder's files before
// a sibling whose name extends the folder's ("a/x" before "a-b").
func comparePaths(a, b string) int {
	for i := range min(len(a), len(b)) {
		switch ca, cb := a[i], b[i]; {
		case ca == cb:
		case ca == '/':
			return -1
		case cb == '/':
			return 1
		default:
			return cmp.Compare(ca, cb)
		}
	}
	return cmp.Compare(len(a), len(b))
}

// readPages reads, normalises and splits the Markdown files, keeping their order.
// A file not reached through a symlink (links) that the watched cache
// holds is taken as it is.
func (c *Content) readPages(fsys fs.FS, paths []string, links map[string]bool, cache *Cache) {
	files := make([]*File, len(paths))
	errs := make([]error, len(paths))
	cache.seenFiles(paths, links, files)
	var missing []int
	for i, f := range files {
		if f == nil {
			missing = append(missing, i)
		}
	}
	parallel.For(len(missing), 2*runtime.GOMAXPROCS(0), func(k int) {
		i := missing[k]
		files[i], errs[i] = readPage(fsys, paths[i], cache)
	})
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
	gen := cache.generation()
	info, statErr := fs.Stat(fsys, p)
	if statErr == nil && info.Size() > maxFileSize {
		return nil, Errorf(Pos{File: p}, "file is %d MB; a content file may have at most %d MB", info.Size()>>20, maxFileSize>>20)
	}
	if statErr == nil {
		if f := cache.unchanged(p, info, gen); f != nil {
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
	if f := cache.get(p, raw, info, readAt, gen); f != nil {
		return f, nil
	}
	f, err := Parse(p, raw)
	if err != nil {
		return nil, err
	}
	f.Meta, f.MetaErr = DecodeMeta(f)
	cache.put(p, raw, f, info, readAt, gen)
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
			c.Errors.Add(Pos{File: p}, "symlink points outside %s/ (to %s): copy what it points to into %s/ instead", root, target, root)
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
