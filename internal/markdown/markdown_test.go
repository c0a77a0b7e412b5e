package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
)

func TestRender(t *testing.T) {
	link := func(dest string, _ int) (string, bool) {
		if strings.HasPrefix(dest, "../plan/04.md") {
			return "../../plan/04/index.html" + strings.TrimPrefix(dest, "../plan/04.md"), true
		}
		return "", false
	}
	tests := []struct {
		name, src string
		page      Page
		want      []string // substrings of the HTML, in order
		problems  int
	}{
		{"numbered headings", "## 1. Củng cố\n\n### 1.1. Đổi mới\n\n- một\n", Page{Numeral: "IV"},
			[]string{`<h2 id="iv-1">1. Củng cố</h2>`, `<h3 id="iv-1-1">1.1. Đổi mới</h3>`, `<li id="iv-1-1-1">một</li>`}, 0},
		{"bullets numbered under their heading", "## 1. Ban A\n\n- một\n\n- hai\n\nĐoạn.\n\n- ba\n\n## Nơi nhận\n\n- Ban B\n", Page{Numeral: "V"},
			[]string{`<li id="v-1-1">`, `<li id="v-1-2">`, `<li id="v-1-3">`, "<li>Ban B</li>"}, 0},
		{"bullets of a heading with numbered headings under it", "## 1. A\n\n- một\n- hai\n\n### 1.2. B\n\n- ba\n", Page{Numeral: "IV"},
			[]string{`<h2 id="iv-1">`, "<li>một</li>", "<li>hai</li>", `<h3 id="iv-1-2">`, `<li id="iv-1-2-1">ba</li>`}, 0},
		{"steps numbered under a numbered heading are its items", "## 1. Ban A\n\n- một\n\n1. bước một\n2. bước hai\n\n## 2. Ban B\n", Page{Numeral: "V"},
			[]string{`<h2 id="v-1">`, `<li id="v-1-1">một</li>`, `<li id="v-1-2">bước một</li>`, `<li id="v-1-3">bước hai</li>`, `<h2 id="v-2">`}, 0},
		{"numbered list items", "1. Các cấp\n\n2. Bám sát\n", Page{Numeral: "I"},
			[]string{`<li id="i-1">`, `<li id="i-2">`}, 0},
		{"list start kept", "3. Ba\n4. Bốn\n", Page{Numeral: "VI"},
			[]string{`<ol start="3">`, `<li id="vi-3">Ba</li>`, `<li id="vi-4">Bốn</li>`}, 0},
		{"no numbering outside the plan", "## 1. Một\n", Page{},
			[]string{`<h2 id="1-mot">1. Một</h2>`}, 0},
		{"a comment left out of a heading's id", "## Mục tiêu chung <!-- sửa sau -->\n", Page{},
			[]string{`<h2 id="muc-tieu-chung">Mục tiêu chung </h2>`}, 0},
		{"vietnamese heading ids unique", "## Đảng viên\n\n## Đảng viên\n", Page{},
			[]string{`id="dang-vien"`, `id="dang-vien-1"`}, 0},
		{"raw html escaped", "<script>alert(1)</script>\n\nx <b>y</b>\n", Page{},
			[]string{`<pre class="raw-html">&lt;script&gt;alert(1)&lt;/script&gt;`, `x &lt;b&gt;y&lt;/b&gt;`}, 0},
		{"html comments are editors' notes, left out", "<!-- ghi chú nội bộ: chưa duyệt -->\n\nĐoạn <!-- sửa sau --> một.\n\n<!-- a --> <b>y</b>\n", Page{},
			[]string{"<p>Đoạn  một.</p>", `<pre class="raw-html">&lt;!-- a --&gt; &lt;b&gt;y&lt;/b&gt;`}, 0},
		{"javascript link dropped", "[x](javascript:alert(1))\n", Page{},
			[]string{`<a href="">x</a>`}, 0},
		{"content link rewritten", "[IV 1.1](../plan/04.md#iv-1-1)\n", Page{Link: link},
			[]string{`<a href="../../plan/04/index.html#iv-1-1">IV 1.1</a>`}, 0},
		{"broken content link", "text\n\n[x](missing.md)\n", Page{Link: link}, nil, 1},
		{"gfm", "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ https://example.org\n", Page{},
			[]string{"<table>", "<del>x</del>", `<a href="https://example.org">`}, 0},
		{"column alignment without inline style", "| a | b |\n|---|---:|\n| 1 | 2 |\n", Page{},
			[]string{`<th align="right">b</th>`, `<td align="right">2</td>`}, 0},
		{"footnote", "a[^1]\n\n[^1]: b\n", Page{}, []string{`class="footnote-ref"`}, 0},
		{"code highlighted with classes", "```go\nfunc f() {}\n```\n", Page{},
			[]string{`<pre class="chroma">`, `<span class="kd">func</span>`}, 0},
	}
	r := New(Options{HighlightStyle: "github"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Render([]byte(tt.src), tt.page)
			if err != nil {
				t.Fatal(err)
			}
			html := string(res.HTML)
			rest := html
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("HTML lacks %q (in order):\n%s", w, html)
				}
				rest = rest[i+len(w):]
			}
			if len(res.Problems) != tt.problems {
				t.Errorf("problems = %v, want %d", res.Problems, tt.problems)
			}
			if strings.Contains(html, "style=") {
				t.Errorf("inline style in %s", html)
			}
		})
	}
}

// TestSlots checks where the notes of numbered items may go: at the end
// of an item's last paragraph, and of the one paragraph of a numbered
// heading, never inside a nested list or after a longer section.
func TestSlots(t *testing.T) {
	src := "## 1. Ban A\n\n- Một (**Quý IV**).\n\n- Hai\n  - con\n\n- > Trích\n\n## 2. Ban B\n\nĐoạn *duy nhất*[^1].\n\n***\n\n[^1]: Chú thích.\n\n## 3. Ban C\n\nĐoạn một.\n\nĐoạn hai.\n"
	res, err := New(Options{HighlightStyle: "github"}).Render([]byte(src), Page{Numeral: "V"})
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]string{ // what the HTML says just before each slot
		"v-1-1": "Một (<strong>Quý IV</strong>).",
		"v-1-2": "Hai",
		"v-1-3": "</blockquote>\n",
		"v-2":   `<a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.`,
	}
	if len(res.Slots) != len(before) {
		t.Errorf("slots %v, want %d", res.Slots, len(before))
	}
	for id, text := range before {
		at, ok := res.Slots[id]
		if !ok {
			t.Errorf("no slot for #%s", id)
			continue
		}
		if !strings.HasSuffix(res.HTML[:at], text) {
			t.Errorf("slot #%s follows %q, want it after %q", id, res.HTML[max(0, at-40):at], text)
		}
	}
	res, err = New(Options{HighlightStyle: "github"}).Render([]byte("1. Một\n2. Hai\n   - con\n"), Page{Numeral: "III"})
	if err != nil {
		t.Fatal(err)
	}
	if at, ok := res.Slots["iii-2"]; !ok || !strings.HasSuffix(res.HTML[:at], "Hai") {
		t.Errorf("slots %v: want #iii-2's after its text \"Hai\", before its nested list:\n%s", res.Slots, res.HTML)
	}
}

func TestRenderBrokenLinkOffset(t *testing.T) {
	r := New(Options{HighlightStyle: "github"})
	// "\\![z](nope.md)" is a link after an escaped "!", not an image.
	src := "line one\n\nsee the\nlinks [x](nope.md) and ![*y*](nope.png) \\![z](nope.md)\n"
	res, err := r.Render([]byte(src), Page{
		Link:  func(string, int) (string, bool) { return "", false },
		Image: func(string) (string, bool) { return "", false },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []int{strings.Index(src, "[x]"), strings.Index(src, "!["), strings.Index(src, "[z]")}
	var got []int
	for _, p := range res.Problems {
		got = append(got, p.Offset)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("problems = %+v, want them at offsets %v (the link, the image, the link)", res.Problems, want)
	}
}

func TestSections(t *testing.T) {
	src := "Mở đầu *nhấn*.\n\n1. Mục một\n   - gạch\n\n2. Mục hai\n\n**Nơi nhận:**\n\n- Ban A\n\n## 1. Tiêu đề\n\nĐoạn.\n\n| a | b |\n|---|---|\n| c | d |\n\n### 1.1. Con\n\nChữ `mã`.\n"
	res, err := New(Options{HighlightStyle: "github"}).Render([]byte(src), Page{Numeral: "VI", Sections: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []Section{
		{Text: "Mở đầu nhấn."},
		{ID: "vi-1", Text: "Mục một\ngạch"},
		{ID: "vi-2", Text: "Mục hai"},
		{Text: "Nơi nhận:\nBan A"},
		{ID: "vi-1-1", Heading: "1. Tiêu đề", Level: 2, Text: "Đoạn.\na\nb\n\nc\nd"},
		{ID: "vi-1-1-1", Heading: "1.1. Con", Level: 3, Text: "Chữ mã."},
	}
	if len(res.Problems) != 2 {
		t.Errorf("problems = %+v, want the two anchors numbered twice (vi-1, vi-1-1)", res.Problems)
	}
	if diff := cmp.Diff(want, res.Sections); diff != "" {
		t.Errorf("sections (-want, +got):\n%s", diff)
	}
}

func TestLocalAnchors(t *testing.T) {
	r := New(Options{HighlightStyle: "github"})
	src := "## Một\n\nXem [một](#mot) và [hai](#hai).\n"
	res, err := r.Render([]byte(src), Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Msg, `"#hai"`) || res.Problems[0].Offset != strings.Index(src, "[hai]") {
		t.Errorf("problems = %+v, want one for #hai, at its link", res.Problems)
	}
}

func TestTooDeep(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 200; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- mục\n")
	}
	res, err := New(Options{HighlightStyle: "github"}).Render([]byte(b.String()), Page{})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Index(b.String(), strings.Repeat(" ", 258)+"-")
	if len(res.Problems) != 1 || res.Problems[0].Offset != want || !strings.Contains(res.Problems[0].Msg, "indented 258 columns") {
		t.Errorf("problems = %+v, want one at offset %d", res.Problems, want)
	}
	code := "```\n" + strings.Repeat(" ", 300) + "x\n```\n"
	if res, _ := New(Options{HighlightStyle: "github"}).Render([]byte(code), Page{}); len(res.Problems) != 0 {
		t.Errorf("indented code in a fence: %+v", res.Problems)
	}
	quoted := "> một\n>> hai\n\n" + strings.Repeat("> ", 101) + "x\n"
	res, err = New(Options{HighlightStyle: "github"}).Render([]byte(quoted), Page{})
	if err != nil {
		t.Fatal(err)
	}
	want = strings.Index(quoted, strings.Repeat("> ", 101))
	if len(res.Problems) != 1 || res.Problems[0].Offset != want || !strings.Contains(res.Problems[0].Msg, "nested 101 quotes and lists deep") {
		t.Errorf("problems = %+v, want one at offset %d", res.Problems, want)
	}
	mixed := "- mục\n\n" + strings.Repeat("> - 1. ", 34) + "x\n" // 102 markers
	res, err = New(Options{HighlightStyle: "github"}).Render([]byte(mixed), Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Msg, "nested 102 quotes and lists deep") {
		t.Errorf("quotes and lists mixed: problems = %+v, want one", res.Problems)
	}
	links := "Mở đầu.\n\nĐoạn\n" + strings.Repeat("[a](", 5001) + "\n"
	res, err = New(Options{HighlightStyle: "github"}).Render([]byte(links), Page{})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Index(links, "Đoạn"); len(res.Problems) != 1 || res.Problems[0].Offset != want || !strings.Contains(res.Problems[0].Msg, "more than 5000 links") {
		t.Errorf("5,001 open links: problems = %+v, want one at the paragraph (offset %d)", res.Problems, want)
	}
	many := strings.Repeat("[a](b) ", 3000) + "\n\n" + strings.Repeat("[a](b) ", 3000) + "\n\n" +
		strings.Repeat("- [a](b)\n", 6000) + "\n" + strings.Repeat("| [a](b) |\n", 6000)
	if res, _ := New(Options{HighlightStyle: "github"}).Render([]byte(many), Page{}); len(res.Problems) != 0 {
		t.Errorf("6,000 links in two paragraphs, a list of 6,000, a table of 6,000 rows: %+v", res.Problems[:1])
	}
	numbers := "1. 2023. 2024. năm\n- 5 -\n-1 mục\n"
	if res, _ := New(Options{HighlightStyle: "github"}).Render([]byte(numbers), Page{}); len(res.Problems) != 0 {
		t.Errorf("ordinary lines: %+v", res.Problems)
	}
	ok := strings.Repeat(">", 100) + " x\n"
	if res, _ := New(Options{HighlightStyle: "github"}).Render([]byte(ok), Page{}); len(res.Problems) != 0 {
		t.Errorf("100 levels of quotes: %+v", res.Problems)
	}
}

func TestCitations(t *testing.T) {
	src := "## 8. Huyện ủy\n\n- Theo Chỉ thị số 28-CT/TW, ngày 21/01/2019; `30-NQ/TW`.\n- Ban hành quy định thay cho Quy định số 28-QĐ/TU và [xem 21-NQ/TW](x.md).\n"
	res, err := New(Options{HighlightStyle: "github"}).Render([]byte(src), Page{
		Numeral: "V",
		DocLink: func(slug string) string { return "../documents/" + slug + ".html" },
	})
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	for _, want := range []string{
		`Theo Chỉ thị số <a href="../documents/28-ct-tw.html" class="doc-ref">28-CT/TW</a>, ngày 21/01/2019;`,
		`thay cho Quy định số <a href="../documents/28-qd-tu.html" class="doc-ref">28-QĐ/TU</a> và`,
		`<code>30-NQ/TW</code>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
	got := make([]string, len(res.Citations))
	for i, c := range res.Citations {
		got[i] = fmt.Sprintf("%s %s #%s replaces=%v", c.Slug, c.Text, c.Anchor, c.Replaces)
	}
	want := []string{"28-ct-tw 28-CT/TW #v-8-1 replaces=false", "28-qd-tu 28-QĐ/TU #v-8-2 replaces=true"} // the bullets under "8."
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("citations (-want, +got):\n%s", diff)
	}
}

// TestCitationsAcrossTextNodes links citations written with spaces, which
// goldmark may split across two text nodes where GFM's autolinks tried a
// space ("x 35 -HĐ/BTCTW" is, "x 35 -HĐ/BTCTW, www.x.vn" is not). Only the
// parser with the autolinks splits them; the one without is the reference.
func TestCitationsAcrossTextNodes(t *testing.T) {
	r := New(Options{HighlightStyle: "github"})
	page := Page{DocLink: func(slug string) string { return slug + ".html" }}
	for _, md := range []goldmark.Markdown{r.md, r.unlinked} {
		for _, src := range []string{"x 35 -HĐ/BTCTW", "Theo *Hướng dẫn* 35 -HĐ/BTCTW.", "Số 35 - HĐ/BTCTW.", "0 -QĐ/TU", "(21 -NQ/TW)"} {
			res, err := r.render([]byte(src), page, md)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Citations) != 1 || !strings.Contains(res.HTML, `class="doc-ref"`) {
				t.Errorf("%q: citations %v, HTML %s", src, res.Citations, res.HTML)
			}
		}
	}
}

// TestMistakes checks the warnings of what renders but is most likely a
// mistake, and that the right Markdown gets none.
func TestMistakes(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the warning's start, "" for none
		at        string // what the source holds at the warning's offset
	}{
		{"image with spaces", "Ảnh: ![Ảnh 2](anh hoi nghi.png) đây.\n", `"](anh hoi nghi.png)" stays on the page as typed`, "](anh"},
		{"link with spaces and a title", "Xem [x](y z.md \"t\").\n", `"](y z.md \"t\")" stays`, "](y"},
		{"address between < and >", "![Ảnh](<anh hoi nghi.png>) và [x](<y z.md>)\n", "", ""},
		{"bold never closed", "Câu **đậm chưa đóng.\n", `"**" stays on the page as typed`, "**đậm"},
		{"bold closed", "Câu **đậm** xong, 2 ** 3.\n", "", ""},
		{"stars in code", "Mã `a **b` thôi.\n", "", ""},
		{"bold in a table", "| a |\n|---|\n| **x |\n", `"**" stays`, "**x"},
		{"cell beyond the header", "| Đơn vị | Số |\n| --- | ---: |\n| Huyện ủy A | 35 | ghi chú quan trọng |\n",
			`this table row has more cells than its header row (2): "ghi chú quan trọng" is not shown`, "ghi chú"},
		{"cells as many as the header", "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 |\n|4|5|\n", "", ""},
		{"a no-break space after the row", "| a | b |\n|---|---|\n| 1 | 2 |\u00a0\n", "", ""},
		{"escaped pipe in a cell", "| a | b |\n|---|---|\n| 1 \\| 2 | 3 |\n", "", ""},
		{"footnote never referred to", "Văn bản[^1].\n\n[^1]: Một.\n\n[^2]: Chú thích hai bị mất.\n",
			"footnote [^2] is never referred to, so it is not shown", "Chú thích hai"},
		{"footnotes referred to", "Văn bản[^1] và[^b].\n\n[^1]: Một.\n[^b]: Hai.\n", "", ""},
		{"preview address", "Xem [phần V](http://127.0.0.1:1313/plan/05.html#v-1-7).\n",
			`"http://127.0.0.1:1313/plan/05.html#v-1-7" is an address of this computer (127.0.0.1:1313), not of the site: readers would reach their own; write the site's path instead ("/plan/05.html#v-1-7")`, "[phần"},
		{"preview autolink", "Xem http://127.0.0.1:1313/plan/ nhé.\n", `"http://127.0.0.1:1313/plan/" is an address of this computer`, "http://127"},
		{"localhost", "Xem [đây](http://localhost/plan/).\n", `"http://localhost/plan/" is an address of this computer (localhost)`, "[đây"},
		{"autolink after paragraphs", "Một.\n\nHai.\n\n<http://localhost:1313/plan/05.html> là bản xem thử.\n", `"http://localhost:1313/plan/05.html" is an address`, "http://localhost"},
		{"autolink after a link", "[a](b.md)<http://127.0.0.1/a>\n", `"http://127.0.0.1/a" is an address`, "http://127"},
		{"address and text alike", "[http://localhost/a](http://localhost/a)\n", `"http://localhost/a" is an address`, "http://localhost/a]"},
		{"no path", "Xem http://localhost nhé.\n", `"http://localhost" is an address of this computer (localhost), not of the site: readers would reach their own; write the site's path instead ("/")`, "http"},
		{"stars as a note mark", "Chỉ tiêu (**) đạt 90%; 2**3 = 8.\n", "", ""},
		{"bold closed against a word", "**Điều 1.**Nội dung\n", `"**" stays on the page as typed`, "**Điều"},
		{"a title in single quotes", "[x](y z.md 'T')\n", `"](y z.md 'T')" stays on the page as typed, not as a link or image: an address with spaces goes between < and > ("](<y z.md> 'T')")`, "](y"},
		{"another site", "Xem [báo](https://example.org/a b) và https://dangcongsan.vn/.\n", `"](https://example.org/a b)" stays`, "](https"},
	}
	r := New(Options{HighlightStyle: "github"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Render([]byte(tt.src), Page{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(res.Warnings) > 0 {
					t.Errorf("warnings %+v, want none", res.Warnings)
				}
				return
			}
			if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0].Msg, tt.want) {
				t.Fatalf("warnings %+v, want one starting %q", res.Warnings, tt.want)
			}
			if at := tt.src[res.Warnings[0].Offset:]; !strings.HasPrefix(at, tt.at) {
				t.Errorf("the warning stands at %q, want at %q", at, tt.at)
			}
		})
	}
}

func TestSectionItems(t *testing.T) {
	src := "## 2. Ban Tổ chức\n\nMở đầu.\n\n- Một việc.\n- Hai *việc*:\n  - con.\n\nĐoạn sau.\n\n- Không số.\n\n1. Bước một.\n"
	res, err := New(Options{HighlightStyle: "github"}).Render([]byte(src), Page{Numeral: "V", Sections: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sections) != 1 {
		t.Fatalf("sections = %+v, want one", res.Sections)
	}
	sec := res.Sections[0]
	// Every item under the numbered heading has an anchor, and stays in its
	// section; the nested one is part of its parent's text.
	want := []Item{
		{ID: "v-2-1", Offset: strings.Index(sec.Text, "Một")},
		{ID: "v-2-2", Offset: strings.Index(sec.Text, "Hai")},
		{ID: "v-2-3", Offset: strings.Index(sec.Text, "Không")},
		{ID: "v-2-4", Offset: strings.Index(sec.Text, "Bước")}, // steps numbered under the heading
	}
	if diff := cmp.Diff(want, sec.Items); diff != "" {
		t.Errorf("items of %q (-want, +got):\n%s", sec.Text, diff)
	}
}

// TestNumberedTwiceOffset checks that an item numbered like an earlier one
// is reported at its own line, not at the top of the page.
func TestNumberedTwiceOffset(t *testing.T) {
	src := "1. Một.\n\nĐoạn xen.\n\n1. Lại một.\n"
	res, err := New(Options{HighlightStyle: "github"}).Render([]byte(src), Page{Numeral: "I"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Offset != strings.Index(src, "Lại") {
		t.Errorf("problems = %+v, want one at %d (the second item's text)", res.Problems, strings.Index(src, "Lại"))
	}
}

// TestCommentsNotShown checks that an HTML comment reaches neither the
// page nor the text that search indexes.
func TestCommentsNotShown(t *testing.T) {
	src := "## Một\n\n<!-- ghi chú nội bộ -->\n\nĐoạn <!-- sửa sau --> một.\n"
	res, err := New(Options{HighlightStyle: "github"}).Render([]byte(src), Page{Sections: true})
	if err != nil {
		t.Fatal(err)
	}
	if html := string(res.HTML); strings.Contains(html, "ghi chú") || strings.Contains(html, "sửa sau") {
		t.Errorf("a comment shows on the page:\n%s", html)
	}
	for _, sec := range res.Sections {
		if strings.Contains(sec.Text, "ghi chú") || strings.Contains(sec.Text, "sửa sau") {
			t.Errorf("a comment is in the text search indexes: %q", sec.Text)
		}
	}
}

// TestFilesOnThisComputer: a link or an image to a file of the writer's own
// disk is a problem at its place, naming the file to copy beside the page.
func TestFilesOnThisComputer(t *testing.T) {
	r := New(Options{HighlightStyle: "github"})
	for src, want := range map[string]string{
		`![ảnh](C:\Users\btg\Pictures\anh.jpg)`:             `image "C:\\Users\\btg\\Pictures\\anh.jpg" is a file on this computer, which readers cannot open: copy the file beside the page in content/ and name it alone ("anh.jpg")`,
		`[báo cáo](D:/TaiLieu/bao-cao.pdf)`:                 `link "D:/TaiLieu/bao-cao.pdf" is a file on this computer, which readers cannot open: copy the file beside the page in content/ and name it alone ("bao-cao.pdf")`,
		`[báo cáo](file:///C:/T%C3%A0i%20li%E1%BB%87u.pdf)`: `link "file:///C:/T%C3%A0i%20li%E1%BB%87u.pdf" is a file on this computer, which readers cannot open: copy the file beside the page in content/ and name it alone ("Tài liệu.pdf")`,
		`[báo cáo](<D:/Tai lieu/bao cao.pdf>)`:              `link "D:/Tai lieu/bao cao.pdf" is a file on this computer, which readers cannot open: copy the file beside the page in content/ and name it alone ("bao cao.pdf")`,
		`[trang](https://example.org/C:/x)`:                 "",
		`[tệp](bao-cao.pdf)`:                                "",
	} {
		res, err := r.Render([]byte("Xem "+src+".\n"), Page{
			Local: func(dest string, _ int) string { return dest },
			Image: func(string) (string, bool) { return "", true },
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range res.Problems {
			got = append(got, p.Msg)
			if p.Offset != 4 {
				t.Errorf("%s: problem at %d, want 4", src, p.Offset)
			}
		}
		if want == "" && len(got) > 0 || want != "" && !slices.Equal(got, []string{want}) {
			t.Errorf("%s: problems %q, want %q", src, got, want)
		}
	}
}

// TestCitationIssued reads the day and issuer the plan writes after a
// citation, up to where the issuer's name ends.
func TestCitationIssued(t *testing.T) {
	for after, want := range map[string]string{
		", ngày 20/12/2018 của Ban Thường vụ Tỉnh ủy về khen thưởng tổ chức đảng": "ngày 20/12/2018 của Ban Thường vụ Tỉnh ủy",
		", ngày 21/01/2019 của Ban Bí thư (**Thực hiện thường xuyên**).":          "ngày 21/01/2019 của Ban Bí thư",
		", ngày 17/8/2022 của Bộ Chính trị thực hiện Nghị quyết số 21-NQ/TW":      "ngày 17/8/2022 của Bộ Chính trị",
		" ngày 16/6/2022 của Ban Chấp hành\nTrung ương khóa XIII, về tăng cường":  "ngày 16/6/2022 của Ban Chấp hành Trung ương khóa XIII",
		", ngày 16/6/2022.": "ngày 16/6/2022",
		" về tăng cường củng cố, ngày 16/6/2022": "",
		". Ngày 16/6/2022 của Ban Bí thư":        "",
		// Within its paragraph, links as their text, letters whole.
		", ngày 16/6/2022 của Ban Chấp hành Trung ương\n- Kết luận số 90-KL/TW":                         "ngày 16/6/2022 của Ban Chấp hành Trung ương",
		", ngày 16/6/2022 của Ban Chấp hành Trung ương\n\n## Mục tiêu":                                  "ngày 16/6/2022 của Ban Chấp hành Trung ương",
		", ngày 16/6/2022 của Ban Chấp hành Trung ương | Ban A |":                                       "ngày 16/6/2022 của Ban Chấp hành Trung ương",
		", ngày 21/01/2019 của [Ban Bí thư](../agencies/ban-bi-thu.md)":                                 "ngày 21/01/2019 của Ban Bí thư",
		", ngày 21/01/2019 của Ban Bí thư Trung ương Đảng khóa XII lãnh đạo chỉ đạo toàn diện công tác": "ngày 21/01/2019",
		", ngày 21/01/2019 của Ban Bí thư Trung ư\xc6":                                                  "ngày 21/01/2019 của Ban Bí thư Trung ư",
	} {
		if got := issuedAfter([]byte(after)); got != want {
			t.Errorf("after %q: %q, want %q", after, got, want)
		}
	}
}
