package bundle

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// rewriteFragment rewrites content as a part of page plan/04.html, in a
// file holding plan/index.html, plan/04.html and tasks/a/t01.html.
func rewriteFragment(t *testing.T, content, baseURL string) string {
	t.Helper()
	main := &html.Node{Type: html.ElementNode, Data: "main", DataAtom: atom.Main}
	nodes, err := html.ParseFragment(strings.NewReader(content), main)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		main.AppendChild(n)
	}
	b := &bundler{
		doc:      Doc{BaseURL: baseURL},
		included: map[string]bool{"plan/index.html": true, "plan/04.html": true, "tasks/a/t01.html": true},
		files:    map[string][]byte{"plan/fig.png": []byte("PNG")},
	}
	b.rewriter("plan/04.html").children(main)
	out, err := render(main)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRewrite(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"id", `<h2 id="iv-1-3">IV 1.3</h2>`, `<h2 id="plan/04.html--iv-1-3">IV 1.3</h2>`},
		{"for", `<label for="q">Q</label><input id="q"/>`, `<label for="plan/04.html--q">Q</label><input id="plan/04.html--q"/>`},
		{"aria list", `<section aria-labelledby="a b" aria-describedby="c"></section>`,
			`<section aria-labelledby="plan/04.html--a plan/04.html--b" aria-describedby="plan/04.html--c"></section>`},
		{"table headers", `<table><tr><td headers="h1 h2">x</td></tr></table>`,
			`<table><tbody><tr><td headers="plan/04.html--h1 plan/04.html--h2">x</td></tr></tbody></table>`},
		{"same page", `<a href="#iv-1">IV 1</a>`, `<a href="#plan/04.html--iv-1">IV 1</a>`},
		{"top of page", `<a href="#">đầu trang</a>`, `<a href="#plan/04.html">đầu trang</a>`},
		{"included page", `<a href="../tasks/a/t01.html">V.1.1</a>`, `<a href="#tasks/a/t01.html">V.1.1</a>`},
		{"included with fragment", `<a href="index.html#_muc-luc">Mục lục</a>`, `<a href="#plan/index.html--_muc-luc">Mục lục</a>`},
		{"the page itself", `<a href="04.html#iv-2">IV 2</a>`, `<a href="#plan/04.html--iv-2">IV 2</a>`},
		{"folder", `<a href="./">Kế hoạch</a>`, `<a href="#plan/index.html">Kế hoạch</a>`},
		{"root relative", `<a href="/tasks/a/t01.html#x">V</a>`, `<a href="#tasks/a/t01.html--x">V</a>`},
		{"excluded page", `<p>Xem <a href="../updates/index.html" rel="next">tin</a> mới.</p>`, `<p>Xem tin mới.</p>`},
		{"excluded keeps class", `<p>Theo <a class="doc-ref" href="../documents/ct-28.html">28-CT/TW</a>.</p>`,
			`<p>Theo <span class="doc-ref">28-CT/TW</span>.</p>`},
		{"download", `<p>Theo dõi <a href="../tasks.csv">bảng</a>.</p>`, `<p>Theo dõi bảng.</p>`},
		{"only a link out", `<p><a href="../deadlines/index.html">Xem theo thời hạn</a></p><p>x</p>`, `<p>x</p>`},
		{"only links out", `<ul><li><a href="../a.ics">Lịch</a> · <a href="a.xml">Atom</a></li><li>x</li></ul>`, `<ul><li>x</li></ul>`},
		{"a date is text", `<ul><li><time>02/01/2026</time> <a href="../updates/x.html">Tin</a></li></ul>`,
			`<ul><li><time>02/01/2026</time> Tin</li></ul>`},
		{"exports", `<p class="exports">Tải về: <a href="../tasks.csv">bảng tính</a></p>`, ``},
		{"above the root", `<a href="../../x.html">x</a>`, `x`},
		{"external", `<a href="https://example.org/a?b=c#d">x</a>`, `<a href="https://example.org/a?b=c#d">x</a>`},
		{"mail", `<a href="mailto:vp@example.org">thư</a>`, `<a href="mailto:vp@example.org">thư</a>`},
		{"script link", `<a href="javascript:alert(1)">x</a>`, `x`},
		{"protocol relative", `<a href="//example.org/x">x</a>`, `x`},
		{"anchor without href", `<a id="m">x</a>`, `<a id="plan/04.html--m">x</a>`},
		{"local image", `<img src="fig.png" alt="Hình"/>`, `<img src="data:image/png;base64,UE5H" alt="Hình"/>`},
		{"missing image", `<p><img src="khong.png" alt="Hình 1"/></p>`, `<p>Hình 1</p>`},
		{"external image", `<p><img src="https://example.org/a.png" alt=""/>x</p>`, `<p>x</p>`},
		{"scripts and frames", `<script src="a.js"></script><iframe src="https://example.org"></iframe><p>x</p>`, `<p>x</p>`},
		{"svg", `<svg><use href="#i"></use><rect fill="url(#g)"></rect></svg>`,
			`<svg><use href="#plan/04.html--i"></use><rect fill="url(#plan/04.html--g)"></rect></svg>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rewriteFragment(t, tt.in, ""); got != tt.want {
				t.Errorf("rewrite(%s)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

// TestRewriteBaseURL checks that absolute links under the site's base URL
// are links inside the site.
func TestRewriteBaseURL(t *testing.T) {
	base := "https://example.gov.vn/kehoach/"
	tests := []struct{ in, want string }{
		{`<a href="https://example.gov.vn/kehoach/tasks/a/t01.html#p">V</a>`, `<a href="#tasks/a/t01.html--p">V</a>`},
		{`<a href="https://example.gov.vn/kehoach/plan/">Kế hoạch</a>`, `<a href="#plan/index.html">Kế hoạch</a>`},
		{`<p>Xem <a href="https://example.gov.vn/kehoach/updates/index.html">tin</a>.</p>`, `<p>Xem tin.</p>`},
		{`<a href="https://example.gov.vn/khac.html">khác</a>`, `<a href="https://example.gov.vn/khac.html">khác</a>`},
		{`<img src="https://example.gov.vn/kehoach/plan/fig.png" alt="Hình"/>`, `<img src="data:image/png;base64,UE5H" alt="Hình"/>`},
	}
	for _, tt := range tests {
		if got := rewriteFragment(t, tt.in, base); got != tt.want {
			t.Errorf("rewrite(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestEscapeEnd(t *testing.T) {
	tests := []struct{ tag, in, want string }{
		{"script", `a</script>b`, `a<\/script>b`},
		{"script", `"</SCRIPT >"`, `"<\/SCRIPT >"`},
		{"script", `x.replace(/</g, "&lt;")`, `x.replace(/</g, "&lt;")`},
		{"script", `"</b>"`, `"</b>"`},
		{"script", `"<!--<script>"`, `"<\!--<script>"`},
		{"script", `a <`, `a <`},
		{"script", `</scrip`, `</scrip`},
		{"script", `</style>`, `</style>`},
		{"style", `a::after { content: "</style>"; }`, `a::after { content: "<\/style>"; }`},
		{"style", `<!-- a { } -->`, `<!-- a { } -->`},
		{"script", "Việc “</script>” ư", "Việc “<\\/script>” ư"},
	}
	for _, tt := range tests {
		if got := escapeEnd(tt.in, tt.tag); got != tt.want {
			t.Errorf("escapeEnd(%q, %s) = %q, want %q", tt.in, tt.tag, got, tt.want)
		}
	}
}

func TestSitePath(t *testing.T) {
	tests := []struct {
		page, link, want string
		ok               bool
	}{
		{"plan/04.html", "05.html", "plan/05.html", true},
		{"plan/04.html", "../tasks/a/t01.html", "tasks/a/t01.html", true},
		{"tasks/a/t01.html", "../../index.html", "index.html", true},
		{"plan/04.html", "../", "index.html", true},
		{"plan/04.html", "./", "plan/index.html", true},
		{"plan/04.html", "", "plan/04.html", true},
		{"plan/04.html", "/agencies/", "agencies/index.html", true},
		{"plan/04.html", "../../x.html", "", false},
	}
	for _, tt := range tests {
		got, ok := sitePath(tt.page, tt.link)
		if got != tt.want || ok != tt.ok {
			t.Errorf("sitePath(%q, %q) = %q, %v; want %q, %v", tt.page, tt.link, got, ok, tt.want, tt.ok)
		}
	}
}
