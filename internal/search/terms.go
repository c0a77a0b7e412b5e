package search

import (
	"strings"

	"github.com/kehoach/kehoach/internal/vntext"
)

// Texts are analysed once, in Go, before bleve sees them: each word is
// normalised by vntext.SearchWord a single time, and the fields bleve indexes
// receive the results encoded as plain words, which its analyzers only split.
//
// A terms field holds words separated by spaces; a word whose exact form
// differs from its folded form is written "exact\x1ffolded", and both are
// indexed at the same position. A pairs field holds folded words separated
// by spaces, in lines that bigrams do not cross.

const formSep = "\x1f"

// analysed is a text's words.
type analysed struct {
	exact, folded []string
}

func analyse(text string) analysed {
	spans := wordSpans(text, -1)
	a := analysed{exact: make([]string, len(spans)), folded: make([]string, len(spans))}
	for i, s := range spans {
		w := vntext.SearchWord(text[s.start:s.end])
		a.exact[i], a.folded[i] = w.Exact, w.Folded
	}
	meritFold(a.folded, func() []bool { return spacedWords(text, spans) }) // "4 tốt" is "bốn tốt" (merit.go)
	return a
}

// terms encodes the words for a terms field.
func (a analysed) terms() string {
	var b strings.Builder
	for i, e := range a.exact {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(e)
		if f := a.folded[i]; f != e {
			b.WriteString(formSep + f)
		}
	}
	return b.String()
}

// line is the folded words on one line.
func (a analysed) line() string { return strings.Join(a.folded, " ") }

// exactLine is the exact words on one line.
func (a analysed) exactLine() string { return strings.Join(a.exact, " ") }
