package serve

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Options shape what Wrap adds around a Handler.
type Options struct {
	BasePath string    // the sub-path the site is served under ("/kehoach/"); "" or "/" for the root
	Log      io.Writer // access log, one line a request; nil for none
}

// Wrap adds what a production server needs around h: the sub-path, security
// headers, gzip for text, and an access log.
func Wrap(h http.Handler, o Options) http.Handler {
	h = secure(gzipped(h))
	if base := strings.TrimSuffix(o.BasePath, "/"); base != "" {
		h = underPath(base, h)
	}
	if o.Log != nil {
		h = logged(o.Log, h)
	}
	return h
}

// contentSecurityPolicy allows only the site's own files: no inline script,
// no inline style, nothing from elsewhere.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "SAMEORIGIN")
		h.ServeHTTP(w, r)
	})
}

// underPath serves h under base: "/kehoach/x" is h's "/x"; "/kehoach" is
// redirected to "/kehoach/"; anything else is not found.
func underPath(base string, h http.Handler) http.Handler {
	strip := http.StripPrefix(base, h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == base:
			http.Redirect(w, r, base+"/", http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, base+"/"):
			strip.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

// logged writes one line a request: time, method, path, status, bytes, duration.
func logged(out io.Writer, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		fmt.Fprintf(out, "%s %s %s %d %d %s\n", start.Format(time.RFC3339), r.Method, r.URL.RequestURI(),
			rec.status, rec.bytes, time.Since(start).Round(time.Microsecond))
	})
}

type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// gzipped compresses text answers for clients that accept gzip.
// Writers are reused and compress at gzip's fastest level: under load a new
// default-level writer per answer made pages eight times slower than plain
// ones; pooled and fastest they are 3.7 times faster than that, and 9.1 KB
// instead of about 7 KB for a 28 KB page (BENCHMARKS.md).
func gzipped(h http.Handler) http.Handler {
	pool := &sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed) // a valid level: no error
		return w
	}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		// HEAD goes through too, so that it tells what GET would send:
		// gzip, and no length.
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || r.Header.Get("Range") != "" {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w, pool: pool, head: r.Method == http.MethodHead}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

// gzipWriter decides at WriteHeader whether to compress: only full (200)
// answers of text types.
type gzipWriter struct {
	http.ResponseWriter
	pool    *sync.Pool
	gz      *gzip.Writer
	decided bool
	head    bool // answering HEAD: the headers of gzip, and no body to compress
	discard bool // answering HEAD with gzip's headers: a body written is dropped
}

func (g *gzipWriter) WriteHeader(code int) {
	if !g.decided {
		g.decided = true
		if code == http.StatusOK && compressible(g.Header().Get("Content-Type")) {
			g.Header().Del("Content-Length")
			g.Header().Set("Content-Encoding", "gzip")
			if etag := g.Header().Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
				g.Header().Set("ETag", "W/"+etag) // the bytes differ from the file's
			}
			if g.head {
				g.discard = true // what a handler writes on HEAD would be the plain length
			} else {
				g.gz = g.pool.Get().(*gzip.Writer)
				g.gz.Reset(g.ResponseWriter)
			}
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	switch {
	case g.discard:
		return len(b), nil
	case g.gz != nil:
		return g.gz.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.gz != nil {
		_ = g.gz.Close()
		g.gz.Reset(io.Discard) // drop the connection before pooling
		g.pool.Put(g.gz)
	}
}

// Unwrap lets http.ResponseController reach the connection (for the event
// stream's flushes and deadline, which is never compressed).
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func compressible(contentType string) bool {
	if strings.HasPrefix(contentType, "text/event-stream") {
		return false // events must reach the page as they are sent
	}
	for _, t := range []string{"text/", "application/json", "application/javascript", "application/xml", "application/atom+xml", "image/svg+xml"} {
		if strings.HasPrefix(contentType, t) {
			return true
		}
	}
	return false
}
