package e2e

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The slow link of BenchmarkSlowNetwork has the figures of Chrome DevTools'
// "Fast 3G" preset, Lighthouse's mobile throttling: 562.5 ms from each
// request to its response, 1.44 Mbit/s down. The server imposes it, on
// every request (DevTools' own throttling leaves out those of workers,
// which Pagefind makes its requests from).
const (
	slowLatency = 562500 * time.Microsecond
	slowRate    = 1_440_000 / 8 // bytes a second
)

// BenchmarkSlowNetwork measures a reader on a slow mobile link who follows
// a link to the search page with a query in its address, on a plain web
// server (no kehoach process: api/search is not found) that gzips text at
// level 1, with an empty browser cache: from the start of the navigation
// to the first results in the page (first-p50-ms, first-p95-ms), and the
// requests and bytes the server sent on the way, the page's own included
// (requests-p50, requests-max, KB-p50, KB-max). It then types another
// query, a letter every 200 ms, and measures from the last letter to its
// results (typed-p50-ms, typed-p95-ms); and the same on the search page
// opened without a query, a second after it opened (blank-typed-p50-ms,
// blank-typed-p95-ms).
//
// KEHOACH_BENCH_LINK sets another link, as "LATENCY-MS/KBIT-S", such as
// "150/1600", a quicker link than the default. (The default is also
// Lighthouse's "Slow 4G" as DevTools applies it, a request at a time;
// Lighthouse's own figures for it, 150 ms and 1.6 Mbit/s, are those of a
// round trip in its simulation, not of a request.)
//
// KEHOACH_BENCH_CPU slows the browser's processor down by a factor, as
// DevTools does: 4 is Lighthouse's mobile phone.
//
// The plan's own site is measured; KEHOACH_BENCH_SITE adds a built site
// folder (the 10,000-page site of scripts/bench-build.sh), and
// KEHOACH_BENCH_PAGEFIND a folder indexed by Pagefind (pagefind --site),
// searched with Pagefind's own API: the time to its first 20 results with
// their excerpts, as many as kehoach's search page shows.
//
//	KEHOACH_BENCH_SITE=DIR KEHOACH_BENCH_PAGEFIND=DIR2 \
//	  go test ./internal/e2e -run '^$' -bench SlowNetwork -benchtime 20x
func BenchmarkSlowNetwork(b *testing.B) {
	b.Run("plan", func(b *testing.B) { benchSlow(b, buildPlan(b, true), "search/index.html") })
	if dir := os.Getenv("KEHOACH_BENCH_SITE"); dir != "" {
		b.Run("site", func(b *testing.B) { benchSlow(b, dir, "search/index.html") })
	}
	if dir := os.Getenv("KEHOACH_BENCH_PAGEFIND"); dir != "" {
		b.Run("pagefind", func(b *testing.B) { benchSlow(b, dir, pagefindPage) })
	}
}

// pagefindPage is served beside a Pagefind bundle: it searches for the
// query in its address and loads the first 20 results' data.
const pagefindPage = "__pagefind.html"

const pagefindHTML = `<!doctype html><meta charset="utf-8"><title>Pagefind</title>
<script type="module">
const q = new URLSearchParams(location.search).get("q");
const pagefind = await import("./pagefind/pagefind.js");
const found = await pagefind.search(q);
await Promise.all(found.results.slice(0, 20).map(r => r.data()));
window.__firstResults = performance.now();
</script>`

func benchSlow(b *testing.B, dir, start string) {
	l := benchLink(b)
	files := plainServer(dir)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w = l.respond(w)
		if r.URL.Path == "/"+pagefindPage {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(pagefindHTML))
			return
		}
		files.ServeHTTP(w, r)
	}))
	b.Cleanup(srv.Close)
	ctx, problems := browser(b)
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		b.Fatal(err)
	}
	if rate := os.Getenv("KEHOACH_BENCH_CPU"); rate != "" {
		r, err := strconv.ParseFloat(rate, 64)
		if err != nil || !(r >= 1) || math.IsInf(r, 0) {
			b.Fatalf("KEHOACH_BENCH_CPU=%q: want a slowdown factor of 1 or more", rate)
		}
		if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: r}); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: observer}); err != nil {
		b.Fatal(err)
	}
	set, _ := readQuerySet(b, "queries.json")
	var first, requests, kb, typed, blank []float64
	b.ResetTimer()
	for i := range b.N {
		q := set.Queries[i%len(set.Queries)].Q
		l.reset()
		run(b, ctx, "open", chromedp.Navigate(srv.URL+"/"+start+"?q="+url.QueryEscape(q)))
		first = append(first, run(b, ctx, "first results", chromedp.Poll[float64](`window.__firstResults`)))
		n, sent := l.counts()
		requests = append(requests, float64(n))
		kb = append(kb, float64(sent)/1000)
		if start != pagefindPage {
			next := set.Queries[(i+len(set.Queries)/2)%len(set.Queries)].Q
			typed = append(typed, typeSlowly(b, ctx, next))
			// A reader who opens the search page, looks at it for a
			// second once its search box is ready, and types.
			openBlank(b, ctx, srv.URL+"/"+start)
			time.Sleep(time.Second)
			blank = append(blank, typeSlowly(b, ctx, q))
		}
	}
	b.StopTimer()
	b.ReportMetric(percentile(first, 50), "first-p50-ms")
	b.ReportMetric(percentile(first, 95), "first-p95-ms")
	b.ReportMetric(percentile(requests, 50), "requests-p50")
	b.ReportMetric(percentile(requests, 100), "requests-max")
	b.ReportMetric(percentile(kb, 50), "KB-p50")
	b.ReportMetric(percentile(kb, 100), "KB-max")
	if len(typed) > 0 {
		b.ReportMetric(percentile(typed, 50), "typed-p50-ms")
		b.ReportMetric(percentile(typed, 95), "typed-p95-ms")
		b.ReportMetric(percentile(blank, 50), "blank-typed-p50-ms")
		b.ReportMetric(percentile(blank, 95), "blank-typed-p95-ms")
	}
	b.ReportMetric(0, "ns/op")
	if p := problems(); len(p) > 0 {
		b.Errorf("page errors: %v", p)
	}
}

// benchLink is the slow link of the benchmark: Fast 3G, or the one
// KEHOACH_BENCH_LINK gives.
func benchLink(b *testing.B) *link {
	v := os.Getenv("KEHOACH_BENCH_LINK")
	if v == "" {
		return &link{latency: slowLatency, rate: slowRate}
	}
	ms, kbits, ok := strings.Cut(v, "/")
	latency, err1 := strconv.ParseFloat(ms, 64)
	rate, err2 := strconv.ParseFloat(kbits, 64)
	if !ok || err1 != nil || err2 != nil || !(latency >= 0) || !(rate > 0) || math.IsInf(latency+rate, 0) {
		b.Fatalf("KEHOACH_BENCH_LINK=%q: want LATENCY-MS/KBIT-S, such as 150/1600", v)
	}
	return &link{latency: time.Duration(latency * float64(time.Millisecond)), rate: rate * 1000 / 8}
}

// openBlank opens the search page at u, which has no query, and returns
// as soon as its script has put the cursor in the search box: unlike
// chromedp.Navigate, it does not wait for the page's load event, which
// the index files the page loads before a query hold back.
func openBlank(b *testing.B, ctx context.Context, u string) {
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: u}); err != nil {
		b.Fatal(err)
	}
	// The page before had a query in its address; this one has none. An
	// evaluation fails while the new page replaces the old one.
	const ready = `location.search === "" && document.activeElement !== null && document.activeElement.id === "search-q"`
	deadline := time.Now().Add(time.Minute)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](ready))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.Fatalf("%s: the search box is not ready after a minute (%v)", u, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// typeSlowly types q into the search box, one letter every 200 ms (a
// quick typist on a phone), and returns the time from the last letter to
// its results.
func typeSlowly(b *testing.B, ctx context.Context, q string) float64 {
	tctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	ms, err := chromedp.Run(tctx, chromedp.Evaluate[float64](`(async (q) => {
		const input = document.getElementById("search-q");
		const status = document.getElementById("search-status");
		const letters = Array.from(q);
		for (let i = 1; i < letters.length; i++) {
			input.value = letters.slice(0, i).join("");
			input.dispatchEvent(new Event("input"));
			await new Promise(res => setTimeout(res, 200));
		}
		const shown = new Promise(res => {
			const obs = new MutationObserver(() => { obs.disconnect(); res(); });
			obs.observe(status, {childList: true, characterData: true, subtree: true});
		});
		const t0 = performance.now();
		input.value = q;
		input.dispatchEvent(new Event("input"));
		await shown;
		return performance.now() - t0;
	})(`+strconv.Quote(q)+`)`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatalf("typing %q: %v", q, err)
	}
	return ms
}

// link is a slow link that all responses share: each waits the latency
// before it starts, and together they go out at no more than rate bytes a
// second. It counts the requests and the bytes of bodies sent.
type link struct {
	latency  time.Duration
	rate     float64
	mu       sync.Mutex
	free     time.Time // when the link has sent all it was given
	requests int
	sent     int64
}

func (l *link) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.requests, l.sent = 0, 0
}

func (l *link) counts() (int, int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.requests, l.sent
}

// respond waits the latency and returns w slowed down to the link's rate.
func (l *link) respond(w http.ResponseWriter) http.ResponseWriter {
	l.mu.Lock()
	l.requests++
	l.mu.Unlock()
	time.Sleep(l.latency)
	return slowWriter{w, l}
}

// take waits until the link has sent n more bytes.
func (l *link) take(n int) {
	l.mu.Lock()
	now := time.Now()
	if l.free.Before(now) {
		l.free = now
	}
	l.free = l.free.Add(time.Duration(float64(n) / l.rate * float64(time.Second)))
	l.sent += int64(n)
	until := l.free
	l.mu.Unlock()
	time.Sleep(time.Until(until))
}

type slowWriter struct {
	http.ResponseWriter
	l *link
}

// Write sends p in pieces of a few packets, so that responses at the same
// time share the link.
func (s slowWriter) Write(p []byte) (int, error) {
	const piece = 4096
	written := 0
	for len(p) > 0 {
		n := min(len(p), piece)
		s.l.take(n)
		m, err := s.ResponseWriter.Write(p[:n])
		written += m
		if err != nil {
			return written, err
		}
		if f, ok := s.ResponseWriter.(http.Flusher); ok {
			f.Flush()
		}
		p = p[n:]
	}
	return written, nil
}

// plainServer serves the files of dir as a plain web server does, with
// text gzipped at level 1 (nginx's gzip_comp_level by default).
func plainServer(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch path.Ext(r.URL.Path) {
		case ".html", ".js", ".css", ".json", "":
		default:
			files.ServeHTTP(w, r)
			return
		}
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		gz, _ := gzip.NewWriterLevel(w, flate.BestSpeed) // a valid level: no error
		defer gz.Close()
		files.ServeHTTP(gzipWriter{w, gz}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) Write(p []byte) (int, error) { return g.gz.Write(p) }

func (g gzipWriter) WriteHeader(code int) {
	g.Header().Del("Content-Length") // the gzipped length differs
	g.ResponseWriter.WriteHeader(code)
}
