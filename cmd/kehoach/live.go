package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/serve"
	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/watch"
)

// preview builds the site again whenever its files change and swaps each
// good build into live. Builds go to folders of their own in a temporary
// folder (in memory where the system has room, see previewRoot), so that a
// page being read is never half written.
type preview struct {
	opt    build.Options
	tmp    string
	live   *serve.Live
	stderr io.Writer

	mu   sync.Mutex // one build at a time
	n    int
	last string // the folder of the build being served
}

func newPreview(opt build.Options, stderr io.Writer) (*preview, error) {
	tmp, err := os.MkdirTemp(previewRoot(), "kehoach-preview-")
	if err != nil {
		return nil, err
	}
	return &preview{opt: opt, tmp: tmp, live: serve.NewLive(), stderr: stderr}, nil
}

// rebuild builds the site into a new folder and publishes it, or shows its
// errors over the last good build.
func (p *preview) rebuild(ctx context.Context) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	dest := filepath.Join(p.tmp, fmt.Sprintf("build-%d", p.n))
	start := time.Now()
	opt := p.opt
	opt.Context = ctx
	sink, err := output.NewDir(dest)
	if err == nil {
		_, err = build.Build(opt, sink)
		if err != nil {
			_ = sink.Abort()
		} else {
			err = sink.Commit()
		}
	}
	if err != nil {
		msg := errorText(err)
		fmt.Fprintf(p.stderr, "build failed; still serving the last good build:\n%s\n", msg)
		p.live.Fail(msg)
		return
	}
	old := p.live.Publish(serve.New(dest))
	fmt.Fprintf(p.stderr, "rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
	if old != nil {
		previous := p.last
		time.AfterFunc(5*time.Second, func() { // let requests to the old build finish
			_ = old.Close()
			_ = os.RemoveAll(previous)
		})
	}
	p.last = dest
}

// watch rebuilds after every batch of changes until ctx ends.
func (p *preview) watch(ctx context.Context, site string) error {
	paths := []string{filepath.Join(site, "content"), filepath.Join(site, "layouts"),
		filepath.Join(site, "static"), filepath.Join(site, "data"), filepath.Join(site, "config.toml")}
	return watch.Run(ctx, paths, func([]string) { p.rebuild(ctx) })
}

func (p *preview) close() {
	_ = p.live.Close()
	_ = os.RemoveAll(p.tmp)
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
