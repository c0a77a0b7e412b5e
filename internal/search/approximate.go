package search

import (
	"slices"
)

// approximate is the query's words, as typed, that the results rs hold only
// approximately: a word the index did not know, corrected ("thuongg" as
// "thưởng"), or a word typed with diacritics that no result spells so
// ("hoà" where the results write "hoá"). A word no result holds in any
// spelling is not one: it is missing, not approximate; nor is a function
// word ("đâu" in "ở đâu"), which a query does not require. The search page
// says so above the results, so that a reader does not take "cụ thể hoá"
// for the "hoà" asked.
func (p parsed) approximate(rs []record) []string {
	var out, seen []string
	for _, w := range p.all() {
		exact := w.exact()
		key := w.Folded + " " + exact // once per word asked ("Hóa … hóa")
		if !w.corrected && exact == "" || w.function || slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		found, spelled := false, false
		for _, r := range rs {
			found = found || hasWord(r.FTitle, w.Folded) || hasWord(r.FSection, w.Folded) || hasWord(r.FText, w.Folded)
			spelled = spelled || exact != "" && (hasWord(r.ETitle, exact) || hasWord(r.ESection, exact) || hasWord(r.EText, exact))
		}
		if found && !spelled {
			out = append(out, w.raw)
		}
	}
	return out
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
