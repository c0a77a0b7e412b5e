package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/bundle"
	"github.com/kehoach/kehoach/internal/output"
)

// buildSingle builds the site in memory and writes the plan, its guidance,
// agencies and tasks as one self-contained HTML file at out
// (--single-file), replacing out only when everything succeeded.
func (f *buildFlags) buildSingle(ctx context.Context, out string, stdout, stderr io.Writer) error {
	if f.dest != "" {
		return fmt.Errorf("--dest and --single-file exclude each other: the single file is written to %s", out)
	}
	if !f.search {
		return fmt.Errorf("--single-file needs the search index: leave out --search=false")
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return fmt.Errorf("--single-file %s is a folder, not a file", out)
	}
	opt, _, err := f.options()
	if err != nil {
		return err
	}
	opt.Context = ctx
	start := time.Now()
	p := newProgress(stderr, start)
	opt.Progress = p.update
	mem := output.NewMemory()
	res, err := build.Build(opt, mem)
	p.done()
	printWarnings(stderr, res.Warnings)
	if err != nil {
		return reportErrors(stderr, err)
	}
	bundled := time.Now()
	doc := bundle.FromSite(res.Site)
	doc.Title, doc.Now, doc.BaseURL = res.Config.Title, opt.Now, res.Config.BaseURL
	data, err := bundle.Bundle(mem.Files(), doc)
	if err == nil {
		err = writeAtomic(out, data)
	}
	if err != nil {
		return fmt.Errorf("%w; %s was not changed", err, out)
	}
	res.Steps = append(res.Steps, build.Step{Name: "single-file", Took: time.Since(bundled)},
		build.Step{Name: "total", Took: time.Since(start)})
	fmt.Fprintf(stdout, "built %d pages into %s (%d KB) in %s\n", len(doc.Paths()), out,
		(len(data)+1023)/1024, time.Since(start).Round(time.Millisecond))
	if f.verbose {
		printSteps(stdout, res.Steps)
	}
	return nil
}

// writeAtomic writes data to name through a temporary file beside it, so
// that name is always either the previous file or the whole new one.
func writeAtomic(name string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
