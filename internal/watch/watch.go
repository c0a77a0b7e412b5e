// Package watch reports changes to a site's files: it watches folders with
// fsnotify, follows folders created later, and batches the events of one
// save (editors write, rename, truncate or delete and recreate) into one
// call.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Quiet is how long the files must stay unchanged before a batch is reported.
const Quiet = 20 * time.Millisecond

// Watcher watches a site's files.
type Watcher struct {
	w     *fsnotify.Watcher
	roots []string
}

// Start watches the files and folders named in paths (folders recursively,
// and those that do not exist yet from when they are created): every change
// from its return on is reported by Run.
func Start(paths []string) (*Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	roots := make([]string, len(paths))
	for i, p := range paths {
		roots[i] = filepath.Clean(p)
		if err := add(w, roots[i]); err != nil {
			w.Close()
			return nil, err
		}
	}
	return &Watcher{w: w, roots: roots}, nil
}

func (wt *Watcher) watched(name string) bool {
	for _, r := range wt.roots {
		if name == r || strings.HasPrefix(name, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// Run calls changed with the paths that changed in each batch, until ctx
// ends; then it stops watching. When the system lost events, the batch
// names every path watched. Other files of the folders watched to see
// the paths are not reported.
func (wt *Watcher) Run(ctx context.Context, changed func([]string)) error {
	w := wt.w
	defer w.Close()
	var batch []string
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			name := filepath.Clean(ev.Name) // fsnotify names a file of "." "./config.toml"
			if ignored(name) || !wt.watched(name) {
				continue
			}
			if ev.Op.Has(fsnotify.Create) {
				_ = add(w, name) // a new folder is watched from now on
			}
			if !slices.Contains(batch, name) {
				batch = append(batch, name)
			}
			timer.Reset(Quiet)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				return err
			}
			for _, r := range wt.roots { // events were lost: everything may have changed
				if !slices.Contains(batch, r) {
					batch = append(batch, r)
				}
			}
			timer.Reset(Quiet)
		case <-timer.C:
			if len(batch) > 0 {
				changed(batch)
				batch = nil
			}
		}
	}
}

// add watches p and, when it is a folder, every folder below it; when p
// does not exist, its folder, to see it created.
func add(w *fsnotify.Watcher, p string) error {
	info, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		if dir, err := os.Stat(filepath.Dir(p)); err == nil && dir.IsDir() {
			return w.Add(filepath.Dir(p))
		}
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return w.Add(filepath.Dir(p)) // a file is watched through its folder, which survives renames
	}
	return filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return w.Add(q)
	})
}

// ignored reports editors' temporary files.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".#") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".swx") || base == "4913"
}
