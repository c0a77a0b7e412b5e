// Package watch reports changes to a site's files: it watches folders with
// fsnotify, follows folders created later, and batches the events of one
// save (editors write, rename, truncate or delete and recreate) into one
// call.
package watch

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/kehoach/kehoach/internal/source"
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

// Batch is what changed in a burst of events.
type Batch struct {
	Paths []string
	// Unwatched, when not nil, says that a folder created or moved in could
	// not be watched (the system's limit of watches, say): changes under it
	// may go unreported from now on.
	Unwatched error
}

// Run calls changed with each batch of changes, until ctx ends; then it
// stops watching. When the system lost events, the batch names every path
// watched. Other files of the folders watched to see the paths, and the
// files editors write beside the ones they save (source.EditorFile), are
// not reported.
func (wt *Watcher) Run(ctx context.Context, changed func(Batch)) error {
	w := wt.w
	defer w.Close()
	var batch []string
	var unwatched error
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
			if source.EditorFile(filepath.Base(name)) || !wt.watched(name) {
				continue
			}
			if ev.Op.Has(fsnotify.Create) {
				if err := add(w, name); err != nil && !errors.Is(err, fs.ErrNotExist) { // a new folder is watched from now on
					unwatched = cmp.Or(unwatched, err)
				}
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
				if err := rewatch(w, batch); err != nil {
					unwatched = cmp.Or(unwatched, err)
				}
				changed(Batch{Paths: batch, Unwatched: unwatched})
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
	// The separator makes the walk follow p when it is a symlink to a
	// folder (a content/ kept elsewhere), under p's own name.
	return filepath.WalkDir(p+string(filepath.Separator), func(q string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return w.Add(filepath.Clean(q))
	})
}

// rewatch renews the watches of the folders a batch names. A folder moved
// inside the site keeps its watches under its old names, and loses its own
// when fsnotify sees it move: the watches whose path is gone are removed,
// and the folders at the batch's names watched again.
func rewatch(w *fsnotify.Watcher, batch []string) error {
	for _, name := range batch {
		for _, p := range w.WatchList() {
			if p == name || strings.HasPrefix(p, name+string(filepath.Separator)) {
				if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
					_ = w.Remove(p) // it may be gone with its folder already
				}
			}
		}
	}
	var errs []error
	for _, name := range batch {
		if info, err := os.Stat(name); err == nil && info.IsDir() {
			if err := add(w, name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}
