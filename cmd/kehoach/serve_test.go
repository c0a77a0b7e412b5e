package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/search"
)

// TestServeWatch edits a running site as an editor would: the new page is
// served and a reload event sent; a broken file keeps the last good page and
// sends its error; fixing it recovers.
func TestServeWatch(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	base := serveBuilt(t, dir)
	if page := body(base + "index.html"); !strings.Contains(page, `<script src="_kehoach/live.js" data-kehoach-build="1" defer></script></body>`) {
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
	if !events.has(`: error: `) {
		t.Error("the error on the page does not say it is one, as build does (file:line: error: …)")
	}
	if page := body(base + "index.html"); !strings.Contains(page, "Đã sửa.") {
		t.Errorf("a broken file replaced the last good page:\n%s", page)
	}
	// A misspelt key fails the build for the title it leaves out; the
	// warning that says so reaches the pages too, not only the terminal.
	writeFiles(t, dir, map[string]string{"content/_index.md": "+++\ntitel = \"Trang chủ\"\n+++\nSai.\n"})
	waitFor(t, "the misspelt key's hint", func() bool { return events.has(`event: warnings`) && events.has(`did you mean \"title\"?`) })
	writeFiles(t, dir, map[string]string{"content/_index.md": "+++\ntitle = \"Trang chủ\"\n+++\nĐã sửa lại.\n"})
	waitFor(t, "the recovery", func() bool { return strings.Contains(body(base+"index.html"), "Đã sửa lại.") })

	// The preview's search follows the edits: a new word is found, a
	// deleted task is not, and the rest is still there.
	if urls := searchURLs(t, base, "noi dung"); !slices.Contains(urls, "tasks/ban-a/t01.html") {
		t.Errorf("the task is not found before any edit of it: %v", urls)
	}
	writeFiles(t, dir, map[string]string{"content/tasks/ban-a/t02.md": "+++\nid = \"2\"\ntitle = \"Việc hai\"\nagency = \"ban-a\"\ndeadline = \"ongoing\"\n+++\nSơ kết mô hình chi bộ bốn tốt.\n"})
	waitFor(t, "the new task in search", func() bool {
		return slices.Contains(searchURLs(t, base, "chi bo bon tot"), "tasks/ban-a/t02.html")
	})
	if err := os.Remove(filepath.Join(dir, "content", "tasks", "ban-a", "t01.md")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the deleted task gone from its page and from search", func() bool {
		return status(base+"tasks/ban-a/t01.html") == http.StatusNotFound &&
			!slices.Contains(searchURLs(t, base, "noi dung"), "tasks/ban-a/t01.html")
	})
	if urls := searchURLs(t, base, "chi bo bon tot"); !slices.Contains(urls, "tasks/ban-a/t02.html") {
		t.Errorf("the task kept is no longer found: %v", urls)
	}

	// A folder moved in whole is one event, for the folder: the files in it
	// are found all the same; moved out, its pages go.
	outside := filepath.Join(t.TempDir(), "ban-b")
	writeFiles(t, outside, map[string]string{"t04.md": "+++\nid = \"4\"\ntitle = \"Việc bốn\"\nagency = \"ban-a\"\ndeadline = \"ongoing\"\n+++\nKiện toàn tổ chức.\n"})
	if err := os.Rename(outside, filepath.Join(dir, "content", "tasks", "ban-b")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the task of a folder moved in", func() bool {
		return strings.Contains(body(base+"tasks/ban-b/t04.html"), "Kiện toàn tổ chức.")
	})
	if err := os.Rename(filepath.Join(dir, "content", "tasks", "ban-b"), outside); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the task of a folder moved out gone", func() bool { return status(base+"tasks/ban-b/t04.html") == http.StatusNotFound })

	// Pages are rendered when asked for: a layout that fails only when a
	// page is rendered fails the build as a whole, and the last good pages
	// stay, the asked-for one included.
	// The same save adds a task: the failed build's search documents are
	// taken back with its pages.
	task := base + "tasks/ban-a/t02.html"
	writeFiles(t, dir, map[string]string{
		"layouts/task.html":          "{{define \"main\"}}{{.NoSuchField}}{{end}}",
		"content/tasks/ban-a/t03.md": "+++\nid = \"3\"\ntitle = \"Việc ba\"\nagency = \"ban-a\"\ndeadline = \"ongoing\"\n+++\nTổng kết phong trào thi đua.\n",
	})
	waitFor(t, "the layout's error", func() bool { return events.has("NoSuchField") })
	if code, page := status(task), body(task); code != http.StatusOK || !strings.Contains(page, "Sơ kết mô hình chi bộ bốn tốt.") {
		t.Errorf("a page of the failed build answers %d:\n%s", code, page)
	}
	if urls := searchURLs(t, base, "tong ket phong trao thi dua"); slices.Contains(urls, "tasks/ban-a/t03.html") {
		t.Errorf("search finds the failed build's documents: %v", urls)
	}
	if err := os.Remove(filepath.Join(dir, "layouts", "task.html")); err != nil {
		t.Fatal(err)
	}
	n := events.count("event: reload")
	waitFor(t, "the recovery from the layout", func() bool { return events.count("event: reload") > n })
	if code := status(task); code != http.StatusOK {
		t.Errorf("after the fix the task's page answers %d", code)
	}
	if urls := searchURLs(t, base, "tong ket phong trao thi dua"); !slices.Contains(urls, "tasks/ban-a/t03.html") {
		t.Errorf("after the fix search does not find the new task: %v", urls)
	}
}

// searchURLs asks the server's search API and returns the hits' addresses;
// an answer that is not a search result fails the test.
func searchURLs(t *testing.T, base, q string) []string {
	t.Helper()
	resp, err := http.Get(base + "api/search?q=" + url.QueryEscape(q))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct {
		Hits []struct{ URL string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("search %q: status %d, %v", q, resp.StatusCode, err)
	}
	var urls []string
	for _, h := range res.Hits {
		urls = append(urls, h.URL)
	}
	return urls
}

func status(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// startServe runs "kehoach serve" (watching) on the site in dir, on a free
// loopback port; stop ends it and returns its exit status.
// serveBuilt starts kehoach serve on the site in dir, whose home page says
// "Xin chào.", waits for its first build, and stops it at the end of the
// test, which fails if it exits with an error.
func serveBuilt(t *testing.T, dir string) (base string) {
	base, stop := startServe(t, dir)
	t.Cleanup(func() {
		if code := stop(); code != 0 {
			t.Errorf("serve exited %d", code)
		}
	})
	waitFor(t, "the first build", func() bool { return strings.Contains(body(base+"index.html"), "Xin chào.") })
	return base
}

// startServe starts kehoach serve on the site in dir, with more flags if
// given, and returns its address and a func that stops it.
func startServe(t testing.TB, dir string, flags ...string) (base string, stop func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var said syncBuffer
	go func() {
		args := append([]string{"serve", "--source", dir, "--now", "2026-11-27", "--addr", addr, "--log=false"}, flags...)
		done <- run(ctx, args, io.Discard, &said)
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("kehoach serve said:\n%s", said.String())
		}
	})
	return "http://" + addr + "/", func() int { cancel(); return <-done }
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
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

// count is how many lines of the stream hold sub.
func (s *stream) count(sub string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, l := range s.lines {
		if strings.Contains(l, sub) {
			n++
		}
	}
	return n
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

// TestServeDrafts: the preview shows a draft, marked as one, since an
// editor writes it to see it; production (--watch=false) does not, nor
// the preview told --drafts=false.
func TestServeDrafts(t *testing.T) {
	dir := t.TempDir()
	site := maps.Clone(goodSite)
	site["content/updates/2026/nhap.md"] = "+++\ntitle = \"Tin nháp\"\ndate = 2026-11-20\ndraft = true\n+++\nĐang viết.\n"
	site["content/updates/2026/tin.md"] = "+++\ntitle = \"Tin đã đăng\"\ndate = 2026-11-21\n+++\nĐã đăng.\n"
	site["content/updates/2026/sau.md"] = "+++\ntitle = \"Tin ngày mai\"\ndate = 2026-11-28\n+++\nSắp đăng.\n"
	writeFiles(t, dir, site)
	for _, tc := range []struct {
		flags []string
		shown bool
	}{{nil, true}, {[]string{"--drafts=false"}, false}, {[]string{"--watch=false"}, false}} {
		base, stop := startServe(t, dir, tc.flags...)
		waitFor(t, "the build", func() bool { return status(base+"index.html") == http.StatusOK })
		list := body(base + "updates/index.html")
		if !strings.Contains(list, "Tin đã đăng</a>") {
			t.Errorf("serve %v: the updates list lacks the update published:\n%s", tc.flags, list)
		}
		if got := status(base + "updates/2026/nhap.html"); (got == http.StatusOK) != tc.shown {
			t.Errorf("serve %v: the draft answers %d", tc.flags, got)
		}
		for _, want := range []string{`Tin nháp</a> <span class="badge draft">Bản nháp</span>`, `Tin ngày mai</a> <span class="badge draft">Chưa đến ngày đăng</span>`} {
			if strings.Contains(list, want) != tc.shown {
				t.Errorf("serve %v: the updates list holds %q: %v", tc.flags, want, !tc.shown)
			}
		}
		if code := stop(); code != 0 {
			t.Errorf("serve %v exited %d", tc.flags, code)
		}
	}
}

// TestServeBuiltSearch serves a built folder, as in production: the search
// page asks kehoach serve's API and preloads none of the offline index,
// which the build still writes for a copy of the folder.
func TestServeBuiltSearch(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	base, stop := startServe(t, dir, "--watch=false")
	t.Cleanup(func() {
		if code := stop(); code != 0 {
			t.Errorf("serve exited %d", code)
		}
	})
	waitFor(t, "the build", func() bool { return status(base+"search/index.html") == http.StatusOK })
	if page := body(base + "search/index.html"); strings.Contains(page, `rel="preload"`) {
		t.Errorf("the search page behind kehoach serve preloads the offline index:\n%s", page)
	}
	if got := body(base + search.APIScript); got != string(search.APIScriptData(true)) {
		t.Errorf("%s = %q, want the API's yes", search.APIScript, got)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", search.StaticDir, "index.js")); err != nil {
		t.Errorf("the built folder has no offline index: %v", err)
	}
}

// TestServeWatchKeptTimes replaces a page's file by one of the same size
// and the same old time, as a copy that keeps times does: the watcher
// reports it, so the preview reads it again although its size and time
// say it did not change.
func TestServeWatchKeptTimes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	file := filepath.Join(dir, "content", "_index.md")
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	base := serveBuilt(t, dir)
	// The same length as "Xin chào.", given back the file's old time.
	writeFiles(t, dir, map[string]string{"content/_index.md": "+++\ntitle = \"Trang chủ\"\n+++\nXin chào!\n"})
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the same-size edit with the old time", func() bool { return strings.Contains(body(base+"index.html"), "Xin chào!") })
}

// TestServeWatchFolders: edits in a folder renamed inside content/ are
// seen, and in a content/ that is a symlink to a folder kept elsewhere;
// an editor's file that comes and goes (vim's "4913") does not matter.
func TestServeWatchFolders(t *testing.T) {
	task := func(text string) string {
		return "+++\nid = \"1\"\ntitle = \"Việc\"\nagency = \"ban-a\"\ndeadline = \"2022-Q4\"\n+++\n" + text + "\n"
	}
	elsewhere := t.TempDir()
	files := map[string]string{}
	for name, text := range goodSite {
		files[strings.TrimPrefix(name, "content/")] = text
	}
	writeFiles(t, elsewhere, files)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"config.toml": "title = \"A\"\n"})
	if err := os.Symlink(elsewhere, filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	base := serveBuilt(t, dir)
	writeFiles(t, dir, map[string]string{"content/tasks/ban-a/t01.md": task("Sửa qua liên kết.")})
	waitFor(t, "an edit in a symlinked content/", func() bool {
		return strings.Contains(body(base+"tasks/ban-a/t01.html"), "Sửa qua liên kết.")
	})

	for _, names := range [][2]string{{"ban-a", "ban-c"}, {"ban-c", "ban-a"}} {
		from, to := filepath.Join(dir, "content", "tasks", names[0]), filepath.Join(dir, "content", "tasks", names[1])
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
		page := base + "tasks/" + names[1] + "/t01.html"
		waitFor(t, "the renamed folder's page", func() bool { return status(page) == http.StatusOK })
		text := "Sửa trong " + names[1] + "."
		writeFiles(t, dir, map[string]string{"content/tasks/" + names[1] + "/t01.md": task(text)})
		waitFor(t, "an edit in a folder renamed to "+names[1], func() bool { return strings.Contains(body(page), text) })
	}

	writeFiles(t, dir, map[string]string{"content/4913": ""})
	if err := os.Remove(filepath.Join(dir, "content", "4913")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"content/_index.md": "+++\ntitle = \"Trang chủ\"\n+++\nSau tệp của vim.\n"})
	waitFor(t, "a save after vim's probe", func() bool { return strings.Contains(body(base+"index.html"), "Sau tệp của vim.") })
}

// TestPreviewFollowsTheDay: a preview started without --now and left open
// past midnight builds for the new day at the next save: an update dated
// that day is published then.
func TestPreviewFollowsTheDay(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	writeFiles(t, dir, map[string]string{"content/updates/2026/tin.md": "+++\ntitle = \"Tin\"\ndate = 2026-11-28\n+++\nTin mới.\n"})
	p, err := newPreview(build.Options{Site: os.DirFS(dir), Defaults: kehoach.Defaults(), NoSearch: true}, io.Discard, false)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	p.today = func() time.Time { return day }
	get := func() int {
		rec := httptest.NewRecorder()
		p.live.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/updates/2026/tin.html", nil))
		return rec.Code
	}
	p.rebuild(context.Background())
	if code := get(); code != http.StatusNotFound {
		t.Fatalf("on the day before its date the update answers %d, want 404", code)
	}
	day = day.AddDate(0, 0, 1)
	p.rebuild(context.Background()) // the next save
	if code := get(); code != http.StatusOK {
		t.Errorf("on its date the update answers %d, want 200", code)
	}
}

// TestPreviewWatchTrust: a preview trusts its watcher to name every change
// to content/, unless content/ is a symlink, whose target can be replaced
// unseen; a symlinked static/ or layouts/, read whole at each build,
// changes nothing.
func TestPreviewWatchTrust(t *testing.T) {
	for _, tt := range []struct {
		link    string
		trusted bool
	}{{"static", true}, {"content", false}} {
		dir, elsewhere := t.TempDir(), t.TempDir()
		site := map[string]string{}
		for name, text := range goodSite {
			site[name] = text
		}
		site["static/logo.txt"] = "x"
		for name, text := range site {
			if rel, ok := strings.CutPrefix(name, tt.link+"/"); ok {
				writeFiles(t, elsewhere, map[string]string{rel: text})
			} else {
				writeFiles(t, dir, map[string]string{name: text})
			}
		}
		if err := os.Symlink(elsewhere, filepath.Join(dir, tt.link)); err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		p, err := newPreview(build.Options{Site: os.DirFS(dir), Defaults: kehoach.Defaults(), NoSearch: true}, &stderr, false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.watch(dir); err != nil {
			t.Fatal(err)
		}
		if trusted := !strings.Contains(stderr.String(), "looks at every file"); trusted != tt.trusted {
			t.Errorf("%s/ a symlink: the watcher trusted %v, want %v (%q)", tt.link, trusted, tt.trusted, stderr.String())
		}
		p.close()
	}
}

// TestPreviewContentBecomesSymlink: a content/ replaced by a symlink while
// the preview runs is no longer trusted to the watcher, and what it holds
// is served.
func TestPreviewContentBecomesSymlink(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	writeFiles(t, dir, goodSite)
	writeFiles(t, elsewhere, map[string]string{"_index.md": "+++\ntitle = \"Trang chủ\"\n+++\nNơi khác.\n",
		"agencies/ban-a.md": goodSite["content/agencies/ban-a.md"]})
	var stderr syncBuffer
	p, err := newPreview(build.Options{Site: os.DirFS(dir), Defaults: kehoach.Defaults(), NoSearch: true}, &stderr, false)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	run, err := p.watch(dir)
	if err != nil {
		t.Fatal(err)
	}
	p.rebuild(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the message", func() bool { return strings.Contains(stderr.String(), "content/ is a symlink") })
	waitFor(t, "the linked content served", func() bool {
		rec := httptest.NewRecorder()
		p.live.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		return strings.Contains(rec.Body.String(), "Nơi khác.")
	})
}

// TestPreviewUnwatchedAtStart: a folder of content/ that cannot be read,
// and so not watched, is said at start, and the watcher is not trusted.
// Root reads every folder: this test runs only for another user.
func TestPreviewUnwatchedAtStart(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read every folder")
	}
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	private := filepath.Join(dir, "content", ".private")
	if err := os.Mkdir(private, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(private, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(private, 0o755)
	var stderr bytes.Buffer
	p, err := newPreview(build.Options{Site: os.DirFS(dir), Defaults: kehoach.Defaults(), NoSearch: true}, &stderr, false)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	if _, err := p.watch(dir); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), ".private") {
		t.Errorf("content/.private cannot be watched, but the preview trusts the watcher: %q", stderr.String())
	}
}

// TestServeBuiltAfterStart serves a built folder as a service does, runs
// kehoach build beside it with a new word, and searches for the word: the
// server opens the new build's index.
func TestServeBuiltAfterStart(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	base, stop := startServe(t, dir, "--watch=false")
	t.Cleanup(func() { stop() })
	waitFor(t, "the build", func() bool { return status(base+"api/search?q=xin") == http.StatusOK })
	if got := body(base + "api/search?q=khuyennong"); !strings.Contains(got, `"total":0`) {
		t.Fatalf("before the new build: %s", got)
	}
	writeFiles(t, dir, map[string]string{"content/tasks/ban-a/t01.md": "+++\nid = \"1\"\ntitle = \"Việc\"\nagency = \"ban-a\"\ndeadline = \"2022-Q4\"\n+++\nKhuyennong mới.\n"})
	mustBuild(t, dir)
	if got := body(base + "api/search?q=khuyennong"); !strings.Contains(got, `"total":1`) {
		t.Errorf("after the new build: %s", got)
	}
}

// TestServeBrokenKeepsLastBuild starts a service on a site broken since
// its last build: it serves that build and says why, where it used to
// exit and leave nginx nothing to proxy.
func TestServeBrokenKeepsLastBuild(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	mustBuild(t, dir)
	writeFiles(t, dir, map[string]string{"content/tasks/ban-a/t01.md": "+++\nid = \"1\"\ntitle = \"Việc\"\nagency = \"ban-b\"\ndeadline = \"2022-Q4\"\n+++\n"})
	base, stop := startServe(t, dir, "--watch=false")
	waitFor(t, "the last good build", func() bool { return status(base+"tasks/ban-a/t01.html") == http.StatusOK })
	if got := body(base + "tasks/ban-a/t01.html"); !strings.Contains(got, "Nội dung.") {
		t.Errorf("the task page is not the last good build's:\n%s", got)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exited %d", code)
	}

	// A folder kehoach did not build is not served, whatever it holds:
	// the build refuses to write into it, and serve fails.
	foreign := t.TempDir()
	writeFiles(t, foreign, map[string]string{"index.html": "<h1>other</h1>", ".env": "DB_PASSWORD=x"})
	if code, _, errOut := runCLI(t, "serve", "--source", dir, "--dest", foreign, "--watch=false", "--addr", "127.0.0.1:0", "--log=false"); code != 1 || !strings.Contains(errOut, "was not built by kehoach") {
		t.Errorf("serve into a foreign folder: exit %d, %q", code, errOut)
	}

	// With no build before, there is nothing to serve: serve fails.
	empty := t.TempDir()
	writeFiles(t, empty, goodSite)
	writeFiles(t, empty, map[string]string{"content/tasks/ban-a/t01.md": "+++\nid = \"1\"\n+++\n"})
	if code, _, errOut := runCLI(t, "serve", "--source", empty, "--watch=false", "--addr", "127.0.0.1:0", "--log=false"); code != 1 || !strings.Contains(errOut, "build failed") {
		t.Errorf("serve on a broken site never built: exit %d, %q", code, errOut)
	}
}

// TestServeBusyAddress starts serve on an address in use: it fails before
// it builds, leaving the folder another server serves as it was.
func TestServeBusyAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	code, _, errOut := runCLI(t, "serve", "--source", dir, "--watch=false", "--addr", ln.Addr().String(), "--log=false")
	if code != 1 || !strings.Contains(errOut, "address already in use") {
		t.Errorf("exit %d, %q; want 1 and the address in use", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("serve built the site before it found the address in use: %v", err)
	}
}

// TestSharedDigest: what pages share beside their HTML changes the digest,
// and what they only link to does not.
func TestSharedDigest(t *testing.T) {
	files := map[string][]byte{
		"index.html": []byte("<p>A</p>"), "js/states.js": []byte("a()"), "updates/2026/anh.png": []byte("png"),
		"updates/atom.xml": []byte("<feed/>"), "tasks.csv": []byte("Mã"), "search/data/index.js": []byte("x"), "calendar/ke-hoach.ics": []byte("BEGIN"),
	}
	with := func(name, data string) map[string][]byte {
		c := maps.Clone(files)
		c[name] = []byte(data)
		return c
	}
	base := sharedDigest(files)
	for name, changes := range map[string]bool{
		"js/states.js": true, "updates/2026/anh.png": true, "assets/site.1234.css": true,
		"index.html": false, "updates/atom.xml": false, "tasks.csv": false, "search/data/index.js": false, "calendar/ke-hoach.ics": false,
	} {
		if got := sharedDigest(with(name, "changed")) != base; got != changes {
			t.Errorf("a change of %s changes the digest: %v, want %v", name, got, changes)
		}
	}
}
