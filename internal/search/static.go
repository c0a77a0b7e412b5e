package search

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"github.com/kehoach/kehoach/internal/docref"
	"github.com/kehoach/kehoach/internal/vntext"
)

// The static index is the same analysis as the bleve index, written as
// plain scripts that the search page loads with <script> tags, so that
// search works with no kehoach process behind the site: on a plain web
// server, and from a folder opened as files, where fetch, ES modules and
// WebAssembly are blocked. static/js/vnsearch.js reads it.
//
// Each file is one call, KehoachSearch.add({...}), of JSON data:
//   - a site whose index fits StaticBudget gzipped gets one file, index.js,
//     with everything (part "all") but the pairs of words, which
//     vnsearch.js makes from the texts (makePairs): they were most of the
//     weight of an index loaded whole;
//   - a site whose index fits FewBudget gets index.js with the same but
//     the texts (part "all", with the chunk size), and the texts in two text
//     chunks x0.js and x1.js: the first query loads the whole index, in
//     three files that the search page asks for together (Preload);
//   - a larger site gets a small index.js with the shard table (part
//     "meta"), d.js with the documents' kinds, agencies and field lengths,
//     term shards t<i>.js (the terms whose folded form starts with some
//     letters, see keys), text chunks x<i>.js (the addresses, titles,
//     sections, places, notes and texts of consecutive documents, for ranking and
//     snippets), and w.js (every word with its document count, for typo
//     correction), loaded as a query needs them. Their data carries the
//     build's id.
//
// Texts travel as the numbers of their tokens in a table of the site's
// commonest tokens, which index.js carries (textcodec.go).
//
// The terms are those of bleve's fields: "terms" (each word's exact and
// folded form, and the abbreviations both ways), "pairs" (folded bigrams)
// and "num" (document numbers, and beside them bleve's "item", the plan's
// items, which weigh nothing and so count in no length). A term's postings are a string: for each
// document holding it, the gap from the previous document's number, then
// ":" and the term's count when above one, each number written in postings
// digits (see appendNumber): "03:2a" is documents 0, 3 (twice) and 13.
// Each document carries its fields' lengths, which bleve's scoring uses.

// StaticDir is the folder of the static index inside a built site.
const StaticDir = "search/data"

// APIScript is the address, in a built site, of a one-line script that
// tells the search page whether kehoach serve's search API is behind it.
// The build writes it saying no, for a plain web server or a folder, and
// kehoach serve answers it saying yes: so that a page on a plain web
// server goes straight to the static index, without a request to an API
// that is not there first.
const APIScript = "api/search.js"

// APIScriptData is the script at APIScript: whether the API answers.
func APIScriptData(available bool) []byte {
	return []byte("window.KehoachAPI = " + strconv.FormatBool(available) + ";\n")
}

// StaticBudget is the most the index of a site may weigh gzipped to be
// one file.
const StaticBudget = 100_000

// FewBudget is the most the index of a site may weigh gzipped to be loaded
// whole by the first query, in three files; a larger index is split into
// term shards and text chunks, of which a query loads those it needs. On a
// slow mobile link (Chrome's "Fast 3G": 562.5 ms a request, 180 KB/s) a
// split index's first query waits for four to six rounds of requests, its
// shards and then some thirty text chunks, six at a time; one round for
// the whole index is sooner up to about 750 KB (BENCHMARKS.md). On a
// quicker link (150 ms a request, 200 KB/s) it is sooner only up to
// about 260 KB, though every later query is quicker: the budget is set
// for the high-latency links of the readers the offline index is for.
const FewBudget = 600_000

// fewTexts is the number of text chunks of an index loaded whole.
const fewTexts = 2

const (
	staticVersion = 8      // FORMAT in static/js/vnsearch.js
	chunkRaw      = 16_000 // raw bytes of texts per text chunk: ~4 documents of the 10,000-page site
)

// StaticFile is a file of the static index.
type StaticFile struct {
	Name string // in StaticDir
	Data []byte
}

// StaticReport measures the static index. Sizes gzipped are at level 1,
// as kehoach serve and nginx (gzip_comp_level 1, its default) send them.
type StaticReport struct {
	Files     int   // files written
	Gzip      int64 // all files, each gzipped
	FirstGzip int64 // gzipped: index.js, which every query loads first
	DocsGzip  int64 // gzipped: d.js, the document table of a split index (0 when not split)
	Shards    int   // term shards (0 when not split)
	MaxShard  int64 // gzipped: the largest term shard
	Chunks    int   // text chunks
	MaxChunk  int64 // gzipped: the largest text chunk

	// Preload are the files the search page asks for with its own:
	// index.js, and the text chunks of an index loaded whole.
	Preload []string
}

// StaticIndex gathers the static index as documents are analysed: by
// Write, beside the bleve index, or by Analyse.
type StaticIndex struct {
	docs  []staticDoc
	texts []string
	terms map[string]*postings
	pairs map[string]*postings
	nums  map[string]*postings
}

// staticDoc is a document's heading data.
type staticDoc struct {
	url, title, section, kind string
	agencies                  []string
	words, pairs, nums        int    // field lengths
	places                    string // the text's places, as records hold them (encodePlaces)
	note                      string // Document.Note
}

// postings are a term's postings, encoded as they are added (see above):
// a large site has millions of terms, mostly bigrams.
type postings struct {
	enc  []byte
	last int // the last document added
	docs int // how many documents hold the term
}

func (p *postings) add(doc, count int) {
	p.enc = appendNumber(p.enc, doc-p.last)
	if count > 1 {
		p.enc = append(p.enc, ':')
		p.enc = appendNumber(p.enc, count)
	}
	p.last = doc
	p.docs++
}

// Postings digits: a number is written in base 32, most significant digit
// first, its last digit from lastDigits and the others from moreDigits, so
// that numbers follow one another with no separator. Against base 36
// between commas, the 10,000-page site's term shards weigh 18 % less
// gzipped (7.6 → 6.2 MB, measured in Python). None of the digits needs
// escaping in JSON or in an inline script. DIGITS in static/js/vnsearch.js
// reads them.
const (
	lastDigits = "0123456789abcdefghijklmnopqrstuv"
	moreDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_"
)

// appendNumber appends n ≥ 0 in postings digits.
func appendNumber(b []byte, n int) []byte {
	var digits [16]byte
	i := len(digits) - 1
	digits[i] = lastDigits[n%32]
	for n /= 32; n > 0; n /= 32 {
		i--
		digits[i] = moreDigits[n%32]
	}
	return append(b, digits[i:]...)
}

// NewStaticIndex returns an empty static index.
func NewStaticIndex() *StaticIndex {
	return &StaticIndex{terms: map[string]*postings{}, pairs: map[string]*postings{}, nums: map[string]*postings{}}
}

// Analyse analyses docs and adds them, for a build without a bleve index.
func (x *StaticIndex) Analyse(ctx context.Context, docs []Document) error {
	return analyseBatches(ctx, docs, func(start int, xs []indexed, recs []record) error {
		for i := range xs {
			x.add(docs[start+i], xs[i], recs[i].Places)
		}
		return nil
	})
}

// add adds the next document, analysed, with its places as its record
// holds them.
func (x *StaticIndex) add(d Document, ix indexed, places string) {
	n := len(x.docs)
	doc := staticDoc{url: d.URL, title: d.Title, section: d.Section, kind: d.Kind, agencies: d.Agencies, places: places, note: d.Note}
	counts := map[string]int{}
	for _, w := range strings.Fields(ix.All) {
		exact, folded, two := strings.Cut(w, formSep)
		counts[exact]++
		doc.words++
		if two {
			counts[folded]++
			doc.words++
		}
	}
	addPostings(x.terms, counts, n)
	clear(counts)
	for _, line := range strings.Split(ix.Pairs, "\n") {
		words := strings.Fields(line)
		for i := 1; i < len(words); i++ {
			counts[pair(words[i-1], words[i])]++
			doc.pairs++
		}
	}
	addPostings(x.pairs, counts, n)
	clear(counts)
	for _, t := range ix.Numbers {
		counts[t]++
		doc.nums++
	}
	for _, t := range ix.Items { // beside the numbers, not counted in their length: they weigh nothing
		counts[t]++
	}
	addPostings(x.nums, counts, n)
	x.docs = append(x.docs, doc)
	x.texts = append(x.texts, d.Text)
}

func addPostings(m map[string]*postings, counts map[string]int, doc int) {
	for t, c := range counts {
		p := m[t]
		if p == nil {
			p = &postings{}
			m[t] = p
		}
		p.add(doc, c)
	}
}

// Files writes the index: one file when it fits StaticBudget, three when
// it fits FewBudget, else split.
func (x *StaticIndex) Files() ([]StaticFile, StaticReport, error) {
	return x.files(StaticBudget, FewBudget)
}

// files writes the index in one file when it weighs at most one gzipped,
// in three when at most few, else split.
func (x *StaticIndex) files(one, few int64) ([]StaticFile, StaticReport, error) {
	shardRaw := one // raw bytes a term shard is filled up to (a key of maxKey letters may need more)
	keys := x.keys(shardRaw)
	c := newTextCodec(x.texts)
	raw := c.size // what the one-file index holds, raw: the texts encoded, terms and numbers (no pairs)
	for _, m := range []map[string]*postings{x.terms, x.nums} {
		for t, p := range m {
			raw += int64(len(t) + len(p.enc) + 6)
		}
	}
	if raw < 8*max(one, few) { // else it cannot fit: do not spend a gzip on it
		w := x.file("all", "index.js", "")
		w.meta(x, c, nil)
		w.terms(x, keys, false)
		head := bytes.Clone(w.b.Bytes()) // the index.js of an index loaded whole begins so
		w.texts(c, x.texts, 0)
		f := w.done()
		gz := gzipSize(f.Data)
		if gz <= one {
			r := StaticReport{FirstGzip: gz, Preload: []string{f.Name}}
			r.add(gz)
			return []StaticFile{f}, r, nil
		}
		if gz <= few {
			return x.whole(c, head)
		}
	}
	return x.split(c, keys, shardRaw)
}

// whole writes an index that the first query loads whole as index.js,
// head (the start of the one-file index: documents and terms) with the
// chunk size and the build id, and fewTexts text chunks, which the search
// page asks for beside it.
func (x *StaticIndex) whole(c *textCodec, head []byte) ([]StaticFile, StaticReport, error) {
	chunk := max(1, (len(x.texts)+fewTexts-1)/fewTexts)
	w := &fileWriter{name: "index.js"}
	w.b.Write(head)
	w.number("chunk", chunk)
	id := x.id(w.b.Bytes(), nil)
	w.key("id")
	w.str(id)
	files := []StaticFile{w.done()}
	for i := 0; i*chunk < len(x.texts); i++ {
		files = append(files, x.textChunk(c, i, chunk, id, false))
	}
	var r StaticReport
	for i, f := range files {
		gz := gzipSize(f.Data)
		r.add(gz)
		r.Preload = append(r.Preload, f.Name)
		if i == 0 {
			r.FirstGzip = gz
		} else {
			r.Chunks++
			r.MaxChunk = max(r.MaxChunk, gz)
		}
	}
	return files, r, nil
}

// letterKey is a shard key and the terms filed under it.
type letterKey struct {
	key   string
	terms []string // in order, of all three fields
	size  int64
}

// maxKey is the longest shard key: six letters tell apart the words of
// heavy prefixes, such as "nghi", "nghiep" and "nghien".
const maxKey = 6

// stem is what a term is filed by: the letters and digits its folded form
// starts with, maxKey at most ("chi" for "chi bo", "nq" for "nq-21",
// "dang" for "đảng"), or "".
func stem(term string) string {
	f := vntext.Fold(term)
	n := 0
	for n < maxKey && n < len(f) && (f[n] >= 'a' && f[n] <= 'z' || f[n] >= '0' && f[n] <= '9') {
		n++
	}
	return f[:n]
}

// pairStem is the stem a pair of words "a b" is filed by: that of the word
// fewer documents hold, or of a when as many hold b.
func (x *StaticIndex) pairStem(pair string) string {
	a, b, _ := strings.Cut(pair, " ")
	if x.docsWith(b) < x.docsWith(a) {
		return stem(b)
	}
	return stem(a)
}

// docsWith is the number of documents that hold the folded word.
func (x *StaticIndex) docsWith(word string) int {
	if p := x.terms[word]; p != nil {
		return p.docs
	}
	return 0
}

// keys files every term under a key, a prefix of its stem: the shortest
// that keeps a key's terms within shardRaw bytes, so that the heavy prefixes of
// Vietnamese ("th", "ch", "ng") are split further than the light ones. A
// term stays under a split key when its stem is that key ("th" itself).
// The keys come in order; a term's key is the longest key its stem starts
// with (keyOf), which static/js/vnsearch.js also finds.
//
// A pair of words is filed by the stem of the rarer of its two words
// (pairStem). A query loads the shards of all its words, so it finds the
// pair either way; filed under the first word, the pairs of a common word
// ("dang vien", "dang bo"…) would make its shard heavy for every query
// that holds it.
func (x *StaticIndex) keys(shardRaw int64) []letterKey {
	type item struct {
		term, stem string
		size       int64
	}
	var items []item
	collect := func(m map[string]*postings, stemOf func(string) string) {
		for t, p := range m {
			items = append(items, item{t, stemOf(t), int64(len(t) + len(p.enc) + 6)})
		}
	}
	collect(x.terms, stem)
	collect(x.pairs, x.pairStem)
	collect(x.nums, stem)
	sort.Slice(items, func(i, j int) bool {
		a, b := items[i], items[j]
		return a.stem < b.stem || a.stem == b.stem && a.term < b.term
	})
	var out []letterKey
	add := func(key string, items []item) {
		k := letterKey{key: key}
		for _, it := range items {
			k.terms = append(k.terms, it.term)
			k.size += it.size
		}
		out = append(out, k)
	}
	var place func(prefix string, items []item)
	place = func(prefix string, items []item) {
		var size int64
		for _, it := range items {
			size += it.size
		}
		if size <= shardRaw || len(prefix) == maxKey {
			add(prefix, items)
			return
		}
		own := 0
		for own < len(items) && items[own].stem == prefix {
			own++
		}
		if own > 0 {
			add(prefix, items[:own])
		}
		rest := items[own:]
		for len(rest) > 0 {
			child := rest[0].stem[:len(prefix)+1]
			n := 0
			for n < len(rest) && strings.HasPrefix(rest[n].stem, child) {
				n++
			}
			place(child, rest[:n])
			rest = rest[n:]
		}
	}
	place("", items)
	return out
}

// split writes a large index as index.js, term shards and text chunks.
func (x *StaticIndex) split(c *textCodec, keys []letterKey, shardRaw int64) ([]StaticFile, StaticReport, error) {
	shardOf := map[string]int{}
	var shards [][]letterKey
	var size int64
	for _, k := range keys {
		if len(shards) == 0 || size > 0 && size+k.size > shardRaw {
			shards = append(shards, nil)
			size = 0
		}
		shards[len(shards)-1] = append(shards[len(shards)-1], k)
		shardOf[k.key] = len(shards) - 1
		size += k.size
	}
	var textRaw int64
	for _, t := range x.texts {
		textRaw += int64(len(t))
	}
	chunk := max(1, int(int64(len(x.texts))*chunkRaw/max(1, textRaw)))
	chunks := (len(x.texts) + chunk - 1) / chunk

	// The files of one build carry its id, so that a browser holding files
	// of two builds (an old one cached) notices rather than mixing them.
	w := x.file("meta", "index.js", "")
	w.meta(x, c, shardOf)
	w.number("chunk", chunk)
	var table fileWriter
	table.docs(x, false)
	id := x.id(w.b.Bytes(), table.b.Bytes())
	w.key("id")
	w.str(id)
	const first = 3 // index.js, w.js, d.js, then the shards and chunks
	files := make([]StaticFile, first+len(shards)+chunks)
	files[0] = w.done()
	d := x.file("d", "d.js", id)
	d.b.Write(table.b.Bytes())
	files[2] = d.done()
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	g.Go(func() error {
		w := x.file("w", "w.js", id)
		w.vocabulary(x)
		files[1] = w.done()
		return nil
	})
	for i, s := range shards {
		g.Go(func() error {
			part := "t" + strconv.Itoa(i)
			w := x.file(part, part+".js", id)
			w.terms(x, s, true)
			files[first+i] = w.done()
			return nil
		})
	}
	for i := range chunks {
		g.Go(func() error {
			files[first+len(shards)+i] = x.textChunk(c, i, chunk, id, true)
			return nil
		})
	}
	_ = g.Wait()
	gz := make([]int64, len(files))
	for i := range files {
		g.Go(func() error {
			gz[i] = gzipSize(files[i].Data)
			return nil
		})
	}
	_ = g.Wait()
	// d.js is not preloaded: on a slow link it would hold up the page's
	// own scripts, which name the shards.
	r := StaticReport{FirstGzip: gz[0], DocsGzip: gz[2], Shards: len(shards), Chunks: chunks,
		Preload: []string{files[0].Name}}
	for i := range files {
		r.add(gz[i])
		switch {
		case i < first:
		case i < first+len(shards):
			r.MaxShard = max(r.MaxShard, gz[i])
		default:
			r.MaxChunk = max(r.MaxChunk, gz[i])
		}
	}
	return files, r, nil
}

func (r *StaticReport) add(gz int64) {
	r.Files++
	r.Gzip += gz
}

// gzipSize is the size of data gzipped at level 1.
func gzipSize(data []byte) int64 {
	var n countWriter
	w, _ := gzip.NewWriterLevel(&n, flate.BestSpeed) // a valid level: no error
	_, _ = w.Write(data)
	_ = w.Close()
	return int64(n)
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// fileWriter writes one file's JSON object by hand: the index has millions
// of terms on large sites, and encoding/json would sort and escape them
// through reflection.
type fileWriter struct {
	name string
	b    bytes.Buffer
}

// file starts a file of the index; id names the build, "" in index.js.
func (x *StaticIndex) file(part, name, id string) *fileWriter {
	w := &fileWriter{name: name}
	w.b.WriteString(`KehoachSearch.add({"v":` + strconv.Itoa(staticVersion) + `,"part":`)
	w.str(part)
	if id != "" {
		w.key("id")
		w.str(id)
	}
	return w
}

// id names the build of a split index by what its files hold: meta (the
// start of index.js), the document table, and every document's address,
// title, section and text, which the other files are made of.
func (x *StaticIndex) id(meta, table []byte) string {
	h := fnv.New64a()
	_, _ = fmt.Fprintf(h, "%d:", len(meta)) // a hash never fails
	_, _ = h.Write(meta)
	_, _ = h.Write(table)
	for i, d := range x.docs {
		for _, s := range []string{d.url, d.title, d.section, d.places, d.note, x.texts[i]} {
			_, _ = fmt.Fprintf(h, "%d:", len(s)) // the length first: no two lists read alike
			_, _ = io.WriteString(h, s)          // without fmt's copy of the text
		}
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// vocabulary writes every term of the words field with the number of
// documents holding it: typo correction looks through all of them, and
// the shards of a query hold only its own words' terms.
func (w *fileWriter) vocabulary(x *StaticIndex) {
	terms := make([]string, 0, len(x.terms))
	for t := range x.terms {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	w.key("vocab")
	w.b.WriteByte('{')
	for i, t := range terms {
		w.sep(i)
		w.str(t)
		w.b.WriteByte(':')
		w.b.WriteString(strconv.Itoa(x.terms[t].docs))
	}
	w.b.WriteByte('}')
}

func (w *fileWriter) done() StaticFile {
	w.b.WriteString("});\n")
	return StaticFile{Name: w.name, Data: w.b.Bytes()}
}

// str writes s as a JSON string that is also safe inside a <script>
// element: "<", ">" and "&" escaped, as are U+2028 and U+2029.
func (w *fileWriter) str(s string) {
	b := &w.b
	b.WriteByte('"')
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(b, `\u%04x`, r)
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// sep writes the comma before the i-th item of a list or object.
func (w *fileWriter) sep(i int) {
	if i > 0 {
		w.b.WriteByte(',')
	}
}

func (w *fileWriter) key(k string) {
	w.b.WriteByte(',')
	w.str(k)
	w.b.WriteByte(':')
}

// textChunk writes the i-th text chunk, x<i>.js, of chunk documents each:
// their texts, and with heads their titles, sections, addresses, places and notes, which
// a split index's document table leaves out.
func (x *StaticIndex) textChunk(c *textCodec, i, chunk int, id string, heads bool) StaticFile {
	part := "x" + strconv.Itoa(i)
	w := x.file(part, part+".js", id)
	from, to := i*chunk, min((i+1)*chunk, len(x.texts))
	w.texts(c, x.texts[from:to], from)
	if heads {
		w.heads(x.docs[from:to])
	}
	return w.done()
}

// meta writes the number of documents, the plan's abbreviations and
// document types, the table of the texts' tokens, and the documents, or
// when split, the shard table (a split index's document table is d.js,
// which a query loads beside the shards of its words once index.js has
// named them).
func (w *fileWriter) meta(x *StaticIndex, c *textCodec, shards map[string]int) {
	w.number("n", len(x.docs))
	w.key("tokens")
	w.list(c.tokens)
	w.tuples("abbr", len(abbreviations), func(i int) []string { return []string{abbreviations[i].short, abbreviations[i].long} })
	w.key("types")
	w.object(docref.TypeWords)
	if shards == nil {
		w.docs(x, true)
	} else {
		w.key("shards")
		table := make(map[string]string, len(shards))
		for k, i := range shards {
			table[k] = strconv.Itoa(i)
		}
		w.object(table)
	}
}

// list writes a list of strings.
func (w *fileWriter) list(items []string) {
	w.b.WriteByte('[')
	for i, s := range items {
		w.sep(i)
		w.str(s)
	}
	w.b.WriteByte(']')
}

// number writes the key k with the number n.
func (w *fileWriter) number(k string, n int) {
	w.key(k)
	w.b.WriteString(strconv.Itoa(n))
}

// docs writes the documents: [url, title, section, kind, agencies, the
// lengths of the fields words, pairs and numbers, and with heads the
// places of a text that has some and the note of one that has one (the
// places "" then when it has none)]. Without heads, the
// address, title and section are "": a split index keeps them in the
// documents' text chunks (heads), which a query loads only for the
// documents it ranks.
func (w *fileWriter) docs(x *StaticIndex, heads bool) {
	w.key("docs")
	w.b.WriteByte('[')
	for i, d := range x.docs {
		w.sep(i)
		w.b.WriteByte('[')
		url, title, section := d.url, d.title, d.section
		if !heads {
			url, title, section = "", "", ""
		}
		for _, s := range []string{url, title, section, d.kind} {
			w.str(s)
			w.b.WriteByte(',')
		}
		w.b.WriteByte('[')
		for j, a := range d.agencies {
			w.sep(j)
			w.str(a)
		}
		fmt.Fprintf(&w.b, "],%d,%d,%d", d.words, d.pairs, d.nums)
		if heads {
			for _, s := range d.tail() {
				w.b.WriteByte(',')
				w.str(s)
			}
		}
		w.b.WriteByte(']')
	}
	w.b.WriteByte(']')
}

// object writes a map of strings, its keys in order.
func (w *fileWriter) object(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w.b.WriteByte('{')
	for i, k := range keys {
		w.sep(i)
		w.str(k)
		w.b.WriteByte(':')
		w.str(m[k])
	}
	w.b.WriteByte('}')
}

// terms writes the postings of the terms filed under keys, per field; the
// pairs of words only with pairs: an index that the first query loads
// whole leaves them to vnsearch.js to make from the texts (makePairs),
// since they are most of its weight.
func (w *fileWriter) terms(x *StaticIndex, keys []letterKey, pairs bool) {
	for _, field := range []struct {
		name string
		m    map[string]*postings
	}{{"terms", x.terms}, {"pairs", x.pairs}, {"num", x.nums}} {
		if field.name == "pairs" && !pairs {
			continue
		}
		w.key(field.name)
		w.b.WriteByte('{')
		first := true
		for _, k := range keys {
			for _, t := range k.terms {
				p, ok := field.m[t]
				if !ok {
					continue
				}
				if !first {
					w.b.WriteByte(',')
				}
				first = false
				w.str(t)
				w.b.WriteString(`:"`)
				w.b.Write(p.enc)
				w.b.WriteByte('"')
			}
		}
		w.b.WriteByte('}')
	}
}

// texts writes documents' texts, the first being document first, as
// numbers of tokens (textcodec.go).
func (w *fileWriter) texts(c *textCodec, texts []string, first int) {
	w.key("first")
	w.b.WriteString(strconv.Itoa(first))
	w.key("texts")
	w.b.WriteByte('[')
	for i, t := range texts {
		w.sep(i)
		c.encode(w, t)
	}
	w.b.WriteByte(']')
}

// heads writes the titles, sections, addresses, places and notes of the
// documents of a text chunk, which a split index's document table leaves
// out.
func (w *fileWriter) heads(docs []staticDoc) {
	w.tuples("heads", len(docs), func(i int) []string {
		return append([]string{docs[i].title, docs[i].section, docs[i].url}, docs[i].tail()...)
	})
}

// tail is what a document's entry ends with, when it has them: its places,
// then its note ("" for the places before a note).
func (d staticDoc) tail() []string {
	switch {
	case d.note != "":
		return []string{d.places, d.note}
	case d.places != "":
		return []string{d.places}
	}
	return nil
}

// tuples writes the list key of n lists of strings, the i-th given by tuple.
func (w *fileWriter) tuples(key string, n int, tuple func(i int) []string) {
	w.key(key)
	w.b.WriteByte('[')
	for i := range n {
		w.sep(i)
		w.list(tuple(i))
	}
	w.b.WriteByte(']')
}
