package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
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
// layout shows.
type preview struct {
	opt     build.Options
	index   *search.Live // nil with --search=false
	live    *serve.Live
	stderr  io.Writer
	verbose bool // print each build's steps

	mu         sync.Mutex // one build at a time
	stopRender func()     // stops the background rendering of the last build
}

func newPreview(opt build.Options, stderr io.Writer, verbose bool) (*preview, error) {
	opt.Cache, opt.LazyPages = build.NewCache(), true
	p := &preview{opt: opt, live: serve.NewLive(), stderr: stderr, verbose: verbose}
	if !opt.NoSearch {
		index, err := search.NewLive()
		if err != nil {
			return nil, err
		}
		p.index, p.opt.Live = index, index
	}
	return p, nil
}

// rebuild builds the site and publishes it, or shows its errors over the
// last good build.
func (p *preview) rebuild(ctx context.Context) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopRender != nil {
		p.stopRender() // its pages are no longer served
	}
	start := time.Now()
	opt := p.opt
	opt.Context = ctx
	mem := output.NewMemory()
	res, err := build.Build(opt, mem)
	if res != nil {
		printWarnings(p.stderr, res.Warnings)
	}
	if err != nil {
		msg := errorText(err)
		fmt.Fprintf(p.stderr, "build failed; still serving the last good build:\n%s\n", msg)
		p.live.Fail(msg)
		return
	}
	var index *search.Index
	if p.index != nil {
		index = p.index.Index()
	}
	site := mem.FS(start, res.Lazy)
	h := serve.NewFS(site, index)
	p.live.Publish(h)
	fmt.Fprintf(p.stderr, "rebuilt in %s (%d pages; search: %d documents indexed again, %d removed)\n",
		time.Since(start).Round(time.Millisecond), res.Pages, res.Live.Added+res.Live.Changed, res.Live.Removed)
	if p.verbose {
		printSteps(p.stderr, res.Steps)
	}
	renderCtx, stop := context.WithCancel(ctx)
	p.stopRender = stop
	go p.renderAll(renderCtx, site, h)
}

// renderAll renders the pages of a published build that no one asked for
// yet. When all render, the build is confirmed good; when some fail, it is
// taken back for the last good one, with their errors, as a failed build.
// A newer build stops it.
func (p *preview) renderAll(ctx context.Context, site *output.MemFS, h *serve.Handler) {
	err := build.LazyErrors(site.Make(ctx))
	p.mu.Lock() // a build that starts now stops ctx first
	defer p.mu.Unlock()
	switch {
	case ctx.Err() != nil:
	case err == nil:
		p.live.Confirm(h)
	default:
		msg := errorText(err)
		fmt.Fprintf(p.stderr, "build failed; still serving the last good build:\n%s\n", msg)
		p.live.Reject(h, msg)
	}
}

// watch rebuilds after every batch of changes until ctx ends.
func (p *preview) watch(ctx context.Context, site string) error {
	paths := []string{filepath.Join(site, "content"), filepath.Join(site, "layouts"),
		filepath.Join(site, "static"), filepath.Join(site, "data"), filepath.Join(site, "config.toml")}
	return watch.Run(ctx, paths, func([]string) { p.rebuild(ctx) })
}

func (p *preview) close() {
	p.mu.Lock()
	if p.stopRender != nil {
		p.stopRender()
	}
	p.mu.Unlock()
	_ = p.live.Close()
	if p.index != nil {
		_ = p.index.Close()
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
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}
