package main

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/search"
	"github.com/kehoach/kehoach/internal/serve"
	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/watch"
)

// preview builds the site again whenever its files change and swaps each
// good build into live. A build is kept in memory, so that a page being read
// is never half written and a save does not write the site's files again;
// what did not change is taken from the build before (the parsed files, the
// rendered Markdown, the search index); and pages are rendered when first
// asked for, then all of them in the background, where a mistake in a
// layout shows: the build is then taken back, search included.
type preview struct {
	opt     build.Options
	tmp     string       // the search index's folder
	index   *search.Live // nil with --search=false
	live    *serve.Live
	stderr  io.Writer
	verbose bool // print each build's steps
	// today, when not nil, is read at each build: a preview started
	// without --now and left open past midnight builds for the new day at
	// the next save.
	today func() time.Time

	mu     sync.Mutex    // one build at a time; guards served and good
	served *previewBuild // the build served
	good   *previewBuild // the last build whose pages all rendered
}

// previewBuild is a build published by the preview.
type previewBuild struct {
	site   *output.MemFS
	h      *serve.Handler
	docs   []search.Document // what the search index holds for it
	stop   func()            // stops rendering its pages in the background
	shared uint64            // sharedDigest of its files
}

func newPreview(opt build.Options, stderr io.Writer, verbose bool) (*preview, error) {
	opt.Cache, opt.LazyPages = build.NewCache(), true
	p := &preview{opt: opt, live: serve.NewLive(), stderr: stderr, verbose: verbose}
	if !opt.NoSearch {
		tmp, err := os.MkdirTemp("", "kehoach-preview-")
		if err != nil {
			return nil, err
		}
		index, err := search.NewLive(filepath.Join(tmp, "index"))
		if err != nil {
			_ = os.RemoveAll(tmp)
			return nil, err
		}
		p.tmp, p.index, p.opt.SearchLater = tmp, index, true
	}
	return p, nil
}

// rebuild builds the site and publishes it, or shows its errors over the
// last good build.
func (p *preview) rebuild(ctx context.Context) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.served != nil {
		p.served.stop() // the build may replace it; rendering resumes if not
	}
	start := time.Now()
	opt := p.opt
	opt.Context = ctx
	if p.today != nil {
		opt.Now = p.today()
	}
	mem := output.NewMemory()
	res, err := build.Build(opt, mem)
	var warnings strings.Builder // for the terminal, and for the pages when the build is served
	if res != nil {
		printWarnings(&warnings, res.Warnings)
		fmt.Fprint(p.stderr, warnings.String())
	}
	if err != nil {
		// The failed build's warnings replace the last good one's: they may
		// say why it failed ("titel" is no key: "did you mean title?").
		p.live.Warn(strings.TrimSuffix(warnings.String(), "\n"))
		msg := errorText(err)
		if p.served != nil {
			fmt.Fprintf(p.stderr, "build failed; still serving the last good build:\n%s\n", msg)
			p.render(ctx, p.served)
		} else {
			fmt.Fprintf(p.stderr, "build failed; the pages show the errors until a build succeeds:\n%s\n", msg)
		}
		p.live.Fail(msg)
		return
	}
	var index *search.Index
	if p.index != nil {
		index = p.index.Index()
	}
	site := mem.FS(start, res.Lazy)
	b := &previewBuild{site: site, h: serve.NewFS(site, index), shared: sharedDigest(mem.Files())}
	p.live.Warn(strings.TrimSuffix(warnings.String(), "\n"))
	p.live.Publish(b.h, p.served == nil || b.shared != p.served.shared)
	p.served = b
	took := time.Since(start)
	var ch search.LiveChange
	if p.index != nil { // once the pages are served: search follows a few milliseconds later
		b.docs = res.Search()
		if ch, err = p.index.Update(ctx, b.docs); err != nil {
			fmt.Fprintf(p.stderr, "search index: %v\n", err)
		}
	}
	fmt.Fprintf(p.stderr, "rebuilt in %s, search in %s (%d pages; search: %d documents indexed again, %d removed)\n",
		took.Round(time.Millisecond), (time.Since(start) - took).Round(time.Millisecond), res.Pages, ch.Added+ch.Changed, ch.Removed)
	if p.verbose {
		printSteps(p.stderr, res.Steps)
	}
	p.render(ctx, b)
}

// render renders, in the background, the pages of b that no one asked for
// yet. When all render, b is the last good build; when some fail, b is
// taken back for the last good build, with their errors, as a failed build.
// b.stop stops it; rendering b again goes on where it stopped.
func (p *preview) render(ctx context.Context, b *previewBuild) {
	if p.good == b {
		return
	}
	ctx, b.stop = context.WithCancel(ctx)
	go func() {
		// One page at a time: the other cores are for the editor's requests
		// and the next save's build.
		err := build.LazyErrors(b.site.Make(ctx, 1))
		p.mu.Lock() // a build that starts now stops ctx first
		defer p.mu.Unlock()
		switch {
		case ctx.Err() != nil:
		case err == nil:
			p.good = b
			p.live.Confirm(b.h)
		default:
			msg := errorText(err)
			fmt.Fprintf(p.stderr, "build failed; still serving the last good build:\n%s\n", msg)
			p.restoreIndex(ctx, p.good)
			p.live.Reject(b.h, msg)
			p.served = p.good
		}
	}()
}

// restoreIndex makes the search index hold the documents of b again (none
// when b is nil).
func (p *preview) restoreIndex(ctx context.Context, b *previewBuild) {
	if p.index == nil {
		return
	}
	var docs []search.Document
	if b != nil {
		docs = b.docs
	}
	if _, err := p.index.Update(ctx, docs); err != nil {
		fmt.Fprintf(p.stderr, "search index: %v\n", err)
	}
}

// watch starts watching the site's files: from its return on, every batch
// of changes makes run build the site again, until ctx ends.
func (p *preview) watch(site string) (run func(ctx context.Context) error, err error) {
	w, err := watch.Start([]string{filepath.Join(site, "content"), filepath.Join(site, "layouts"),
		filepath.Join(site, "static"), filepath.Join(site, "data"), filepath.Join(site, "config.toml")})
	if err != nil {
		return nil, err
	}
	// The preview trusts the watcher to name every change to content/
	// unless it cannot: a folder it could not watch, or a content/ that is a
	// symlink, watched through a target that could be replaced unseen.
	blind := false
	distrust := func(why string) {
		if !blind {
			blind = true
			p.opt.Cache.Watched(false)
			fmt.Fprintf(p.stderr, "kehoach serve: %s: each save looks at every file\n", why)
		}
	}
	contentLink := func() bool {
		info, err := os.Lstat(filepath.Join(site, "content"))
		return err == nil && info.Mode()&fs.ModeSymlink != 0
	}
	p.opt.Cache.Watched(true)
	if err := w.Unwatched(); err != nil {
		distrust(err.Error())
	} else if contentLink() {
		distrust("content/ is a symlink")
	}
	return func(ctx context.Context) error {
		defer p.opt.Cache.Watched(false) // a watcher that stops sees no more changes
		return w.Run(ctx, func(b watch.Batch) {
			if b.Unwatched != nil {
				distrust(b.Unwatched.Error())
			} else if contentLink() {
				distrust("content/ is a symlink")
			}
			var rel []string // as the build names them: "content/a.md"
			for _, c := range b.Paths {
				if r, err := filepath.Rel(site, c); err == nil {
					rel = append(rel, filepath.ToSlash(r))
				}
			}
			p.opt.Cache.Forget(rel)
			p.rebuild(ctx)
		})
	}, nil
}

func (p *preview) close() {
	p.mu.Lock()
	if p.served != nil {
		p.served.stop()
	}
	p.mu.Unlock()
	_ = p.live.Close()
	if p.index != nil {
		_ = p.index.Close()
		_ = os.RemoveAll(p.tmp)
	}
}

// errorText is a build's errors, one a line, as the terminal shows them.
func errorText(err error) string {
	var list source.ErrorList
	if !asList(err, &list) {
		return err.Error()
	}
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = errorLine(e)
	}
	return strings.Join(lines, "\n")
}

// sharedDigest is a hash of the files a build's pages use beside their own
// HTML: the stylesheet, scripts, images and attachments. A build that
// changes none of them reloads only the pages whose HTML changed (Publish);
// feeds, exports, calendars and the search's files, which pages only link
// to or ask for as they run, change with the text and are left out.
func sharedDigest(files map[string][]byte) uint64 {
	names := make([]string, 0, len(files))
	for name := range files {
		switch path.Ext(name) {
		case ".html", ".xml", ".ics", ".csv", ".xlsx", ".json":
			continue
		}
		if strings.HasPrefix(name, "search/") || strings.HasPrefix(name, "_search/") || strings.HasPrefix(name, "api/") {
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	h := fnv.New64a()
	for _, name := range names {
		_, _ = fmt.Fprintf(h, "%s\x00%d\x00", name, len(files[name])) // a hash never fails
		_, _ = h.Write(files[name])
	}
	return h.Sum64()
}
