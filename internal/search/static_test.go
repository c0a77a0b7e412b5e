package search

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	index "github.com/blevesearch/bleve_index_api"
)

// staticJSON is a static index file's data, decoded.
type staticJSON struct {
	Part   string              `json:"part"`
	N      int                 `json:"n"`
	Docs   [][]json.RawMessage `json:"docs"`
	Terms  map[string]string   `json:"terms"`
	Pairs  map[string]string   `json:"pairs"`
	Num    map[string]string   `json:"num"`
	Shards map[string]string   `json:"shards"`
	Chunk  int                 `json:"chunk"`
	First  int                 `json:"first"`
	Coded  []json.RawMessage   `json:"texts"` // see texts
	Tokens []string            `json:"tokens"`
	Heads  [][3]string         `json:"heads"` // title, section, address
	Vocab  map[string]int      `json:"vocab"`
	ID     string              `json:"id"`
}

func decodeStatic(t *testing.T, f StaticFile) staticJSON {
	t.Helper()
	s := string(f.Data)
	const head, tail = "KehoachSearch.add(", ");\n"
	if !strings.HasPrefix(s, head) || !strings.HasSuffix(s, tail) {
		t.Fatalf("%s is not one KehoachSearch.add call: %.40q…", f.Name, s)
	}
	var d staticJSON
	if err := json.Unmarshal([]byte(s[len(head):len(s)-len(tail)]), &d); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return d
}

// nextNumber reads the number in postings digits at the start of s.
func nextNumber(t *testing.T, s string) (int, string) {
	t.Helper()
	n := 0
	for i, c := range s {
		if d := strings.IndexRune("ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_", c); d >= 0 {
			n = n*32 + d
			continue
		}
		d := strings.IndexRune("0123456789abcdefghijklmnopqrstuv", c)
		if d < 0 {
			t.Fatalf("%q: %q at %d is not a postings digit", s, c, i)
		}
		return n*32 + d, s[i+1:]
	}
	t.Fatalf("%q ends inside a number", s)
	return 0, ""
}

// decodePostings reads "03:2a" (documents 0, 3 twice and 13) back into
// document → count.
func decodePostings(t *testing.T, s string) map[int]int {
	t.Helper()
	out := map[int]int{}
	doc := 0
	for s != "" {
		var n int
		n, s = nextNumber(t, s)
		doc += n
		out[doc] = 1
		if rest, ok := strings.CutPrefix(s, ":"); ok {
			out[doc], s = nextNumber(t, rest)
		}
	}
	return out
}

// texts reads the file's texts back with tokens, the table of index.js:
// each is the numbers of its tokens, or a list of them and the tokens
// written out, which 0 stands for.
func (d staticJSON) texts(t *testing.T, tokens []string) []string {
	t.Helper()
	var out []string
	for _, raw := range d.Coded {
		var parts []string
		var one string
		if json.Unmarshal(raw, &one) == nil {
			parts = []string{one}
		} else if err := json.Unmarshal(raw, &parts); err != nil || len(parts) < 2 {
			t.Fatalf("text %s is neither numbers nor numbers and tokens", raw)
		}
		var b strings.Builder
		s, written := parts[0], parts[1:]
		for s != "" {
			var n int
			n, s = nextNumber(t, s)
			switch {
			case n == 0 && len(written) > 0:
				b.WriteString(written[0])
				written = written[1:]
			case n >= 1 && n <= len(tokens):
				b.WriteString(tokens[n-1])
			default:
				t.Fatalf("text %s: token %d, with %d in the table and %d written out left", raw, n, len(tokens), len(written))
			}
		}
		if len(written) > 0 {
			t.Fatalf("text %s leaves %d tokens written out unused", raw, len(written))
		}
		out = append(out, b.String())
	}
	return out
}

// TestPostingsDigits checks gaps and counts around the digits' boundaries,
// each number written after another and read back.
func TestPostingsDigits(t *testing.T) {
	for _, n := range []int{1, 31, 32, 33, 1023, 1024, 32767, 32768, 1 << 30} {
		p := &postings{}
		p.add(0, 2)
		p.add(n, n+1)
		got, want := decodePostings(t, string(p.enc)), map[int]int{0: 2, n: n + 1}
		if !maps.Equal(got, want) {
			t.Errorf("%d: %q reads %v, want %v", n, p.enc, got, want)
		}
	}
}

// staticOf writes the static index of docs in one file when it weighs at
// most one gzipped, in three when at most few, else split.
func staticOf(t *testing.T, docs []Document, one, few int64) ([]StaticFile, StaticReport) {
	t.Helper()
	return filesOf(t, staticIndexOf(t, docs), one, few)
}

// staticIndexOf is the static index of docs, before its files are written.
func staticIndexOf(t *testing.T, docs []Document) *StaticIndex {
	t.Helper()
	x := NewStaticIndex()
	if err := x.Analyse(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return x
}

// filesOf writes x in one file when it weighs at most one gzipped, in
// three when at most few, else split.
func filesOf(t *testing.T, x *StaticIndex, one, few int64) ([]StaticFile, StaticReport) {
	t.Helper()
	files, report, err := x.files(one, few)
	if err != nil {
		t.Fatal(err)
	}
	return files, report
}

// TestStaticMatchesBleve checks that the static index holds exactly what
// bleve indexes: every term of every field, in the same documents, as
// often; and nothing bleve does not have. The one file of a small site
// leaves the pairs of words out, for vnsearch.js to make from the texts
// (checkMadePairs in internal/e2e checks those): they are checked as
// StaticIndex holds them for a split index.
func TestStaticMatchesBleve(t *testing.T) {
	x := staticIndexOf(t, testDocs)
	files, report := filesOf(t, x, StaticBudget, FewBudget)
	if len(files) != 1 || files[0].Name != "index.js" || report.Files != 1 {
		t.Fatalf("a small site's static index is %d files, want index.js alone", len(files))
	}
	d := decodeStatic(t, files[0])
	if d.Part != "all" || d.N != len(testDocs) || len(d.Coded) != len(testDocs) || d.Pairs != nil {
		t.Fatalf("part %q, %d documents, %d texts, %d pairs; want all, %d, %d, none", d.Part, d.N, len(d.Coded), len(d.Pairs), len(testDocs), len(testDocs))
	}
	d.Pairs = map[string]string{}
	for pair, p := range x.pairs {
		d.Pairs[pair] = string(p.enc)
	}
	mem, err := NewMemory(testDocs)
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	adv, err := mem.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// The static "num" holds bleve's "num" and "item" (the plan's items).
	statics := map[string]map[string]string{"all": d.Terms, "pairs": d.Pairs, "num": d.Num}
	seen := map[string]int{}
	for _, f := range []struct {
		field, static string
	}{{"all", "all"}, {"pairs", "pairs"}, {"num", "num"}, {"item", "num"}} {
		field, static := f.field, statics[f.static]
		dict, err := r.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				break
			}
			seen[f.static]++
			want := bleveTerm(t, r, field, e.Term)
			got := map[int]int{}
			if p, ok := static[e.Term]; ok {
				got = decodePostings(t, p)
			}
			if !maps.Equal(got, want) {
				t.Errorf("%s %q: static index has %v, bleve %v", field, e.Term, got, want)
			}
		}
		dict.Close()
	}
	for field, static := range statics {
		if seen[field] != len(static) {
			t.Errorf("%s: static index has %d terms, bleve %d", field, len(static), seen[field])
		}
	}
	if seen["num"] == len(d.Num) && len(d.Num) > 0 && !slices.ContainsFunc(slices.Collect(maps.Keys(d.Num)), isItemTerm) {
		t.Error("the test's documents hold no item of the plan: the check of items checked nothing")
	}
}

// bleveTerm is a term's documents and counts in bleve.
func bleveTerm(t *testing.T, r index.IndexReader, field, term string) map[int]int {
	t.Helper()
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, false, false)
	if err != nil {
		t.Fatal(err)
	}
	defer tfr.Close()
	out := map[int]int{}
	for {
		m, err := tfr.Next(nil)
		if err != nil || m == nil {
			return out
		}
		id, err := r.ExternalID(m.ID)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(id)
		out[n] = int(m.Freq)
	}
}

// TestStaticSplit builds an index too large for one file: every term is in
// exactly the shard its key names, and the text chunks hold every text, in
// order.
func TestStaticSplit(t *testing.T) {
	docs := manyDocs(300)
	x := staticIndexOf(t, docs)
	whole, _ := filesOf(t, x, 1<<30, 1<<30)
	all := decodeStatic(t, whole[0])
	files, report := filesOf(t, x, 2_000, 0)
	meta := decodeStatic(t, files[0])
	if files[0].Name != "index.js" || meta.Part != "meta" || len(meta.Shards) == 0 || meta.Chunk == 0 {
		t.Fatalf("first file %s, part %q, %d shard keys, chunk %d: not a split index", files[0].Name, meta.Part, len(meta.Shards), meta.Chunk)
	}
	if meta.Docs != nil {
		t.Errorf("index.js holds %d documents: they belong in d.js", len(meta.Docs))
	}
	if report.Files != len(files) || report.Shards == 0 || report.Chunks == 0 {
		t.Errorf("report %+v does not count the %d files", report, len(files))
	}
	if want := []string{"index.js"}; !slices.Equal(report.Preload, want) {
		t.Errorf("the search page preloads %v of a split index, want %v", report.Preload, want)
	}
	shardIndex := map[string]int{}
	for k := range meta.Shards {
		shardIndex[k] = 0
	}
	if len(meta.Shards) < 4 {
		t.Errorf("shard keys %v: the heavy prefixes should be split further", meta.Shards)
	}
	terms := map[string]string{}
	var vocab map[string]int
	for _, f := range files {
		switch f.Name {
		case "w.js":
			vocab = decodeStatic(t, f).Vocab
		case "d.js":
			meta.Docs = decodeStatic(t, f).Docs
		}
	}
	shardOf := func(word string) string { // the file the client loads for word
		key, ok := keyOf(shardIndex, word)
		if !ok {
			return ""
		}
		return "t" + meta.Shards[key] + ".js"
	}
	texts := make([]string, len(docs))
	for _, f := range files[1:] {
		d := decodeStatic(t, f)
		switch {
		case strings.HasPrefix(f.Name, "t"):
			for _, field := range []struct {
				m     map[string]string
				pairs bool
			}{{d.Terms, false}, {d.Pairs, true}, {d.Num, false}} {
				for term, p := range field.m {
					if a, b, _ := strings.Cut(term, " "); field.pairs {
						// A query loads the shards of all its words: a pair
						// may be in either word's.
						if shardOf(a) != f.Name && shardOf(b) != f.Name {
							t.Errorf("pair %q is in %s, but its words are in %s and %s", term, f.Name, shardOf(a), shardOf(b))
						}
					} else if shardOf(term) != f.Name {
						t.Errorf("%q is in %s, but its key names %s", term, f.Name, shardOf(term))
					}
					terms[term] = p
				}
			}
		case f.Name == "w.js" || f.Name == "d.js":
		case strings.HasPrefix(f.Name, "x"):
			for i, text := range d.texts(t, meta.Tokens) {
				texts[d.First+i] = text
			}
			if len(d.Heads) != len(d.Coded) {
				t.Errorf("%s: %d titles and sections for %d texts", f.Name, len(d.Heads), len(d.Coded))
			}
			for i, h := range d.Heads { // as vnsearch.js puts them back
				for j, col := range []int{1, 2, 0} { // title, section, address
					if string(meta.Docs[d.First+i][col]) != `""` {
						t.Errorf("document %d: d.js has %s, its chunk too", d.First+i, meta.Docs[d.First+i][col])
					}
					meta.Docs[d.First+i][col], _ = json.Marshal(h[j])
				}
			}
		default:
			t.Errorf("unexpected file %s", f.Name)
		}
	}
	want := map[string]string{}
	for _, m := range []map[string]string{all.Terms, all.Num} {
		maps.Copy(want, m)
	}
	for pair, p := range x.pairs { // the one file leaves them out
		want[pair] = string(p.enc)
	}
	if !maps.Equal(terms, want) {
		t.Errorf("the shards hold %d terms, the index %d", len(terms), len(want))
	}
	if len(vocab) != len(all.Terms) {
		t.Errorf("w.js lists %d words, the index has %d", len(vocab), len(all.Terms))
	}
	for term, p := range all.Terms {
		if n := len(decodePostings(t, p)); vocab[term] != n {
			t.Errorf("w.js: %q in %d documents, the postings say %d", term, vocab[term], n)
		}
	}
	for _, f := range files[1:] {
		if d := decodeStatic(t, f); d.ID == "" || d.ID != meta.ID {
			t.Errorf("%s is of build %q, index.js of %q", f.Name, d.ID, meta.ID)
		}
	}
	for i, text := range texts {
		if text != docs[i].Text {
			t.Fatalf("text %d is %q in the chunks, want %q", i, text, docs[i].Text)
		}
	}
	got, _ := json.Marshal(meta.Docs)
	if want, _ := json.Marshal(all.Docs); string(got) != string(want) {
		t.Errorf("the documents of index.js with the chunks' titles and sections differ from the whole index's:\n%.300s\n%.300s", got, want)
	}
}

// TestStaticWhole builds an index too large for one file and small enough
// to be loaded whole: index.js holds the documents and every term, the two
// text chunks every text, in order, and the search page asks for all three.
func TestStaticWhole(t *testing.T) {
	docs := manyDocs(300)
	one, _ := staticOf(t, docs, 1<<30, 1<<30)
	all := decodeStatic(t, one[0])
	files, report := staticOf(t, docs, 2_000, 1<<30)
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if want := []string{"index.js", "x0.js", "x1.js"}; !slices.Equal(names, want) || !slices.Equal(report.Preload, want) {
		t.Fatalf("files %v, preloaded %v; want %v", names, report.Preload, want)
	}
	if report.Files != 3 || report.Chunks != 2 || report.Shards != 0 {
		t.Errorf("report %+v does not count one index.js and two text chunks", report)
	}
	meta := decodeStatic(t, files[0])
	if meta.Part != "all" || meta.Shards != nil || meta.Chunk == 0 || meta.ID == "" || meta.Coded != nil {
		t.Fatalf("index.js: part %q, shards %v, chunk %d, id %q, %d texts; want all the terms, no texts",
			meta.Part, meta.Shards, meta.Chunk, meta.ID, len(meta.Coded))
	}
	for name, pair := range map[string][2]map[string]string{"terms": {meta.Terms, all.Terms}, "pairs": {meta.Pairs, all.Pairs}, "num": {meta.Num, all.Num}} {
		if !maps.Equal(pair[0], pair[1]) {
			t.Errorf("index.js holds %d %s, the one-file index %d", len(pair[0]), name, len(pair[1]))
		}
	}
	got, _ := json.Marshal(meta.Docs)
	if want, _ := json.Marshal(all.Docs); string(got) != string(want) {
		t.Errorf("the documents of index.js differ from the one-file index's:\n%.300s\n%.300s", got, want)
	}
	var texts []string
	for i, f := range files[1:] {
		d := decodeStatic(t, f)
		if d.ID != meta.ID || d.First != len(texts) || d.Heads != nil {
			t.Errorf("%s: build %q (index.js %q), first text %d (want %d), %d heads", f.Name, d.ID, meta.ID, d.First, len(texts), len(d.Heads))
		}
		if i == 0 && len(d.Coded) != meta.Chunk {
			t.Errorf("%s holds %d texts, index.js says %d a chunk", f.Name, len(d.Coded), meta.Chunk)
		}
		texts = append(texts, d.texts(t, meta.Tokens)...)
	}
	if !slices.Equal(texts, all.texts(t, all.Tokens)) {
		t.Errorf("the text chunks hold %d texts, not those of the one-file index (%d)", len(texts), len(all.Coded))
	}
}

// manyDocs are n documents alike but for their numbers.
func manyDocs(n int) []Document {
	var docs []Document
	for i := range n {
		docs = append(docs, Document{
			URL: fmt.Sprintf("p/%d.html", i), Title: fmt.Sprintf("Trang %d", i), Kind: "update",
			Text: fmt.Sprintf("Đảng viên số %d thực hiện Nghị quyết 21-NQ/TW; chi bộ %d bốn tốt, ủy ban %d.", i, i*7, i*13),
		})
	}
	return docs
}

// TestStaticSplitID checks that the build id of an index in several files,
// split or loaded whole, changes with any document's address, title,
// section, text or kind, which its index.js may not hold, so that a
// browser does not mix a chunk or document table of an earlier build,
// cached, with the new index.js.
func TestStaticSplitID(t *testing.T) {
	for layout, few := range map[string]int64{"split": 0, "whole": 1 << 30} {
		t.Run(layout, func(t *testing.T) { testBuildID(t, few) })
	}
}

func testBuildID(t *testing.T, few int64) {
	docs := func(change func(d *Document)) []Document {
		var out []Document
		for i := range 300 {
			d := Document{URL: fmt.Sprintf("p/%d.html", i), Title: fmt.Sprintf("Kế hoạch cũ %d", i), Kind: "update",
				Text: fmt.Sprintf("Chi bộ %d bốn tốt, Nghị quyết 21-NQ/TW.", i)}
			if i == 7 {
				change(&d)
			}
			out = append(out, d)
		}
		return out
	}
	id := func(change func(d *Document)) string {
		files, report := staticOf(t, docs(change), 2_000, few)
		if files[0].Name != "index.js" || len(files) < 3 || (report.Shards == 0) != (few > 0) {
			t.Fatalf("%d files, %d shards: not the layout under test", len(files), report.Shards)
		}
		return decodeStatic(t, files[0]).ID
	}
	same := id(func(*Document) {})
	if again := id(func(*Document) {}); again != same {
		t.Errorf("the same documents give ids %s and %s", same, again)
	}
	for name, change := range map[string]func(d *Document){
		"title":   func(d *Document) { d.Title = "Kế hoạch cụ 7" }, // as many words
		"section": func(d *Document) { d.Section = "V.1" },
		"address": func(d *Document) { d.URL = "p/70.html" },
		"kind":    func(d *Document) { d.Kind = "task" },
		"text":    func(d *Document) { d.Text = "Chi bộ 7 bốn tốt, Nghị quyết 21-NQ/TU." },
	} {
		if got := id(change); got == same {
			t.Errorf("a new %s leaves the build id %s", name, got)
		}
	}
}

// TestStaticScriptSafe checks that no text can end the script early.
func TestStaticScriptSafe(t *testing.T) {
	docs := []Document{{URL: "a.html", Title: "</script><script>alert(1)</script>", Kind: "page",
		Text: "<!-- & \u2028 \"quoted\" \\ </SCRIPT>"}}
	files, _ := staticOf(t, docs, StaticBudget, FewBudget)
	body := strings.ToLower(string(files[0].Data))
	for _, bad := range []string{"</script", "<!--", "\u2028"} {
		if strings.Contains(body, bad) {
			t.Errorf("index.js contains %q", bad)
		}
	}
	d := decodeStatic(t, files[0])
	if got := d.texts(t, d.Tokens)[0]; got != docs[0].Text {
		t.Errorf("text read back as %q, want %q", got, docs[0].Text)
	}
}

func TestStem(t *testing.T) {
	for term, want := range map[string]string{
		"chi": "chi", "chi bo": "chi", "đang\u0309": "dang", "a": "a", "a b": "a", "nq-21": "nq", "21": "21",
		"中文": "", "ưu": "uu", "nghiệp": "nghiep", "nghieng": "nghien", "x": "x",
	} {
		if got := stem(term); got != want {
			t.Errorf("stem(%q) = %q, want %q", term, got, want)
		}
	}
}

// TestPairStem checks that a pair is filed by its rarer word, so that the
// shard of a common word does not carry the pairs of every rarer word.
func TestPairStem(t *testing.T) {
	x := NewStaticIndex()
	for doc, words := range []map[string]int{{"dang": 1, "vien": 1, "nghiep": 1}, {"dang": 1, "vien": 1}, {"dang": 1}} {
		addPostings(x.terms, words, doc)
	}
	for pair, want := range map[string]string{
		"dang vien":   "vien",   // 2 documents against 3
		"vien dang":   "vien",   // either order
		"dang nghiep": "nghiep", // 1 against 3
		"vien vien":   "vien",
		"dang moi":    "moi", // a word no document holds is the rarest
	} {
		if got := x.pairStem(pair); got != want {
			t.Errorf("pairStem(%q) = %q, want %q", pair, got, want)
		}
	}
}

func TestKeyOf(t *testing.T) {
	keys := map[string]int{"": 0, "c": 1, "ch": 2, "chi": 3, "t": 4}
	for term, want := range map[string]string{
		"chi bo": "chi", "chia": "chi", "cho": "ch", "co": "c", "tot": "t", "bon": "", "中文": "",
	} {
		if got, ok := keyOf(keys, term); !ok || got != want {
			t.Errorf("keyOf(%q) = %q, %v; want %q", term, got, ok, want)
		}
	}
}

// FuzzStatic writes the static index of any document: each file is one
// KehoachSearch.add call of valid JSON that gives back the document, and
// nothing in it can end its <script> early.
func FuzzStatic(f *testing.F) {
	f.Add("Ủy ban kiểm tra", "Chỉ thị số 28-CT/TW </script> <!-- \u2028", "plan/a.html#iv-1")
	f.Add("\xff\xfe", "a\x00b\"c\\d", "x")
	f.Fuzz(func(t *testing.T, title, text, url string) {
		docs := []Document{{URL: url, Title: title, Kind: "plan", Text: text}}
		files, _ := staticOf(t, docs, StaticBudget, FewBudget)
		body := strings.ToLower(string(files[0].Data))
		if strings.Contains(body, "</script") || strings.Contains(body, "<!--") {
			t.Fatalf("index.js can end its script: %q", body)
		}
		d := decodeStatic(t, files[0])
		if want, got := strings.ToValidUTF8(text, "\uFFFD"), d.texts(t, d.Tokens)[0]; got != want {
			t.Fatalf("text %q read back as %q", want, got)
		}
	})
}

// TestStaticWholeOfLongTexts checks that an index whose texts are long in
// letters but few in tokens is loaded whole when its files fit: the
// estimate that spares a gzip of an index that cannot fit counts the
// texts encoded, not their letters.
func TestStaticWholeOfLongTexts(t *testing.T) {
	docs := manyDocs(100)
	for i := range docs {
		docs[i].Text += strings.Repeat(" Chi bộ bốn tốt, đảng viên tốt.", 160) // 5 KB: 100 documents hold 500 KB of text
	}
	const few = 60_000 // 8 × few is less than the texts' letters
	files, report := staticOf(t, docs, 1_000, few)
	if len(files) != 3 || report.Shards != 0 || report.Gzip > few {
		t.Errorf("%d files, %d shards, %d bytes gzipped: want the index loaded whole, within %d", len(files), report.Shards, report.Gzip, few)
	}
}
