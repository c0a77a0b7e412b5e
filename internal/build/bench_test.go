package build

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/sitegen"
)

// BenchmarkBuild builds generated sites of the plan's content model, without
// the search index, into a new output folder each time, as a user's repeated
// builds do. Run:
//
//	go test ./internal/build -run '^$' -bench Build -benchtime 5x
func BenchmarkBuild(b *testing.B) {
	for _, pages := range []int{1000, 10000} {
		b.Run(strconv.Itoa(pages), func(b *testing.B) {
			site := generated(b, pages)
			out := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				sink, err := output.NewDir(filepath.Join(out, strconv.Itoa(i)))
				if err != nil {
					b.Fatal(err)
				}
				res, err := Build(Options{Site: os.DirFS(site), Defaults: kehoach.Defaults(), Now: testNow, NoSearch: true}, sink)
				if err != nil {
					b.Fatal(err)
				}
				if err := sink.Commit(); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Pages), "pages")
			}
			b.StopTimer()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
		})
	}
}

// BenchmarkRender is BenchmarkBuild into memory: the build without the
// disk's cost of creating files.
func BenchmarkRender(b *testing.B) {
	site := generated(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(Options{Site: os.DirFS(site), Defaults: kehoach.Defaults(), Now: testNow}, output.NewMemory()); err != nil {
			b.Fatal(err)
		}
	}
}

// generated writes a site of n pages sampled from the plan's source text
// (or the generator's built-in excerpt when the text is not beside the
// repository).
func generated(b *testing.B, n int) string {
	b.Helper()
	corpus, _ := os.ReadFile(filepath.Join(repoRoot, "..", "shared", "source", "ke-hoach-nq21.txt"))
	dir := b.TempDir()
	if err := sitegen.Generate(dir, sitegen.Options{Pages: n, Seed: 1, Corpus: string(corpus)}); err != nil {
		b.Fatal(err)
	}
	return dir
}
