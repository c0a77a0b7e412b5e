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

// TestQuerySet runs the hand-written queries of internal/search/testdata
// against the real plan's index: hit@1 must reach 95% and hit@5 100%.
func TestQuerySet(t *testing.T) {
	at1, at5 := evaluate(t, realIndex(t), "../search/testdata/queries.json")
	if at1 < 95 || at5 < 100 {
		t.Errorf("hit@1 %.1f%% (want ≥ 95%%), hit@5 %.1f%% (want 100%%)", at1, at5)
	}
}

// TestQuerySetHoldout runs a second set, written without looking at the
// ranking code and never used to tune it: it measures how the ranking
// generalises. Its floor is lower than the tuned set's.
func TestQuerySetHoldout(t *testing.T) {
	at1, at5 := evaluate(t, realIndex(t), "../search/testdata/holdout.json")
	if at1 < 85 || at5 < 95 {
		t.Errorf("held-out hit@1 %.1f%% (want ≥ 85%%), hit@5 %.1f%% (want ≥ 95%%)", at1, at5)
	}
}

// TestQuerySetQuestions runs a third set: 24 questions in plain Vietnamese,
// written on 07/12/2026 by someone who had read neither the ranking code
// nor the other sets, after the changes for questions. Its first measure,
// hit@1 70.8 % and hit@5 79.2 %, led to two changes (BENCHMARKS.md, "Search
// quality"), so it is held out no longer; its floors are the score after
// them, rounded down, to catch a step back.
func TestQuerySetQuestions(t *testing.T) {
	at1, at5 := evaluate(t, realIndex(t), "../search/testdata/holdout-questions.json")
	if at1 < 80 || at5 < 95 {
		t.Errorf("questions: hit@1 %.1f%% (want ≥ 80%%), hit@5 %.1f%% (want ≥ 95%%)", at1, at5)
	}
}

// TestQuerySetReaders runs a fourth set: 30 queries as readers type them
// (10 short keywords, 8 without diacritics, 6 questions, 6 figures,
// deadlines and document numbers), written on 07/12/2026 by someone who had
// read neither the ranking code nor the other sets. A want without an
// anchor was written for a whole page: its sections count too. Its first
// measure, hit@1 83.3 % and hit@5 100 %, led to two changes ("này" as a
// function word, number ranges), so it is held out no longer; its floors
// are the score after them, rounded down.
func TestQuerySetReaders(t *testing.T) {
	at1, at5 := evaluate(t, realIndex(t), "../search/testdata/readers.json")
	if at1 < 85 || at5 < 100 {
		t.Errorf("readers: hit@1 %.1f%% (want ≥ 85%%), hit@5 %.1f%% (want 100%%)", at1, at5)
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
