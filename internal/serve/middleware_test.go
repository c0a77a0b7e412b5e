package serve

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestProductionHeaders(t *testing.T) {
	dir := site(t, true)
	var logBuf bytes.Buffer
	h := Wrap(New(dir), Options{BasePath: "/kehoach/", Log: &logBuf})

	rec := get(t, h, "/kehoach/plan/index.html")
	if rec.Code != 200 && rec.Code != 301 {
		t.Fatalf("page: %d", rec.Code)
	}
	rec = get(t, h, "/kehoach/")
	for name, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
		"Cache-Control":           "no-cache",
		"ETag":                    `"`,
	} {
		if got := rec.Header().Get(name); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to contain %q", name, got, want)
		}
	}
	if strings.Contains(rec.Header().Get("Content-Security-Policy"), "unsafe-inline") {
		t.Error("the CSP allows inline scripts or styles")
	}
	if got := get(t, h, "/kehoach/assets/site.css").Header().Get("Cache-Control"); !strings.Contains(got, "immutable") {
		t.Errorf("assets: Cache-Control %q, want a long immutable lifetime", got)
	}
	if rec := get(t, h, "/kehoach"); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/kehoach/" {
		t.Errorf("/kehoach = %d to %q, want 301 to /kehoach/", rec.Code, rec.Header().Get("Location"))
	}
	if rec := get(t, h, "/index.html"); rec.Code != http.StatusNotFound {
		t.Errorf("outside the base path = %d, want 404", rec.Code)
	}
	if rec := get(t, h, "/kehoach/api/search?q=chi+bo"); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"total":1`) {
		t.Errorf("API under the base path = %d %s", rec.Code, rec.Body.String())
	}
	if rec := get(t, h, "/kehoach/healthz"); rec.Code != 200 || rec.Body.String() != "ok\n" {
		t.Errorf("healthz = %d %q", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logBuf.String(), "GET /kehoach/healthz 200 3 ") {
		t.Errorf("access log lacks the healthz line:\n%s", logBuf.String())
	}
}

func TestConditionalAndGzip(t *testing.T) {
	h := Wrap(New(site(t, false)), Options{})
	first := get(t, h, "/plan/")
	etag := first.Header().Get("ETag")
	req := httptest.NewRequest(http.MethodGet, "/plan/", nil)
	req.Header.Set("If-None-Match", etag)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("If-None-Match %s = %d with %d bytes, want 304 and no body", etag, rec.Code, rec.Body.Len())
	}

	req = httptest.NewRequest(http.MethodGet, "/plan/", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers %v, want gzip and Vary", rec.Header())
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(zr)
	if err != nil || string(body) != "<h1>Kế hoạch</h1>" {
		t.Errorf("gunzipped body %q, %v", body, err)
	}
	if etag := rec.Header().Get("ETag"); !strings.HasPrefix(etag, "W/") {
		t.Errorf("gzipped ETag %q, want a weak one", etag)
	}

	// HEAD tells what GET sends: gzip, no length, and no body; a handler
	// that writes its body on HEAD too (healthz) gives no plain length.
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, path := range []string{"/plan/", "/healthz"} {
		req, _ := http.NewRequest(http.MethodHead, srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		head, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		rest, _ := io.ReadAll(head.Body)
		head.Body.Close()
		if head.StatusCode != http.StatusOK || head.Header.Get("Content-Encoding") != "gzip" || head.Header.Get("Content-Length") != "" || len(rest) != 0 {
			t.Errorf("HEAD %s with gzip: %d, Content-Encoding %q, Content-Length %q, %d bytes of body; want 200, gzip, none and none",
				path, head.StatusCode, head.Header.Get("Content-Encoding"), head.Header.Get("Content-Length"), len(rest))
		}
	}
}

// TestLimits checks that oversized headers are refused and that a client
// that sends its request too slowly is cut off.
func TestLimits(t *testing.T) {
	srv := NewServer(Wrap(New(site(t, false)), Options{}))
	srv.ReadHeaderTimeout = 300 * time.Millisecond // the real one is 10 s
	ts := httptest.NewUnstartedServer(srv.Handler)
	ts.Config = srv
	ts.Start()
	defer ts.Close()

	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("a", 64<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("64 KiB of headers = %d, want 431", resp.StatusCode)
	}

	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n")); err != nil { // never finished
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	_, err = bufio.NewReader(conn).ReadString('\n')
	if err == nil && time.Since(start) > 4*time.Second {
		t.Error("a slow client held the connection")
	}
	if time.Since(start) > 4*time.Second {
		t.Errorf("the server waited %s for a slow client", time.Since(start))
	}
}

// TestShutdownFinishesRequests starts a request, shuts the server down
// while it is in flight, and checks that it still completes.
func TestShutdownFinishesRequests(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		_, _ = w.Write([]byte("done"))
	})
	srv := NewServer(slow)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- string(b)
	}()
	<-started
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(t.Context()) }()
	time.Sleep(100 * time.Millisecond)
	close(release)
	if err := <-shut; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if body := <-got; body != "done" {
		t.Errorf("the request in flight got %q, want done", body)
	}
}

// TestGzipReuse sends many compressed requests for different files at once:
// every answer, written by a reused gzip writer, unpacks to its own file.
func TestGzipReuse(t *testing.T) {
	h := Wrap(New(site(t, false)), Options{})
	want := map[string]string{"/": "<h1>Trang chủ</h1>", "/plan/": "<h1>Kế hoạch</h1>", "/tasks/ban-a/t01.html": "<h1>Nhiệm vụ</h1>", "/assets/site.css": "body{}"}
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Go(func() {
			for path, body := range want {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				zr, err := gzip.NewReader(rec.Body)
				if err != nil {
					t.Errorf("request %d %s: %v", i, path, err)
					return
				}
				got, err := io.ReadAll(zr)
				if err != nil || string(got) != body {
					t.Errorf("request %d %s: %q, %v; want %q", i, path, got, err, body)
				}
			}
		})
	}
	wg.Wait()
}
