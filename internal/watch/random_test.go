package watch

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach/internal/source"
)

// snapshot is what a Read found, as text to compare.
func snapshot(c *source.Content) string {
	var b strings.Builder
	for _, p := range c.Pages {
		fmt.Fprintf(&b, "page %s %q\n", p.Path, p.Body)
	}
	fmt.Fprintf(&b, "assets %q\nerrors %v\n", c.Assets, c.Errors)
	return b.String()
}

// TestRunRandom: after random bursts of changes, a watched cache, which
// lists again only the paths the watcher names, reads what a fresh Read reads.
func TestRunRandom(t *testing.T) {
	for seed := range uint64(30) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { randomSeed(t, seed) })
	}
}

func randomSeed(t *testing.T, seed uint64) {
	site, outside := t.TempDir(), t.TempDir()
	content := filepath.Join(site, "content")
	must(t, os.MkdirAll(content, 0o755))
	cache := source.NewCache()
	cache.Watched(true)
	w, err := Start([]string{content})
	must(t, err)
	type result struct {
		paths []string
		snap  string // and the batch's Unwatched
	}
	results := make(chan result, 100)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- w.Run(ctx, func(b Batch) {
			var rel []string
			for _, p := range b.Paths {
				r, _ := filepath.Rel(site, p)
				rel = append(rel, filepath.ToSlash(r))
			}
			cache.Forget(rel)
			results <- result{rel, snapshot(source.Read(os.DirFS(site), "content", cache)) + fmt.Sprintf("unwatched %v\n", b.Unwatched)}
		})
	}()
	defer func() { cancel(); must(t, <-done) }()
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	names := [][]string{{"a.md", "b.md", "c.png", "a.md~", "4913", ".#a.md", "#a.md#", ".h.md"}, {"d", "e", "4913", "x~", ".hid"}}
	existing := func(root string, dir bool) []string { // the folders (root first) or files under root
		var out []string
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() == dir && !strings.Contains(p, "zz-sentinel") {
				out = append(out, p)
			}
			return nil
		})
		return out
	}
	newPath := func(dir int) string { return filepath.Join(pick(existing(content, true)), pick(names[dir])) }
	for burst := range 10 {
		var ops []string
		log := func(f string, a ...any) {
			ops = append(ops, strings.NewReplacer(content, "content", outside, "OUT").Replace(fmt.Sprintf(f, a...)))
		}
		for range 5 + r.IntN(16) {
			dirs, files := existing(content, true)[1:], existing(content, false)
			paths := append(slices.Clone(dirs), files...)
			switch k := r.IntN(11); {
			case k <= 1: // create, write or append
				p := newPath(0)
				if r.IntN(2) == 0 && len(files) > 0 {
					p = pick(files)
				}
				f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|[]int{os.O_TRUNC, os.O_APPEND}[k], 0o644)
				if err == nil {
					fmt.Fprintf(f, "text %d\n", r.IntN(100))
					f.Close()
				}
				log("write(append=%v) %s: %v", k == 1, p, err)
			case k == 2:
				p := filepath.Join(newPath(1), pick(names[1]))
				log("mkdir -p %s: %v", p, os.MkdirAll(p, 0o755))
			case (k == 3 || k == 4) && len(paths) > 0: // rename within content/, or out of it
				from, to := pick(paths), []string{newPath(r.IntN(2)), filepath.Join(outside, fmt.Sprint(r.Int()))}[k-3]
				log("mv %s %s: %v", from, to, os.Rename(from, to))
			case k == 5: // move in a folder made outside, or moved out before
				src := filepath.Join(outside, fmt.Sprint(r.Int()))
				if old := existing(outside, true)[1:]; len(old) > 0 && r.IntN(2) == 0 {
					src = pick(old)
				} else {
					must(t, os.MkdirAll(filepath.Join(src, "in"), 0o755))
					must(t, os.WriteFile(filepath.Join(src, "in", "i.md"), []byte("in"), 0o644))
				}
				to := newPath(1)
				log("mv %s %s: %v", src, to, os.Rename(src, to))
			case k == 6 && len(paths) > 0:
				p := pick(paths)
				log("rm -rf %s: %v", p, os.RemoveAll(p))
			case (k == 7 || k == 8) && len(paths) > 0: // a folder replaced by a file, or a file by a folder
				p := pick(paths)
				if must(t, os.RemoveAll(p)); slices.Contains(dirs, p) {
					log("folder to file %s: %v", p, os.WriteFile(p, []byte("was a folder"), 0o644))
				} else {
					log("file to folder %s: %v %v", p, os.Mkdir(p, 0o755), os.WriteFile(filepath.Join(p, "f.md"), []byte("f"), 0o644))
				}
			case k == 9 && len(dirs) >= 2: // swap two folders, neither inside the other
				a, b, tmp := pick(dirs), pick(dirs), filepath.Join(content, "swap.tmp")
				if a != b && !strings.HasPrefix(a, b+"/") && !strings.HasPrefix(b, a+"/") {
					log("swap %s %s: %v %v %v", a, b, os.Rename(a, tmp), os.Rename(b, a), os.Rename(tmp, b))
				}
			case k == 10 && r.IntN(3) == 0: // a pause: a batch may end mid-burst
				d := time.Duration(r.Int64N(int64(2 * Quiet)))
				time.Sleep(d)
				log("sleep %v", d)
			}
		}
		sentinel := fmt.Sprintf("content/zz-sentinel-%d.md", burst)
		// Written whole, then moved in: a file created and then written may
		// be read empty by the batch of its creation (the batch of its
		// writing reads it again), which is not what this test compares.
		whole := filepath.Join(outside, "sentinel")
		must(t, os.WriteFile(whole, []byte("s"), 0o644))
		must(t, os.Rename(whole, filepath.Join(site, sentinel)))
		var last result
		for deadline := time.After(5 * time.Second); !slices.Contains(last.paths, sentinel); {
			select {
			case last = <-results:
			case <-deadline:
				t.Fatalf("seed %d burst %d: sentinel not reported", seed, burst)
			}
		}
		if want := snapshot(source.Read(os.DirFS(site), "content", nil)) + "unwatched <nil>\n"; last.snap != want {
			t.Fatalf("seed %d burst %d:\nops:\n  %s\nwatched read:\n%s\nfresh read:\n%s",
				seed, burst, strings.Join(ops, "\n  "), last.snap, want)
		}
	}
}
