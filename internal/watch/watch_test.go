package watch

import (
	"context"
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

// TestRunRenamedFolder: a folder renamed inside a watched one keeps being
// watched under its new name, the folders below it too, and when renamed
// back.
func TestRunRenamedFolder(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	must(t, os.MkdirAll(filepath.Join(content, "a", "sub"), 0o755))
	w, err := Start([]string{content})
	if err != nil {
		t.Fatal(err)
	}
	batches := run(t, w)
	reported := func(f string) {
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
	for _, names := range [][2]string{{"a", "c"}, {"c", "a"}} {
		from, to := filepath.Join(content, names[0]), filepath.Join(content, names[1])
		must(t, os.Rename(from, to))
		reported(to)
		for _, f := range []string{filepath.Join(to, "x.md"), filepath.Join(to, "sub", "y.md")} {
			must(t, os.WriteFile(f, []byte("x"), 0o644))
			reported(f)
		}
	}
}

// run runs w until the end of the test, which fails if Run returns an
// error, and returns the paths of its batches.
func run(t *testing.T, w *Watcher) <-chan []string {
	batches := make(chan []string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, func(b Batch) { batches <- b.Paths }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return batches
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
