package search

import (
	"slices"
	"strings"
)

// spellingNotes are what the search page says of the query's words beside
// the results rs, each word as typed and once:
//   - approximate: the words the results hold only approximately, a word
//     the index did not know, corrected ("thuongg" as "thưởng"), or typed
//     with diacritics and spelled otherwise in every result ("hoà" where
//     the results write "hoá"), so that a reader does not take "cụ thể
//     hoá" for the "hoà" asked;
//   - missing: the words no result holds in any spelling ("nhập" in "đảng
//     viên nhập", which the index does not know): the results answer the
//     rest of the query.
//
// A function word ("đâu" in "ở đâu") is neither, since a query does not
// require it. An abbreviation is held where its long form is, and a word
// of a long form where the abbreviation is ("kiểm tra" in "UBKT").
func (p parsed) spellingNotes(rs []record) (approximate, missing []string) {
	if len(rs) == 0 {
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
		found, spelled := false, false
		for _, r := range rs {
			for _, line := range []string{r.FTitle, r.FSection, r.FText} {
				found = found || holds(line, w.Folded)
			}
			spelled = spelled || exact != "" && (hasWord(r.ETitle, exact) || hasWord(r.ESection, exact) || hasWord(r.EText, exact))
		}
		switch {
		case !found:
			missing = append(missing, w.raw)
		case w.corrected || exact != "" && !spelled:
			approximate = append(approximate, w.raw)
		}
	}
	return approximate, missing
}

// holds reports whether a line of folded words holds the folded word w,
// or for an abbreviation its long form, or for a word of a long form the
// abbreviation.
func holds(line, w string) bool {
	if hasWord(line, w) {
		return true
	}
	for _, a := range abbreviations {
		if a.short == w && strings.Contains(" "+line+" ", " "+a.long+" ") ||
			slices.Contains(strings.Fields(a.long), w) && hasWord(line, a.short) {
			return true
		}
	}
	return false
}

// hasWord reports whether a line of words one space apart holds w.
func hasWord(line, w string) bool {
	for line != "" {
		var f string
		f, line = nextWord(line)
		if f == w {
			return true
		}
	}
	return false
}
