package search

import (
	"strings"

	"github.com/kehoach/kehoach/internal/docref"
)

// Document numbers are "<number>-<type>/<issuer>": "21-NQ/TW", "28-QĐ/TU",
// "35-HĐ/BTCTW". They are indexed as "nq-21" and "nq-21-tw", so that a query
// naming the type and number ("Chỉ thị 28", "NQ 21", "HD 35") finds every
// citation of that document, and the same number of another type does not.

// documentNumbers returns the index terms of every document cited in text,
// once per citation: "nq-21" and, with an issuer, "nq-21-tw".
func documentNumbers(text string) []string {
	var terms []string
	for _, c := range docref.Find(text) {
		terms = append(terms, c.Term())
		if c.Issuer != "" {
			terms = append(terms, c.Term()+"-"+c.Issuer)
		}
	}
	return terms
}

// numberTerm recognises a document number in folded query words starting
// at i: "nghi quyet 21", "nghi quyet so 21", "nq 21", or glued, "nq21".
// It returns the term and how many words it used.
func numberTerm(words []string, i int) (string, int) {
	if typ, num, ok := gluedNumber(words[i]); ok {
		return typ + "-" + docref.TrimZeros(num), 1
	}
	for _, n := range []int{2, 1} { // "nghi quyet" before "nq"
		if i+n >= len(words) {
			continue
		}
		typ, ok := docref.TypeWords[strings.Join(words[i:i+n], " ")]
		if !ok {
			continue
		}
		j := i + n
		if words[j] == "so" && j+1 < len(words) {
			j++
		}
		if isNumber(words[j]) {
			return typ + "-" + docref.TrimZeros(words[j]), j + 1 - i
		}
	}
	return "", 0
}

// gluedNumber reads a document's type and number written as one word, as
// people type them: "nq21", "ct28", "kh07".
func gluedNumber(w string) (typ, num string, ok bool) {
	digits := strings.IndexAny(w, "0123456789")
	if digits < 1 || !isNumber(w[digits:]) {
		return "", "", false
	}
	typ, ok = docref.TypeWords[w[:digits]]
	return typ, w[digits:], ok
}

func isNumber(s string) bool {
	return s != "" && len(s) <= 4 && strings.Trim(s, "0123456789") == ""
}
