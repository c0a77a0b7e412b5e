package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/search"
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

// BenchmarkRender is BenchmarkBuild/10000 into memory: the build without
// the search index and without the disk's cost of creating files.
func BenchmarkRender(b *testing.B) {
	site := generated(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(Options{Site: os.DirFS(site), Defaults: kehoach.Defaults(), Now: testNow, NoSearch: true}, output.NewMemory()); err != nil {
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

// BenchmarkRebuild is a preview's build after a save, on a generated site
// of 10,000 pages: one file changed and named by the watcher, the files
// parsed and Markdown rendered by the build before reused, pages left to render when asked for (as
// kehoach serve does); search-after-ms is the update of the search index,
// which the preview does once the page is served:
//
//	go test ./internal/build -run '^$' -bench Rebuild -benchtime 20x
func BenchmarkRebuild(b *testing.B) {
	site := generated(b, 10000)
	live, err := search.NewLive(filepath.Join(b.TempDir(), "index"))
	if err != nil {
		b.Fatal(err)
	}
	defer live.Close()
	opt := Options{Site: os.DirFS(site), Defaults: kehoach.Defaults(), Now: testNow, Cache: NewCache(), LazyPages: true, SearchLater: true}
	opt.Cache.Watched(true) // as kehoach serve, whose watcher names each file saved
	res, err := Build(opt, output.NewMemory())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := live.Update(context.Background(), res.Search()); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(site, "content", "plan", "01-part.md")
	original, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	steps := map[string]time.Duration{}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		if err := os.WriteFile(file, append(slices.Clone(original), "\nLần sửa "+strconv.Itoa(i)+".\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
		opt.Cache.Forget([]string{"content/plan/01-part.md"})
		b.StartTimer()
		res, err = Build(opt, output.NewMemory())
		if err != nil {
			b.Fatal(err)
		}
		for _, st := range res.Steps {
			steps[st.Name] += st.Took
		}
		page, err := res.Lazy["plan/01-part.html"]()
		if err != nil || !bytes.Contains(page, []byte("Lần sửa "+strconv.Itoa(i)+".")) {
			b.Fatalf("the edited page: %v", err)
		}
		b.StopTimer() // the preview updates its search index once the page is served
		searched := time.Now()
		if _, err := live.Update(context.Background(), res.Search()); err != nil {
			b.Fatal(err)
		}
		steps["search-after"] += time.Since(searched)
		b.StartTimer()
	}
	for name, took := range steps {
		if per := took / time.Duration(b.N); per >= time.Millisecond {
			b.ReportMetric(float64(per.Microseconds())/1000, name+"-ms")
		}
	}
}
