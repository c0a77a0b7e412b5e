package serve

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/search"
)

// site writes a small built site with a search index into a folder.
func site(t *testing.T, withIndex bool) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{
		"index.html":           "<h1>Trang chủ</h1>",
		"plan/index.html":      "<h1>Kế hoạch</h1>",
		"assets/site.css":      "body{}",
		"tasks/ban-a/t01.html": "<h1>Nhiệm vụ</h1>",
		"empty/readme.txt":     "no index here",
		"calendar/a.ics":       "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"tasks.csv":            "\ufeffMã\r\n",
		"tasks.xlsx":           "PK\x03\x04",
		"404.html": `<!doctype html><html lang="vi"><head><link rel="stylesheet" href="assets/site.css"><link rel="icon" href="data:,"></head>` +
			`<body><form action="search/index.html"><input name="q"></form><a href="#_noi-dung">Bỏ qua</a>` +
			`<h1 id="_noi-dung">Không tìm thấy trang</h1><a href="plan/index.html">Đọc Kế hoạch</a></body></html>`,
		search.APIScript:        string(search.APIScriptData(false)), // as the build writes it
		"../outside-secret.txt": "secret",
	} {
		full := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if withIndex {
		docs := []search.Document{{ID: "t", URL: "tasks/ban-a/t01.html", Title: "Nhiệm vụ chi bộ bốn tốt", Kind: "task",
			Agencies: []string{"ban-a"}, Text: "Hướng dẫn mô hình chi bộ bốn tốt."}}
		if err := search.Write(context.Background(), filepath.Join(dir, search.Dir), docs, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func TestSearchAPI(t *testing.T) {
	dir := site(t, true)
	h := New(dir)
	defer h.Close()
	tests := []struct {
		target string
		code   int
		want   string
	}{
		{"/api/search?q=chi+bo+bon+tot", 200, `"url":"tasks/ban-a/t01.html"`},
		{"/api/search?q=chi%20b%E1%BB%99&kind=task&agency=ban-a&limit=5", 200, `"total":1`},
		{"/api/search?q=", 200, `"hits":[]`},
		{"/api/search", 200, `"total":0`},
		{"/api/search?q=%22unbalanced", 200, `"hits":[]`},
		{"/api/search?q=kind:task%20title:x", 200, `"hits":`},
		{"/api/search?q=%FF%FE%00", 200, `"hits":`},
		{"/api/search?q=a&limit=x", 400, `{"error":"limit must be a whole number from 1 to 100"}`},
		{"/api/search?q=a&limit=0", 400, `{"error":"limit must be a whole number from 1 to 100"}`},
		{"/api/search?q=%zz", 400, `{"error":"malformed query string: invalid URL escape \"%zz\""}`},
		{"/api/search?q=a&kind=tasks", 400, `"error":"bad query: unknown kind \"tasks\" (want plan, guidance, task, agency, update or page)"`},
		{"/api/search?q=a&limit=1000", 400, `"error":"bad query: limit must be between 1 and 100"`},
		{"/api/search?q=" + strings.Repeat("x", 10000), 400, `"error":"bad query: the query is longer than 1000 bytes"`},
	}
	for _, tt := range tests {
		rec := get(t, h, tt.target)
		body := rec.Body.String()
		if rec.Code != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("GET %.60s = %d %s; want %d with %s", tt.target, rec.Code, body, tt.code, tt.want)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("GET %.60s: Content-Type %q", tt.target, ct)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Errorf("GET %.60s: invalid JSON %s", tt.target, body)
		}
	}
	// The index itself is the server's: it answers through the API only.
	files, err := fs.Glob(os.DirFS(dir), search.Dir+"/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("the index's files: %v, %v", files, err)
	}
	for _, target := range append([]string{"/" + search.Dir + "/", "/" + search.Dir}, "/"+files[0]) {
		if rec := get(t, h, target); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", target, rec.Code)
		}
	}
}

func TestSearchAPIWithoutIndex(t *testing.T) {
	h := New(site(t, false))
	rec := get(t, h, "/api/search?q=a")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "run kehoach build") {
		t.Errorf("= %d %s; want 503 saying to run kehoach build", rec.Code, rec.Body.String())
	}
}

// TestAPIScript checks the script that tells the search page whether to
// ask the API: kehoach serve says yes when it has an index to answer from,
// and leaves the built file's no otherwise.
func TestAPIScript(t *testing.T) {
	for _, withIndex := range []bool{true, false} {
		h := New(site(t, withIndex))
		rec := get(t, h, "/"+search.APIScript)
		want := string(search.APIScriptData(withIndex))
		if rec.Code != http.StatusOK || rec.Body.String() != want {
			t.Errorf("with index %v: GET %s = %d %q, want %q", withIndex, search.APIScript, rec.Code, rec.Body.String(), want)
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
			t.Errorf("with index %v: Content-Type %q", withIndex, ct)
		}
		_ = h.Close()
	}
}

func TestFiles(t *testing.T) {
	h := New(site(t, false))
	tests := []struct {
		target string
		code   int
	}{
		{"/", 200},
		{"/plan/", 200},
		{"/tasks/ban-a/t01.html", 200},
		{"/empty/", 404}, // no listing of a folder without index.html
		{"/tasks/ban-a/", 404},
		{"/../outside-secret.txt", 404},
		{"/%2e%2e/outside-secret.txt", 404},
		{"/plan/..%2f..%2foutside-secret.txt", 404},
		{"/nope.html", 404},
		// The site's links name index.html: answered, not redirected.
		{"/index.html", 200},
		{"/plan/index.html", 200},
	}
	for _, tt := range tests {
		rec := get(t, h, tt.target)
		if rec.Code != tt.code {
			t.Errorf("GET %s = %d, want %d", tt.target, rec.Code, tt.code)
		}
		if strings.Contains(rec.Body.String(), "secret") {
			t.Errorf("GET %s leaked a file outside the site", tt.target)
		}
	}
	// The downloads have their types whatever the system's mime.types.
	for target, want := range map[string]string{
		"/calendar/a.ics": "text/calendar; charset=utf-8",
		"/tasks.csv":      "text/csv; charset=utf-8",
		"/tasks.xlsx":     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	} {
		if got := get(t, h, target).Header().Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", target, got, want)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/index.html", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d, want 405", rec.Code)
	}
}

// TestNotFoundPage checks that a missing page gets the site's own 404.html,
// its links leading from the folder of the address asked for.
func TestNotFoundPage(t *testing.T) {
	h := New(site(t, false))
	for target, root := range map[string]string{"/nope.html": "", "/tasks/nope/x.html": "../../", "/plan/x/": "../../", "/plan/x": "../",
		"/index.html/x": "../"} {
		rec := get(t, h, target)
		body := rec.Body.String()
		if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			t.Errorf("GET %s = %d %s, want 404 text/html", target, rec.Code, rec.Header().Get("Content-Type"))
		}
		for _, want := range []string{"Không tìm thấy trang", `href="` + root + `assets/site.css"`, `href="` + root + `plan/index.html"`,
			`action="` + root + `search/index.html"`,
			`href="#_noi-dung"`, `href="data:,"`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: the page lacks %s:\n%s", target, want, body)
			}
		}
	}
}

// TestDamagedIndex cuts the record store short: the API must say the index
// is damaged and to rebuild, not fail each query.
func TestDamagedIndex(t *testing.T) {
	dir := site(t, true)
	store := filepath.Join(dir, search.Dir, "docs.bin")
	data, err := os.ReadFile(store)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(store, data[:len(data)-3], 0o644); err != nil {
		t.Fatal(err)
	}
	h := New(dir)
	rec := get(t, h, "/api/search?q=chi+bo")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "damaged") || !strings.Contains(rec.Body.String(), "run kehoach build") {
		t.Errorf("= %d %s; want 503 saying the index is damaged and to run kehoach build", rec.Code, rec.Body.String())
	}
}
