package markdown

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// autolinkPage asks for everything a build asks of a body: numbered
// anchors, sections, document links, checked links and images.
var autolinkPage = Page{
	Numeral:  "V",
	Sections: true,
	DocLink:  func(slug string) string { return "../documents/" + slug + ".html" },
	Link:     func(dest string, _ int) (string, bool) { return dest, !strings.Contains(dest, "missing") },
	Image:    func(src string) (string, bool) { return src, true },
}

// sameWithoutLinkify fails t when src, which holds nothing Linkify could
// link, renders differently with GFM whole and without its autolinks.
func sameWithoutLinkify(t *testing.T, r *Renderer, name string, src []byte) {
	t.Helper()
	whole, err := r.render(src, autolinkPage, r.md)
	if err != nil {
		t.Fatal(err)
	}
	unlinked, err := r.render(src, autolinkPage, r.unlinked)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(trimLineEnds(whole), trimLineEnds(unlinked)); diff != "" {
		t.Fatalf("%s renders differently without Linkify (-with, +without):\n%s", name, diff)
	}
}

var (
	lineEndBlanks = regexp.MustCompile(`[ \t]+(<br>)?\n`) // blanks before a line break
	blankRuns     = regexp.MustCompile(`[ \t]+`)
)

// trimLineEnds drops the blanks before line breaks in res's HTML, and
// makes each run of blanks in its sections' text (which search splits into
// words) one space. CommonMark drops them at a line break; with Linkify,
// goldmark keeps one where it tried a space for a link: "a \t\nb" gives
// "<p>a \nb</p>", and "a    \nb" "<p>a <br>\nb</p>", which a browser
// shows the same.
func trimLineEnds(res Result) Result {
	res.HTML = lineEndBlanks.ReplaceAllString(res.HTML, "$1\n")
	res.Sections = slices.Clone(res.Sections)
	for i := range res.Sections {
		res.Sections[i].Text = blankRuns.ReplaceAllString(res.Sections[i].Text, " ")
	}
	return res
}

// TestUnlinkedRendersTheSame renders the plan's own content, which holds
// no autolink, and bodies made to stress GFM's inline parsers, with and
// without Linkify: every result must be the same.
func TestUnlinkedRendersTheSame(t *testing.T) {
	r := New(Options{HighlightStyle: "github"})
	bodies := map[string]string{
		"emphasis and strikes": "*một* _hai_ ~~ba~~ (bốn) **năm** ~sáu~ ( bảy ) x*y*z\n",
		"citations":            "Theo Nghị quyết số 21-NQ/TW (thay cho 29-QĐ/TU), *21-NQ/TW* và (21-NQ/TW).\n",
		"tables and lists":     "| a | b |\n| - | - |\n| *x* | (y) |\n\n- [ ] việc\n- [x] xong\n\n1. Một\n2. Hai\n",
		"footnotes and code":   "Chú thích[^1] và `mã (x)`.\n\n[^1]: Ghi *chú*.\n\n```go\nx := (1)\n```\n",
		"links and images":     "[trang](../plan/04.md#iv-1) ![ảnh](a.png) [mất](missing.md) <b>thô</b>\n",
		"headings":             "## 1. Củng cố _tổ chức_\n\n### 1.1. (Đổi mới)\n\nĐoạn ~văn~.\n",
	}
	for name, src := range bodies {
		if mayAutolink([]byte(src)) {
			t.Fatalf("%s: the body holds an autolink start: not a test of bodies without", name)
		}
		sameWithoutLinkify(t, r, name, []byte(src))
	}
	files := 0
	err := filepath.WalkDir(filepath.Join("..", "..", "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !mayAutolink(src) {
			sameWithoutLinkify(t, r, p, src)
			files++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 40 {
		t.Errorf("only %d content files without an autolink start compared", files)
	}
}

// TestAutolinks checks that bodies with an autolink are rendered with
// Linkify, which links them, and that Linkify is what links them (so that
// the comparisons above can see it).
func TestAutolinks(t *testing.T) {
	r := New(Options{HighlightStyle: "github"})
	for _, tt := range []struct{ src, want string }{
		{"Xem www.example.vn nhé.", `<a href="http://www.example.vn">www.example.vn</a>`},
		{"Xem https://example.vn/a nhé.", `<a href="https://example.vn/a">https://example.vn/a</a>`},
		{"Xem http://example.vn nhé.", `<a href="http://example.vn">http://example.vn</a>`},
		{"Xem ftp://example.vn nhé.", `<a href="ftp://example.vn">ftp://example.vn</a>`},
		{"Gửi vanphong@example.vn nhé.", `<a href="mailto:vanphong@example.vn">vanphong@example.vn</a>`},
	} {
		res, err := r.Render([]byte(tt.src), Page{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.HTML, tt.want) {
			t.Errorf("Render(%q) = %q, want %s", tt.src, res.HTML, tt.want)
		}
		unlinked, err := r.render([]byte(tt.src), Page{}, r.unlinked)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(unlinked.HTML, "<a ") {
			t.Errorf("without Linkify, %q is linked: %q", tt.src, unlinked.HTML)
		}
	}
}

// holdsAutolinkStart is what mayAutolink reports, the plain way.
func holdsAutolinkStart(src string) bool {
	for _, s := range []string{"@", "www.", "http:", "https:", "ftp:"} {
		if strings.Contains(src, s) {
			return true
		}
	}
	return false
}

func TestMayAutolink(t *testing.T) {
	for _, src := range []string{"", "@", "a@b", ":", ".", "www.", "ww.", "www:", "http:", "https:", "ftp:", "htp:", "ttps:",
		"xhttp:", "tp:", "đi www.x", "trang http", "a: b. c", "wwww.", "phttps:", "Số 21-NQ/TW: về việc…", "HTTP://X.VN"} {
		if got, want := mayAutolink([]byte(src)), holdsAutolinkStart(src); got != want {
			t.Errorf("mayAutolink(%q) = %v, want %v", src, got, want)
		}
	}
}

// FuzzUnlinked holds the choice of Render to what it must not change:
// a body without an autolink start renders the same without Linkify.
func FuzzUnlinked(f *testing.F) {
	for _, s := range []string{"*a* _b_ ~c~ (d)", "x\n\n| a |\n| - |\n| (b) |", "[^1]\n\n[^1]: *n*", "ww.w. http ftp :", "<span>(x)</span> ~~y~~", "21-NQ/TW (29-QĐ/TU)"} {
		f.Add(s)
	}
	r := New(Options{HighlightStyle: "github"})
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := mayAutolink([]byte(src)), holdsAutolinkStart(src); got != want {
			t.Fatalf("mayAutolink(%q) = %v, want %v", src, got, want)
		}
		if !mayAutolink([]byte(src)) {
			sameWithoutLinkify(t, r, "the body", []byte(src))
		}
	})
}
