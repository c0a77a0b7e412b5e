package search

// The number of a model's merits, "chi bộ bốn tốt", is also written in
// digits, "chi bộ 4 tốt", as readers type it on a phone and editors write
// it in news. Both are one spelling of the same words, as "uỷ" and "ủy" are:
// a digit before "tốt" as a merit folds to its word, in the texts (analyse)
// and in the queries (meritNumerals), while its exact form stays the digit.
// static/js/vnsearch.js (meritFold) does the same.

// meritWords are the numbers of merits as words, folded; not five, "năm",
// which is also "year" ("năm tốt đẹp").
var meritWords = map[string]string{"1": "mot", "2": "hai", "3": "ba", "4": "bon",
	"6": "sau", "7": "bay", "8": "tam", "9": "chin", "10": "muoi"}

// meritFold folds, in folded words, each digit that numbers merits to its
// word.
func meritFold(folded []string) {
	for i := range folded {
		if n, ok := meritNumber(folded, i); ok {
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
	meritFold(folded)
	for i := range ws {
		ws[i].Folded = folded[i]
	}
}

// meritNumber is the word of the i-th of the folded words when it is the
// number of merits: a digit before "tốt" as a merit, not the start of
// another word ("tốt nghiệp", "tốt nhất", "tốt hơn", "tốt đẹp").
func meritNumber(folded []string, i int) (string, bool) {
	n, ok := meritWords[folded[i]]
	if !ok || i+1 >= len(folded) || folded[i+1] != "tot" {
		return "", false
	}
	if i+2 < len(folded) {
		switch folded[i+2] {
		case "nghiep", "nhat", "hon", "dep":
			return "", false
		}
	}
	return n, true
}
