package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestBuildSingleFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	out := filepath.Join(t.TempDir(), "ke-hoach.html")
	code, stdout, errOut := runCLI(t, "build", "--source", dir, "--now", "2026-11-27", "--single-file", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	line := regexp.MustCompile(`^built \d+ pages into .*ke-hoach\.html \(\d+ KB\) in \S+\n$`)
	if !line.MatchString(stdout) {
		t.Errorf("summary = %q, want one line \"built N pages into OUT (N KB) in T\"", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<section id="tasks/ban-a/t01.html"`, `data-single="1"`, "KehoachSearch"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the file lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("--single-file wrote public/: %v", err)
	}
	assertOnlyFile(t, out)
}

// TestSingleFileKeepsPrevious checks that a failed build, or a build that
// cannot be bundled, leaves the previous file as it was, and no temporary
// file.
func TestSingleFileKeepsPrevious(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		msg   string
	}{
		{"broken content", map[string]string{"content/agencies/ban-b.md": "+++\ntitle = \"B\n+++\n"},
			"content/agencies/ban-b.md:2:11: error:"},
		{"no search form", map[string]string{"layouts/search.html": "{{define \"main\"}}<p>Không có.</p>{{end}}\n"},
			`search/index.html: no element with id "search-form"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, goodSite)
			writeFiles(t, dir, tt.files)
			out := filepath.Join(t.TempDir(), "ke-hoach.html")
			if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, errOut := runCLI(t, "build", "--source", dir, "--now", "2026-11-27", "--single-file", out)
			if code != 1 || stdout != "" || !strings.Contains(errOut, tt.msg) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 1, nothing and %q", code, stdout, errOut, tt.msg)
			}
			if data, _ := os.ReadFile(out); string(data) != "old" {
				t.Errorf("the previous file became %q", data)
			}
			assertOnlyFile(t, out)
		})
	}
}

func TestSingleFileUsage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, goodSite)
	out := filepath.Join(t.TempDir(), "ke-hoach.html")
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"--dest", filepath.Join(dir, "out")}, "--dest and --single-file exclude each other"},
		{[]string{"--search=false"}, "--single-file needs the search index"},
		{[]string{"--now", "2026-13-01"}, `--now "2026-13-01" is not a date`},
	}
	for _, tt := range tests {
		args := append([]string{"build", "--source", dir, "--single-file", out}, tt.args...)
		code, _, errOut := runCLI(t, args...)
		if code != 1 || !strings.Contains(errOut, tt.msg) {
			t.Errorf("kehoach %v = exit %d, %q; want 1 with %q", args, code, errOut, tt.msg)
		}
	}
	code, _, errOut := runCLI(t, "build", "--source", dir, "--single-file", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "is a folder, not a file") {
		t.Errorf("a folder as --single-file: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused command wrote %s", out)
	}
}

// TestWriteAtomic checks that a file that cannot be written leaves nothing
// behind, and that a written file replaces the previous one whole.
func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.html")
	for _, data := range []string{"one", "two"} {
		if err := writeAtomic(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(name); string(got) != data {
			t.Errorf("%s holds %q, want %q", name, got, data)
		}
	}
	assertOnlyFile(t, name)
	if err := writeAtomic(filepath.Join(dir, "missing", "a.html"), []byte("x")); err == nil ||
		!strings.Contains(err.Error(), "writing "+filepath.Join(dir, "missing", "a.html")) {
		t.Errorf("writing into a missing folder: %v", err)
	}
}

// assertOnlyFile fails when name's folder holds anything but name.
func assertOnlyFile(t *testing.T, name string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(name))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(name) {
			t.Errorf("%s left beside %s", e.Name(), filepath.Base(name))
		}
	}
}
