package output

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDirCommitReplacesOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, map[string]string{"index.html": "one", "old/index.html": "gone"})
	commit(t, dest, map[string]string{"index.html": "two", "a/b/index.html": "b"})
	if got := read(t, dest, "index.html"); got != "two" {
		t.Errorf("index.html = %q, want two", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); !os.IsNotExist(err) {
		t.Errorf("old/ survived the swap: %v", err)
	}
	assertOnly(t, filepath.Dir(dest), "public")
}

// TestDirKeepsLinkedOutput builds into a symbolic link to a web server's
// folder: the link stays, and the folder it points to gets the build, when
// it holds an earlier build and when it does not exist yet.
func TestDirKeepsLinkedOutput(t *testing.T) {
	for _, earlier := range []bool{true, false} {
		dir := t.TempDir()
		www, link := filepath.Join(dir, "www", "site"), filepath.Join(dir, "public")
		if err := os.MkdirAll(filepath.Dir(www), 0o755); err != nil {
			t.Fatal(err)
		}
		if earlier {
			write(t, www, map[string]string{"index.html": "one"})
		}
		if err := os.Symlink(filepath.Join("www", "site"), link); err != nil {
			t.Fatal(err)
		}
		commit(t, link, map[string]string{"index.html": "two"})
		if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("earlier build %v: %s is no longer a link: %v", earlier, link, err)
		}
		if got := read(t, www, "index.html"); got != "two" {
			t.Errorf("earlier build %v: the linked folder's index.html = %q, want two", earlier, got)
		}
		assertOnly(t, filepath.Dir(www), "site")
	}
}

// TestCommitNeverLeavesNoOutput reads the output while builds replace it,
// as a web server does: no read may find it missing. Where the system
// cannot swap two folders in one step (exchange), there is a moment
// without it, and the test says so rather than fail.
func TestCommitNeverLeavesNoOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, map[string]string{"index.html": "0"})
	probe := filepath.Join(filepath.Dir(dest), "probe")
	if err := os.Mkdir(probe, 0o755); err != nil {
		t.Fatal(err)
	}
	ok, err := exchange(probe, dest)
	if ok {
		ok, err = exchange(probe, dest) // and back
	}
	if err := os.Remove(probe); err != nil {
		t.Fatal(err)
	}
	if !ok || err != nil {
		t.Skipf("folders cannot be swapped in one step here (%v): a build has a moment without output", err)
	}
	stop := make(chan struct{})
	var reads, missing int
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			reads++
			if _, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil {
				missing++
			}
		}
	}()
	for i := range 200 {
		commit(t, dest, map[string]string{"index.html": strconv.Itoa(i)})
	}
	close(stop)
	<-done
	if missing > 0 || reads == 0 {
		t.Errorf("%d of %d reads found no index.html while builds replaced it", missing, reads)
	}
	assertOnly(t, filepath.Dir(dest), "public")
}

func TestDirAbortKeepsOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, map[string]string{"index.html": "one"})
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write("index.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest, "index.html"); got != "one" {
		t.Errorf("index.html = %q after abort, want one", got)
	}
	assertOnly(t, filepath.Dir(dest), "public")
}

func TestWriteRefusesEscapingNames(t *testing.T) {
	m := NewMemory()
	d, err := NewDir(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../x", "/etc/passwd", "a/../../b", "", "."} {
		if m.Write(name, nil) == nil || d.Write(name, nil) == nil {
			t.Errorf("Write(%q) succeeded", name)
		}
	}
}

func write(t *testing.T, dest string, files map[string]string) {
	t.Helper()
	commit(t, dest, files)
}

func commit(t *testing.T, dest string, files map[string]string) *Dir {
	t.Helper()
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range files {
		if err := d.Write(name, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d
}

func read(t *testing.T, dest, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func assertOnly(t *testing.T, parent string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, want) {
		t.Errorf("%s holds %v, want only %v", parent, names, want)
	}
}

func TestDirRefusesForeignFolders(t *testing.T) {
	root := t.TempDir()
	mine := filepath.Join(root, "site")
	if err := os.MkdirAll(filepath.Join(mine, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDir(mine); err == nil {
		t.Fatal("NewDir accepted a folder that kehoach did not build")
	}
	if _, err := os.Stat(filepath.Join(mine, "content")); err != nil {
		t.Fatalf("the folder was touched: %v", err)
	}
	file := filepath.Join(root, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDir(file); err == nil {
		t.Fatal("NewDir accepted a file")
	}
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(empty)
	if err != nil {
		t.Fatalf("an empty folder: %v", err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDir(empty); err != nil {
		t.Fatalf("a folder built before: %v", err)
	}
	assertOnly(t, empty, Marker)
}

func TestMemoryFS(t *testing.T) {
	m := NewMemory()
	for name, text := range map[string]string{
		"index.html": "home", "plan/01-a.html": "part", "tasks/ban-a/t01.html": "task",
		"tasks/ban-a/t02.html": "task 2", "tasks/index.html": "tasks", "assets/site.1.css": "css",
	} {
		if err := m.Write(name, []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	made := map[string]int{}
	var mu sync.Mutex
	lazy := func(name, text string) func() ([]byte, error) {
		return func() ([]byte, error) {
			mu.Lock()
			made[name]++
			mu.Unlock()
			return []byte(text), nil
		}
	}
	broken := errors.New("template: task.html:3: no such field")
	fsys := m.FS(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), map[string]func() ([]byte, error){
		"guidance/index.html":   lazy("guidance/index.html", "list"),
		"guidance/bon-tot.html": lazy("guidance/bon-tot.html", "model"),
		"index.html":            lazy("index.html", "not this: index.html was written"),
	})
	if got, err := fs.ReadFile(fsys, "guidance/bon-tot.html"); err != nil || string(got) != "model" {
		t.Errorf("lazy file = %q, %v", got, err)
	}
	if err := fstest.TestFS(fsys, "index.html", "plan/01-a.html", "tasks/ban-a/t01.html", "tasks/ban-a/t02.html",
		"tasks/index.html", "assets/site.1.css", "guidance/index.html", "guidance/bon-tot.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := fsys.Open("tasks/ban-a/t03.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("opening a file never written: %v, want not exist", err)
	}
	if err := m.Write("later.html", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(fsys, "later.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file written after FS is seen by it: %v", err)
	}
	if got, _ := fs.ReadFile(fsys, "index.html"); string(got) != "home" {
		t.Errorf("index.html = %q: a lazy file replaced a written one", got)
	}
	want := map[string]int{"guidance/index.html": 1, "guidance/bon-tot.html": 1}
	if diff := cmp.Diff(want, made); diff != "" {
		t.Errorf("lazy files made (-want +got), each once however often opened:\n%s", diff)
	}

	failing := NewMemory().FS(time.Time{}, map[string]func() ([]byte, error){
		"a.html": func() ([]byte, error) { return nil, broken },
		"b.html": func() ([]byte, error) { return []byte("b"), nil },
	})
	if _, err := failing.Open("a.html"); !errors.Is(err, broken) {
		t.Errorf("opening a lazy file that fails: %v, want its error", err)
	}
	if errs := failing.Make(context.Background(), 2); len(errs) != 1 || !errors.Is(errs["a.html"], broken) {
		t.Errorf("Make = %v, want the one error of a.html", errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	never := NewMemory().FS(time.Time{}, map[string]func() ([]byte, error){
		"c.html": func() ([]byte, error) { t.Error("Make made a file after its context ended"); return nil, nil },
	})
	never.Make(ctx, 2)
}

// TestCommitSweepsKilledBuilds checks that a build removes what killed
// builds into the same folder left beside it, once stale, and keeps what a
// build running beside it is writing, and what is not a build's.
func TestCommitSweepsKilledBuilds(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	old := time.Now().Add(-2 * staleAfter)
	folder := func(name string, files map[string]string, mtime time.Time) {
		dir := filepath.Join(parent, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, body := range files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chtimes(dir, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	folder(".public.tmp-111", map[string]string{Marker: "", "index.html": "killed"}, old)
	folder(".public.tmp-222.old-333", map[string]string{Marker: "", "index.html": "moved aside"}, old)
	folder(".public.tmp-444", nil, old)                                                           // killed before its marker
	folder(".public.tmp-555", map[string]string{Marker: "", "index.html": "running"}, time.Now()) // a build beside this one
	folder(".public.tmp-666", map[string]string{"notes.txt": "not a build's"}, old)
	folder(".other.tmp-777", map[string]string{Marker: ""}, old)
	commit(t, dest, map[string]string{"index.html": "new"})
	assertOnly(t, parent, ".other.tmp-777", ".public.tmp-555", ".public.tmp-666", "public")
}
