package search

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Ranking: evaluating a query (evaluate.go) finds the candidates and scores
// them by term statistics, as bleve does; the best of them are then
// ordered by what a reader means by "the right section": the query's words
// standing together (as a phrase) in the heading, then in the text, and a
// heading that the query covers rather than merely touches ("Ban Dân vận
// Tỉnh ủy" for "ban dan van").

const rerankDepth = 30 // candidates re-ranked; the rest keep the order of their TF-IDF scores

// Weights of the ranking features, added to the TF-IDF score (as bleve gives it) scaled to 0–1.
const (
	weightBleve    = 0.5 // the TF-IDF score, scaled to 0–1 by the best candidate's
	weightHeadRun  = 2.0 // share of the query found as one run in a heading
	weightTextRun  = 1.0 // … in the text
	weightWhole    = 1.0 // the whole query as one run in the text
	weightCoverage = 1.5 // share of the heading that the query is, when all of it stands in the heading
	weightNumber   = 1.0 // a queried document number in the heading; the section a queried item's number names
	weightAgency   = 0.05
	citationWords  = 4 // the words a document number stands for, for coverage ("nghị quyết số 21-NQ/TW")
)

// candidate is a match with its record and the record's number.
type candidate struct {
	rec   record
	n     int
	score float64
}

// rerank orders the first rerankDepth candidates by the ranking features.
func (p parsed) rerank(cands []candidate) []candidate {
	n := min(len(cands), rerankDepth)
	if n < 2 {
		return cands
	}
	query := p.terms()
	top := cands[0].score
	for i := range cands[:n] {
		bleve := 0.0 // when only items are asked for, which weigh nothing
		if top > 0 {
			bleve = weightBleve * cands[i].score / top
		}
		cands[i].score = bleve + p.features(query, cands[i].rec)
	}
	slices.SortStableFunc(cands[:n], func(a, b candidate) int {
		return cmp.Or(cmp.Compare(tied(b.score), tied(a.score)), strings.Compare(a.rec.URL, b.rec.URL))
	})
	return cands
}

// tied rounds a ranking score to six decimals for ordering: Go scored one
// of four updates alike for "NQ 21" higher in the eighth decimal, and
// vnsearch.js all four the same; rounded, they tie in both and go in the
// order of their addresses.
func tied(score float64) float64 { return math.Round(score*1e6) / 1e6 }

// qterm is a query word as ranking compares it: its folded form, and the
// exact spelling it asks for ("" when typed without diacritics).
type qterm struct{ folded, exact string }

// terms is every word the query asks for, in order, abbreviations written out.
func (p parsed) terms() []qterm {
	var out []qterm
	for _, w := range p.all() {
		if long, ok := abbreviationOf(w.Folded); ok {
			for _, f := range strings.Fields(long) {
				out = append(out, qterm{folded: f})
			}
			continue
		}
		out = append(out, qterm{folded: w.Folded, exact: w.exact()})
	}
	return out
}

// words is a heading's words as ranking compares them: folded, and exact
// where known ("" for the words of an abbreviation's long form, which match
// any spelling).
type words struct {
	folded, exact []string
}

// headingWords are a heading's words from its record's lines, abbreviations
// written out.
func headingWords(folded, exact string) words {
	fs, es := strings.Fields(folded), strings.Fields(exact)
	var w words
	for i, f := range fs {
		if long, ok := abbreviationOf(f); ok {
			for _, lf := range strings.Fields(long) {
				w.folded, w.exact = append(w.folded, lf), append(w.exact, "")
			}
			continue
		}
		e := ""
		if len(es) == len(fs) {
			e = es[i]
		}
		w.folded, w.exact = append(w.folded, f), append(w.exact, e)
	}
	return w
}

// matches reports whether a word of the query's folded form, spelled
// exact ("" when unknown), is the word the query asks for.
func (q qterm) matches(exact string) bool {
	return q.exact == "" || exact == "" || exact == q.exact
}

// features scores how well a match answers the query beyond term statistics.
// A heading is a part of the text: a run in the heading counts in the text.
func (p parsed) features(query []qterm, r record) float64 {
	var f, headRun, coverage float64
	for _, heading := range [][3]string{{r.Title, r.FTitle, r.ETitle}, {r.Section, r.FSection, r.ESection}} {
		hw := headingWords(heading[1], heading[2])
		size := float64(max(1, countWords(hw.folded)))
		if len(query) > 0 {
			run := float64(lineRun(query, strings.Join(hw.folded, " "), strings.Join(hw.exact, " "))) / float64(len(query))
			headRun = max(headRun, run)
			if run == 1 {
				coverage = max(coverage, float64(len(query))/size)
			}
		}
		if len(p.numbers) > 0 {
			cited := documentNumbers(heading[0])
			for _, n := range p.numbers {
				if slices.Contains(cited, n) {
					f += weightNumber
					coverage = max(coverage, min(1, citationWords/size))
				}
			}
		}
	}
	for _, n := range p.numbers {
		if r.isItem(n) { // the section a queried item's number names, before those holding it
			f += weightNumber
		}
	}
	if len(query) > 0 {
		textRun := max(headRun, float64(lineRun(query, r.FText, r.EText))/float64(len(query)))
		f += weightHeadRun*headRun + weightTextRun*textRun
		if textRun == 1 && len(query) > 1 {
			f += weightWhole
		}
	}
	f += weightCoverage * coverage
	if r.Kind == "agency" {
		f += weightAgency
	}
	return f
}

// lineRun is the length of the longest run of query words that stands, in
// order, in a text given as its folded and exact lines (an empty exact
// word matches any spelling), read a word at a time: run[j] is the length
// of the run that ends at the word before with the query's word j (all 0
// unless that word matched one: most words of a text are not the query's,
// and a look at their first letter passes them by).
func lineRun(query []qterm, folded, exact string) int {
	var first [256]bool
	spelled := false // whether a query word asks for an exact spelling
	for _, q := range query {
		if q.folded != "" {
			first[q.folded[0]] = true
		}
		spelled = spelled || q.exact != ""
	}
	if !spelled {
		exact = "" // every word matches by its folded form
	}
	run, next := make([]int, len(query)), make([]int, len(query))
	best, before := 0, false
	for folded != "" && best < len(query) {
		var f, e string
		f, folded = nextWord(folded)
		e, exact = nextWord(exact)
		if f == "" || !first[f[0]] {
			before = false
			continue
		}
		matched := false
		for j, q := range query {
			n := 0
			if f == q.folded && q.matches(e) {
				n = 1
				if j > 0 && before {
					n += run[j-1]
				}
				matched = true
			}
			next[j] = n
			best = max(best, n)
		}
		run, next = next, run
		before = matched
	}
	return best
}

// nextWord splits a line of words one space apart after its first.
func nextWord(line string) (word, rest string) {
	if i := strings.IndexByte(line, ' '); i >= 0 {
		return line[:i], line[i+1:]
	}
	return line, ""
}

// countWords counts the words of a heading, leaving out its numbering
// ("1.3", "V.1.8", "IV").
func countWords(words []string) int {
	n := 0
	for _, w := range words {
		if !isNumber(w) && !isRoman(w) {
			n++
		}
	}
	return n
}

func isRoman(w string) bool {
	switch w {
	case "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x":
		return true
	}
	return false
}
