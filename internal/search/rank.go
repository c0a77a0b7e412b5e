package search

import (
	"cmp"
	"slices"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Ranking: bleve finds the candidates and scores them by term statistics;
// the best of them are then ordered by what a reader means by "the right
// section": the query's words standing together (as a phrase) in the
// heading, then in the text, and a heading that the query covers rather
// than merely touches ("Ban Dân vận Tỉnh ủy" for "ban dan van").

const rerankDepth = 30 // candidates re-ranked; the rest keep bleve's order

// Weights of the ranking features, added to bleve's score scaled to 0–1.
const (
	weightHeadRun  = 2.0 // share of the query found as one run in a heading
	weightTextRun  = 1.0 // … in the text
	weightWhole    = 1.0 // the whole query as one run in the text
	weightCoverage = 1.5 // share of the heading that the query is, when all of it stands in the heading
	weightNumber   = 1.0 // a queried document number in the heading
	weightAgency   = 0.05
	citationWords  = 4 // the words a document number stands for, for coverage ("nghị quyết số 21-NQ/TW")
)

// candidate is a match with what ranking needs.
type candidate struct {
	m     *bsearch.DocumentMatch
	score float64
}

// rerank orders the first rerankDepth matches by the ranking features.
func (p parsed) rerank(matches bsearch.DocumentMatchCollection) bsearch.DocumentMatchCollection {
	n := min(len(matches), rerankDepth)
	if n < 2 {
		return matches
	}
	query := expandAbbreviations(p.foldedWords())
	top := matches[0].Score
	cands := make([]candidate, n)
	for i, m := range matches[:n] {
		cands[i] = candidate{m: m, score: m.Score/top + p.features(query, m)}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.m.ID, b.m.ID))
	})
	out := make(bsearch.DocumentMatchCollection, 0, len(matches))
	for _, c := range cands {
		c.m.Score = c.score
		out = append(out, c.m)
	}
	return append(out, matches[n:]...)
}

// foldedWords is every word the query asks for, in order.
func (p parsed) foldedWords() []string {
	var ws []string
	for _, w := range p.words {
		ws = append(ws, w.Folded)
	}
	for _, ph := range p.phrases {
		for _, w := range ph {
			ws = append(ws, w.Folded)
		}
	}
	return ws
}

// features scores how well a match answers the query beyond term statistics.
// A heading is a part of the text: a run in the heading counts in the text.
func (p parsed) features(query []string, m *bsearch.DocumentMatch) float64 {
	var f, headRun, coverage float64
	heads := []string{str(m.Fields["title"]), str(m.Fields["section"])}
	for i, line := range strings.Split(str(m.Fields["fhead"]), "\n") {
		words := expandAbbreviations(strings.Fields(line))
		size := float64(max(1, countWords(words)))
		if len(query) > 0 {
			run := float64(longestRun(query, words)) / float64(len(query))
			headRun = max(headRun, run)
			if run == 1 {
				coverage = max(coverage, float64(len(query))/size)
			}
		}
		if i < len(heads) && len(p.numbers) > 0 {
			cited := documentNumbers(heads[i])
			for _, n := range p.numbers {
				if slices.Contains(cited, n) {
					f += weightNumber
					coverage = max(coverage, min(1, citationWords/size))
				}
			}
		}
	}
	if len(query) > 0 {
		textRun := max(headRun, float64(longestRun(query, strings.Fields(str(m.Fields["ftext"]))))/float64(len(query)))
		f += weightHeadRun*headRun + weightTextRun*textRun
		if textRun == 1 && len(query) > 1 {
			f += weightWhole
		}
	}
	f += weightCoverage * coverage
	if str(m.Fields["kind"]) == "agency" {
		f += weightAgency
	}
	return f
}

// longestRun is the length of the longest run of query words that stands,
// in order, somewhere in words.
func longestRun(query, words []string) int {
	best := 0
	for i := range words {
		for start := range query {
			n := 0
			for i+n < len(words) && start+n < len(query) && words[i+n] == query[start+n] {
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
