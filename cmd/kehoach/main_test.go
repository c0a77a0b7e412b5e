package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes files (slash paths → contents) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// mustBuild builds the site in dir into dir/public, as on 27/11/2026.
func mustBuild(t *testing.T, dir string) {
	t.Helper()
	if code, _, errOut := runCLI(t, "build", "--source", dir, "--now", "2026-11-27"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
}

var goodSite = map[string]string{
	"content/_index.md":          "+++\ntitle = \"Trang chủ\"\n+++\nXin chào.\n",
	"content/agencies/ban-a.md":  "+++\ntitle = \"Ban A\"\n+++\n",
	"content/tasks/ban-a/t01.md": "+++\nid = \"1\"\ntitle = \"Việc\"\nagency = \"ban-a\"\ndeadline = \"2022-Q4\"\n+++\nNội dung.\n",
}

func TestBuildWritesSite(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	code, out, errOut := runCLI(t, "build", "--source", dir, "--now", "2026-11-27")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	const want = "built 13 pages (27 files)"
	if !strings.HasPrefix(out, want) || !strings.Contains(out, "; offline search index ") || strings.Count(out, "\n") != 1 {
		t.Errorf("summary = %q, want one line starting %q and naming the offline search index", out, want)
	}
	for _, f := range []string{"index.html", "tasks/ban-a/t01.html", "sitemap.xml", "404.html", "api/search.js", "tasks.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, "public", f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

// TestBuildProfile checks that --cpuprofile writes a profile pprof reads: a
// gzip stream, written in whole once the build is done.
func TestBuildProfile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	code, _, errOut := runCLI(t, "build", "--source", dir, "--now", "2026-11-27", "--search=false", "--cpuprofile", prof)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the profile is not gzipped: %v", err)
	}
	if _, err := io.ReadAll(zr); err != nil {
		t.Errorf("the profile is cut short: %v", err)
	}
}

// TestFailedBuildKeepsOutput checks that a failed build leaves the previous
// output exactly as it was and reports every error with its position.
func TestFailedBuildKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	mustBuild(t, dir)
	before := snapshot(t, filepath.Join(dir, "public"))
	writeFiles(t, dir, map[string]string{
		"content/tasks/ban-a/t02.md": "+++\nid = \"2\"\ntitle = \"Sai\"\nagency = \"ban-x\"\ndeadline = \"2022-Q5\"\n+++\n",
		"content/agencies/ban-b.md":  "+++\ntitle = \"B\n+++\n",
	})
	code, out, errOut := runCLI(t, "build", "--source", dir, "--now", "2026-11-27")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
	want := []string{
		"content/agencies/ban-b.md:2:11: error: front matter (TOML): toml: basic strings cannot have new lines",
		`content/tasks/ban-a/t02.md:4: error: unknown agency "ban-x": no content/agencies/ban-x.md (did you mean "ban-a"?)`,
		`content/tasks/ban-a/t02.md:5: error: deadline: "2022-Q5" is not a deadline`,
		"kehoach build: build failed: 3 errors; the output was not changed",
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine") {
		t.Errorf("stderr has a stack trace:\n%s", errOut)
	}
	after := snapshot(t, filepath.Join(dir, "public"))
	if len(before) != len(after) {
		t.Fatalf("output had %d files, now %d", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed", name)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	foreign := t.TempDir()
	writeFiles(t, foreign, map[string]string{"notes.txt": "mine"})
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "Commands:"},
		{[]string{"bild"}, 2, `unknown command "bild"`},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"build", "--source", dir, "--now", "27/11/2026"}, 1, `--now "27/11/2026" is not a date`},
		{[]string{"build", "--source", filepath.Join(dir, "missing")}, 1, "is not a folder"},
		{[]string{"build", "--source", t.TempDir()}, 1, "content: error: no content/ folder"},
		{[]string{"build", "--source", dir, "--dest", dir}, 1, "holds the site folder"},
		{[]string{"build", "--source", dir, "--dest", filepath.Dir(dir)}, 1, "holds the site folder"},
		{[]string{"build", "--source", dir, "--dest", filepath.Join(dir, "content", "out")}, 1, "is inside content/"},
		{[]string{"build", "--source", dir, "--dest", filepath.Join(dir, "content")}, 1, "is inside content/"},
		{[]string{"build", "--source", dir, "--dest", foreign}, 1, "was not built by kehoach"},
		{[]string{"build", "--source", dir, "--base-url", "javascript:alert(1)"}, 1, `--base-url "javascript:alert(1)" is not an absolute http(s) URL`},
		{[]string{"build", "--source", dir, "--base-path", "kehoach/"}, 1, `--base-path "kehoach/" must be a path from the server's root, such as /kehoach/`},
		{[]string{"build", "--source", dir, "--cpuprofile", filepath.Join(dir, "missing", "cpu.prof")}, 1, "--cpuprofile: open "},
		{[]string{"build", "--source", dir, "--cpuprofile", filepath.Join(dir, "public", "cpu.prof")}, 1, "is inside the output folder"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("kehoach %v = exit %d, %q; want exit %d with %q", tt.args, code, errOut, tt.code, tt.msg)
		}
	}
}

func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestInterruptedBuild stops a build before it starts, as Ctrl+C would: it
// must say so, leave no temporary folder and no output.
func TestInterruptedBuild(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"build", "--source", dir, "--now", "2026-11-27"}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "build stopped") {
		t.Fatalf("exit %d, stderr %q; want 1 and \"build stopped\"", code, errb.String())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() == "public" || strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("an interrupted build left %s", e.Name())
		}
	}
}

// TestCheck prints every problem, errors and warnings sorted together, and
// writes nothing.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	if code, out, errOut := runCLI(t, "check", "--source", dir, "--now", "2026-11-27"); code != 0 || out != "" || errOut != "" {
		t.Fatalf("a clean site: exit %d, %q, %q; want 0 and nothing", code, out, errOut)
	}
	writeFiles(t, dir, map[string]string{
		"content/tasks/ban-a/t02.md": "+++\nid = \"2\"\ntitle = \"Sai\"\nagency = \"ban-x\"\ndeadline = \"ongoing\"\ncolour = \"đỏ\"\n+++\n![x](khong-co.png)\n",
		"content/guidance/g.md":      "+++\ntitle = \"G\"\nwieght = 1\n+++\nXem [mục](../plan/khong.md).\n",
		// A deadline that does not parse has its error, and no second word
		// about its deadline_text.
		"content/tasks/ban-a/t03.md": "+++\nid = \"3\"\ntitle = \"Hạn sai\"\nagency = \"ban-a\"\ndeadline = \"2026-02-30\"\ndeadline_text = \"Quý IV/2026\"\n+++\n",
	})
	code, out, errOut := runCLI(t, "check", "--source", dir, "--now", "2026-11-27")
	want := `content/guidance/g.md:3: warning: unknown key "wieght" is ignored (did you mean "weight"?)
content/guidance/g.md:5:5: error: link "../plan/khong.md" points to no page: no such content file
content/tasks/ban-a/t02.md:4: error: unknown agency "ban-x": no content/agencies/ban-x.md (did you mean "ban-a"?)
content/tasks/ban-a/t02.md:6: warning: unknown key "colour" is ignored
content/tasks/ban-a/t02.md:8:1: error: image "khong-co.png" not found: put the file beside the page in content/, or in static/
content/tasks/ban-a/t03.md:5: error: deadline: "2026-02-30" is not a deadline (want 2022-Q4, 2022-11, 2022-07-22, 2022, ongoing, conditional or programme)
`
	if code != 1 || out != want || !strings.Contains(errOut, "4 errors, 2 warnings") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr: %s\nwant exit 1 and\n%s", code, out, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("check wrote public/: %v", err)
	}
}

// TestBuildSkipsEditorFiles: the files an editor keeps beside the ones it
// edits, in static/ and layouts/, are neither published nor read as
// layouts (Emacs's lock is a dangling symlink).
func TestBuildSkipsEditorFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	writeFiles(t, dir, map[string]string{"static/site.js": "x", "static/site.js~": "b", "static/.site.js.swp": "s",
		"static/#site.js#": "a", "static/.htaccess": "kept", "layouts/task.html": "{{define \"main\"}}<p>Việc</p>{{end}}"})
	for _, lock := range []string{"static/.#site.js", "layouts/.#task.html"} {
		if err := os.Symlink("user@host.1234:1700000000", filepath.Join(dir, lock)); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errOut := runCLI(t, "build", "--source", dir, "--now", "2026-11-27"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for f, want := range map[string]bool{"site.js": true, ".htaccess": true, "site.js~": false, ".site.js.swp": false, "#site.js#": false, ".#site.js": false} {
		if _, err := os.Lstat(filepath.Join(dir, "public", f)); (err == nil) != want {
			t.Errorf("%s published: %v, want %v", f, err == nil, want)
		}
	}
}

// TestSearchLimit: a limit out of range is an error that says so, before
// the index is even opened.
func TestSearchLimit(t *testing.T) {
	for _, limit := range []string{"0", "101", "-1"} {
		code, out, errOut := runCLI(t, "search", "--source", t.TempDir(), "--limit", limit, "chi bộ")
		if code != 1 || out != "" || !strings.Contains(errOut, "--limit "+limit+": want a whole number from 1 to 100") {
			t.Errorf("--limit %s: exit %d, stdout %q, stderr %q; want 1 and the reason", limit, code, out, errOut)
		}
	}
}
