package e2e

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// BenchmarkStaticSearch measures the search page opened from a folder
// (file://) in headless Chromium, on the static index:
//   - first-ms: from the start of the page's navigation to the first
//     results in the page, for a query in its address (a link from the
//     search box of another page);
//   - first-KB-p50, first-KB-max, first-files-p50, first-files-max: what
//     each query of the set loads of the index as the first query of a
//     page, gzipped at level 1 (as kehoach serve and nginx send it);
//     first-terms-p50, first-terms-max: of those files, the ones that find
//     the documents (index.js, term shards, the word list), without the
//     text chunks that ranking and snippets read;
//   - type-p50-ms, type-p95-ms: after that, typing the query set one
//     letter at a time, from each input event to the results in the page.
//
// The plan's own site is measured; set KEHOACH_BENCH_SITE to a built site
// folder (for example the 10,000-page site of scripts/bench-build.sh) to
// measure it too:
//
//	go test ./internal/e2e -run '^$' -bench StaticSearch -benchtime 5x
func BenchmarkStaticSearch(b *testing.B) {
	sites := map[string]string{"plan": ""}
	if dir := os.Getenv("KEHOACH_BENCH_SITE"); dir != "" {
		sites["site"] = dir
	}
	for _, name := range []string{"plan", "site"} {
		dir, ok := sites[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			site := dir
			if site == "" {
				site = buildPlan(b, true)
			}
			benchStatic(b, site)
		})
	}
}

// observer records when the search results first appear, from the start
// of navigation (performance.now()), in window.__firstResults.
const observer = `document.addEventListener("DOMContentLoaded", () => {
	const list = document.getElementById("search-results");
	if (!list) return;
	new MutationObserver(() => {
		if (!window.__firstResults && list.children.length) window.__firstResults = performance.now();
	}).observe(list, {childList: true});
});`

// typing types each query one letter at a time and returns the time, in
// ms, from each input event to the next change of the results' status.
const typing = `(async (queries) => {
	const input = document.getElementById("search-q");
	const status = document.getElementById("search-status");
	const out = [];
	for (const q of queries) {
		const letters = Array.from(q);
		for (let i = 1; i <= letters.length; i++) {
			const prefix = letters.slice(0, i).join("");
			if (prefix.trim() === "") continue;
			const changed = new Promise(res => {
				const obs = new MutationObserver(() => { obs.disconnect(); res(); });
				obs.observe(status, {childList: true, characterData: true, subtree: true});
			});
			const t0 = performance.now();
			input.value = prefix;
			input.dispatchEvent(new Event("input"));
			await changed;
			out.push(performance.now() - t0);
		}
	}
	return out;
})`

func benchStatic(b *testing.B, dir string) {
	ctx, problems := browser(b)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: observer}); err != nil {
		b.Fatal(err)
	}
	set, qs := readQuerySet(b, "queries.json")
	var first, typed []float64
	var firstBytes, firstFiles, firstTerms []float64
	b.ResetTimer()
	for i := range b.N {
		q := set.Queries[i%len(set.Queries)].Q
		u := folderURL(dir, "search/index.html") + "?q=" + url.QueryEscape(q)
		run(b, ctx, "open", chromedp.Navigate(u))
		ms := run(b, ctx, "first results", chromedp.Poll[float64](`window.__firstResults`))
		first = append(first, ms)
		if i == 0 {
			firstBytes, firstFiles, firstTerms = firstQueries(b, ctx, filepath.Join(dir, "search", "data"), qs)
		}
		tctx, cancel := context.WithTimeout(ctx, 5*time.Minute) // some thousand keys
		keys, err := chromedp.Run(tctx, chromedp.Evaluate[[]float64](typing+`(`+qs+`)`, chromedp.EvalAwaitPromise))
		cancel()
		if err != nil {
			b.Fatalf("typing: %v", err)
		}
		typed = append(typed, keys...)
	}
	b.StopTimer()
	b.ReportMetric(percentile(first, 50), "first-ms")
	b.ReportMetric(percentile(firstBytes, 50)/1000, "first-KB-p50")
	b.ReportMetric(percentile(firstBytes, 100)/1000, "first-KB-max")
	b.ReportMetric(percentile(firstFiles, 50), "first-files-p50")
	b.ReportMetric(percentile(firstFiles, 100), "first-files-max")
	b.ReportMetric(percentile(firstTerms, 50), "first-terms-p50")
	b.ReportMetric(percentile(firstTerms, 100), "first-terms-max")
	b.ReportMetric(percentile(typed, 50), "type-p50-ms")
	b.ReportMetric(percentile(typed, 95), "type-p95-ms")
	b.ReportMetric(0, "ns/op")
	if p := problems(); len(p) > 0 {
		b.Errorf("page errors: %v", p)
	}
}

func percentile(xs []float64, p int) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[min(len(s)-1, len(s)*p/100)]
}

// firstQueries runs each query as the first of a new index (the page asks
// for 20 results) and returns, per query, the bytes (gzipped) and the
// number of index files it loaded, and how many of those were not text
// chunks (x<i>.js).
func firstQueries(b *testing.B, ctx context.Context, dir, queries string) (bytes, files, terms []float64) {
	tctx, cancel := context.WithTimeout(ctx, 5*time.Minute) // 83 new indexes: some thousand files
	defer cancel()
	loaded, err := chromedp.Run(tctx, chromedp.Evaluate[[][]string](`(async () => {
		const out = [];
		let i = 0;
		for (const q of `+queries+`) {
			const idx = KehoachSearch.open("../search/data/" + "./".repeat(++i)); // nothing loaded yet
			await idx.search({query: q, limit: 20});
			out.push(idx.loadedNames);
		}
		return out;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatalf("first queries: %v", err)
	}
	for _, names := range loaded {
		bytes = append(bytes, float64(gzipped(b, dir, names)))
		files = append(files, float64(len(names)))
		n := 0
		for _, name := range names {
			if !strings.HasPrefix(name, "x") {
				n++
			}
		}
		terms = append(terms, float64(n))
	}
	return bytes, files, terms
}

// gzipped is the size of the files gzipped at level 1.
func gzipped(b *testing.B, dir string, names []string) int64 {
	var total int64
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, flate.BestSpeed) // a valid level: no error
		_, _ = w.Write(data)
		_ = w.Close()
		total += int64(buf.Len())
	}
	return total
}
