package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach/internal/sitegen"
)

// BenchmarkReload measures, on a site served with watching on, the time from
// writing a content file to the new page being served, and reports its
// median and 95th percentile, on a copy of the plan's site and on a
// generated site of 10,000 pages, saving 100 ms after the last save was
// served, and on the generated site also at an editor's pace, 2 s after
// (when the preview has rendered the rest of the last build in the
// background):
//
//	go test ./cmd/kehoach -run '^$' -bench Reload/plan -benchtime 30x
//	go test ./cmd/kehoach -run '^$' -bench Reload/generated -benchtime 20x
func BenchmarkReload(b *testing.B) {
	b.Run("plan", func(b *testing.B) {
		dir := b.TempDir()
		for _, d := range []string{"content", "config.toml"} {
			if out, err := exec.Command("cp", "-r", filepath.Join("..", "..", d), dir).CombinedOutput(); err != nil {
				b.Fatalf("copying the site: %v %s", err, out)
			}
		}
		benchReload(b, dir, "plan/01-muc-dich-yeu-cau", 100*time.Millisecond)
	})
	for _, pace := range []struct {
		name  string
		pause time.Duration
	}{{"generated-10000", 100 * time.Millisecond}, {"generated-10000-paced", 2 * time.Second}} {
		b.Run(pace.name, func(b *testing.B) {
			dir := b.TempDir()
			corpus, _ := os.ReadFile(filepath.Join("..", "..", "..", "shared", "source", "ke-hoach-nq21.txt"))
			if err := sitegen.Generate(dir, sitegen.Options{Pages: 10000, Seed: 1, Corpus: string(corpus)}); err != nil {
				b.Fatal(err)
			}
			benchReload(b, dir, "plan/01-part", pace.pause)
		})
	}
}

// benchReload serves the site in dir and edits content/NAME.md, whose page
// is NAME.html and whose title is MỤC ĐÍCH, YÊU CẦU, b.N times, pausing
// between an edit being served and the next.
func benchReload(b *testing.B, dir, name string, pause time.Duration) {
	base, stop := startServe(b, dir)
	defer stop()
	page := base + name + ".html"
	file := filepath.Join(dir, "content", filepath.FromSlash(name)+".md")
	original, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Minute); !strings.Contains(body(page), "MỤC ĐÍCH"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			b.Fatal("the site was never served")
		}
	}
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		marker := fmt.Sprintf("Lần sửa %d.", i)
		start := time.Now()
		if err := os.WriteFile(file, append(append([]byte{}, original...), "\n"+marker+"\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
		for !strings.Contains(body(page), marker) {
			if time.Since(start) > time.Minute {
				b.Fatal("an edit was not served within a minute")
			}
			time.Sleep(2 * time.Millisecond)
		}
		took = append(took, time.Since(start))
		time.Sleep(pause)
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
}
