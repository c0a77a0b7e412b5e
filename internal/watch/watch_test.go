package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// TestRun watches a site from inside its folder, as "kehoach serve" run in
// the site does: config.toml, a folder created after the start, and a file
// in a watched folder are reported; other files of the site's folder are not.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "content"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "config.toml"), []byte("title = \"A\"\n"), 0o644))
	t.Chdir(dir)

	batches := make(chan []string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	w, err := Start([]string{"content", "layouts", "config.toml"})
	if err != nil {
		t.Fatal(err)
	}
	go func() { done <- w.Run(ctx, func(b Batch) { batches <- b.Paths }) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()

	for _, step := range []struct {
		name string
		do   func()
		want string
	}{
		{"an unwatched file of the site's folder, then config.toml", func() {
			must(t, os.WriteFile("README.md", []byte("x"), 0o644))
			must(t, os.WriteFile("config.toml", []byte("title = \"B\"\n"), 0o644))
		}, "config.toml"},
		{"layouts/ created after the start", func() {
			must(t, os.MkdirAll(filepath.Join("layouts", "partials"), 0o755))
		}, "layouts"},
		{"a file in a folder created after the start", func() {
			time.Sleep(50 * time.Millisecond)
			must(t, os.WriteFile(filepath.Join("layouts", "partials", "x.html"), []byte("x"), 0o644))
		}, filepath.Join("layouts", "partials", "x.html")},
		{"a content file", func() {
			must(t, os.WriteFile(filepath.Join("content", "a.md"), []byte("x"), 0o644))
		}, filepath.Join("content", "a.md")},
	} {
		step.do()
		select {
		case b := <-batches:
			if !slices.Contains(b, step.want) {
				t.Errorf("%s: batch %q lacks %q", step.name, b, step.want)
			}
			if slices.Contains(b, "README.md") {
				t.Errorf("%s: batch %q names a file that is not watched", step.name, b)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: no batch within 5 s", step.name)
		}
	}
}

// TestRunOverflow: when the system lost events, every root may have
// changed: the batch names them all, and watching goes on.
func TestRunOverflow(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	must(t, os.MkdirAll(content, 0o755))
	w, err := Start([]string{content, filepath.Join(dir, "config.toml")})
	if err != nil {
		t.Fatal(err)
	}
	batches := run(t, w)
	w.w.Errors <- fsnotify.ErrEventOverflow
	next := func(what string) []string {
		t.Helper()
		select {
		case b := <-batches:
			return b
		case <-time.After(5 * time.Second):
			t.Fatalf("no batch within 5 s after %s", what)
			return nil
		}
	}
	if b := next("the overflow"); !slices.Contains(b, content) || !slices.Contains(b, filepath.Join(dir, "config.toml")) {
		t.Errorf("after an overflow the batch is %q, want every root", b)
	}
	must(t, os.WriteFile(filepath.Join(content, "a.md"), []byte("x"), 0o644))
	if b := next("a save after the overflow"); !slices.Contains(b, filepath.Join(content, "a.md")) {
		t.Errorf("after an overflow a save gives %q", b)
	}
}

// TestRunMovedFolders: folders moved about inside a watched folder keep
// being watched under their new names, the folders below them too, and a
// folder of an editor's file's name is reported like any other.
func TestRunMovedFolders(t *testing.T) {
	tests := []struct {
		name  string
		moves func(c string)
		saved []string // files written after the moves, each to be reported
	}{
		{"renamed and back", func(c string) {
			must(t, os.Rename(filepath.Join(c, "a"), filepath.Join(c, "c")))
			settle(t)
			must(t, os.Rename(filepath.Join(c, "c"), filepath.Join(c, "a")))
		}, []string{"a/x.md", "a/sub/y.md"}},
		{"renamed", func(c string) {
			must(t, os.Rename(filepath.Join(c, "a"), filepath.Join(c, "c")))
		}, []string{"c/x.md", "c/sub/y.md"}},
		{"swapped", func(c string) { // each folder's watch is then under the other's name
			must(t, os.Rename(filepath.Join(c, "a"), filepath.Join(c, "t")))
			must(t, os.Rename(filepath.Join(c, "b"), filepath.Join(c, "a")))
			must(t, os.Rename(filepath.Join(c, "t"), filepath.Join(c, "b")))
		}, []string{"a/sub/y.md", "b/sub/y.md"}},
		{"replaced, then deleted, at once", func(c string) { // made fsnotify panic in Remove
			must(t, os.Rename(filepath.Join(c, "a"), filepath.Join(filepath.Dir(c), "away")))
			must(t, os.Rename(filepath.Join(c, "b"), filepath.Join(c, "a")))
			time.Sleep(Quiet / 4) // the watcher sees the new a/ before it goes
			must(t, os.RemoveAll(filepath.Join(c, "a")))
		}, []string{"c.md"}},
		{"an editor's name", func(c string) {
			must(t, os.Rename(filepath.Join(c, "a"), filepath.Join(c, "4913")))
		}, []string{"4913/sub/y.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			content := filepath.Join(dir, "content")
			must(t, os.MkdirAll(filepath.Join(content, "a", "sub"), 0o755))
			must(t, os.MkdirAll(filepath.Join(content, "b", "sub"), 0o755))
			w, err := Start([]string{content})
			if err != nil {
				t.Fatal(err)
			}
			batches := run(t, w)
			tt.moves(content)
			settle(t)
			drain(batches)
			for _, f := range tt.saved {
				p := filepath.Join(content, f)
				must(t, os.WriteFile(p, []byte("x"), 0o644))
				reported(t, batches, p)
			}
		})
	}
}

// TestRunEditorFolderRemoved: a folder of an editor's file's name is
// content: its removal is reported.
func TestRunEditorFolderRemoved(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	must(t, os.MkdirAll(filepath.Join(content, "luu~"), 0o755))
	w, err := Start([]string{content})
	if err != nil {
		t.Fatal(err)
	}
	batches := run(t, w)
	must(t, os.Remove(filepath.Join(content, "luu~")))
	reported(t, batches, filepath.Join(content, "luu~"))
	must(t, os.WriteFile(filepath.Join(content, "a.md~"), []byte("x"), 0o644)) // an editor's backup: not reported
	must(t, os.WriteFile(filepath.Join(content, "a.md"), []byte("x"), 0o644))
	if b := <-batches; slices.Contains(b, filepath.Join(content, "a.md~")) {
		t.Errorf("an editor's backup file was reported: %q", b)
	}
}

// TestRunSymlinkInContent: a symlink to a folder inside the site is not
// followed (the build refuses it): nothing outside the site is watched.
func TestRunSymlinkInContent(t *testing.T) {
	dir := t.TempDir()
	content, elsewhere := filepath.Join(dir, "content"), filepath.Join(dir, "elsewhere")
	must(t, os.MkdirAll(content, 0o755))
	must(t, os.MkdirAll(filepath.Join(elsewhere, "d"), 0o755))
	w, err := Start([]string{content})
	if err != nil {
		t.Fatal(err)
	}
	batches := run(t, w)
	must(t, os.Symlink(elsewhere, filepath.Join(content, "photos")))
	reported(t, batches, filepath.Join(content, "photos"))
	must(t, os.WriteFile(filepath.Join(elsewhere, "d", "z.md"), []byte("x"), 0o644))
	select {
	case b := <-batches:
		t.Errorf("a file outside the site was reported: %q", b)
	case <-time.After(300 * time.Millisecond):
	}
}

// TestRunMovedThenDeleted: a folder moved out of the site and deleted
// while a build runs leaves its watch invalid; watching goes on.
func TestRunMovedThenDeleted(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	content := filepath.Join(dir, "content")
	must(t, os.MkdirAll(filepath.Join(content, "a"), 0o755))
	w, err := Start([]string{content})
	if err != nil {
		t.Fatal(err)
	}
	batches := make(chan []string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	var runErr error
	go func() {
		defer close(finished)
		runErr = w.Run(ctx, func(b Batch) {
			batches <- b.Paths
			time.Sleep(200 * time.Millisecond) // a build
		})
	}()
	defer func() {
		cancel()
		<-finished
	}()
	must(t, os.WriteFile(filepath.Join(content, "x.md"), []byte("x"), 0o644))
	<-batches // the build runs now
	must(t, os.Rename(filepath.Join(content, "a"), filepath.Join(outside, "a")))
	must(t, os.RemoveAll(filepath.Join(outside, "a")))
	time.Sleep(400 * time.Millisecond)
	select {
	case <-finished:
		t.Fatalf("Run returned %v: watching stopped", runErr)
	default:
	}
	must(t, os.WriteFile(filepath.Join(content, "y.md"), []byte("x"), 0o644))
	reported(t, batches, filepath.Join(content, "y.md"))
}

// TestRunFolderGoneWhileWatched: folders removed, or replaced by files,
// while the watcher walks a folder moved in do not stop it watching the
// others, and are no reason to stop trusting it.
func TestRunFolderGoneWhileWatched(t *testing.T) {
	for attempt := range 10 { // the removals race with the walk
		t.Run(fmt.Sprint(attempt), func(t *testing.T) {
			content := filepath.Join(t.TempDir(), "content")
			must(t, os.MkdirAll(content, 0o755))
			w, err := Start([]string{content})
			if err != nil {
				t.Fatal(err)
			}
			batches := runBatches(t, w)
			src := filepath.Join(t.TempDir(), "new")
			for i := range 400 {
				must(t, os.MkdirAll(filepath.Join(src, fmt.Sprintf("d%03d", i)), 0o755))
			}
			must(t, os.Rename(src, filepath.Join(content, "new")))
			time.Sleep(Quiet + time.Duration(attempt)*time.Millisecond)
			for i := range 200 {
				d := filepath.Join(content, "new", fmt.Sprintf("d%03d", i))
				_ = os.Remove(d)
				if i%2 == 1 {
					_ = os.WriteFile(d, []byte("x"), 0o644)
				}
			}
			time.Sleep(10 * Quiet)
			last := filepath.Join(content, "new", "d399", "x.md")
			must(t, os.WriteFile(last, []byte("x"), 0o644))
			deadline := time.After(2 * time.Second)
			for {
				select {
				case b := <-batches:
					if b.Unwatched != nil {
						t.Errorf("%v", b.Unwatched)
					}
					if slices.Contains(b.Paths, last) {
						return
					}
				case <-deadline:
					t.Fatalf("%s was not reported", last)
				}
			}
		})
	}
}

// TestRunSymlinkRoot: a root that is a symlink is looked at every
// LinkCheck: its target deleted and made again, or a root linked anew, is
// reported, and watched from then on.
func TestRunSymlinkRoot(t *testing.T) {
	dir, target := t.TempDir(), filepath.Join(t.TempDir(), "content")
	content, plain := filepath.Join(dir, "content"), filepath.Join(dir, "layouts")
	must(t, os.MkdirAll(filepath.Join(target, "tasks"), 0o755))
	must(t, os.MkdirAll(plain, 0o755))
	must(t, os.Symlink(target, content))
	w, err := Start([]string{content, plain})
	if err != nil {
		t.Fatal(err)
	}
	batches := runBatches(t, w)
	// A symlinked root, moved or linked again, is no reason to distrust
	// the watcher: no batch may say Unwatched.
	next := func(what string, ok func(Batch) bool) {
		t.Helper()
		deadline := time.After(3 * LinkCheck)
		for {
			select {
			case b := <-batches:
				if b.Unwatched != nil {
					t.Errorf("%s: %v", what, b.Unwatched)
				}
				if ok(b) {
					return
				}
			case <-deadline:
				t.Fatalf("no batch: %s", what)
			}
		}
	}
	must(t, os.RemoveAll(target))
	must(t, os.MkdirAll(target, 0o755))
	next("the symlinked root's target made again", func(b Batch) bool { return slices.Contains(b.Paths, content) })
	must(t, os.WriteFile(filepath.Join(content, "a.md"), []byte("x"), 0o644))
	next("a save in the target made again", func(b Batch) bool { return slices.Contains(b.Paths, filepath.Join(content, "a.md")) })

	must(t, os.Remove(plain))
	next("a root removed", func(b Batch) bool { return slices.Contains(b.Paths, plain) })
	must(t, os.Symlink(t.TempDir(), plain))
	next("a root that became a symlink", func(b Batch) bool { return slices.Contains(b.Paths, plain) })
	must(t, os.WriteFile(filepath.Join(plain, "b.html"), []byte("x"), 0o644))
	next("a save in a root that became a symlink", func(b Batch) bool {
		return slices.Contains(b.Paths, filepath.Join(plain, "b.html"))
	})
}

// reported waits for a batch naming f.
func reported(t *testing.T, batches <-chan []string, f string) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case b := <-batches:
			if slices.Contains(b, f) {
				return
			}
		case <-deadline:
			t.Errorf("%s was not reported", f)
			return
		}
	}
}

// settle lets the watcher see a burst of changes as one batch.
func settle(t *testing.T) {
	t.Helper()
	time.Sleep(5 * Quiet)
}

// drain drops the batches reported so far.
func drain(batches <-chan []string) {
	for {
		select {
		case <-batches:
		default:
			return
		}
	}
}

// run runs w until the end of the test, which fails if Run returns an
// error, and returns the paths of its batches.
func run(t *testing.T, w *Watcher) <-chan []string {
	batches := make(chan []string, 16)
	runWith(t, w, func(b Batch) { batches <- b.Paths })
	return batches
}

// runBatches is run, returning the batches whole.
func runBatches(t *testing.T, w *Watcher) <-chan Batch {
	batches := make(chan Batch, 1000)
	runWith(t, w, func(b Batch) { batches <- b })
	return batches
}

// runWith runs w, calling changed, until the end of the test, which fails
// if Run returns an error.
func runWith(t *testing.T, w *Watcher, changed func(Batch)) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, changed) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
