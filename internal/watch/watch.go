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
	w     *fsnotify.Watcher
	roots []string
	// links are the roots that are symlinks, with the folder each pointed
	// to when last watched: inotify does not see a target deleted and made
	// again, so Run looks at them every LinkCheck.
	links map[string]os.FileInfo
	// unwatched says why changes may have gone unreported since the start
	// (a folder that could not be watched); Run's first batch carries it.
	unwatched error
}

// LinkCheck is how often Run looks at the roots that are symlinks.
const LinkCheck = time.Second

// Start watches the files and folders named in paths (folders recursively,
// and those that do not exist yet from when they are created): every change
// from its return on is reported by Run.
func Start(paths []string) (*Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &Watcher{w: w, roots: make([]string, len(paths)), links: map[string]os.FileInfo{}}
	for i, p := range paths {
		wt.roots[i] = filepath.Clean(p)
		if err := wt.add(wt.roots[i]); err != nil {
			w.Close()
			return nil, err
		}
	}
	return wt, nil
}

// Unwatched says why changes may go unreported from Start on (a folder
// that could not be read), or is nil. Run's first batch carries it too.
func (wt *Watcher) Unwatched() error { return wt.unwatched }

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
// watched; when a root that is a symlink points to another folder, or to
// one deleted and made again, the batch names it. Other files of the
// folders watched to see the paths, and the files editors write beside the
// ones they save (source.EditorFile), are not reported.
func (wt *Watcher) Run(ctx context.Context, changed func(Batch)) error {
	w := wt.w
	defer w.Close()
	var batch []string
	unwatched := wt.unwatched // from Start
	wt.unwatched = nil
	note := func(name string) {
		if !slices.Contains(batch, name) {
			batch = append(batch, name)
		}
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	links := time.NewTicker(LinkCheck)
	defer links.Stop()
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
			note(name)
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
			waiting := len(batch) > 0    // a run of errors must not hold the batch back
			for _, r := range wt.roots { // events were lost: everything may have changed
				note(r)
			}
			if !waiting {
				timer.Reset(Quiet)
			}
		case <-links.C:
			if moved := wt.movedLinks(); len(moved) > 0 {
				for _, r := range moved {
					note(r)
				}
				timer.Reset(Quiet)
			}
		case <-timer.C:
			if len(batch) > 0 {
				if err := wt.rewatch(batch); err != nil {
					unwatched = cmp.Or(unwatched, err)
				}
				changed(Batch{Paths: batch, Unwatched: unwatched})
				batch = nil
			}
		}
	}
}

// movedLinks returns the roots that are symlinks whose target is not the
// folder watched.
func (wt *Watcher) movedLinks() []string {
	var moved []string
	for root, was := range wt.links {
		now, err := os.Stat(root)
		if (err == nil) != (was != nil) || err == nil && !os.SameFile(was, now) {
			moved = append(moved, root)
		}
	}
	slices.Sort(moved)
	return moved
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

// add watches the root p and, when it is a folder, every folder below it;
// when p does not exist, its folder, to see it created. A root that is a
// symlink to a folder is followed, and noted in wt.links.
func (wt *Watcher) add(p string) error {
	w := wt.w
	delete(wt.links, p)
	if info, err := os.Lstat(p); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Stat(p) // nil when dangling
		wt.links[p] = target
	}
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
	return wt.addTree(p, string(filepath.Separator)) // the separator follows a symlink, under p's own name
}

// addTree watches the folder p and every folder below it, without
// following symlinks below p. A folder gone or replaced by a file while
// walked is skipped (its removal is an event of its own); one that cannot
// be read is skipped and noted in wt.unwatched, as its changes will not be
// seen.
func (wt *Watcher) addTree(p, suffix string) error {
	walk := p + suffix
	return filepath.WalkDir(walk, func(q string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = wt.w.Add(filepath.Clean(q))
		}
		switch {
		case err == nil || q == walk:
			return err
		case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
			return nil
		}
		wt.unwatched = cmp.Or(wt.unwatched, fmt.Errorf("cannot watch %s: %w", q, err))
		if d != nil && d.IsDir() {
			return fs.SkipDir
		}
		return nil
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
func (wt *Watcher) rewatch(batch []string) error {
	w := wt.w
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
		var err error
		switch {
		case slices.Contains(wt.roots, name):
			err = wt.add(name)
		default:
			if info, statErr := os.Stat(name); statErr == nil && info.IsDir() {
				err = wt.addTree(name, "")
			}
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("cannot watch %s: %w", name, err))
		}
	}
	if wt.unwatched != nil { // a folder below could not be watched
		errs = append(errs, wt.unwatched)
		wt.unwatched = nil
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
