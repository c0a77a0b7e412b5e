package build

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/output"
)

var update = flag.Bool("update", false, "rewrite golden files")

var testNow = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// writeSite writes the files of a txtar archive into a new folder. A file
// named "symlinks" holds lines "link -> target" to create as symlinks; the
// sections "errors", "contains" and "absent" are expectations, not files.
func writeSite(t *testing.T, ar *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range ar.Files {
		switch f.Name {
		case "errors", "contains", "absent", "warnings":
			continue
		case "symlinks":
			for _, line := range lines(f.Data) {
				link, target, _ := strings.Cut(line, " -> ")
				full := filepath.Join(dir, link)
				must(t, os.MkdirAll(filepath.Dir(full), 0o755))
				must(t, os.Symlink(target, full))
			}
			continue
		}
		full := filepath.Join(dir, f.Name)
		must(t, os.MkdirAll(filepath.Dir(full), 0o755))
		must(t, os.WriteFile(full, unescape(f.Data), 0o644))
	}
	return dir
}

// unescape lets fixtures hold bytes txtar cannot: \xNN, \r and \uFEFF.
func unescape(b []byte) []byte {
	s := string(b)
	s = strings.ReplaceAll(s, `\r`, "\r")
	s = strings.ReplaceAll(s, `\uFEFF`, "\uFEFF")
	for {
		i := strings.Index(s, `\x`)
		if i < 0 || i+4 > len(s) {
			break
		}
		var v byte
		for _, c := range s[i+2 : i+4] {
			v = v*16 + hexVal(c)
		}
		s = s[:i] + string([]byte{v}) + s[i+4:]
	}
	return []byte(s)
}

func hexVal(c rune) byte {
	switch {
	case c >= '0' && c <= '9':
		return byte(c - '0')
	case c >= 'a' && c <= 'f':
		return byte(c - 'a' + 10)
	}
	return byte(c - 'A' + 10)
}

func buildDir(t *testing.T, dir string, opt Options) (*Result, *output.Memory, error) {
	t.Helper()
	opt.Site = os.DirFS(dir)
	opt.Defaults = kehoach.Defaults()
	if opt.Now.IsZero() {
		opt.Now = testNow
	}
	mem := output.NewMemory()
	res, err := Build(opt, mem)
	return res, mem, err
}

// TestSites builds every testdata/sites/*.txtar and checks its expectations.
func TestSites(t *testing.T) {
	paths, err := filepath.Glob("testdata/sites/*.txtar")
	must(t, err)
	if len(paths) == 0 {
		t.Fatal("no fixtures")
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(p)
			must(t, err)
			res, mem, err := buildDir(t, writeSite(t, ar), Options{})
			checkSite(t, ar, res, mem, err)
		})
	}
}

func checkSite(t *testing.T, ar *txtar.Archive, res *Result, mem *output.Memory, err error) {
	t.Helper()
	want := archiveSection(ar, "errors")
	got := ""
	if err != nil {
		got = err.Error() + "\n"
	}
	if got != want {
		t.Fatalf("errors:\n got: %q\nwant: %q", got, want)
	}
	if w := archiveSection(ar, "warnings"); w != "" {
		var b strings.Builder
		if res != nil {
			for _, e := range res.Warnings {
				b.WriteString(e.Error() + "\n")
			}
		}
		if b.String() != w {
			t.Errorf("warnings:\n got: %q\nwant: %q", b.String(), w)
		}
	}
	if err != nil {
		return // the caller discards the sink; cmd/kehoach tests that the output is untouched
	}
	files := mem.Files()
	for _, line := range lines([]byte(archiveSection(ar, "contains"))) {
		name, sub, _ := strings.Cut(line, ": ")
		data, ok := files[name]
		if !ok {
			t.Errorf("no output file %s", name)
			continue
		}
		if !bytes.Contains(data, []byte(sub)) {
			t.Errorf("%s lacks %q", name, sub)
		}
	}
	for _, line := range lines([]byte(archiveSection(ar, "absent"))) {
		name, sub, hasSub := strings.Cut(line, ": ")
		data, ok := files[name]
		switch {
		case !hasSub && ok:
			t.Errorf("output file %s should not exist", name)
		case hasSub && ok && bytes.Contains(data, []byte(sub)):
			t.Errorf("%s contains %q", name, sub)
		}
	}
}

func archiveSection(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

func lines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestEmptyDraft builds a draft with no text yet with --drafts: it is not
// told to become a draft, which it is (update-empty.txtar has the rest).
func TestEmptyDraft(t *testing.T) {
	ar := txtar.Parse([]byte("-- content/_index.md --\n+++\ntitle = \"T\"\n+++\n" +
		"-- content/updates/2026/a.md --\n+++\ntitle = \"Tin nháp\"\ndate = 2026-11-20\ndraft = true\n+++\n"))
	res, _, err := buildDir(t, writeSite(t, ar), Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "no text") {
			t.Errorf("a draft with no text, built with drafts: %v", w)
		}
	}
}

// TestPreviewWarnsOfDraftLinks builds with --drafts, as the preview does, a
// published update that links to a draft, and a draft that links to
// another: the first is warned of, since publishing it would fail.
func TestPreviewWarnsOfDraftLinks(t *testing.T) {
	ar := txtar.Parse([]byte("-- content/_index.md --\n+++\ntitle = \"T\"\n+++\n" +
		"-- content/updates/2026/nhap.md --\n+++\ntitle = \"Tin nháp\"\ndate = 2026-11-20\ndraft = true\n+++\nXem [tin sau](sau.md).\n" +
		"-- content/updates/2026/sau.md --\n+++\ntitle = \"Tin sau\"\ndate = 2026-12-20\n+++\nNội dung.\n" +
		"-- content/updates/2026/da-dang.md --\n+++\ntitle = \"Tin đã đăng\"\ndate = 2026-11-21\n+++\nTheo [tin nháp](nhap.md) và [địa chỉ của nó](/updates/2026/nhap.html).\n"))
	res, _, err := buildDir(t, writeSite(t, ar), Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "not published yet") {
			got = append(got, w.Error())
		}
	}
	want := []string{
		`content/updates/2026/da-dang.md:5:6: link "nhap.md": content/updates/2026/nhap.md is not published yet (a draft, or dated after today), and publishing this page fails until it is: remove the link, or publish both`,
		`content/updates/2026/da-dang.md:5:29: link "/updates/2026/nhap.html": content/updates/2026/nhap.md is not published yet (a draft, or dated after today), and publishing this page fails until it is: remove the link, or publish both`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings %q, want %q", got, want)
	}
}
