package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/tmpl"
)

// buildFlags are the flags shared by build and serve.
type buildFlags struct {
	source, dest, now, baseURL string
	basePath                   string // build's: the path 404.html's links start from
	drafts, verbose, search    bool
	api                        bool // set by serve: it answers the search API (build.Options.SearchAPI)
}

func (f *buildFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "site folder holding config.toml and content/")
	fs.StringVar(&f.dest, "dest", "", "output folder (default SOURCE/public)")
	fs.StringVar(&f.now, "now", "", "today's date for deadlines and future posts, YYYY-MM-DD (default: today)")
	fs.StringVar(&f.baseURL, "base-url", "", "absolute URL of the site; default: relative links")
	fs.BoolVar(&f.drafts, "drafts", false, "include drafts and updates dated in the future")
	fs.BoolVar(&f.verbose, "v", false, "print the time each step of the build took")
	fs.BoolVar(&f.search, "search", true, "write the search index (public/_search)")
}

// today is the day --now names, or today.
func (f *buildFlags) today() (time.Time, error) {
	if f.now == "" {
		return dayOf(time.Now()), nil
	}
	t, err := time.Parse(time.DateOnly, f.now)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now %q is not a date (want YYYY-MM-DD)", f.now)
	}
	return t, nil
}

// dayOf is the day of t, on the machine's calendar, as a build counts days.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// options checks the flags and turns them into build options.
func (f *buildFlags) options() (build.Options, string, error) {
	now, err := f.today()
	if err != nil {
		return build.Options{}, "", err
	}
	info, err := os.Stat(f.source)
	if err != nil || !info.IsDir() {
		return build.Options{}, "", fmt.Errorf("--source %q is not a folder", f.source)
	}
	dest := f.destination()
	if err := checkDest(f.source, dest); err != nil {
		return build.Options{}, "", err
	}
	return build.Options{
		Site:      source.Dir(f.source),
		Defaults:  kehoach.Defaults(),
		Now:       now,
		Drafts:    f.drafts,
		BaseURL:   f.baseURL,
		BasePath:  f.basePath,
		NoSearch:  !f.search,
		SearchAPI: f.api,
	}, dest, nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	var f buildFlags
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f.register(fs)
	single := fs.String("single-file", "", "write the plan, guidance, agencies and tasks as one self-contained HTML file, `OUT.html`, instead of a folder")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE` (read it with go tool pprof)")
	fs.StringVar(&f.basePath, "base-path", "", "the `PATH` a web server serves the site under, e.g. /kehoach/: the links of 404.html start from it, so that the server can answer any missing address with that page")
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if p := f.basePath; p != "" && (!strings.HasPrefix(p, "/") || strings.ContainsAny(p, " \t\n\"'<>?#")) {
		return fmt.Errorf("--base-path %q must be a path from the server's root, such as /kehoach/", p)
	}
	if *profile != "" {
		if *single == "" {
			if err := f.checkProfile(*profile); err != nil {
				return err
			}
		}
		stop, err := startProfile(*profile)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, stop()) }()
	}
	heap := heapEstimate(f.source, f.search)
	preferHugePages(heap)
	holdGC(int64(float64(heap) * floorShare))
	if *single != "" {
		return f.buildSingle(ctx, *single, stdout, stderr)
	}
	_, err = f.build(ctx, stdout, stderr)
	return err
}

// destination is the output folder: --dest, or public/ in the site folder.
func (f *buildFlags) destination() string {
	if f.dest != "" {
		return f.dest
	}
	return filepath.Join(f.source, "public")
}

// checkProfile refuses a profile inside the output folder, which the build
// replaces whole: the profile would be written into a deleted file.
func (f *buildFlags) checkProfile(profile string) error {
	dest := f.destination()
	inside, err := within(profile, dest)
	if err != nil {
		return err
	}
	if inside {
		return fmt.Errorf("--cpuprofile %s is inside the output folder %s, which the build replaces: write it elsewhere", profile, dest)
	}
	return nil
}

// startProfile starts a CPU profile written to path; the function it
// returns stops it and closes the file, saying when the file is incomplete.
func startProfile(path string) (func() error, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		return nil
	}, nil
}

// build builds the site as the flags say and prints its summary; it
// returns the output folder, which on an error holds what it held before.
func (f *buildFlags) build(ctx context.Context, stdout, stderr io.Writer) (string, error) {
	opt, dest, err := f.options()
	if err != nil {
		return "", err
	}
	opt.Context = ctx // Ctrl+C stops the build and removes what it wrote
	res, err := buildInto(opt, dest, stderr)
	if err != nil {
		return dest, err
	}
	fmt.Fprintln(stdout, summary(res, dest))
	if f.verbose {
		printSteps(stdout, res.Steps)
		printLayouts(stdout, res.Layouts)
	}
	return dest, nil
}

// printSteps prints the time each step of a build took (-v).
func printSteps(w io.Writer, steps []build.Step) {
	for _, st := range steps {
		fmt.Fprintf(w, "  %-12s %s\n", st.Name, st.Took.Round(time.Millisecond))
	}
}

// printLayouts says how the layouts ran (-v): how many times on kehoach's
// executor, and what it left to html/template, which is slower.
func printLayouts(w io.Writer, set *tmpl.Set) {
	fmt.Fprintf(w, "  layouts: %d runs on the executor, %d left to html/template\n", set.Executed(), set.Fallbacks())
	for _, why := range set.Interpreted() {
		fmt.Fprintf(w, "  layouts: on html/template alone: %s\n", why)
	}
}

// buildInto builds into dest, replacing it only when the build succeeded.
func buildInto(opt build.Options, dest string, stderr io.Writer) (*build.Result, error) {
	start := time.Now()
	p := newProgress(stderr, start)
	opt.Progress = p.update
	sink, err := output.NewDir(dest)
	if err != nil {
		return nil, err
	}
	res, err := build.Build(opt, sink)
	p.done()
	if err != nil {
		_ = sink.Abort()
		if res != nil {
			printWarnings(stderr, res.Warnings)
		}
		return nil, reportErrors(stderr, err)
	}
	printWarnings(stderr, res.Warnings)
	if err := sink.Commit(); err != nil {
		_ = sink.Abort()
		return nil, err
	}
	res.Steps = append(res.Steps, build.Step{Name: "total", Took: time.Since(start)})
	return res, nil
}

func summary(res *build.Result, dest string) string {
	took := res.Steps[len(res.Steps)-1].Took
	s := fmt.Sprintf("built %d pages (%d files) into %s in %s", res.Pages, res.Files, dest, took.Round(time.Millisecond))
	if st := res.Static; st.Files == 1 {
		s += fmt.Sprintf("; offline search index %s gzipped, one file", kb(st.Gzip))
	} else if st.Files > 1 && st.Shards == 0 {
		s += fmt.Sprintf("; offline search index %s gzipped in %d files, loaded whole (index.js %s, text chunks up to %s)",
			kb(st.Gzip), st.Files, kb(st.FirstGzip), kb(st.MaxChunk))
	} else if st.Files > 1 {
		s += fmt.Sprintf("; offline search index %s gzipped in %d files (index.js %s, document table %s, term shards up to %s, text chunks up to %s)",
			kb(st.Gzip), st.Files, kb(st.FirstGzip), kb(st.DocsGzip), kb(st.MaxShard), kb(st.MaxChunk))
	}
	return s
}

// kb formats a size in kilobytes (1000 bytes), or megabytes from 10 MB.
func kb(n int64) string {
	if n >= 10_000_000 {
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1e3)
}

// reportErrors prints a build's problems one per line and returns a short
// error that counts them.
func reportErrors(w io.Writer, err error) error {
	var list source.ErrorList
	if !asList(err, &list) {
		return err
	}
	for _, e := range list {
		fmt.Fprintln(w, errorLine(e))
	}
	if len(list) == 1 {
		return fmt.Errorf("%w: 1 error; the output was not changed", errContent)
	}
	return fmt.Errorf("%w: %d errors; the output was not changed", errContent, len(list))
}

// errorLine is an error as the terminal shows it: "file:line:col: error:
// message", or "error: message" when it has no place.
func errorLine(e *source.Error) string {
	if e.Pos.File == "" {
		return "error: " + e.Msg
	}
	return e.Pos.String() + ": error: " + e.Msg
}

// errContent marks a build that failed on the site's own files, whose
// problems have been printed, rather than on the system or the flags.
var errContent = errors.New("build failed")

func printWarnings(w io.Writer, list source.ErrorList) {
	sorted, _ := list.Err().(source.ErrorList)
	for _, e := range sorted {
		fmt.Fprintf(w, "%s: warning: %s\n", e.Pos, e.Msg)
	}
}

func usageErr(err error) error {
	if err == flag.ErrHelp {
		return err
	}
	return errUsage
}

// checkDest refuses an output folder that a build would destroy or read
// back: the site folder itself, a folder that holds it, or a folder inside
// what the build reads.
func checkDest(source, dest string) error {
	inside, err := within(source, dest)
	if err != nil {
		return err
	}
	if inside {
		return fmt.Errorf("--dest %s holds the site folder %s: a build replaces its output folder whole", dest, source)
	}
	for _, read := range []string{"content", "layouts", "static"} {
		inside, err := within(dest, filepath.Join(source, read))
		if err != nil {
			return err
		}
		if inside {
			return fmt.Errorf("--dest %s is inside %s/, which the build reads", dest, read)
		}
	}
	return nil
}

// within reports whether path is dir or inside it, both made absolute.
func within(path, dir string) (bool, error) {
	p, err := filepath.Abs(path)
	if err != nil {
		return false, err
	}
	d, err := filepath.Abs(dir)
	if err != nil {
		return false, err
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)), nil
}
