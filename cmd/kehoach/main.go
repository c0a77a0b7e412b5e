// Command kehoach builds and serves the site of a government plan: its parts,
// guidance, agencies, tasks with deadlines, and updates.
//
// Usage:
//
//	kehoach build [--source DIR] [--dest DIR] [--drafts] [--now YYYY-MM-DD] [--base-url URL]
//	kehoach build --single-file OUT.html [--source DIR] [--drafts] [--now YYYY-MM-DD]
//	kehoach serve [--source DIR] [--dest DIR] [--addr 127.0.0.1:1313] [--drafts] [--now YYYY-MM-DD]
//	kehoach search [--source DIR] [--dest DIR] [--json] [--kind K] [--agency SLUG] [--limit N] QUERY
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `kehoach builds the site of a plan from Markdown.

Commands:
  build   build the site into a folder (default DIR/public)
  serve   build the site and serve it, with its search API, on a local address
  search  search the index of a built site
  check   find every problem of the site, writing nothing

Run "kehoach COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes a command line and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "build":
		err = runBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		err = runServe(ctx, args[1:], stdout, stderr)
	case "search":
		err = runSearch(args[1:], stdout, stderr)
	case "check":
		err = runCheck(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "kehoach: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(stderr, "kehoach %s: %v\n", args[0], err)
	return 1
}

// errUsage is returned when the flags were wrong; the flag package has
// already said why.
var errUsage = errors.New("usage")
