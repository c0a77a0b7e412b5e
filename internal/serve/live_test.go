package serve

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach/internal/output"
)

// memSite is a build in memory whose pages are made when asked for.
func memSite(pages map[string]func() ([]byte, error)) *Handler {
	return NewFS(output.NewMemory().FS(time.Time{}, pages), nil)
}

func page(html string) func() ([]byte, error) {
	return func() ([]byte, error) { return []byte(html), nil }
}

// TestLiveUnconfirmed publishes a build before its pages are known to
// render: a page of it that fails is answered from the last confirmed
// build, and Reject takes the build back.
func TestLiveUnconfirmed(t *testing.T) {
	live := NewLive()
	srv := httptest.NewServer(live)
	defer srv.Close()
	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	good := memSite(map[string]func() ([]byte, error){
		"a.html": page("<body>A cũ</body>"), "b.html": page("<body>B cũ</body>"),
		"index.html": page("<body>Trang chủ cũ</body>"), "tasks/index.html": page("<body>Nhiệm vụ cũ</body>")})
	live.Publish(good, true)
	live.Confirm(good)
	fails := func() ([]byte, error) { return nil, errors.New("layout failed") }
	broken := memSite(map[string]func() ([]byte, error){
		"a.html": page("<body>A mới</body>"), "b.html": fails, "index.html": fails, "tasks/index.html": fails,
	})
	live.Publish(broken, true)
	if code, body := get("/a.html"); code != http.StatusOK || !strings.Contains(body, "A mới") {
		t.Errorf("a page of the new build that renders: %d %q", code, body)
	}
	for path, want := range map[string]string{"/b.html": "B cũ", "/": "Trang chủ cũ", "/tasks/": "Nhiệm vụ cũ", "/tasks/index.html": "Nhiệm vụ cũ"} {
		if code, body := get(path); code != http.StatusOK || !strings.Contains(body, want) || !strings.Contains(body, "live.js") {
			t.Errorf("%s, which fails in the new build: %d %q, want the last good page, with the live script", path, code, body)
		}
	}
	live.Reject(broken, "layouts/task.html:1: layout failed")
	if code, body := get("/a.html"); code != http.StatusOK || !strings.Contains(body, "A cũ") {
		t.Errorf("after Reject: %d %q, want the last good build", code, body)
	}

	first := NewLive() // no good build yet: nothing to fall back on
	first.Reject(nil, "x")
	srv2 := httptest.NewServer(first)
	defer srv2.Close()
	resp, err := http.Get(srv2.URL + "/tasks/a.html")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), `<script src="../_kehoach/live.js"`) {
		t.Errorf("before any good build: %d %q, want 503 with the live script, which reloads the page once a build succeeds", resp.StatusCode, b)
	}
	fresh := memSite(map[string]func() ([]byte, error){"b.html": func() ([]byte, error) { return nil, errors.New("layout failed") }})
	first.Publish(fresh, true)
	resp, err = http.Get(srv2.URL + "/b.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("a failing page with no good build to fall back on: %d, want 500", resp.StatusCode)
	}
}

// TestLiveEventsThroughProxy reads the event stream as a proxy does: it
// asks nginx not to buffer it, and a quiet stream still sends a comment
// now and then, before nginx's 60 s read timeout would close it.
func TestLiveEventsThroughProxy(t *testing.T) {
	live := NewLive()
	live.ping = 20 * time.Millisecond
	srv := httptest.NewServer(live)
	defer srv.Close()
	defer live.Stop()
	resp, err := http.Get(srv.URL + liveEvents)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if got := resp.Header.Get("X-Accel-Buffering"); got != "no" {
		t.Errorf("X-Accel-Buffering: %q, want no", got)
	}
	buf := make([]byte, 256)
	var read strings.Builder
	for !strings.Contains(read.String(), ": ping\n\n") {
		n, err := resp.Body.Read(buf)
		if err != nil {
			t.Fatalf("the stream ended before a ping: %v (read %q)", err, read.String())
		}
		read.Write(buf[:n])
	}
}

// TestLiveEventsOrder reads what pages are told of each build, in order: a
// build whose pages alone changed ("pages": each page reloads if its HTML
// did), one that changed what pages share ("all"), each clearing the errors
// shown before; and a build taken back, whose errors come before the
// reload of the pages that loaded it, served under a number of their own.
func TestLiveEventsOrder(t *testing.T) {
	live := NewLive()
	srv := httptest.NewServer(live)
	defer srv.Close()
	defer live.Stop()
	good := memSite(map[string]func() ([]byte, error){"a.html": page("<body>A</body>")})
	live.Publish(good, true)
	live.Confirm(good)
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(srv.URL + liveEvents)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	number := func() string {
		r, err := http.Get(srv.URL + "/a.html")
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		_, n, _ := strings.Cut(string(b), `data-kehoach-build="`)
		n, _, _ = strings.Cut(n, `"`)
		return n
	}
	if n := number(); n != "1" {
		t.Errorf("the first build's page carries number %q, want 1", n)
	}
	next := memSite(map[string]func() ([]byte, error){"a.html": page("<body>A mới</body>")})
	live.Publish(next, false)
	live.Publish(good, true)
	broken := memSite(map[string]func() ([]byte, error){"a.html": page("<body>A hỏng</body>")})
	live.Publish(broken, false)
	live.Reject(broken, "layouts/task.html:1: hỏng")
	if n := number(); n != "5" {
		t.Errorf("the last good build served again carries number %q, want 5, a number of its own", n)
	}
	want := "retry: 500\n\n" +
		"event: failed\ndata: \"\"\n\nevent: reload\ndata: pages\n\n" +
		"event: failed\ndata: \"\"\n\nevent: reload\ndata: all\n\n" +
		"event: failed\ndata: \"\"\n\nevent: reload\ndata: pages\n\n" +
		"event: failed\ndata: \"layouts/task.html:1: hỏng\"\n\nevent: reload\ndata: pages\n\n"
	buf := make([]byte, 1024)
	var read strings.Builder
	for read.Len() < len(want) {
		n, err := resp.Body.Read(buf)
		if err != nil {
			t.Fatalf("the stream ended: %v (read %q)", err, read.String())
		}
		read.Write(buf[:n])
	}
	if read.String() != want {
		t.Errorf("the pages were told\n%q\nwant\n%q", read.String(), want)
	}
}

// TestLiveEventsBuildBetween opens the event stream of a page served by a
// build before the one served now: a build came between the page and its
// stream, and the stream tells it at once to read itself again.
func TestLiveEventsBuildBetween(t *testing.T) {
	live := NewLive()
	srv := httptest.NewServer(live)
	defer srv.Close()
	defer live.Stop()
	site := memSite(map[string]func() ([]byte, error){"a.html": page("<body>A</body>")})
	live.Publish(site, true)
	live.Publish(site, false) // build 2
	client := &http.Client{Timeout: 10 * time.Second}
	for page, want := range map[string]string{"1": "retry: 500\n\nevent: reload\ndata: pages\n\n", "2": "retry: 500\n\n"} {
		resp, err := client.Get(srv.URL + liveEvents + "?build=" + page)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 256)
		n, err := io.ReadAtLeast(resp.Body, buf, len(want))
		resp.Body.Close()
		if err != nil || string(buf[:n]) != want {
			t.Errorf("a page of build %s, build 2 served: the stream opens with %q (%v), want %q", page, buf[:n], err, want)
		}
	}
}

// onePage serves a preview of a build of one page, a.html.
func onePage(t *testing.T) *httptest.Server {
	live := NewLive()
	site := memSite(map[string]func() ([]byte, error){"a.html": page("<html><body>Trang A, đủ dài để thấy độ dài.</body></html>")})
	live.Publish(site, true)
	live.Confirm(site)
	srv := httptest.NewServer(live)
	t.Cleanup(srv.Close)
	return srv
}

// TestLiveHead asks for a page with HEAD: its length is that of the page
// GET sends, live script included, and no body comes with it.
func TestLiveHead(t *testing.T) {
	srv := onePage(t)
	resp, err := http.Get(srv.URL + "/a.html")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	head, err := http.Head(srv.URL + "/a.html")
	if err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(head.Body)
	head.Body.Close()
	if head.StatusCode != http.StatusOK || head.ContentLength != int64(len(body)) || len(rest) != 0 {
		t.Errorf("HEAD: %d, Content-Length %d, %d bytes of body; want 200, %d (GET's length) and none", head.StatusCode, head.ContentLength, len(rest), len(body))
	}
}

// TestLiveRange asks for part of a page: the preview sends it whole, with
// its live script, as a range of the page would cut the script off.
func TestLiveRange(t *testing.T) {
	srv := onePage(t)
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/a.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Range", "bytes=0-9")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Range") != "" || !strings.Contains(string(body), "live.js") || resp.ContentLength != int64(len(body)) {
		t.Errorf("a range of a page: %d, Content-Range %q, %d bytes (Content-Length %d): %q; want 200 and the whole page with its script",
			resp.StatusCode, resp.Header.Get("Content-Range"), len(body), resp.ContentLength, body)
	}
	if got := resp.Header.Get("Accept-Ranges"); got != "" {
		t.Errorf("a page offers Accept-Ranges %q, and would send a range whole", got)
	}
}
