package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/serve"
)

// builtBefore reports whether dest holds a build of kehoach's: a build
// swaps a whole new folder in, marked as kehoach's, so a marked folder with
// its home page holds a whole one.
func builtBefore(dest string) bool {
	for _, name := range []string{output.Marker, "index.html"} {
		if _, err := os.Stat(filepath.Join(dest, name)); dest == "" || err != nil {
			return false
		}
	}
	return true
}

// runServe builds the site and serves the output folder until ctx ends.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f buildFlags
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f.register(fs)
	fs.Lookup("drafts").Usage = "include drafts and updates dated in the future (default true while watching, false with --watch=false)"
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on")
	basePath := fs.String("base-path", "/", "serve the site under this path, e.g. /kehoach/")
	accessLog := fs.Bool("log", true, "print one line per request")
	watching := fs.Bool("watch", true, "rebuild when the site's files change and reload open pages (false: serve the built folder, as in production)")
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	// The preview shows drafts unless told not to: an editor writes one to
	// see it. Production (--watch=false) does not.
	given := false
	fs.Visit(func(fl *flag.Flag) { given = given || fl.Name == "drafts" })
	if !given {
		f.drafts = *watching
	}
	if !strings.HasPrefix(*basePath, "/") {
		return fmt.Errorf("--base-path %q must start with /", *basePath)
	}
	// The address first: a server that cannot start must not have
	// rebuilt the folder another one serves.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	opts := serve.Options{BasePath: *basePath}
	if *accessLog {
		opts.Log = stdout
	}
	var handler http.Handler
	var what string
	if *watching {
		opt, _, err := f.options()
		if err != nil {
			return err
		}
		p, err := newPreview(opt, stderr, f.verbose)
		if err != nil {
			return err
		}
		if f.now == "" {
			p.today = func() time.Time { return dayOf(time.Now()) }
		}
		defer p.close()
		watching, err := p.watch(f.source) // before the first build: no save is missed
		if err != nil {
			return err
		}
		p.rebuild(ctx)
		go func() {
			if err := watching(ctx); err != nil {
				fmt.Fprintf(stderr, "kehoach serve: watching stopped: %v\n", err)
			}
		}()
		handler, what = p.live, f.source+" (watching for changes)"
	} else {
		f.api = true
		dest, err := f.build(ctx, stdout, stderr)
		switch {
		case err == nil:
		case ctx.Err() == nil && errors.Is(err, errContent) && builtBefore(dest):
			// A service restarted on a broken save keeps serving what the
			// last good build left, rather than nothing.
			fmt.Fprintf(stderr, "kehoach serve: %v; serving the last good build in %s until a build succeeds and serve restarts\n", err, dest)
		default:
			return err
		}
		site := serve.New(dest)
		defer site.Close()
		handler, what = site, dest
	}
	srv := serve.NewServer(serve.Wrap(handler, opts))
	if live, ok := handler.(*serve.Live); ok {
		srv.RegisterOnShutdown(live.Stop)
	}
	path := strings.TrimSuffix(*basePath, "/") + "/"
	fmt.Fprintf(stdout, "serving %s at http://%s%s (Ctrl+C to stop)\n", what, ln.Addr(), path)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
