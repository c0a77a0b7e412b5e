package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeWatch edits a running site as an editor would: the new page is
// served and a reload event sent; a broken file keeps the last good page and
// sends its error; fixing it recovers.
func TestServeWatch(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	base, stop := startServe(t, dir)
	defer func() {
		if code := stop(); code != 0 {
			t.Errorf("serve exited %d", code)
		}
	}()
	waitFor(t, "the first build", func() bool { return strings.Contains(body(base+"index.html"), "Xin chào.") })
	if page := body(base + "index.html"); !strings.Contains(page, `<script src="_kehoach/live.js" defer></script></body>`) {
		t.Errorf("the page lacks the live-reload script:\n%s", page)
	}

	events := listen(t, base+"_kehoach/events")
	// Save as many editors do: write a temporary file, then rename it over the page.
	tmp := filepath.Join(dir, "content", ".index.tmp")
	if err := os.WriteFile(tmp, []byte("+++\ntitle = \"Trang chủ\"\n+++\nĐã sửa.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "content", "_index.md")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the edit", func() bool { return strings.Contains(body(base+"index.html"), "Đã sửa.") })
	waitFor(t, "a reload event", func() bool { return events.has("event: reload") })

	writeFiles(t, dir, map[string]string{"content/_index.md": "+++\ntitle = \"Trang chủ\n+++\nHỏng.\n"})
	waitFor(t, "the error", func() bool { return events.has(`content/_index.md:2:`) })
	if page := body(base + "index.html"); !strings.Contains(page, "Đã sửa.") {
		t.Errorf("a broken file replaced the last good page:\n%s", page)
	}
	writeFiles(t, dir, map[string]string{"content/_index.md": "+++\ntitle = \"Trang chủ\"\n+++\nĐã sửa lại.\n"})
	waitFor(t, "the recovery", func() bool { return strings.Contains(body(base+"index.html"), "Đã sửa lại.") })
}

// startServe runs "kehoach serve" (watching) on the site in dir, on a free
// loopback port; stop ends it and returns its exit status.
func startServe(t testing.TB, dir string) (base string, stop func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--source", dir, "--now", "2026-11-27", "--addr", addr, "--log=false"}, io.Discard, io.Discard)
	}()
	return "http://" + addr + "/", func() int { cancel(); return <-done }
}

func body(url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// waitFor polls cond for up to ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waited 10 s for %s", what)
}

// stream collects the lines of a Server-Sent Events stream.
type stream struct {
	mu    sync.Mutex
	lines []string
}

func (s *stream) has(sub string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.lines {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}

func listen(t *testing.T, url string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	s := &stream{}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			s.mu.Lock()
			s.lines = append(s.lines, sc.Text())
			s.mu.Unlock()
		}
	}()
	return s
}
