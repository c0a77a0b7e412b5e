package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/source"
)

// runCheck builds the site in memory, writing nothing, and prints every
// problem as "file:line:col: error|warning: message", sorted; it fails when
// there is an error.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f buildFlags
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.source, "source", ".", "site folder holding config.toml and content/")
	fs.StringVar(&f.now, "now", "", "today's date for deadlines and future posts, YYYY-MM-DD (default: today)")
	fs.BoolVar(&f.drafts, "drafts", false, "check drafts and updates dated in the future too")
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	now, err := f.today()
	if err != nil {
		return err
	}
	if info, err := os.Stat(f.source); err != nil || !info.IsDir() {
		return fmt.Errorf("--source %q is not a folder", f.source)
	}
	opt := build.Options{Context: ctx, Site: source.Dir(f.source), Defaults: kehoach.Defaults(),
		Now: now, Drafts: f.drafts, NoSearch: true}
	res, err := build.Build(opt, output.NewMemory())
	var errs source.ErrorList
	if err != nil && !asList(err, &errs) {
		return err
	}
	type problem struct {
		e        *source.Error
		severity string
	}
	var all []problem
	for _, e := range errs {
		all = append(all, problem{e, "error"})
	}
	if res != nil {
		for _, e := range res.Warnings {
			all = append(all, problem{e, "warning"})
		}
	}
	slices.SortStableFunc(all, func(a, b problem) int { return comparePos(a.e.Pos, b.e.Pos) })
	for _, p := range all {
		if p.e.Pos.File == "" {
			fmt.Fprintf(stdout, "%s: %s\n", p.severity, p.e.Msg)
			continue
		}
		fmt.Fprintf(stdout, "%s: %s: %s\n", p.e.Pos, p.severity, p.e.Msg)
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s, %s", count(len(errs), "error"), count(len(all)-len(errs), "warning"))
	}
	return nil
}

// count is n things, as "1 error" or "2 errors".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
