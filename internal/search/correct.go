package search

import (
	"context"
	"slices"

	index "github.com/blevesearch/bleve_index_api"
)

// commonShare is the share of documents above which a word is common: a
// query does not require it, though it still counts where it stands.
const commonShare = 0.3

// correct replaces each long query word that the index does not know by the
// index's most frequent word one letter away ("hoatj" → "hoat"), so that the
// corrected word also counts in bigrams. Words the index knows stay as typed;
// those in more than commonShare of the documents, and those it neither knows
// nor can correct, are optional.
func correct(r index.IndexReader, words []word) []word {
	fuzzy, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return words
	}
	docs, err := r.DocCount()
	if err != nil {
		return words
	}
	out := slices.Clone(words)
	for i, w := range out {
		n := docFreq(r, w.Folded)
		out[i].optional = n == 0 || float64(n) > commonShare*float64(docs)
		if n > 0 || len([]rune(w.Folded)) < minFuzzy {
			continue
		}
		if best := nearest(r, fuzzy, w.Folded); best != "" {
			out[i].Folded, out[i].corrected, out[i].optional = best, true, false
		}
	}
	return out
}

// docFreq is the number of documents whose text has term.
func docFreq(r index.IndexReader, term string) uint64 {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), "all", false, false, false)
	if err != nil {
		return 1 // unknown: treat as present, so that it is neither corrected nor dropped
	}
	defer tfr.Close()
	return tfr.Count()
}

// nearest is the most frequent body word within one edit of term (a
// letter added, removed or replaced, or two neighbours swapped), the first
// in byte order among equals. The fuzzy dictionary does not count
// documents (its entries' Count is 0), so each candidate is counted.
func nearest(r index.IndexReader, fuzzy index.IndexReaderFuzzy, term string) string {
	dict, err := fuzzy.FieldDictFuzzy("all", term, 1, "")
	if err != nil {
		return ""
	}
	defer dict.Close()
	best, count := "", uint64(0)
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return best
		}
		n := docFreq(r, e.Term)
		if best == "" || n > count || n == count && e.Term < best {
			best, count = e.Term, n
		}
	}
}
