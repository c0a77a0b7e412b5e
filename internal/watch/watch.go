// Package watch reports changes to a site's files: it watches folders with
// fsnotify, follows folders created later, and batches the events of one
// save (editors write, rename, truncate or delete and recreate) into one
// call.
package watch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/kehoach/kehoach/internal/source"
)

// Quiet is how long the files must stay unchanged before a batch is reported.
const Quiet = 20 * time.Millisecond

// Watcher watches a site's files.
type Watcher struct {
	w       *fsnotify.Watcher
	roots   []string
	partial error // why it may miss changes from the start (Partial)
}

// Start watches the files and folders named in paths (folders recursively,
// and those that do not exist yet from when they are created): every change
// from its return on is reported by Run.
func Start(paths []string) (*Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &Watcher{w: w, roots: make([]string, len(paths))}
	for i, p := range paths {
		wt.roots[i] = filepath.Clean(p)
		if err := add(w, wt.roots[i], true); err != nil {
			w.Close()
			return nil, err
		}
		if info, err := os.Lstat(wt.roots[i]); err == nil && info.Mode()&fs.ModeSymlink != 0 && wt.partial == nil {
			wt.partial = fmt.Errorf("%s is a symlink, whose target could be replaced unseen", wt.roots[i])
		}
	}
	return wt, nil
}

// Partial says why the watcher may miss changes from its start on, or is
// nil: a root that is a symlink is watched through its target, which can
// be deleted and made again elsewhere without an event here.
func (wt *Watcher) Partial() error { return wt.partial }

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
	// Unwatched, when not nil, says why changes may go unreported from now
	// on: a folder created or moved in could not be watched (the system's
	// limit of watches, say), or the system reported an error.
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
			if !wt.watched(name) || editorFile(ev, name) {
				continue
			}
			if !slices.Contains(batch, name) {
				batch = append(batch, name)
			}
			timer.Reset(Quiet)
		case err, ok := <-w.Errors:
			switch {
			case !ok:
				return nil
			case errors.Is(err, syscall.EINVAL): // a watch already gone with its folder
				continue
			case !errors.Is(err, fsnotify.ErrEventOverflow): // events may have been lost, and more may be
				unwatched = cmp.Or(unwatched, fmt.Errorf("watching: %w", err))
			}
			for _, r := range wt.roots { // events were lost: everything may have changed
				if !slices.Contains(batch, r) {
					batch = append(batch, r)
				}
			}
			timer.Reset(Quiet)
		case <-timer.C:
			if len(batch) > 0 {
				if err := rewatch(w, batch, wt.roots); err != nil {
					unwatched = cmp.Or(unwatched, err)
				}
				changed(Batch{Paths: batch, Unwatched: unwatched})
				batch = nil
			}
		}
	}
}

// editorFile reports an event of a file that an editor wrote beside the
// one it saves (source.EditorFile), which the build does not read. A
// folder of such a name is content, and so is what a removal or a rename
// took away (it may have been such a folder): they are reported.
func editorFile(ev fsnotify.Event, name string) bool {
	if !source.EditorFile(filepath.Base(name)) || ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
		return false
	}
	info, err := os.Lstat(name)
	return err != nil || !info.IsDir()
}

// add watches p and, when it is a folder, every folder below it; when p
// does not exist, its folder, to see it created. A root (a folder the site
// names, such as content/) is followed when it is a symlink to a folder;
// other symlinks are not: the build does not follow them either.
func add(w *fsnotify.Watcher, p string, root bool) error {
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
	walk := p
	if root {
		walk += string(filepath.Separator) // the walk then follows a symlink, under p's own name
	}
	return filepath.WalkDir(walk, func(q string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = w.Add(filepath.Clean(q))
		}
		if q != walk && errors.Is(err, fs.ErrNotExist) {
			return nil // gone while walked: its removal is an event of its own
		}
		return err
	})
}

// rewatch renews the watches of the folders a batch names, and watches the
// folders created: every watch at or under a name is removed and the
// folder found there, if any, watched again. fsnotify keeps a watch per
// folder, not per name: a folder moved inside the site keeps its watches
// under its old names, and two folders swapped would hold each other's,
// so no watch under a name that changed can be trusted. The build that
// follows lists again everything under the names, which covers the events
// missed meanwhile.
func rewatch(w *fsnotify.Watcher, batch, roots []string) error {
	var errs []error
	for _, name := range batch {
		for _, p := range w.WatchList() {
			if p == name || strings.HasPrefix(p, name+string(filepath.Separator)) {
				if err := remove(w, p); err != nil {
					errs = append(errs, err)
				}
			}
		}
	}
	for _, name := range batch {
		if info, err := os.Stat(name); err == nil && info.IsDir() {
			if err := add(w, name, slices.Contains(roots, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("cannot watch %s: %w", name, err))
			}
		}
	}
	return errors.Join(errs...)
}

// remove stops watching p, which may be gone with its folder already.
// fsnotify 1.10 dereferences nil in Remove when its table of watches is
// not what it expects (a folder watched under two names did it): that is
// an error here, which turns the preview to looking at every file, rather
// than the end of the process.
func remove(w *fsnotify.Watcher, p string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("fsnotify failed to stop watching %s: %v", p, r)
		}
	}()
	_ = w.Remove(p)
	return nil
}
