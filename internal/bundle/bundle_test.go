package bundle

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// smallSite is the build of testdata/small.txtar and what its file holds.
func smallSite(t *testing.T) (map[string][]byte, Doc) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "small.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range ar.Files {
		files[f.Name] = f.Data
	}
	doc := Doc{
		Title: "Kế hoạch nhỏ",
		Now:   time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC),
		Groups: []Group{
			{Index: "plan/index.html", Pages: []string{"plan/01-muc-tieu.html"}},
			{Index: "agencies/index.html", Pages: []string{"agencies/ban-a.html"}, Fold: true},
			{Index: "tasks/index.html", Pages: []string{"tasks/ban-a/t01.html"}, Fold: true},
		},
		Kinds: []string{"plan", "agency", "task"},
	}
	return files, doc
}

// TestSmall bundles a small build and compares the file with
// testdata/small.golden.html.
func TestSmall(t *testing.T) {
	files, doc := smallSite(t)
	got, err := Bundle(files, doc)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "small.golden.html")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("bundle mismatch (-want, +got); go test -run Small -update rewrites it:\n%s", diff)
	}
	f := scan(t, got)
	for _, href := range f.hrefs {
		checkHref(t, href, f.ids)
	}
	for id, n := range f.count {
		if n > 1 {
			t.Errorf("id %q is used %d times", id, n)
		}
	}
}

// TestScriptOrder checks that the engine runs first, then the index
// scripts in order of name, then the UI.
func TestScriptOrder(t *testing.T) {
	files, doc := smallSite(t)
	files["search/data/t1.js"] = []byte("KehoachSearch.add({shard: 1});")
	files["search/data/t0.js"] = []byte("KehoachSearch.add({shard: 0});")
	files["search/data/README.txt"] = []byte("not a script")
	out, err := Bundle(files, doc)
	if err != nil {
		t.Fatal(err)
	}
	last := -1
	for _, js := range []string{"window.KehoachSearch =", `{"text"`, "{shard: 0}", "{shard: 1}", "var escape ="} {
		i := bytes.Index(out, []byte(js))
		if i <= last {
			t.Errorf("%q is at %d, not after the script before it (%d)", js, i, last)
		}
		last = i
	}
	if bytes.Contains(out, []byte("not a script")) {
		t.Error("a file of search/data/ that is not a script was inlined")
	}
}

// TestErrors checks that a build the file cannot be made from fails, saying
// what is missing, rather than giving a file without search or a page.
func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(map[string][]byte, *Doc)
		want string
	}{
		{"no engine", func(f map[string][]byte, _ *Doc) { delete(f, "js/vnsearch.js") }, "the build has no js/vnsearch.js"},
		{"no index", func(f map[string][]byte, _ *Doc) { delete(f, "search/data/index.js") }, "the build has no search/data/*.js"},
		{"no UI", func(f map[string][]byte, _ *Doc) { delete(f, "js/search.js") }, "the build has no js/search.js"},
		{"no search page", func(f map[string][]byte, _ *Doc) { delete(f, "search/index.html") }, "search/index.html: the build has no such page"},
		{"no form", func(f map[string][]byte, _ *Doc) { f["search/index.html"] = []byte(`<main id="_noi-dung"></main>`) },
			`search/index.html: no element with id "search-form"`},
		{"no page", func(f map[string][]byte, _ *Doc) { delete(f, "tasks/ban-a/t01.html") }, "tasks/ban-a/t01.html: the build has no such page"},
		{"no main", func(f map[string][]byte, _ *Doc) { f["tasks/index.html"] = []byte(`<main>x</main>`) },
			`tasks/index.html: no <main id="_noi-dung">`},
		{"twice", func(_ map[string][]byte, d *Doc) { d.Groups[2].Pages = append(d.Groups[2].Pages, "plan/index.html") },
			"plan/index.html: listed twice"},
		{"no stylesheet", func(f map[string][]byte, _ *Doc) { delete(f, "assets/site.abc.css") },
			`plan/index.html: stylesheet "../assets/site.abc.css" is not in the build`},
		{"css url", func(f map[string][]byte, _ *Doc) { delete(f, "img/logo.png") },
			"assets/site.abc.css: url(../img/logo.png) is not a file of the build"},
		{"css import", func(f map[string][]byte, _ *Doc) { f["assets/site.abc.css"] = []byte(`@import "x.css";`) },
			"assets/site.abc.css: @import"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, doc := smallSite(t)
			tt.edit(files, &doc)
			_, err := Bundle(files, doc)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
