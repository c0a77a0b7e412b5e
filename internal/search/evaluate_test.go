package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// tiedDocs are n documents made of a few sentences, so that many share a
// score and their order is decided by their ids, as on the generated site.
func tiedDocs(n int, seed uint64) []Document {
	sentences := []string{
		"Xây dựng chi bộ bốn tốt, đảng bộ cơ sở bốn tốt.",
		"Nâng cao chất lượng sinh hoạt chi bộ.",
		"Uỷ ban kiểm tra các cấp tăng cường kiểm tra, giám sát.",
		"Ủy ban nhân dân tỉnh hoà giải ở cơ sở.",
		"Kết nạp đảng viên mới theo Chỉ thị số 28-CT/TW.",
		"Rà soát đảng viên đi làm ăn xa.",
	}
	kinds := []string{"plan", "task", "update", "agency", "guidance"}
	r := rand.New(rand.NewPCG(seed, 1))
	docs := make([]Document, n)
	for i := range docs {
		var text []string
		for range 1 + r.IntN(3) {
			text = append(text, sentences[r.IntN(len(sentences))])
		}
		var agencies []string
		for range r.IntN(3) {
			agencies = append(agencies, "a"+strconv.Itoa(r.IntN(60))) // more than a facet shows
		}
		docs[i] = Document{
			ID: "d" + strconv.Itoa(i), URL: "p/" + strconv.Itoa(i) + ".html", Title: "Trang " + strconv.Itoa(i%7),
			Kind: kinds[r.IntN(len(kinds))], Agencies: agencies, Text: strings.Join(text, " "),
		}
	}
	return docs
}

// bleveCollected is what bleve's own searchers and collector find for the
// query that run evaluates: sorted by "-_score", "_id", with its facets. It
// is the reference that evaluating and collecting must agree with.
func bleveCollected(t *testing.T, x *Index, p parsed, r Request, size int, every bool) ([]scored, int, map[string]Facet) {
	t.Helper()
	req := bleve.NewSearchRequestOptions(p.bleveQuery(r.Kind, r.Agency, every), size, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	req.AddFacet("kind", bleve.NewFacetRequest("kind", 10))
	req.AddFacet("agency", bleve.NewFacetRequest("agency", 50))
	res, err := x.bleve.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var best []scored
	for _, m := range res.Hits {
		n, err := strconv.Atoi(m.ID)
		if err != nil {
			t.Fatal(err)
		}
		best = append(best, scored{rec: n, score: m.Score})
	}
	facets := map[string]Facet{}
	for name, f := range res.Facets {
		counts := Facet{}
		if f.Terms != nil {
			for _, tf := range f.Terms.Terms() {
				counts = append(counts, FacetCount{Value: tf.Term, Count: tf.Count})
			}
		}
		slices.SortStableFunc(counts, func(a, b FacetCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Value, b.Value))
		})
		facets[name] = counts
	}
	return best, int(res.Total), facets
}

var collectQueries = []Request{
	{Query: "chi bo bon tot"}, {Query: "chi bộ"}, {Query: "uy ban kiem tra"}, {Query: "ủy ban"},
	{Query: "đảng viên", Kind: "task"}, {Query: "Chỉ thị 28"}, {Query: "hoa giai co so"},
	{Query: "kiem tra", Agency: "a7"}, {Query: "sinh hoat"}, {Query: `"chi bo bon tot"`},
	{Query: "xay dung nang cao ket nap ra soat", Limit: 50},
	{Query: "chi bộ chi bộ"}, {Query: "đảng viên", Kind: "nokind"}, {Query: "kiem tra", Agency: "none"},
	{Query: "Chỉ thị 99"}, {Query: "Nghị quyết 21 chi bộ"}, {Query: `"bốn tốt" "sinh hoạt"`},
}

// checkCollected compares evaluating and collecting with bleve's own
// search on every query of collectQueries: the same matches in the same
// order, scores equal but for rounding (bleve adds a document's term scores
// in another order), the same facets.
func checkCollected(t *testing.T, x *Index) {
	t.Helper()
	for _, r := range collectQueries {
		compareWithBleve(t, x, r)
	}
}

// compareWithBleve compares evaluating and collecting r with bleve's own
// search, with every word required as asked and with one.
func compareWithBleve(t *testing.T, x *Index, r Request) {
	t.Helper()
	snap, err := x.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	p := parse(r.Query)
	p.words = correct(snap, p.words)
	if p.empty() {
		return // Search answers it without a search
	}
	limit := cmp.Or(r.Limit, defaultLimit)
	s, err := x.snaps.of(snap)
	if err != nil {
		t.Fatal(err)
	}
	for _, every := range []bool{true, false} {
		got, err := x.run(s, p, r, limit, every)
		if err != nil {
			t.Fatal(err)
		}
		best, total, facets := bleveCollected(t, x, p, r, got.size, every)
		name := fmt.Sprintf("%q every=%v", r.Query, every)
		if got.total != total {
			t.Errorf("%s: %d matches, bleve %d", name, got.total, total)
		}
		hits := got.hits()
		for i := range hits {
			hits[i].rank = 0
		}
		if diff := gocmp.Diff(best, hits, gocmp.AllowUnexported(scored{}), cmpopts.EquateApprox(1e-12, 0)); diff != "" {
			t.Errorf("%s: best matches differ from bleve's (-bleve +got):\n%s", name, diff)
		}
		if diff := gocmp.Diff(facets, got.facets()); diff != "" {
			t.Errorf("%s: facets differ from bleve's (-bleve +got):\n%s", name, diff)
		}
	}
}

// FuzzEvaluateAgreesWithBleve compares evaluating with bleve's own search
// on any query.
func FuzzEvaluateAgreesWithBleve(f *testing.F) {
	for _, r := range collectQueries {
		f.Add(r.Query)
	}
	x, err := NewMemory(tiedDocs(200, 5))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { x.Close() })
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > MaxQueryBytes {
			return
		}
		compareWithBleve(t, x, Request{Query: q, Limit: 20})
	})
}

func TestEvaluateAgreesWithBleve(t *testing.T) {
	docs := tiedDocs(400, 1)
	x, err := NewMemory(docs)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	checkCollected(t, x)
}

// TestEvaluateLive checks evaluating and collecting on a Live index whose
// documents change between searches, in memory and on disk: a few each
// time, some removed and some added, so that its snapshots have several
// segments and deleted documents, numbered after those of the segments
// before them.
func TestEvaluateLive(t *testing.T) {
	for _, dir := range []string{"", filepath.Join(t.TempDir(), "live")} {
		l, err := NewLive(dir)
		if err != nil {
			t.Fatal(err)
		}
		docs := tiedDocs(300, 1)
		r := rand.New(rand.NewPCG(4, 4))
		most := 0 // segments of a snapshot
		for round := range 6 {
			if round > 0 {
				other := tiedDocs(len(docs), uint64(round+10))
				for range 25 {
					i := r.IntN(len(docs))
					docs[i].Text = other[i].Text
				}
				docs = slices.Delete(docs, 5, 10)
				added := tiedDocs(1, uint64(round))[0]
				added.ID = fmt.Sprintf("new%d", round)
				docs = append(docs, added)
			}
			if _, err := l.Update(context.Background(), docs); err != nil {
				t.Fatal(err)
			}
			snap, err := l.Index().reader()
			if err != nil {
				t.Fatal(err)
			}
			most = max(most, len(snap.(*scorch.IndexSnapshot).Segments()))
			snap.Close()
			checkCollected(t, l.Index())
		}
		if most < 2 {
			t.Errorf("dir %q: snapshots of one segment only: the test does not number documents across segments", dir)
		}
		l.Close()
	}
}

// TestPostingsKept checks that the lists kept for later searches leave out
// the terms the index does not have, which anyone can ask for.
func TestPostingsKept(t *testing.T) {
	x, err := NewMemory(tiedDocs(50, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	search := func(q string) {
		if _, err := x.Search(Request{Query: q}); err != nil {
			t.Fatal(err)
		}
	}
	kept := func() int {
		s := currentSnapshot(t, x)
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.lists)
	}
	search("chi bộ")
	before := kept()
	if before == 0 {
		t.Fatal("no list kept after a search")
	}
	for i := range 100 {
		search(fmt.Sprintf("chi xq%d zz%d", i, i))
	}
	if got := kept(); got != before { // "chi" was kept already; the rest is unknown
		t.Errorf("%d lists kept after 100 queries of unknown words, %d before", got, before)
	}
}

// TestDocNumber checks that an id that is not a scorch document number
// (another bleve index type, a damaged index) is an error, not a panic or
// a table of a billion entries; Open says of it that the index is damaged
// and to run kehoach build.
func TestDocNumber(t *testing.T) {
	tests := []struct {
		id   []byte
		seen int
		want uint64
		ok   bool
	}{
		{[]byte{0, 0, 0, 0, 0, 0, 0, 7}, 7, 7, true},
		{[]byte{0, 0, 0, 0, 0, 0, 1, 0}, 0, 256, true}, // deleted documents leave gaps
		{[]byte("12"), 0, 0, false},                    // upside_down: the external id itself
		{[]byte{0xff, 0, 0, 0, 0, 0, 0, 0}, 5, 0, false},
	}
	for _, tt := range tests {
		n, err := docNumber(tt.id, tt.seen)
		if (err == nil) != tt.ok || tt.ok && n != tt.want {
			t.Errorf("docNumber(%x, %d) = %d, %v; want %d, ok %v", tt.id, tt.seen, n, err, tt.want, tt.ok)
		}
	}
}

// bleveQuery is the query that evaluate runs, as a bleve query: the
// reference evaluating is checked against. A
// document needs the query's words that are not optional: all of them for
// one or two words, three in four for more. With every=false it needs only
// one (the fallback when no document has enough).
func (p parsed) bleveQuery(kind, agency string, every bool) query.Query {
	var must, should []query.Query
	var free []query.Query
	required := slices.ContainsFunc(p.words, func(w word) bool { return !w.optional })
	for _, w := range p.words {
		if w.optional && required {
			continue // it counts through the bigrams below and the ranking
		}
		free = append(free, term("all", w.Folded, boostAll))
		should = append(should, wordBoosts(w)...)
	}
	switch {
	case len(free) <= 2 && every:
		must = append(must, free...)
	case len(free) > 0:
		need := 1
		if every {
			need = int(math.Ceil(mostWords * float64(len(free))))
		}
		d := bleve.NewDisjunctionQuery(free...)
		d.SetMin(float64(need))
		must = append(must, d)
	}
	for _, n := range p.numbers {
		must = append(must, term("num", n, 1))
	}
	for _, ph := range p.phrases {
		must = append(must, phraseQuery(ph))
	}
	for i := 1; i < len(p.words); i++ {
		pr := pair(p.words[i-1].Folded, p.words[i].Folded)
		should = append(should, term("pairs", pr, boostPair))
	}
	if kind != "" {
		must = append(must, term("kind", kind, 0))
	}
	if agency != "" {
		must = append(must, term("agency", agency, 0))
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	b.AddShould(should...)
	return b
}

// wordBoosts are the optional clauses that score a word's exact spelling
// when the query gave diacritics; headings count in the ranking (rank.go).
// A word with a letter wrong has already been corrected (correct.go).
func wordBoosts(w word) []query.Query {
	if e := w.exact(); e != "" {
		return []query.Query{term("all", e, boostExact)}
	}
	return nil
}

// phraseQuery needs every neighbouring pair of the phrase's words; results
// are then checked for the whole phrase in order (see phrasesIn).
func phraseQuery(ph []word) query.Query {
	if len(ph) == 1 {
		return term("all", ph[0].Folded, boostAll)
	}
	pairs := make([]query.Query, 0, len(ph)-1)
	for i := 1; i < len(ph); i++ {
		pairs = append(pairs, term("pairs", pair(ph[i-1].Folded, ph[i].Folded), boostPhrase))
	}
	return bleve.NewConjunctionQuery(pairs...)
}

func term(field, t string, boost float64) query.Query {
	q := bleve.NewTermQuery(t)
	q.SetField(field)
	if boost > 0 {
		q.SetBoost(boost)
	}
	return q
}

// TestWarm checks that reading ahead keeps the common terms' lists, leaves
// the answers as they were, and stops when told to, on an index written
// to disk as a build writes it.
func TestWarm(t *testing.T) {
	x := diskIndex(t, tiedDocs(1200, 3)) // each sentence in about a third of them
	before, err := x.Search(Request{Query: "chi bộ bốn tốt", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	y := diskIndex(t, tiedDocs(1200, 3))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := y.Warm(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Warm after its context ended = %v", err)
	}
	if err := y.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := currentSnapshot(t, y)
	if _, ok := s.lists["all\x00chi"]; !ok {
		t.Errorf("Warm did not keep the list of a word in 400 documents; kept %d lists", len(s.lists))
	}
	after, err := y.Search(Request{Query: "chi bộ bốn tốt", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	before.TookMS, after.TookMS = 0, 0
	if diff := gocmp.Diff(before, after); diff != "" {
		t.Errorf("answers changed after Warm (-before +after):\n%s", diff)
	}
}

// TestCloseWhileSearching closes an index while searches and Warm run:
// each must end with an answer or an error, not bring the process down.
func TestCloseWhileSearching(t *testing.T) {
	x := diskIndex(t, tiedDocs(600, 2))
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 200 {
				_, err := x.Search(Request{Query: []string{"chi bộ", "kiem tra", "uỷ ban", "đảng viên"}[(i+j)%4]})
				if err != nil && !errors.Is(err, errClosed) && !strings.Contains(err.Error(), "closed") {
					t.Errorf("search after Close: %v", err)
					return
				}
			}
		})
	}
	wg.Go(func() { _ = x.Warm(context.Background()) })
	time.Sleep(5 * time.Millisecond)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
}

// diskIndex writes docs as a build does and opens them read-only.
func diskIndex(t *testing.T, docs []Document) *Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), Dir)
	if err := Write(context.Background(), dir, docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	x, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// currentSnapshot is what searching knows of x's current snapshot (of an
// index opened read-only: it lasts as long as the index).
func currentSnapshot(tb testing.TB, x *Index) *snapshot {
	tb.Helper()
	r, err := x.reader()
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	s, err := x.snaps.of(r)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
