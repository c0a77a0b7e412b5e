package build

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/search"
)

// BenchmarkBuildWithSearch is BenchmarkBuild/10000 with the search index.
func BenchmarkBuildWithSearch(b *testing.B) {
	site := generated(b, 10000)
	out := b.TempDir()
	for i := 0; b.Loop(); i++ {
		res := buildInto(b, site, filepath.Join(out, strconv.Itoa(i)))
		b.ReportMetric(float64(res.SearchDocs), "docs")
	}
}

func buildInto(b *testing.B, site, dest string) *Result {
	b.Helper()
	sink, err := output.NewDir(dest)
	if err != nil {
		b.Fatal(err)
	}
	res, err := Build(Options{Site: os.DirFS(site), Defaults: kehoach.Defaults(), Now: testNow}, sink)
	if err != nil {
		b.Fatal(err)
	}
	if err := sink.Commit(); err != nil {
		b.Fatal(err)
	}
	return res
}

// index10k builds the 10,000-page generated site once and returns its index
// folder; KEHOACH_BENCH_INDEX names one built before instead (the _search
// folder of "kehoach build --source SITE" on a site of internal/sitegen),
// so that a profile of the queries holds the queries only.
func index10k(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("KEHOACH_BENCH_INDEX"); dir != "" {
		return dir
	}
	dest := filepath.Join(b.TempDir(), "public")
	buildInto(b, generated(b, 10000), dest)
	return filepath.Join(dest, search.Dir)
}

// BenchmarkQuery runs the hand-written query set, facets and snippets
// included, against the index of the 10,000-page site, and reports the
// median and 99th percentile latency of single queries.
func BenchmarkQuery(b *testing.B) { benchQueries(b, index10k(b)) }

// BenchmarkQueryPlan is BenchmarkQuery on the plan's own site.
func BenchmarkQueryPlan(b *testing.B) {
	benchQueries(b, filepath.Join(buildRealToDir(b), search.Dir))
}

func benchQueries(b *testing.B, dir string) {
	idx, err := search.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	queries := benchQuerySet(b, "queries")
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		took = append(took, timeQuery(b, idx, queries[i%len(queries)]))
	}
	reportLatency(b, took)
}

// BenchmarkQueryFirst is BenchmarkQuery on an index just opened, each
// query of a set once: "cold", every posting list is read from the index
// files then; "warmed", after Index.Warm, as kehoach serve does when it
// starts. The sets are the hand-written query set and the held-out one.
func BenchmarkQueryFirst(b *testing.B) {
	dir := index10k(b)
	for _, set := range []string{"queries", "holdout"} {
		queries := benchQuerySet(b, set)
		for _, warm := range []bool{false, true} {
			name := set + "/cold"
			if warm {
				name = set + "/warmed"
			}
			b.Run(name, func(b *testing.B) {
				var took []time.Duration
				for b.Loop() {
					idx := openUntimed(b, dir)
					if warm {
						b.StopTimer()
						if err := idx.Warm(context.Background()); err != nil {
							b.Fatal(err)
						}
						b.StartTimer()
					}
					for _, q := range queries {
						took = append(took, timeQuery(b, idx, q))
					}
					idx.Close()
				}
				reportLatency(b, took)
			})
		}
	}
}

// BenchmarkWarm reads ahead the common terms' lists of the 10,000-page
// site's index, as the server does when it starts.
func BenchmarkWarm(b *testing.B) {
	dir := index10k(b)
	for b.Loop() {
		idx := openUntimed(b, dir)
		if err := idx.Warm(context.Background()); err != nil {
			b.Fatal(err)
		}
		idx.Close()
	}
}

// openUntimed opens the index in dir with the benchmark's timer stopped.
func openUntimed(b *testing.B, dir string) *search.Index {
	b.StopTimer()
	defer b.StartTimer()
	idx, err := search.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return idx
}

// benchQuerySet is the queries of internal/search/testdata/NAME.json.
func benchQuerySet(b *testing.B, name string) []string {
	raw, err := os.ReadFile("../search/testdata/" + name + ".json")
	if err != nil {
		b.Fatal(err)
	}
	var set querySet
	if err := json.Unmarshal(raw, &set); err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, q := range set.Queries {
		out = append(out, q.Q)
	}
	return out
}

func timeQuery(b *testing.B, idx *search.Index, q string) time.Duration {
	start := time.Now()
	if _, err := idx.Search(search.Request{Query: q, Limit: 10}); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// reportLatency reports the median and 99th percentile of single queries.
func reportLatency(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkOpenIndex opens the 10,000-page site's index read-only, as the
// server does when it starts.
func BenchmarkOpenIndex(b *testing.B) {
	dir := index10k(b)
	b.ResetTimer()
	for b.Loop() {
		idx, err := search.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		idx.Close()
	}
}
