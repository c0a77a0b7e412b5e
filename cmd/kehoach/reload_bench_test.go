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
)

// BenchmarkReload measures, on a copy of the plan's site served with
// watching on, the time from writing a content file to the new page being
// served, and reports its median and 95th percentile:
//
//	go test ./cmd/kehoach -run '^$' -bench Reload -benchtime 30x
func BenchmarkReload(b *testing.B) {
	dir := b.TempDir()
	for _, d := range []string{"content", "config.toml"} {
		if out, err := exec.Command("cp", "-r", filepath.Join("..", "..", d), dir).CombinedOutput(); err != nil {
			b.Fatalf("copying the site: %v %s", err, out)
		}
	}
	base, stop := startServe(b, dir)
	defer stop()
	page := base + "plan/01-muc-dich-yeu-cau.html"
	file := filepath.Join(dir, "content", "plan", "01-muc-dich-yeu-cau.md")
	original, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(body(page), "MỤC ĐÍCH"); time.Sleep(10 * time.Millisecond) {
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
			if time.Since(start) > 10*time.Second {
				b.Fatal("an edit was not served within 10 s")
			}
			time.Sleep(2 * time.Millisecond)
		}
		took = append(took, time.Since(start))
		time.Sleep(100 * time.Millisecond) // let the watcher settle between saves
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
}
