package source

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingFS counts the files opened, to tell a file read from one taken
// from the cache, and every look at a file or folder (opened, listed or
// stat'ed).
type countingFS struct {
	fs.FS
	opened, looks atomic.Int64
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.opened.Add(1)
	c.looks.Add(1)
	return c.FS.Open(name)
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) {
	c.looks.Add(1)
	return fs.Stat(c.FS, name)
}

func (c *countingFS) ReadLink(name string) (string, error) {
	return c.FS.(fs.ReadLinkFS).ReadLink(name)
}

func (c *countingFS) Lstat(name string) (fs.FileInfo, error) {
	c.looks.Add(1)
	return c.FS.(fs.ReadLinkFS).Lstat(name)
}

func TestCacheReads(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	write := func(name, text string, mod time.Time) {
		p := filepath.Join(dir, "content", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if !mod.IsZero() {
			if err := os.Chtimes(p, mod, mod); err != nil {
				t.Fatal(err)
			}
		}
	}
	write("a.md", "+++\ntitle = \"A\"\n+++\nMột.\n", old)
	write("b.md", "+++\ntitle = \"B\"\n+++\nHai.\n", time.Time{}) // written just now
	fsys := &countingFS{FS: os.DirFS(dir)}
	cache := NewCache()
	read := func() map[string]*File {
		c := Read(fsys, "content", cache)
		if len(c.Errors) > 0 {
			t.Fatal(c.Errors)
		}
		out := map[string]*File{}
		for _, f := range c.Pages {
			out[f.Path] = f
		}
		return out
	}

	first := read()
	fsys.opened.Store(0)
	second := read()
	if second["content/a.md"] != first["content/a.md"] || second["content/b.md"] != first["content/b.md"] {
		t.Error("an unchanged file was parsed again")
	}
	// a.md, an hour old when read, is taken by its size and time; b.md,
	// written within timeSlack of its reading, is read again (and its
	// bytes found the same). Folders are opened by the walk: count files.
	if n := fsys.opened.Load() - dirsOpened(t, dir); n != 1 {
		t.Errorf("%d files opened, want 1 (b.md)", n)
	}

	write("a.md", "+++\ntitle = \"A\"\n+++\nBốn.\n", time.Time{}) // same size, new time
	third := read()
	if third["content/a.md"] == first["content/a.md"] || string(third["content/a.md"].Body) != "Bốn.\n" {
		t.Errorf("an edit of the same size was not seen: %q", third["content/a.md"].Body)
	}
	write("a.md", "+++\ntitle = \"A\"\n+++\nBảy dòng.\n", old) // a copy that keeps an old time, another size
	if f := read()["content/a.md"]; string(f.Body) != "Bảy dòng.\n" {
		t.Errorf("an edit with an old time but another size was not seen: %q", f.Body)
	}
	read()                                                     // now known by its size and time
	write("a.md", "+++\ntitle = \"A\"\n+++\nBốn dòng.\n", old) // same size, same old time: unseen…
	if f := read()["content/a.md"]; string(f.Body) != "Bảy dòng.\n" {
		t.Fatalf("the shortcut did not apply, so this test tests nothing: %q", f.Body)
	}
	cache.Forget([]string{"content"}) // … until the watcher says so
	if f := read()["content/a.md"]; string(f.Body) != "Bốn dòng.\n" {
		t.Errorf("a file the cache was told to forget was not read again: %q", f.Body)
	}
}

// dirsOpened is the number of folders under dir/content: the walk opens each.
func dirsOpened(t *testing.T, dir string) int64 {
	var n int64
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCacheWatched(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) { writeOld(t, filepath.Join(dir, "content", name), text) }
	write("a.md", "A")
	write("a/x.md", "AX")
	write("a-b.md", "AB")
	write("a/img.png", "")
	write("z/.hidden/h.md", "hidden")
	if err := os.Symlink("a.md", filepath.Join(dir, "content", "link.md")); err != nil {
		t.Fatal(err)
	}
	fsys := &countingFS{FS: os.DirFS(dir)}
	cache := NewCache()
	cache.Watched(true)
	read := func() *Content {
		t.Helper()
		c := Read(fsys, "content", cache)
		if len(c.Errors) > 0 {
			t.Fatal(c.Errors)
		}
		return c
	}
	bodies := func(c *Content) string {
		var out []string
		for _, f := range c.Pages {
			out = append(out, f.Path+"="+strings.TrimSpace(string(f.Body)))
		}
		return strings.Join(append(out, c.Assets...), " ")
	}
	// The same files, in the same order, as a Read without any cache.
	same := func(c *Content) {
		t.Helper()
		if got, want := bodies(c), bodies(Read(os.DirFS(dir), "content", nil)); got != want {
			t.Errorf("watched Read:\n%s\nwant\n%s", got, want)
		}
	}
	same(read())
	same(read())
	fsys.looks.Store(0)
	same(read())
	// Only the content folder and the symlink (whose target may change
	// unseen) are looked at: a stat of content/; for link.md the check a
	// walk makes (an Lstat of its target, a Stat of the link) and readPage's
	// stat.
	if n := fsys.looks.Load(); n != 4 {
		t.Errorf("a Read with nothing forgotten looked at %d files or folders, want 4 (content/ and the symlink)", n)
	}

	write("a.md", "A2") // not reported: unseen, which shows that nothing was looked at
	if got := bodies(read()); !strings.Contains(got, "content/a.md=A ") {
		t.Fatalf("the watched cache looked at a file no one reported: %s", got)
	}
	cache.Forget([]string{"content/a.md"})
	same(read())

	write("new/deep/n.md", "N") // a folder created with files in it: one event, for the folder
	cache.Forget([]string{"content/new"})
	same(read())
	if err := os.Rename(filepath.Join(dir, "content", "a"), filepath.Join(dir, "content", "c")); err != nil {
		t.Fatal(err)
	}
	cache.Forget([]string{"content/a", "content/c"})
	same(read())
	if err := os.Remove(filepath.Join(dir, "content", "a-b.md")); err != nil {
		t.Fatal(err)
	}
	write("z/.hidden/h2.md", "hidden")
	cache.Forget([]string{"content/a-b.md", "content/z/.hidden/h2.md"})
	same(read())

	cache.Watched(false) // the watcher stopped: back to looking at every file
	write("c/x.md", "CX2")
	if got := bodies(read()); !strings.Contains(got, "content/c/x.md=CX2") {
		t.Errorf("an unwatched cache missed a change of size: %s", got)
	}
}

// closeHookFS runs after, once, when the file at path is first closed once
// armed: a save reported by the watcher while a Read is reading the file.
type closeHookFS struct {
	fs.FS
	path  string
	armed bool
	once  sync.Once
	after func()
}

type closeHookFile struct {
	fs.File
	closed func()
}

func (f closeHookFile) Close() error {
	err := f.File.Close()
	f.closed()
	return err
}

func (h *closeHookFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(h.FS, name) }

func (h *closeHookFS) Open(name string) (fs.File, error) {
	f, err := h.FS.Open(name)
	if err != nil || name != h.path || !h.armed {
		return f, err
	}
	return closeHookFile{f, func() { h.once.Do(h.after) }}, nil
}

// TestCacheForgetDuringRead: a save and its report (Forget) come while a
// Read is reading the file. What that Read got is not kept as the file's
// bytes at its old stat, even when the save keeps the size and the time.
func TestCacheForgetDuringRead(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) { writeOld(t, filepath.Join(dir, "content", "a.md"), text) }
	write("old")
	cache := NewCache()
	cache.Watched(true)
	fsys := &closeHookFS{FS: os.DirFS(dir), path: "content/a.md", after: func() {
		write("new") // same size, same time
		cache.Forget([]string{"content/a.md"})
	}}
	body := func(c *Content) string {
		t.Helper()
		if len(c.Errors) > 0 || len(c.Pages) != 1 {
			t.Fatalf("%d pages, errors %v", len(c.Pages), c.Errors)
		}
		return strings.TrimSpace(string(c.Pages[0].Body))
	}
	body(Read(fsys, "content", cache))
	cache.Forget([]string{"content/a.md"}) // an earlier save: the next Read reads the file
	fsys.armed = true
	body(Read(fsys, "content", cache)) // "old" or "new": the save comes during it
	for i := range 2 {
		if got := body(Read(fsys, "content", cache)); got != "new" {
			t.Errorf("Read %d after the save was reported: %q, want \"new\"", i+1, got)
		}
	}
}

// TestReadSkips: hidden files and folders and editors' files are not
// content, whether found by a walk or named by the watcher; folders named
// as editors' files are.
func TestReadSkips(t *testing.T) {
	dir := t.TempDir()
	files := []string{"a.md", ".hidden.md", "a.md~", ".#a.md", "#a.md#", "4913", ".a.md.swp", "b.swx", ".git/x.md", "ok/b.md",
		"luu~/p.md", "sub/4913/q.md"} // folders of editors' names are content
	for _, f := range files {
		p := filepath.Join(dir, "content", f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("+++\ntitle = \"T\"\n+++\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const want = "content/a.md content/luu~/p.md content/ok/b.md content/sub/4913/q.md |  | "
	if got := listed(Read(os.DirFS(dir), "content", nil)); got != want {
		t.Errorf("walk lists %q, want %q", got, want)
	}
	cache := NewCache()
	cache.Watched(true)
	Read(os.DirFS(dir), "content", cache)
	var named []string
	for _, f := range files {
		named = append(named, "content/"+f)
	}
	cache.Forget(append(named, "content/luu~", "content/.git"))
	if got := listed(Read(os.DirFS(dir), "content", cache)); got != want {
		t.Errorf("watched Read lists %q, want %q", got, want)
	}
}

// writeOld writes a content file of title "T" and body text, dated an hour
// ago, the same each time.
func writeOld(t *testing.T, p, text string) {
	t.Helper()
	old := time.Now().Add(-time.Hour).Truncate(time.Hour)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("+++\ntitle = \"T\"\n+++\n"+text+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
}

// TestCacheWatchedRandom makes random changes to a content folder, each
// reported as a watcher reports it (the paths touched; for a file written
// in new folders, the first folder created), and checks after each that a
// watched Read lists what a Read without cache lists, in the same order.
func TestCacheWatchedRandom(t *testing.T) {
	names := []string{"a", "a-b", "a.b", "b", ".h", "c~", "A", "a b", "é", "4913"}
	for seed := range uint64(100) {
		rng := rand.New(rand.NewPCG(seed, 1))
		dir := t.TempDir()
		root := filepath.Join(dir, "content")
		if err := os.MkdirAll(root, 0o755); err != nil {
			t.Fatal(err)
		}
		cache := NewCache()
		cache.Watched(true)
		fsys := os.DirFS(dir)
		pick := func() string {
			parts := make([]string, 1+rng.IntN(3))
			for i := range parts {
				parts[i] = names[rng.IntN(len(names))]
			}
			return strings.Join(parts, "/") + []string{".md", ".png", ""}[rng.IntN(3)]
		}
		for step := range 30 {
			rel := pick()
			full := filepath.Join(root, rel)
			var touched []string
			switch rng.IntN(4) {
			case 0, 1: // write a file, with the folders it needs
				parts := strings.Split(rel, "/")
				for i := 1; i < len(parts); i++ {
					if _, err := os.Lstat(filepath.Join(root, filepath.Join(parts[:i]...))); err != nil {
						touched = append(touched, strings.Join(parts[:i], "/"))
						break
					}
				}
				if os.MkdirAll(filepath.Dir(full), 0o755) != nil || os.WriteFile(full, []byte("+++\ntitle = \"T\"\n+++\n"), 0o644) != nil {
					continue // a file where a folder is needed, or the reverse
				}
				touched = append(touched, rel)
			case 2:
				if os.RemoveAll(full) != nil {
					continue
				}
				touched = append(touched, rel)
			case 3: // move to another name
				to := pick()
				if _, err := os.Lstat(filepath.Join(root, to)); err == nil || os.MkdirAll(filepath.Dir(filepath.Join(root, to)), 0o755) != nil {
					continue
				}
				if os.Rename(full, filepath.Join(root, to)) != nil {
					continue
				}
				touched = append(touched, rel, to)
			}
			for i := range touched {
				touched[i] = "content/" + touched[i]
			}
			cache.Forget(touched)
			got, want := Read(fsys, "content", cache), Read(fsys, "content", nil)
			if g, w := listed(got), listed(want); g != w {
				t.Fatalf("seed %d, step %d, after %q:\nwatched Read: %s\nplain Read:   %s", seed, step, touched, g, w)
			}
		}
	}
}

// listed is what a Read found, in order, and its errors.
func listed(c *Content) string {
	var out []string
	for _, f := range c.Pages {
		out = append(out, f.Path)
	}
	return strings.Join(out, " ") + " | " + strings.Join(c.Assets, " ") + " | " + c.Errors.Error()
}

// TestCacheFolderReplacedByFile: a folder replaced by a file of its name,
// both named by the watcher, is read as a plain Read reads it.
func TestCacheFolderReplacedByFile(t *testing.T) {
	dir := t.TempDir()
	writeOld(t, filepath.Join(dir, "content", "x", "a.md"), "A")
	cache := NewCache()
	cache.Watched(true)
	fsys := os.DirFS(dir)
	Read(fsys, "content", cache)
	if err := os.RemoveAll(filepath.Join(dir, "content", "x")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "x"), []byte("asset"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache.Forget([]string{"content/x/a.md", "content/x"})
	if got, want := listed(Read(fsys, "content", cache)), listed(Read(fsys, "content", nil)); got != want {
		t.Errorf("watched Read: %s\nplain Read:   %s", got, want)
	}
}

// TestCacheWatchedBrokenSymlink: a symlink whose target is removed (the
// watcher names the target, not the link) is reported as a walk reports
// it, and read again once the target is back.
func TestCacheWatchedBrokenSymlink(t *testing.T) {
	dir := t.TempDir()
	writeOld(t, filepath.Join(dir, "content", "a.md"), "A")
	if err := os.Symlink("a.md", filepath.Join(dir, "content", "link.md")); err != nil {
		t.Fatal(err)
	}
	cache := NewCache()
	cache.Watched(true)
	fsys := os.DirFS(dir)
	same := func(what string) {
		t.Helper()
		if got, want := listed(Read(fsys, "content", cache)), listed(Read(fsys, "content", nil)); got != want {
			t.Errorf("%s: watched Read: %s\nplain Read:   %s", what, got, want)
		}
	}
	same("first")
	if err := os.Remove(filepath.Join(dir, "content", "a.md")); err != nil {
		t.Fatal(err)
	}
	cache.Forget([]string{"content/a.md"})
	same("target removed")
	writeOld(t, filepath.Join(dir, "content", "a.md"), "A again")
	cache.Forget([]string{"content/a.md"})
	same("target back")
}
