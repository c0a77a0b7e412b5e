package e2e

import (
	"cmp"
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/bundle"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/search"
	"github.com/kehoach/kehoach/internal/sitegen"
)

// Search with no kehoach process: the static index (search/data/), read by
// static/js/vnsearch.js, from a folder opened as files and behind a plain
// web server.

// folderURL is the file:// address of a page of a built site.
func folderURL(dest, page string) string {
	return "file://" + filepath.ToSlash(filepath.Join(dest, page))
}

// TestSearchFromFolder opens the search page of a copied folder, as files:
// results, highlights, filters and following a result work as behind the
// server.
func TestSearchFromFolder(t *testing.T) {
	dest := buildPlan(t, true)
	ctx, problems := browser(t)
	run(t, ctx, "open the home page from the folder", chromedp.Steps(
		chromedp.Navigate(folderURL(dest, "index.html")),
		chromedp.SendKeys("#site-q", "chi bo bon tot\n"),
		chromedp.WaitVisible("#search-results li"),
	))
	first := run(t, ctx, "first result", chromedp.Text("#search-results li a.result-title"))
	if !strings.Contains(first, "chi bộ bốn tốt") {
		t.Errorf(`"chi bo bon tot": first result %q`, first)
	}
	mark := run(t, ctx, "snippet", chromedp.Evaluate[string](`document.querySelector("#search-results .snippet mark").textContent`))
	if mark == "" {
		t.Error("no highlighted word in the first snippet")
	}
	clearBox(t, ctx)
	run(t, ctx, "type a new query", chromedp.Steps(
		chromedp.SendKeys("#search-q", "Uỷ ban kiểm tra"),
		chromedp.Poll[chromedp.Void](`document.querySelector("#search-results a.result-title") &&
			document.querySelector("#search-results a.result-title").textContent.includes("Ủy ban kiểm tra")`),
	))
	clearBox(t, ctx)
	run(t, ctx, "type a document number", chromedp.Steps(
		chromedp.SendKeys("#search-q", "Chỉ thị 28"),
		chromedp.Poll[chromedp.Void](`document.querySelector("#search-status").textContent.startsWith("2 kết quả")`),
	))
	run(t, ctx, "follow the first result", chromedp.Steps(
		chromedp.Click("#search-results li a.result-title"),
		chromedp.WaitReady("body.kind-part"),
	))
	// The result is section V.8; it leads to the bullet its snippet quotes.
	if target := run(t, ctx, "the bullet", chromedp.Evaluate[string](`(document.querySelector(":target")||{}).id || ""`)); target != "v-8-5" {
		t.Errorf("landed on :target %q, want v-8-5", target)
	}
	run(t, ctx, "filter", chromedp.Steps(
		chromedp.Navigate(folderURL(dest, "search/index.html")+"?q=thuong+xuyen&kind=task&agency=ban-tuyen-giao"),
		chromedp.WaitVisible("#search-results li"),
	))
	n := run(t, ctx, "count", chromedp.Evaluate[int](`document.querySelectorAll("#search-results li").length`))
	if status := run(t, ctx, "status", chromedp.Text("#search-status")); n != 2 || !strings.HasPrefix(status, "2 kết quả") {
		t.Errorf("tasks of Ban Tuyên giáo done regularly: %d results, status %q; want 2", n, status)
	}
	// A task's result says who leads it and by when.
	notes := run(t, ctx, "notes", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results li .result-note")].map(p => p.textContent)`))
	if want := "Chủ trì: Ban Tuyên giáo Tỉnh ủy · Thời hạn: Thực hiện thường xuyên"; len(notes) != 2 || notes[0] != want {
		t.Errorf("tasks of Ban Tuyên giáo done regularly: notes %q, want two, the first %q", notes, want)
	}
	// A query that names a task's state leads to the tasks in that state.
	run(t, ctx, "a state", chromedp.Steps(
		chromedp.Navigate(folderURL(dest, "search/index.html")+"?q=nhiem+vu+qua+han"),
		chromedp.WaitVisible("#search-states li:not([hidden]) a"),
	))
	if shown := run(t, ctx, "the state's link", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-states li:not([hidden]) a")].map(a => a.getAttribute("href"))`)); !slices.Equal(shown, []string{"../deadlines/index.html#_overdue"}) {
		t.Errorf(`"nhiem vu qua han": links %q, want the overdue tasks'`, shown)
	}
	run(t, ctx, "follow it", chromedp.Steps(chromedp.Click("#search-states li:not([hidden]) a"), chromedp.WaitReady("#_overdue")))
	if target := run(t, ctx, "the group", chromedp.Evaluate[string](`(document.querySelector(":target")||{}).id || ""`)); target != "_overdue" {
		t.Errorf("landed on :target %q, want _overdue", target)
	}
	for q, want := range map[string]string{"da+qua+han": "_overdue", "tre+han": "_overdue", "sap+het+han": "_due-soon", "đã+hoàn+thành": "_done"} {
		run(t, ctx, q, chromedp.Steps(
			chromedp.Navigate(folderURL(dest, "search/index.html")+"?q="+q),
			chromedp.WaitVisible("#search-states li:not([hidden]) a"),
		))
		if shown := run(t, ctx, q, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-states li:not([hidden]) a")].map(a => a.hash)`)); !slices.Equal(shown, []string{"#" + want}) {
			t.Errorf("%q: links %q, want #%s", q, shown, want)
		}
	}
	// A state and an agency lead to the agency's tasks, each with its state.
	for _, q := range []string{"qua han ban to chuc", "ban tổ chức tỉnh ủy trễ hạn"} {
		run(t, ctx, q, chromedp.Steps(
			chromedp.Navigate(folderURL(dest, "search/index.html")+"?q="+url.QueryEscape(q)),
			chromedp.WaitVisible("#search-states li:not([hidden]) a"),
		))
		if shown := run(t, ctx, q, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-states li:not([hidden]) a")].map(a => a.getAttribute("href"))`)); !slices.Equal(shown, []string{"../agencies/ban-to-chuc.html#_chu-tri"}) {
			t.Errorf("%q: links %q, want Ban Tổ chức's tasks", q, shown)
		}
	}
	run(t, ctx, "a query of content", chromedp.Steps(
		chromedp.Navigate(folderURL(dest, "search/index.html")+"?q=qua+han+nop+bao+cao"),
		chromedp.WaitVisible("#search-status"),
		chromedp.Poll[chromedp.Void](`document.querySelector("#search-status").textContent !== ""`),
	))
	if run(t, ctx, "no state's link", chromedp.Evaluate[bool](`!document.querySelector("#search-states").hidden`)) {
		t.Error(`"qua han nop bao cao" shows a state's link`)
	}
	// The plan has no "hoà": the page says that its results hold another spelling.
	for q, want := range map[string]string{
		"hoà bình":                 "2 kết quả. Không kết quả nào có đúng từ “hoà” như đã gõ: các kết quả dưới đây có từ gần giống.",
		"hòa bình":                 "2 kết quả. Không kết quả nào có đúng từ “hòa” như đã gõ: các kết quả dưới đây có từ gần giống.",
		"kết nạp đảng viên xyzabc": "4 kết quả. Không kết quả nào có từ “xyzabc”.",
		"đảng viên nhập":           "70 kết quả, đang hiển thị 20 kết quả đầu tiên. Các kết quả đang hiển thị không có từ “nhập”.",
		"cụ thể hoá":               "",
	} {
		run(t, ctx, q, chromedp.Steps(
			chromedp.Navigate(folderURL(dest, "search/index.html")+"?q="+url.QueryEscape(q)),
			chromedp.WaitVisible("#search-results li"),
		))
		status := run(t, ctx, q, chromedp.Text("#search-status"))
		if noted := strings.Contains(status, "có từ") || strings.Contains(status, "có đúng từ"); want != "" && status != want || want == "" && noted {
			t.Errorf("%q: status %q, want %q", q, status, cmp.Or(want, "no word said approximate"))
		}
	}
	checkMoreResults(t, ctx, folderURL(dest, "search/index.html"))
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestSearchBackFromResult follows the twelfth result of a search in a
// folder opened as files, on a phone, and comes back: the reader is where
// they were in the results, as the page reloads (no back-forward cache for
// file://), and the box has not taken the focus (a phone would open its
// keyboard over the results).
func TestSearchBackFromResult(t *testing.T) {
	dest := buildPlan(t, true)
	ctx, problems := browser(t)
	run(t, ctx, "viewport", chromedp.EmulateViewport(360, 740))
	run(t, ctx, "search", chromedp.Steps(
		chromedp.Navigate(folderURL(dest, "search/index.html")+"?q="+url.QueryEscape("đảng viên")),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#search-results li").length >= 20`),
	))
	y := run(t, ctx, "scroll to the twelfth", chromedp.Evaluate[float64](`document.querySelectorAll("#search-results li")[11].scrollIntoView(), window.scrollY`))
	if y < 500 {
		t.Fatalf("the twelfth result is at %.0f px: the test needs a page that scrolls", y)
	}
	href := run(t, ctx, "its link", chromedp.Evaluate[string](`document.querySelectorAll("#search-results a.result-title")[11].href`))
	run(t, ctx, "follow it and come back", chromedp.Steps(chromedp.Navigate(href), chromedp.NavigateBack()))
	// A string: the poll waits for a true value, and 0 (the top) is not one.
	at := run(t, ctx, "back", chromedp.Poll[string](`location.pathname.endsWith("/search/index.html") &&
		document.querySelectorAll("#search-results li").length >= 20 && String(window.scrollY)`))
	back, _ := strconv.ParseFloat(at, 64)
	if math.Abs(back-y) > 2 {
		t.Errorf("back from a result: at %.0f px, want %.0f (where the reader was)", back, y)
	}
	if focused := run(t, ctx, "focus", chromedp.Evaluate[bool](`document.activeElement === document.getElementById("search-q")`)); focused {
		t.Error("back from a result, the search box took the focus")
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestSearchHistory sends two queries and chooses a filter on the search
// page of a folder opened as files: each is a step of the history, which
// Back and Forward go through, the form and results following; the letters
// typed are not steps.
func TestSearchHistory(t *testing.T) {
	dest := buildPlan(t, true)
	ctx, problems := browser(t)
	const state = `JSON.stringify([document.getElementById("search-q").value, document.getElementById("search-kind").value,
		document.querySelector("#search-results a.result-title") ? document.querySelectorAll("#search-results li").length : 0])`
	run(t, ctx, "two queries and a filter", chromedp.Steps(
		chromedp.Navigate(folderURL(dest, "plan/index.html")),
		chromedp.Navigate(folderURL(dest, "search/index.html")),
		chromedp.WaitReady("#search-q"),
		chromedp.SendKeys("#search-q", "ubkt\n"),
		chromedp.Poll[chromedp.Void](`location.search === "?q=ubkt" && document.querySelector("#search-results li")`),
		chromedp.Poll[chromedp.Void](`(document.getElementById("search-q").value = "") === ""`),
		chromedp.SendKeys("#search-q", "chi bo bon tot\n"),
		chromedp.Poll[chromedp.Void](`location.search === "?q=chi+bo+bon+tot"`),
	))
	run(t, ctx, "the filter", chromedp.Evaluate[bool](`(k => (k.value = "task", k.dispatchEvent(new Event("change"))))(document.getElementById("search-kind"))`))
	run(t, ctx, "the filter's address", chromedp.Poll[chromedp.Void](`location.search === "?q=chi+bo+bon+tot&kind=task"`))
	steps := []struct {
		move, search, q, kind string
	}{
		{"back", "?q=chi+bo+bon+tot", "chi bo bon tot", ""},
		{"back", "?q=ubkt", "ubkt", ""},
		{"forward", "?q=chi+bo+bon+tot", "chi bo bon tot", ""},
		{"forward", "?q=chi+bo+bon+tot&kind=task", "chi bo bon tot", "task"},
	}
	for _, st := range steps {
		// Moved after the evaluation returns: a move while it runs may
		// close its context ("Inspected target navigated or closed").
		move := `(setTimeout(() => history.back()), true)`
		if st.move == "forward" {
			move = `(setTimeout(() => history.forward()), true)`
		}
		run(t, ctx, st.move, chromedp.Evaluate[bool](move))
		if !waitTrue(ctx, `location.search === `+jsString(st.search), 5*time.Second) {
			t.Fatalf("%s to %s: the address is %s", st.move, st.search, run(t, ctx, "address", chromedp.Evaluate[string](`location.href`)))
		}
		want := `["` + st.q + `","` + st.kind + `"`
		if !waitTrue(ctx, state+`.startsWith(`+jsString(want)+`) && !`+state+`.endsWith(",0]")`, 5*time.Second) {
			t.Errorf("%s to %s: the page shows %s, want the form %s] and results", st.move, st.search, run(t, ctx, "state", chromedp.Evaluate[string](state)), want)
		}
	}
	run(t, ctx, "back to the plan", chromedp.Evaluate[bool](`(setTimeout(() => history.go(-3)), true)`))
	if !waitTrue(ctx, `location.pathname.endsWith("/plan/index.html")`, 5*time.Second) {
		t.Errorf("three steps back from the filter: %s, want the plan's page", run(t, ctx, "address", chromedp.Evaluate[string](`location.href`)))
	}
	// A query typed and not sent, then a filter: the filter is a step
	// after the query, which Back shows again.
	run(t, ctx, "a query typed, then a filter", chromedp.Steps(
		chromedp.Navigate(folderURL(dest, "search/index.html")),
		chromedp.WaitReady("#search-q"),
		chromedp.SendKeys("#search-q", "ubkt"),
		chromedp.Poll[chromedp.Void](`location.search === "?q=ubkt"`),
	))
	run(t, ctx, "the filter", chromedp.Evaluate[bool](`(k => (k.value = "task", k.dispatchEvent(new Event("change"))))(document.getElementById("search-kind"))`))
	run(t, ctx, "the filter's address", chromedp.Poll[chromedp.Void](`location.search === "?q=ubkt&kind=task"`))
	run(t, ctx, "back", chromedp.Evaluate[bool](`(setTimeout(() => history.back()), true)`))
	if !waitTrue(ctx, `location.search === "?q=ubkt" && document.getElementById("search-kind").value === "" && document.querySelector("#search-results li") !== null`, 5*time.Second) {
		t.Errorf("back from a filter chosen after typing: %s, want the query typed without the filter", run(t, ctx, "address", chromedp.Evaluate[string](`location.href`)))
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestSearchPlainServer serves the built folder with a plain file server, as
// nginx would: the search API is missing, and the page answers from the
// static index, without asking the API first (api/search.js says it is not
// there) and loading index.js once, as its page preloads it.
func TestSearchPlainServer(t *testing.T) {
	dest := buildPlan(t, true)
	var mu sync.Mutex
	asked := map[string]int{}
	files := http.FileServer(http.Dir(dest))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.URL.Path]++
		mu.Unlock()
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	idx, err := search.Open(filepath.Join(dest, search.Dir))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx, problems := browser(t)
	preloads := resultsBehindServer(t, ctx, srv.URL, idx, `"ở đâu có dân"`)
	if want := []string{"../search/data/index.js"}; !slices.Equal(preloads, want) {
		t.Errorf("the search page preloads %v, want %v", preloads, want)
	}
	mu.Lock()
	apiAsked, indexLoaded := asked["/api/search"], asked["/"+search.StaticDir+"/index.js"]
	mu.Unlock()
	if apiAsked != 0 {
		t.Errorf("the page asked the missing API %d times", apiAsked)
	}
	if indexLoaded != 1 {
		t.Errorf("index.js was loaded %d times, want once", indexLoaded)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestFoldVectorsInBrowser checks the browser's analysis (vnsearch.js)
// against the vectors the Go analysis passes (internal/search TestFoldVectors).
func TestFoldVectorsInBrowser(t *testing.T) {
	raw, err := os.ReadFile("../search/testdata/fold.json")
	if err != nil {
		t.Fatal(err)
	}
	var vectors []struct {
		Text    string      `json:"text"`
		Words   [][2]string `json:"words"`
		Numbers []string    `json:"numbers"`
	}
	if err := json.Unmarshal(raw, &vectors); err != nil {
		t.Fatal(err)
	}
	dest := buildPlan(t, true)
	ctx, _ := browser(t)
	run(t, ctx, "open the search page", chromedp.Navigate(folderURL(dest, "search/index.html")))
	got := run(t, ctx, "analyse", chromedp.Evaluate[[]struct {
		Words   [][2]string `json:"words"`
		Numbers []string    `json:"numbers"`
	}](`(async () => {
		const idx = KehoachSearch.open("../search/data/");
		await idx.file("index.js"); // document types are part of the index
		return (`+string(raw)+`).map(v => {
			const a = KehoachSearch.analyse(v.text);
			return {words: a.exact.map((e, i) => [e, a.folded[i]]), numbers: idx.numbers(v.text)};
		});
	})()`, chromedp.EvalAwaitPromise))
	if len(got) != len(vectors) {
		t.Fatalf("%d answers for %d vectors", len(got), len(vectors))
	}
	for i, v := range vectors {
		if !slices.Equal(got[i].Words, v.Words) || !slices.Equal(got[i].Numbers, v.Numbers) {
			t.Errorf("%q: browser gives %q %q, want %q %q", v.Text, got[i].Words, got[i].Numbers, v.Words, v.Numbers)
		}
	}
}

type querySet struct {
	Queries []struct {
		Q    string   `json:"q"`
		Want []string `json:"want"`
	} `json:"queries"`
}

// readQuerySet reads a query set of internal/search/testdata, and its
// queries as a JSON array for a page's script.
func readQuerySet(t testing.TB, file string) (querySet, string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("../search/testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	var set querySet
	if err := json.Unmarshal(raw, &set); err != nil {
		t.Fatal(err)
	}
	queries := make([]string, len(set.Queries))
	for i, q := range set.Queries {
		queries[i] = q.Q
	}
	qs, _ := json.Marshal(queries) // strings always marshal
	return set, string(qs)
}

// TestStaticQuerySet runs the repository's query sets through the static
// index in the browser and through the server's bleve index of the same
// build: hit@1 and hit@5 must agree within one query.
func TestStaticQuerySet(t *testing.T) {
	dest := buildPlan(t, true)
	idx, err := search.Open(filepath.Join(dest, search.Dir))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx, problems := browser(t)
	run(t, ctx, "open the search page", chromedp.Navigate(folderURL(dest, "search/index.html")))
	for _, file := range []string{"queries.json", "holdout.json", "holdout-questions.json", "readers.json", "cadres.json"} {
		set, qs := readQuerySet(t, file)
		browserHits := run(t, ctx, file, chromedp.Evaluate[[][]string](`(async () => {
			const idx = KehoachSearch.open("../search/data/");
			const out = [];
			for (const q of `+qs+`) {
				const r = await idx.search({query: q, limit: 5});
				out.push(r.hits.map(h => h.url));
			}
			return out;
		})()`, chromedp.EvalAwaitPromise))
		var server, static [2]int // hit@1, hit@5
		same := 0
		for i, q := range set.Queries {
			res, err := idx.Search(search.Request{Query: q.Q, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			var urls []string
			for _, h := range res.Hits {
				urls = append(urls, h.URL)
			}
			score(&server, urls, q.Want)
			score(&static, browserHits[i], q.Want)
			if slices.Equal(urls, browserHits[i]) {
				same++
			} else {
				t.Logf("%q: server %v, static %v", q.Q, urls, browserHits[i])
			}
		}
		n := len(set.Queries)
		t.Logf("%s: %d queries; server hit@1 %d hit@5 %d; static hit@1 %d hit@5 %d; same top five for %d",
			file, n, server[0], server[1], static[0], static[1], same)
		if abs(server[0]-static[0]) > 1 || abs(server[1]-static[1]) > 1 {
			t.Errorf("%s: static hit@1 %d, hit@5 %d; server %d, %d: more than one query apart",
				file, static[0], static[1], server[0], server[1])
		}
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// checkMadePairs loads the whole of the split index of the search page open
// in ctx, which carries the pairs of words that internal/search wrote, and
// has vnsearch.js make them from the texts, as it does for an index that
// is not split, which leaves them out: both must be the same, every pair
// in the same documents as often.
func checkMadePairs(t *testing.T, ctx context.Context) {
	t.Helper()
	type result struct {
		Pairs int      `json:"pairs"`
		Made  int      `json:"made"`
		Diffs []string `json:"diffs"`
	}
	r := run(t, ctx, "make the pairs", chromedp.Evaluate[result](`(async () => {
		const idx = KehoachSearch.open("../search/data/");
		await idx.load(["index.js", "d.js"]); // the text chunks add to the document table
		const names = [...new Set(Object.values(idx.meta.shards))].map(i => "t" + i + ".js");
		for (let c = 0; c * idx.meta.chunk < idx.meta.n; c++) names.push("x" + c + ".js");
		await idx.load(names);
		const written = new Map(Object.keys(idx.fields.pairs).map(k => [k, idx.postings("pairs", k)]));
		idx.makePairs();
		const made = idx.decoded.pairs;
		const diffs = [];
		for (const [k, p] of written) {
			const q = made.get(k);
			if (!q || q.docs.join() !== p.docs.join() || q.counts.join() !== p.counts.join()) {
				diffs.push(k + ": written " + p.docs.join() + " / " + p.counts.join() + ", made " + (q ? q.docs.join() + " / " + q.counts.join() : "none"));
			}
		}
		for (const k of made.keys()) {
			if (!written.has(k)) diffs.push(k + ": made, not written");
		}
		return {pairs: written.size, made: made.size, diffs: diffs.slice(0, 10)};
	})()`, chromedp.EvalAwaitPromise))
	if r.Pairs < 1000 || len(r.Diffs) > 0 {
		t.Errorf("%d pairs written, %d made from the texts; differences: %q", r.Pairs, r.Made, r.Diffs)
	}
}

// TestSearchSplitIndex builds a generated site too large for one index
// file and searches it from the folder: the page loads the shards and text
// chunks a query needs and answers as the server does.
func TestSearchSplitIndex(t *testing.T) {
	dest := buildSite(t, os.DirFS(generatedSite(t, 1500)), true)
	if _, err := os.Stat(filepath.Join(dest, search.StaticDir, "t0.js")); err != nil {
		t.Fatalf("the generated site's static index is not split: %v", err)
	}
	idx, err := search.Open(filepath.Join(dest, search.Dir))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	data, _ := os.ReadDir(filepath.Join(dest, search.StaticDir))
	shards, chunks := 0, 0
	for _, f := range data {
		switch f.Name()[0] {
		case 't':
			shards++
		case 'x':
			chunks++
		}
	}
	if shards < 2 || chunks < 3 {
		t.Fatalf("the split index has %d shards and %d text chunks; want at least 2 and 3", shards, chunks)
	}
	ctx, problems := browser(t)
	answersAsServer(t, ctx, dest, idx)
	pairsAsGo(t, ctx, dest, "updates/2026/tuyen-duong-4-tot.html")
	// Opened without a query, the page loads index.js and the document
	// table while the reader types. A query replaced by a newer one asks
	// for no file after those: on a slow link, its files would hold up
	// those of the newer query.
	run(t, ctx, "open the search page", chromedp.Navigate(folderURL(dest, "search/index.html")))
	warm := run(t, ctx, "the page loads before a query", chromedp.Poll[[]string](
		`(names => names.length >= 2 && names)(KehoachSearch.open("../search/data/").loadedNames)`))
	if want := []string{"index.js", "d.js"}; !slices.Equal(warm, want) {
		t.Errorf("before a query, the page loaded %v, want %v", warm, want)
	}
	loaded := run(t, ctx, "a replaced query", chromedp.Evaluate[[]string](`(async () => {
		const idx = KehoachSearch.open("../search/data/");
		const stale = await idx.search({query: "chi bo bon tot", limit: 5, current: () => false}).then(() => "answered", () => "stopped");
		return [stale].concat(idx.loadedNames);
	})()`, chromedp.EvalAwaitPromise))
	if want := []string{"stopped", "index.js", "d.js"}; !slices.Equal(loaded, want) {
		t.Errorf("a replaced query: %v, want %v", loaded, want)
	}
	checkMadePairs(t, ctx)
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestSearchWholeIndex builds a generated site whose offline index is too
// large for one file and small enough to be loaded whole: behind a plain
// web server the search page asks for its three files with its own, once,
// and nothing else of the index; from the folder, it answers as the server
// does.
func TestSearchWholeIndex(t *testing.T) {
	dest := buildSite(t, os.DirFS(generatedSite(t, 300)), true)
	var names []string
	data, _ := os.ReadDir(filepath.Join(dest, search.StaticDir))
	for _, f := range data {
		names = append(names, f.Name())
	}
	if want := []string{"index.js", "x0.js", "x1.js"}; !slices.Equal(names, want) {
		t.Fatalf("the static index of 300 generated pages is %v, want %v", names, want)
	}
	idx, err := search.Open(filepath.Join(dest, search.Dir))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	var mu sync.Mutex
	asked := map[string]int{}
	files := http.FileServer(http.Dir(dest))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if dir, name := path.Split(r.URL.Path); dir == "/"+search.StaticDir+"/" {
			mu.Lock()
			asked[name]++
			mu.Unlock()
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	ctx, problems := browser(t)
	preloads := resultsBehindServer(t, ctx, srv.URL, idx, "phát triển đảng viên")
	if want := []string{"../search/data/index.js", "../search/data/x0.js", "../search/data/x1.js"}; !slices.Equal(preloads, want) {
		t.Errorf("the search page preloads %v, want %v", preloads, want)
	}
	mu.Lock()
	if want := map[string]int{"index.js": 1, "x0.js": 1, "x1.js": 1}; !maps.Equal(asked, want) {
		t.Errorf("a query loaded %v of the index, want %v", asked, want)
	}
	mu.Unlock()
	// Opened without a query, the page loads the whole index while the
	// reader types: the preloaded files, used.
	run(t, ctx, "open the search page", chromedp.Navigate(srv.URL+"/search/index.html"))
	warm := run(t, ctx, "the index loaded before a query", chromedp.Poll[[]string](
		`(names => names.length === 3 && names.slice().sort())(KehoachSearch.open("../search/data/").loadedNames)`))
	if want := []string{"index.js", "x0.js", "x1.js"}; !slices.Equal(warm, want) {
		t.Errorf("before a query, the page loaded %v, want %v", warm, want)
	}
	answersAsServer(t, ctx, dest, idx)
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// resultsBehindServer opens the search page for q on the plain web server
// at base and checks that it shows the server's results; it returns the
// addresses of the scripts the page preloads.
func resultsBehindServer(t *testing.T, ctx context.Context, base string, idx *search.Index, q string) []string {
	t.Helper()
	want, err := idx.Search(search.Request{Query: q, Limit: 20})
	if err != nil || len(want.Hits) == 0 {
		t.Fatalf("server: %v, %v", want, err)
	}
	run(t, ctx, "search", chromedp.Steps(
		chromedp.Navigate(base+"/search/index.html?q="+url.QueryEscape(q)),
		chromedp.WaitVisible("#search-results li"),
	))
	got := run(t, ctx, "results", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results a.result-title")].map(a => a.getAttribute("href"))`))
	var wantHrefs []string
	for _, h := range want.Hits {
		wantHrefs = append(wantHrefs, "../"+h.Link)
	}
	if !slices.Equal(got, wantHrefs) {
		t.Errorf("%s behind a plain server: results %v, want the server's %v", q, got, wantHrefs)
	}
	return run(t, ctx, "preloads", chromedp.Evaluate[[]string](`[...document.querySelectorAll('link[rel="preload"][as="script"]')].map(l => l.getAttribute("href"))`))
}

// answersAsServer runs queries through the static index of the site built
// in dest, opened from the folder, each on a new page (nothing loaded by
// an earlier query), and checks that it answers as the server does: the
// total, the words found only approximately or not at all, and the address, title,
// section, snippet and note of the first five.
func answersAsServer(t *testing.T, ctx context.Context, dest string, idx *search.Index) {
	t.Helper()
	queries := []string{"chi bo bon tot", "chi bộ 4 tốt", "quý 4 tốt", `"chi bộ 4 tốt"`, "Chỉ thị 28", "đảng viên", "UBKT", `"ở đâu có dân"`, "khen thuongg", "tổ chức cơ sở đảng ở đâu", "Hóa giải và hóa", "đảng viên nhập", "kết nạp đảng viên xyzabc", "hoà nhập", "UBKT kiểm tra", "ủy ban kiểm tra UBKT", "Ðảng viên", "dân vận", "chi bộ bốn tốt", "ủy ban kiểm tra",
		"Nghị quyết 21-NQ/TW", "NQ 21", "nq21", "HD35 ban to chuc", "IV.3.2", "iv.1.3.6", "V.1.3", "V.1.3 và V.1.4", "mục V.1.3 hoặc mục V.1.4", "IV.3.2 mục", "IV.3.2 NQ 21", "V.5.1", "V5.1", "mục 2.3", "mục IV.3.2 ủy ban kiểm tra", "VI.2", "IV.3.2 chi bộ", "IV-3-2", "iv 3 2", "mục IV 3.2", "quý IV 2022", "phần IV", "mục VI", "hoà", "cụ thể hoà", "hoà bình", "phat trien dang vien", "ahuan", "cbuyen doi so", "sinh hoạt chi bộ",
		"thoi han quan triet nghi quyet",
		"kết nạp 3-4% đảng viên", "kết nạp 3\u00a0-\u00a04%", "đến năm 2025-2030", "quý 4/2022", `"quý 4/2022"`, "quí 4", "quý constructor",
		"ubnd", "ủy ban nhân dân", `"uỷ ban nhân dân" cấp xã`} // a number range, and one no document has
	for _, q := range queries {
		run(t, ctx, "open the search page", chromedp.Navigate(folderURL(dest, "search/index.html")))
		got := run(t, ctx, q, chromedp.Evaluate[[]string](`KehoachSearch.open("../search/data/").search({query: `+jsString(q)+`, limit: 5})
			.then(r => [String(r.total), (r.approximate || []).join(" "), (r.missing || []).join(" ")].concat(r.hits.map(h => [h.url, h.link, h.title, h.section, h.snippet, h.note || ""].join(" | "))))`, chromedp.EvalAwaitPromise))
		res, err := idx.Search(search.Request{Query: q, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{strconv.Itoa(res.Total), strings.Join(res.Approximate, " "), strings.Join(res.Missing, " ")}
		for _, h := range res.Hits {
			want = append(want, strings.Join([]string{h.URL, h.Link, h.Title, h.Section, h.Snippet, h.Note}, " | "))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the static index answers (total, then hits)\n%s\nthe server\n%s", q, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// pairsAsGo checks that vnsearch.js makes the pairs of words of a document
// as Go indexes them: an index loaded whole gets its pairs from makePairs,
// which reads the texts a token at a time, while a split index carries
// Go's. On the split index in dest, it compares the two for the document
// at url: its every pair and count.
func pairsAsGo(t *testing.T, ctx context.Context, dest, url string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dest, search.StaticDir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	run(t, ctx, "open the search page", chromedp.Navigate(folderURL(dest, "search/index.html")))
	got := run(t, ctx, "pairs", chromedp.Evaluate[[]string](`(async () => {
		const idx = KehoachSearch.open("../search/data/");
		await idx.file("index.js");
		await idx.load(["d.js"]);
		await idx.load(`+jsValue(names)+`);
		const doc = idx.meta.docs.findIndex(d => d[0] === `+jsString(url)+`);
		const pick = m => [...m.keys()].sort().flatMap(k => {
			const p = m.get(k), i = p.docs.indexOf(doc);
			return i < 0 ? [] : [k + " " + p.counts[i]];
		});
		const go = new Map(Object.keys(idx.fields.pairs).map(k => [k, idx.postings("pairs", k)]));
		idx.makePairs();
		return doc < 0 ? ["no document " + `+jsString(url)+`] : [pick(go).join(", "), pick(idx.decoded.pairs).join(", ")];
	})()`, chromedp.EvalAwaitPromise))
	if len(got) != 2 || got[0] != got[1] || got[0] == "" {
		t.Errorf("the pairs of %s:\nGo:            %s\nvnsearch.js:   %s", url, got[0], got[len(got)-1])
	}
}

// generatedSite writes a generated site of the given number of pages into
// a new folder and returns it: 300 pages make an offline index loaded
// whole, 1,500 a split one.
func generatedSite(t *testing.T, pages int) string {
	t.Helper()
	site := t.TempDir()
	// The plan's text, beside the checkout: its sentences make the index as
	// large as the tests of each layout need.
	corpus, err := os.ReadFile("../../../shared/source/ke-hoach-nq21.txt")
	if err != nil {
		t.Fatalf("the generated sites sample the plan's text: %v", err)
	}
	if err := sitegen.Generate(site, sitegen.Options{Pages: pages, Seed: 1, Corpus: string(corpus)}); err != nil {
		t.Fatal(err)
	}
	// A news item that writes the model's number in digits, as editors do,
	// which the plan never does: "4 tốt" must fold as "bốn tốt" in the
	// offline index's own reading of the texts too (answersAsServer).
	news := "+++\ntitle = \"Tuyên dương chi bộ 4 tốt\"\ndate = 2026-11-20\n+++\nTỉnh tuyên dương 30 chi bộ 4 tốt và 3 tốt nghiệp. Xã đạt 4 tốt. Hơn nữa, quý 4 tốt.\n"
	dir := filepath.Join(site, "content", "updates", "2026")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tuyen-duong-4-tot.md"), []byte(news), 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string { return jsValue(s) }

// jsValue is v, strings or lists of them, as a JavaScript literal.
func jsValue(v any) string {
	b, _ := json.Marshal(v) // strings and their lists always marshal
	return string(b)
}

func clearBox(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, "clear the box", chromedp.Evaluate[bool](`(document.querySelector("#search-q").value = "", true)`))
}

func score(s *[2]int, urls, want []string) {
	if len(urls) > 0 && slices.Contains(want, urls[0]) {
		s[0]++
	}
	if slices.ContainsFunc(urls, func(u string) bool { return slices.Contains(want, u) }) {
		s[1]++
	}
}

func abs(n int) int { return max(n, -n) }

// singleFile builds site and writes the file of `kehoach build
// --single-file` from it; it returns the file's path.
func singleFile(t *testing.T, site fs.FS) string {
	t.Helper()
	return singleFileOn(t, site, now)
}

// singleFileOn is singleFile, its tasks' states as of day.
func singleFileOn(t *testing.T, site fs.FS, day time.Time) string {
	t.Helper()
	mem := output.NewMemory()
	res, err := build.Build(build.Options{Site: site, Defaults: kehoach.Defaults(), Now: day}, mem)
	if err != nil {
		t.Fatal(err)
	}
	doc := bundle.FromSite(res.Site)
	doc.Title, doc.Now = res.Config.Title, day
	data, err := bundle.Bundle(mem.Files(), doc)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "ke-hoach.html")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestSingleFileLargeIndex searches the single file of sites whose index
// is in several files, split or loaded whole: every file of the index is
// inlined, and they must run in an order the index takes (index.js, then
// a split index's document table, then the rest).
func TestSingleFileLargeIndex(t *testing.T) {
	for _, tc := range []struct {
		layout string
		pages  int
		parts  []string // of the index files inlined, as KehoachSearch.add calls name them
	}{
		{"whole", 300, []string{`"part":"all"`, `"part":"x1"`}},
		{"split", 1500, []string{`"part":"meta"`, `"part":"d"`, `"part":"t1"`}},
	} {
		t.Run(tc.layout, func(t *testing.T) { searchSingleFile(t, generatedSite(t, tc.pages), tc.parts) })
	}
}

func searchSingleFile(t *testing.T, site string, parts []string) {
	file := singleFile(t, os.DirFS(site))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range parts {
		if !strings.Contains(string(data), part) {
			t.Fatalf("the single file has no index file of %s: not the layout under test", part)
		}
	}
	ctx, problems := browser(t)
	run(t, ctx, "search", chromedp.Steps(
		chromedp.Navigate("file://"+filepath.ToSlash(file)+"?q="+url.QueryEscape("chi bo bon tot")),
		chromedp.Poll[chromedp.Void](`document.querySelector("#search-status").textContent !== ""`),
	))
	status := run(t, ctx, "status", chromedp.Text("#search-status"))
	titles := run(t, ctx, "results", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results a.result-title")]
		.filter(a => a.textContent !== "" && document.getElementById(a.getAttribute("href").slice(1))).map(a => a.textContent)`))
	if !strings.Contains(status, "kết quả") || len(titles) == 0 {
		t.Errorf("chi bo bon tot in the single file: status %q, %d results with a title that lead into the file", status, len(titles))
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestSingleFileWayBack reads the single file on a phone, deep in its
// longest pages: the way back to the contents is on the screen wherever
// the reader is, and leads there.
func TestSingleFileWayBack(t *testing.T) {
	file := singleFile(t, os.DirFS("../.."))
	ctx, problems := browser(t)
	run(t, ctx, "a phone", chromedp.EmulateViewport(390, 844))
	run(t, ctx, "open", chromedp.Navigate("file://"+filepath.ToSlash(file)))
	// The file's title keeps its document number on one line.
	if got := run(t, ctx, "title", chromedp.Evaluate[string](`[...document.querySelectorAll(".site-title .nowrap")].map(s => s.getClientRects().length + " " + s.textContent).join()`)); got != "1 21-NQ/TW" {
		t.Errorf("the file's title: %q, want 21-NQ/TW kept on one line", got)
	}
	height := run(t, ctx, "height", chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
	// At each place the file is opened at, the floating links are there;
	// while the reader scrolls down they step aside, and a scroll up brings
	// them back.
	const onScreen = `[...document.querySelectorAll(".bundle-top a, .to-toc a")].filter(a => {
		const r = a.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && getComputedStyle(a).opacity === "1"; })
		.map(a => a.getAttribute("href")).join(" ")`
	for _, share := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
		y := share * height
		// Scroll events come before the frame's animation callbacks: after
		// two frames the page has seen the jump.
		run(t, ctx, "jump", chromedp.Steps(
			chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, `+strconv.FormatFloat(y, 'f', 0, 64)+`),
				new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))`, chromedp.EvalAwaitPromise),
			chromedp.Poll[chromedp.Void](onScreen+` !== ""`),
		))
		run(t, ctx, "scroll down", chromedp.Steps(
			chromedp.Evaluate[chromedp.Void](`window.scrollBy(0, 300)`),
			chromedp.Poll[chromedp.Void](onScreen+` === ""`),
		))
		run(t, ctx, "scroll up", chromedp.Steps(
			chromedp.Evaluate[chromedp.Void](`window.scrollBy(0, -100)`),
			chromedp.Poll[chromedp.Void](onScreen+` !== ""`),
		))
		if shown := run(t, ctx, "links", chromedp.Evaluate[string](onScreen)); !slices.Contains(strings.Fields(shown), "#_muc-luc") {
			t.Errorf("at %.0f of %.0f px, the way back on the screen: %q, want #_muc-luc", y, height, shown)
		}
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestSingleFile opens the file of `kehoach build --single-file` and
// searches in it: results lead to sections of the file, never to pages it
// leaves out.
func TestSingleFile(t *testing.T) {
	file := singleFile(t, os.DirFS("../.."))
	ctx, problems := browser(t)
	for _, q := range []string{"chi bo bon tot", "Chỉ thị 28", "tin", "đảng viên"} {
		run(t, ctx, q, chromedp.Steps(
			chromedp.Navigate("file://"+filepath.ToSlash(file)+"?q="+url.QueryEscape(q)),
			chromedp.Poll[chromedp.Void](`document.querySelector("#search-status").textContent !== ""`),
		))
		missing := run(t, ctx, q, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results a.result-title")]
			.map(a => a.getAttribute("href")).filter(h => !h.startsWith("#") || !document.getElementById(h.slice(1)))`))
		if len(missing) > 0 {
			t.Errorf("%s: results lead nowhere in the file: %v", q, missing)
		}
	}
	// A state and an agency lead to the agency's tasks, in the file too.
	run(t, ctx, "a state and an agency", chromedp.Steps(
		chromedp.Navigate("file://"+filepath.ToSlash(file)+"?q="+url.QueryEscape("quá hạn ban tổ chức")),
		chromedp.WaitVisible("#search-states li:not([hidden]) a"),
	))
	if shown := run(t, ctx, "its link", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-states li:not([hidden]) a")].map(a => a.getAttribute("href"))`)); !slices.Equal(shown, []string{"#agencies/ban-to-chuc.html--_chu-tri"}) || !run(t, ctx, "its target", chromedp.Evaluate[bool](`!!document.getElementById("agencies/ban-to-chuc.html--_chu-tri")`)) {
		t.Errorf("quá hạn ban tổ chức in the single file: links %q, want Ban Tổ chức's tasks in the file", shown)
	}
	run(t, ctx, "follow a result", chromedp.Steps(
		chromedp.Navigate("file://"+filepath.ToSlash(file)+"?q="+url.QueryEscape("Chỉ thị 28")),
		chromedp.WaitVisible("#search-results li"),
		chromedp.Click("#search-results li a.result-title"),
	))
	if target := run(t, ctx, "target", chromedp.Evaluate[string](`location.hash`)); target != "#plan/05-nhiem-vu-cu-the.html--v-8-5" {
		t.Errorf("the first result for Chỉ thị 28 leads to %q", target)
	}
	// The file is one document, whose places the browser keeps: Back from a
	// result returns to it (the search page's own keeping of its place,
	// for a page loaded anew, must not stop that).
	run(t, ctx, "search again", chromedp.Steps(
		chromedp.Navigate("file://"+filepath.ToSlash(file)+"?q="+url.QueryEscape("chi bo")),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#search-results li").length >= 10`),
	))
	y := run(t, ctx, "scroll to the tenth", chromedp.Evaluate[float64](`document.querySelectorAll("#search-results li")[9].scrollIntoView(), window.scrollY`))
	run(t, ctx, "follow it", chromedp.Steps(
		chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#search-results a.result-title")[9].click()`),
		chromedp.Poll[chromedp.Void](`location.hash !== ""`),
		chromedp.NavigateBack(),
	))
	at := run(t, ctx, "back", chromedp.Poll[string](`location.hash === "" && String(window.scrollY)`))
	if back, _ := strconv.ParseFloat(at, 64); math.Abs(back-y) > 2 {
		t.Errorf("back from a result in the single file: at %.0f px, want %.0f (where the reader was)", back, y)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}
