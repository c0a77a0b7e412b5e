package build

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/search"
)

// BenchmarkBuildWithSearch is BenchmarkBuild/10000 with the search index.
func BenchmarkBuildWithSearch(b *testing.B) {
	site := generated(b, 10000)
	out := b.TempDir()
	for i := 0; b.Loop(); i++ {
		sink, err := output.NewDir(filepath.Join(out, strconv.Itoa(i)))
		if err != nil {
			b.Fatal(err)
		}
		res, err := Build(Options{Site: os.DirFS(site), Defaults: kehoach.Defaults(), Now: testNow}, sink)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.SearchDocs), "docs")
		if err := sink.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	_ = search.Dir
}
