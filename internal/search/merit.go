package search

import "strings"

// The number of a model's merits, "chi bộ bốn tốt", is also written in
// digits, "chi bộ 4 tốt", as readers type it on a phone and editors write
// it in news. Both are one spelling of the same words, as "uỷ" and "ủy" are:
// a digit before "tốt" as a merit folds to its word, in the texts (analyse)
// and in the queries (meritNumerals), while its exact form stays the digit.
// static/js/vnsearch.js (meritFold) does the same.
//
// A digit counts only when a space alone parts it from "tốt" ("4. Tốt" is
// an item and a word), not after "quý" ("quý 4 tốt": a good fourth quarter),
// and not when "tốt" begins another word ("4 tốt nghiệp"); a query written
// with the digit alone ("chi bộ 4") does not find "chi bộ 4 tốt".

// meritWords are the numbers of merits as words, folded; not five, "năm",
// which is also "year" ("năm tốt đẹp").
var meritWords = map[string]string{"1": "mot", "2": "hai", "3": "ba", "4": "bon",
	"6": "sau", "7": "bay", "8": "tam", "9": "chin", "10": "muoi"}

// meritFold folds, in folded words, each digit that numbers merits to its
// word; spaced()[i] tells whether only white space stands before word i,
// which is asked only of a text with a digit before "tốt": indexing
// analyses every text, and almost none has one.
func meritFold(folded []string, spaced func() []bool) {
	var sp []bool
	for i := 0; i+1 < len(folded); i++ {
		if folded[i+1] != "tot" {
			continue
		}
		if _, ok := meritWords[folded[i]]; !ok {
			continue
		}
		if sp == nil {
			sp = spaced()
		}
		if n, ok := meritNumber(folded, sp, i); ok {
			folded[i] = n
		}
	}
}

// meritNumerals folds the query's digits that number merits, as meritFold.
func meritNumerals(ws []word) {
	folded := make([]string, len(ws))
	for i, w := range ws {
		folded[i] = w.Folded
	}
	meritFold(folded, func() []bool {
		spaced := make([]bool, len(ws))
		for i, w := range ws {
			spaced[i] = w.spaced
		}
		return spaced
	})
	for i := range ws {
		ws[i].Folded = folded[i]
	}
}

// meritNumber is the word of the i-th of the folded words when it is the
// number of merits.
func meritNumber(folded []string, spaced []bool, i int) (string, bool) {
	n, ok := meritWords[folded[i]]
	if !ok || i+1 >= len(folded) || folded[i+1] != "tot" || !spaced[i+1] ||
		i > 0 && (folded[i-1] == "quy" || folded[i-1] == "qui") {
		return "", false
	}
	if i+2 < len(folded) && spaced[i+2] {
		switch folded[i+2] {
		case "nghiep", "nhat", "hon", "dep":
			return "", false
		}
	}
	return n, true
}

// spacedWords tells, for each of the spans of text, whether only white
// space stands between it and the span before.
func spacedWords(text string, spans []span) []bool {
	out := make([]bool, len(spans))
	for i := 1; i < len(spans); i++ {
		out[i] = strings.TrimSpace(text[spans[i-1].end:spans[i].start]) == ""
	}
	return out
}
