package search

import (
	"slices"

	"github.com/kehoach/kehoach/internal/vntext"
)

// spellingNotes are what the search page says of the query's words beside
// the results shown, each word as typed and once:
//   - approximate: the words the results hold only approximately, a word
//     the index did not know, corrected ("thuongg" as "thưởng"), or typed
//     with diacritics and spelled otherwise wherever the results hold it
//     ("hoà" where they write "hoá"), so that a reader does not take "cụ
//     thể hoá" for the "hoà" asked;
//   - missing: the words no result holds ("nhập" in "đảng viên nhập", which
//     the index does not know): the results answer the rest of the query.
//
// A result holds a word as the index has it: in its text, headings, extra
// words (a task's agencies) or the other form of an abbreviation. A word it
// holds only so, or as a numeral ("bốn" for "4 tốt"), is not held
// otherwise spelled. A function word ("đâu" in "ở đâu") is neither
// approximate nor missing: no query requires it. holding is the set of
// the shown records (by number) that hold a term in the field of words.
func (p parsed) spellingNotes(shown []candidate, holding func(term string) map[int]bool) (approximate, missing []string) {
	if len(shown) == 0 {
		return nil, nil
	}
	var seen []string
	for _, w := range p.all() {
		exact := w.exact()
		key := w.Folded + " " + exact // once per word asked ("Hóa … hóa")
		if w.function || slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		held, spelled := holding(w.Folded), map[int]bool{}
		if exact != "" {
			spelled = holding(exact)
		}
		found, other := false, true // other: every result holding it spells it otherwise
		for _, c := range shown {
			if !held[c.n] {
				continue
			}
			found = true
			if exact == "" || spelled[c.n] || !c.rec.misspells(w.Folded) {
				other = false
			}
		}
		switch {
		case !found:
			missing = append(missing, w.raw)
		case w.corrected || exact != "" && other:
			approximate = append(approximate, w.raw)
		}
	}
	return approximate, missing
}

// misspells reports whether r's title, section or text has a word that
// folds to folded: one the reader may have meant, in another spelling.
// A numeral read as a word ("4" as "bốn") does not fold to it.
func (r record) misspells(folded string) bool {
	for _, line := range [][2]string{{r.FTitle, r.ETitle}, {r.FSection, r.ESection}, {r.FText, r.EText}} {
		fs, es := line[0], line[1]
		for fs != "" {
			var f, e string
			f, fs = nextWord(fs)
			e, es = nextWord(es)
			if f == folded && vntext.Fold(e) == folded {
				return true
			}
		}
	}
	return false
}
