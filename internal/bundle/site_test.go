package bundle

import (
	"bytes"
	"compress/gzip"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/output"
)

// TestRealSite bundles the plan's own site and checks the file as a reader
// would use it: every link inside it lands on an id, nothing is loaded from
// elsewhere, every page is there and no id is used twice.
func TestRealSite(t *testing.T) {
	mem := output.NewMemory()
	opt := build.Options{Site: os.DirFS("../.."), Defaults: kehoach.Defaults(),
		Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	res, err := build.Build(opt, mem)
	if err != nil {
		t.Fatalf("building the plan's site: %v", err)
	}
	files := mem.Files()
	doc := FromSite(res.Site)
	doc.Title, doc.Now = res.Config.Title, opt.Now
	out, err := Bundle(files, doc)
	if err != nil {
		t.Fatal(err)
	}
	f := scan(t, out)
	for _, p := range doc.Paths() {
		if !f.ids[p] {
			t.Errorf("no section for %s", p)
		}
	}
	if len(doc.Paths()) < 50 {
		t.Errorf("only %d pages in the file", len(doc.Paths()))
	}
	for id, n := range f.count {
		if n > 1 {
			t.Errorf("id %q is used %d times", id, n)
		}
	}
	for _, href := range f.hrefs {
		checkHref(t, href, f.ids)
	}
	for _, src := range f.srcs {
		if !strings.HasPrefix(src, "data:") {
			t.Errorf("src=%q loads a file", src)
		}
	}
	if f.scripts != 4 || f.styles != 1 { // the states', the search engine's, its index's, the search page's
		t.Errorf("%d scripts and %d styles, want 4 and 1", f.scripts, f.styles)
	}
	for _, want := range []string{`data-single="1"`, `id="search-q"`, "Mục lục", "Tình trạng các nhiệm vụ được tính đến ngày 27/11/2026",
		`<body class="bundle" data-today="2026-11-27" data-soon="30">`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("the file lacks %q", want)
		}
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write(out)
	_ = w.Close()
	t.Logf("%d pages, %d KB, %d KB gzipped", len(doc.Paths()), len(out)/1024, gz.Len()/1024)
}

// scanned is what a file holds, as a browser would read it.
type scanned struct {
	ids             map[string]bool
	count           map[string]int
	hrefs, srcs     []string
	scripts, styles int
}

func scan(t *testing.T, data []byte) scanned {
	t.Helper()
	f := scanned{ids: map[string]bool{}, count: map[string]int{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return f
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script":
				f.scripts++
			case "style":
				f.styles++
			case "link", "iframe", "object", "embed":
				t.Errorf("the file has a <%s>", tok.Data)
			}
			for _, a := range tok.Attr {
				switch a.Key {
				case "id":
					f.ids[a.Val] = true
					f.count[a.Val]++
				case "href", "xlink:href":
					f.hrefs = append(f.hrefs, a.Val)
				case "src", "srcset", "poster", "data", "action":
					f.srcs = append(f.srcs, a.Val)
				}
			}
		}
	}
}

// checkHref fails unless href is "#id" of an id in the file, or leaves for
// another site.
func checkHref(t *testing.T, href string, ids map[string]bool) {
	t.Helper()
	if frag, ok := strings.CutPrefix(href, "#"); ok {
		id, err := url.PathUnescape(frag)
		if err != nil || !ids[id] {
			t.Errorf("href=%q: no such id", href)
		}
		return
	}
	u, err := url.Parse(href)
	if err != nil || !external(u.Scheme) {
		t.Errorf("href=%q points to a file", href)
	}
}
