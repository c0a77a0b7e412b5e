package search

import (
	"strings"
)

// abbreviations of the plan, folded: each is indexed where its long form
// stands, and the long form where the abbreviation stands, so that either
// finds both.
var abbreviations = []struct{ short, long string }{
	{"ubkt", "uy ban kiem tra"},
	{"btv", "ban thuong vu"},
	{"bch", "ban chap hanh"},
	{"hdnd", "hoi dong nhan dan"},
	{"ubnd", "uy ban nhan dan"},
	{"mttq", "mat tran to quoc"},
	{"ldld", "lien doan lao dong"},
	{"bcs", "ban can su"},
	{"btg", "ban tuyen giao"},
	{"btc", "ban to chuc"},
}

// aliases returns, for the texts, the long forms of the abbreviations they
// use and the abbreviations of the long forms they use, as folded words.
func aliases(texts ...analysed) string {
	var b strings.Builder
	for _, t := range texts {
		b.WriteString(" " + t.line() + " ")
	}
	joined := b.String()
	var out []string
	for _, a := range abbreviations {
		if strings.Contains(joined, " "+a.short+" ") {
			out = append(out, a.long)
		}
		if strings.Contains(joined, " "+a.long+" ") {
			out = append(out, a.short)
		}
	}
	return strings.Join(out, " ")
}

// abbreviationOf returns the long form of an abbreviation.
func abbreviationOf(w string) (string, bool) {
	for _, a := range abbreviations {
		if a.short == w {
			return a.long, true
		}
	}
	return "", false
}
