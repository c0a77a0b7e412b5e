package build

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/markdown"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/search"
)

// buildRealToDir builds the plan's site, search index included, into a
// temporary folder.
func buildRealToDir(t testing.TB) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	sink, err := output.NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Site: os.DirFS(repoRoot), Defaults: kehoach.Defaults(), Now: testNow}
	if _, err := Build(opt, sink); err != nil {
		t.Fatal(err)
	}
	if err := sink.Commit(); err != nil {
		t.Fatal(err)
	}
	return dest
}

type querySet struct {
	Queries []struct {
		Q        string   `json:"q"`
		Category string   `json:"category"`
		Want     []string `json:"want"`
		Note     string   `json:"note"`
	} `json:"queries"`
}

// TestQuerySets runs the hand-written query sets of
// internal/search/testdata against the real plan's index, each above its
// floor:
//   - tuned: queries.json, which the ranking was tuned on (hit@1 95 %,
//     hit@5 100 %);
//   - holdout: holdout.json, written without looking at the ranking code
//     and used to see how it generalises; its floor is lower;
//   - questions: 24 questions in plain Vietnamese, written on 07/12/2026 by
//     someone who had read neither the ranking code nor the other sets;
//     its first measure, hit@1 70.8 % and hit@5 79.2 %, led to changes
//     (BENCHMARKS.md, "Search quality"), so it is held out no longer;
//   - readers: 30 queries as readers type them (10 short keywords, 8
//     without diacritics, 6 questions, 6 figures, deadlines and document
//     numbers), written the same day in the same way; a want written for a
//     whole page lists the page and its sections. Its first measure, hit@1
//     83.3 % and hit@5 100 %, led to changes too;
//   - cadres: 40 queries as a commune cadre types them on a phone (12
//     without diacritics, 7 document numbers, 5 abbreviations, 4
//     questions, 3 typos, 3 of old tone placement…), written on 07/12/2026
//     by a reviewer who read the content but neither the ranking code nor
//     the other sets, each answer chosen before searching. Its first
//     measure, hit@1 92.5 % and hit@5 95 %, led to a change too ("thời
//     hạn" a question), so it is held out no longer.
//
// The floors of questions, readers and cadres are their scores after those
// changes, rounded down, to catch a step back.
func TestQuerySets(t *testing.T) {
	idx := realIndex(t)
	for _, set := range []struct {
		name, file string
		at1, at5   float64
	}{
		{"tuned", "queries.json", 95, 100},
		{"holdout", "holdout.json", 85, 95},
		{"questions", "holdout-questions.json", 80, 95},
		{"readers", "readers.json", 85, 100},
		{"cadres", "cadres.json", 95, 97},
	} {
		t.Run(set.name, func(t *testing.T) {
			at1, at5 := evaluate(t, idx, "../search/testdata/"+set.file)
			if at1 < set.at1 || at5 < set.at5 {
				t.Errorf("%s: hit@1 %.1f%% (want ≥ %.0f%%), hit@5 %.1f%% (want ≥ %.0f%%)", set.file, at1, set.at1, at5, set.at5)
			}
		})
	}
}

// TestItemNumbers searches the real plan for items quoted by number, as
// cadres quote the plan: the item first, leading to its bullet, rather than
// headings with the same digits or "Quý IV" in a deadline; and document
// numbers typed glued ("nq21") as spaced ("NQ 21").
func TestItemNumbers(t *testing.T) {
	idx := realIndex(t)
	first := func(q string) search.Hit {
		t.Helper()
		res, err := idx.Search(search.Request{Query: q, Limit: 5})
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("%q: %v, %d hits", q, err, len(res.Hits))
		}
		return res.Hits[0]
	}
	for q, want := range map[string]string{
		"IV.3.2":                     "plan/04-nhiem-vu-giai-phap.html#iv-3-2",
		"iv.1.3.6":                   "plan/04-nhiem-vu-giai-phap.html#iv-1-3-6",
		"IV.1.3":                     "plan/04-nhiem-vu-giai-phap.html#iv-1-3",
		"VI.2":                       "plan/06-to-chuc-thuc-hien.html#vi-2",
		"V.1.3":                      "plan/05-nhiem-vu-cu-the.html#v-1-3",
		"mục IV.3.2 ủy ban kiểm tra": "plan/04-nhiem-vu-giai-phap.html#iv-3-2",
		"phần IV":                    "plan/04-nhiem-vu-giai-phap.html#iv-1",
		"IV-3-2":                     "plan/04-nhiem-vu-giai-phap.html#iv-3-2",
		"iv 3 2":                     "plan/04-nhiem-vu-giai-phap.html#iv-3-2",
		"IV.3.2 chi bộ":              "plan/04-nhiem-vu-giai-phap.html#iv-3-2",
		"Mục IV.3.2.":                "plan/04-nhiem-vu-giai-phap.html#iv-3-2",
		"IV.3.2 mục":                 "plan/04-nhiem-vu-giai-phap.html#iv-3-2",
		"IV.3.2 NQ 21":               "plan/04-nhiem-vu-giai-phap.html#iv-3-2",
		"mục 2.3":                    "plan/04-nhiem-vu-giai-phap.html#iv-2-3",
		"V5.1":                       "tasks/ban-dan-van/t01.html",
	} {
		if got := first(q).Link; got != want {
			t.Errorf("%q leads first to %s, want %s", q, got, want)
		}
	}
	// A bullet's snippet stays in the bullet, closing with its words.
	if h := first("ct28"); !strings.HasSuffix(h.Snippet, "(Thực hiện thường xuyên).") || h.Link != "plan/05-nhiem-vu-cu-the.html#v-8-5" {
		t.Errorf("ct28 quotes %q at %s, want V.8.5's bullet to its end", h.Snippet, h.Link)
	}
	// Every task is found by its number, also where the plan assigns it in
	// a heading's one paragraph (V.5.1 is V.5's text).
	res, _ := buildReal(t)
	for _, task := range res.Site.Tasks {
		res, err := idx.Search(search.Request{Query: task.ID, Limit: 5})
		if err != nil || !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.URL == task.Path }) {
			t.Errorf("%s: %v; its task %s is not among the first five", task.ID, err, task.Path)
		}
	}
	// The task of an item comes with it.
	if res, err := idx.Search(search.Request{Query: "V.1.3", Limit: 5}); err != nil || len(res.Hits) < 2 || res.Hits[1].URL != "tasks/ban-to-chuc/t03.html" {
		t.Errorf("V.1.3: %v, %+v; want the task second", err, res.Hits)
	}
	// Items asked for together are each found, "và" joining them: the
	// section that holds both bullets, and the task of each.
	want := []string{"plan/05-nhiem-vu-cu-the.html#v-1-3", "tasks/ban-to-chuc/t03.html", "tasks/ban-to-chuc/t04.html"}
	for _, q := range []string{"V.1.3 và V.1.4", "V.1.3, V.1.4", "mục V.1.3 hoặc mục V.1.4"} {
		res, err := idx.Search(search.Request{Query: q, Limit: 5})
		var links []string
		if err == nil {
			for _, h := range res.Hits {
				links = append(links, h.Link)
			}
		}
		if !slices.Equal(links, want) {
			t.Errorf("%q: %v, %v; want %v", q, err, links, want)
		}
	}
	for glued, spaced := range map[string]string{"nq21": "NQ 21", "KH07": "KH 07", "hd35": "HD 35"} {
		a, b := first(glued), first(spaced)
		if a.Link != b.Link {
			t.Errorf("%q leads first to %s, %q to %s", glued, a.Link, spaced, b.Link)
		}
	}
}

// realIndex is the search index of the real plan's site, built for the test.
func realIndex(t *testing.T) *search.Index {
	t.Helper()
	idx, err := search.Open(filepath.Join(buildRealToDir(t), search.Dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// evaluate runs a query set and returns hit@1 and hit@5 in percent,
// logging the score per category and every query whose first hit is wrong.
func evaluate(t *testing.T, idx *search.Index, file string) (at1, at5 float64) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var set querySet
	if err := json.Unmarshal(raw, &set); err != nil {
		t.Fatal(err)
	}
	type score struct{ n, at1, at5 int }
	cats := map[string]*score{}
	total := &score{}
	for _, q := range set.Queries {
		res, err := idx.Search(search.Request{Query: q.Q, Limit: 5})
		if err != nil {
			t.Fatalf("%q: %v", q.Q, err)
		}
		var urls []string
		for _, h := range res.Hits {
			urls = append(urls, h.URL)
		}
		at1 := len(urls) > 0 && slices.Contains(q.Want, urls[0])
		at5 := slices.ContainsFunc(urls, func(u string) bool { return slices.Contains(q.Want, u) })
		c := cats[q.Category]
		if c == nil {
			c = &score{}
			cats[q.Category] = c
		}
		for _, s := range []*score{c, total} {
			s.n++
			if at1 {
				s.at1++
			}
			if at5 {
				s.at5++
			}
		}
		if !at1 {
			t.Logf("%-12s %q: want %v, got %v", q.Category, q.Q, q.Want, urls)
		}
	}
	names := make([]string, 0, len(cats))
	for name := range cats {
		names = append(names, name)
	}
	sort.Strings(names)
	var report strings.Builder
	for _, name := range append(names, "all") {
		s := cats[name]
		if name == "all" {
			s = total
		}
		fmt.Fprintf(&report, "%-12s %3d queries  hit@1 %5.1f%%  hit@5 %5.1f%%\n", name, s.n, pct(s.at1, s.n), pct(s.at5, s.n))
	}
	t.Log("\n" + report.String())
	return pct(total.at1, total.n), pct(total.at5, total.n)
}

func pct(a, n int) float64 { return 100 * float64(a) / float64(max(n, 1)) }

// TestSearchPreload checks that the plan's search page asks for its offline
// index with its own files, except behind kehoach serve, which answers the
// search API: there the index would be a download the page does not use.
func TestSearchPreload(t *testing.T) {
	const preload = `<link rel="preload" href="../search/data/index.js" as="script">`
	for _, api := range []bool{false, true} {
		mem := output.NewMemory()
		opt := Options{Site: os.DirFS(repoRoot), Defaults: kehoach.Defaults(), Now: testNow, SearchAPI: api}
		if _, err := Build(opt, mem); err != nil {
			t.Fatal(err)
		}
		page := string(mem.Files()["search/index.html"])
		if got := strings.Count(page, `rel="preload"`); got != map[bool]int{false: 1, true: 0}[api] {
			t.Errorf("SearchAPI %v: the search page has %d preloads", api, got)
		}
		if !api && !strings.Contains(page, preload) {
			t.Errorf("the search page does not preload index.js: want %s", preload)
		}
	}
}

// TestPageErrorsBeforeSearch checks that a page that fails to render stops
// the build before the search index, which takes most of a large site's
// build: its author hears of the error at once.
func TestPageErrorsBeforeSearch(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/bad-template-exec.txtar")
	must(t, err)
	var started []string
	opt := Options{Progress: func(step string, done, total int) {
		if done == 0 {
			started = append(started, step)
		}
	}}
	if _, _, err := buildDir(t, writeSite(t, ar), opt); err == nil {
		t.Fatal("the page's error did not fail the build")
	}
	if slices.Contains(started, "search") {
		t.Errorf("the build indexed the site before it stopped at the page's error: steps %q", started)
	}
	if !slices.Contains(started, "pages") {
		t.Errorf("the pages were not written: steps %q", started)
	}
}

// TestContentsNote: a heading with no text of its own says, in its
// result, what it holds.
func TestContentsNote(t *testing.T) {
	secs := []markdown.Section{
		{ID: "iv-2", Heading: "2. Đảng viên", Level: 2},
		{ID: "iv-2-1", Heading: "2.1. Giáo dục", Level: 3, Text: "…"},
		{ID: "iv-2-1-a", Heading: "Một", Level: 4, Text: "…"},
		{ID: "iv-2-2", Heading: "2.2. Quản lý", Level: 3, Text: "…"},
		{ID: "iv-3", Heading: "3. Kiểm tra", Level: 2, Text: "…"},
		{ID: "cach-lam", Heading: "Cách làm", Level: 2},
		{ID: "buoc-mot", Heading: "Bước một", Level: 3, Text: "…"},
		{ID: "buoc-hai", Heading: "Bước hai", Level: 3, Text: "…"},
		{ID: "cuoi", Heading: "Cuối", Level: 2},
	}
	for i, want := range []string{"Gồm các mục IV.2.1, IV.2.2.", "", "", "", "", "Gồm các mục: Bước một; Bước hai.", "", "", ""} {
		if got := contentsNote(secs, i); got != want {
			t.Errorf("%s: note %q, want %q", secs[i].ID, got, want)
		}
	}
}
