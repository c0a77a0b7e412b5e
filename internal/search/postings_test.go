package search

import (
	"os"
	"testing"
)

// BenchmarkPostings compares reading a common word's posting list from the
// index files (zap) with adding it up from the arrays kept afterwards, per
// posting. It runs on an index built before: KEHOACH_BENCH_INDEX names the
// _search folder of a built site (the 10,000-page one of BENCHMARKS.md).
func BenchmarkPostings(b *testing.B) {
	dir := os.Getenv("KEHOACH_BENCH_INDEX")
	if dir == "" {
		b.Skip("KEHOACH_BENCH_INDEX names no index")
	}
	x, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	s := currentSnapshot(b, x)
	l, err := s.read("all", "dang")
	if err != nil || len(l.docs) == 0 {
		b.Fatalf("no list of \"dang\": %v", err)
	}
	perPosting := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(l.docs)), "ns/posting")
	}
	b.Run("zap", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.read("all", "dang"); err != nil {
				b.Fatal(err)
			}
		}
		perPosting(b)
	})
	b.Run("arrays", func(b *testing.B) {
		tallies := make([]tally, len(s.table.rec))
		for b.Loop() {
			l.addTo(tallies, 1.5, 0.3)
		}
		perPosting(b)
	})
}
