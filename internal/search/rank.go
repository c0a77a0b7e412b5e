package search

import (
	"cmp"
	"slices"
	"strings"

	"github.com/kehoach/kehoach/internal/vntext"
)

// Ranking: evaluating a query (evaluate.go) finds the candidates and scores
// them by term statistics, as bleve does; the best of them are then
// ordered by what a reader means by "the right section": the query's words
// standing together (as a phrase) in the heading, then in the text, and a
// heading that the query covers rather than merely touches ("Ban Dân vận
// Tỉnh ủy" for "ban dan van").

const rerankDepth = 30 // candidates re-ranked; the rest keep bleve's order

// Weights of the ranking features, added to bleve's score scaled to 0–1.
const (
	weightBleve    = 0.5 // bleve's score, scaled to 0–1 by the best candidate's
	weightHeadRun  = 2.0 // share of the query found as one run in a heading
	weightTextRun  = 1.0 // … in the text
	weightWhole    = 1.0 // the whole query as one run in the text
	weightCoverage = 1.5 // share of the heading that the query is, when all of it stands in the heading
	weightNumber   = 1.0 // a queried document number in the heading
	weightAgency   = 0.05
	citationWords  = 4 // the words a document number stands for, for coverage ("nghị quyết số 21-NQ/TW")
)

// candidate is a match with its record.
type candidate struct {
	rec   record
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
		cands[i].score = weightBleve*cands[i].score/top + p.features(query, cands[i].rec)
	}
	slices.SortStableFunc(cands[:n], func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.rec.URL, b.rec.URL))
	})
	return cands
}

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

// words is a text's words as ranking compares them: folded, with their exact
// form looked up only where a query word asks for one.
type words struct {
	folded []string
	exact  func(i int) string // "" when the word stands for an abbreviation's long form
}

// headingWords are a heading's words, abbreviations written out.
func headingWords(heading string) words {
	a := analyse(heading)
	var w words
	var exact []string
	for i, f := range a.folded {
		if long, ok := abbreviationOf(f); ok {
			for _, lf := range strings.Fields(long) {
				w.folded, exact = append(w.folded, lf), append(exact, "")
			}
			continue
		}
		w.folded, exact = append(w.folded, f), append(exact, a.exact[i])
	}
	w.exact = func(i int) string { return exact[i] }
	return w
}

// textWords are the words of a stored text, given also as its folded words.
func textWords(text, folded string) words {
	w := words{folded: strings.Fields(folded)}
	var spans []span
	w.exact = func(i int) string {
		if spans == nil {
			spans = wordSpans(text)
		}
		if len(spans) != len(w.folded) {
			return ""
		}
		return vntext.SearchWord(text[spans[i].start:spans[i].end]).Exact
	}
	return w
}

func (w words) matches(i int, q qterm) bool {
	if w.folded[i] != q.folded {
		return false
	}
	if q.exact == "" {
		return true
	}
	e := w.exact(i)
	return e == "" || e == q.exact
}

// features scores how well a match answers the query beyond term statistics.
// A heading is a part of the text: a run in the heading counts in the text.
func (p parsed) features(query []qterm, r record) float64 {
	var f, headRun, coverage float64
	for _, heading := range []string{r.Title, r.Section} {
		hw := headingWords(heading)
		size := float64(max(1, countWords(hw.folded)))
		if len(query) > 0 {
			run := float64(longestRun(query, hw)) / float64(len(query))
			headRun = max(headRun, run)
			if run == 1 {
				coverage = max(coverage, float64(len(query))/size)
			}
		}
		if len(p.numbers) > 0 {
			cited := documentNumbers(heading)
			for _, n := range p.numbers {
				if slices.Contains(cited, n) {
					f += weightNumber
					coverage = max(coverage, min(1, citationWords/size))
				}
			}
		}
	}
	if len(query) > 0 {
		tw := textWords(r.Text, r.FText)
		textRun := max(headRun, float64(longestRun(query, tw))/float64(len(query)))
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

// longestRun is the length of the longest run of query words that stands,
// in order, somewhere in w.
func longestRun(query []qterm, w words) int {
	best := 0
	for i, f := range w.folded {
		for start := range query {
			if query[start].folded != f {
				continue // the usual case, decided without a call
			}
			n := 0
			for i+n < len(w.folded) && start+n < len(query) && w.matches(i+n, query[start+n]) {
				n++
			}
			best = max(best, n)
		}
		if best == len(query) {
			break
		}
	}
	return best
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
