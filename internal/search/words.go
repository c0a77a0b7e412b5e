package search

import (
	"unicode"
	"unicode/utf8"
)

// span is a word of a text: its byte offsets.
type span struct{ start, end int }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most of a Vietnamese text: spare the Unicode tables
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordSpans splits text into words: runs of letters, digits and combining
// marks that hold a letter or a digit (marks alone fold to nothing), the
// first limit of them (all when limit < 0). Indexing, queries and snippets
// all split text this way.
func wordSpans(text string, limit int) []span {
	size := len(text)/6 + 1 // a word and its space are about six bytes
	if limit >= 0 {
		size = min(size, limit)
	}
	spans := make([]span, 0, size)
	if limit == 0 {
		return spans
	}
	start, base := -1, false
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start, base = i, false
			}
			base = base || r < utf8.RuneSelf || !unicode.Is(unicode.Mn, r)
			continue
		}
		if start >= 0 && base {
			if spans = append(spans, span{start, i}); len(spans) == limit {
				return spans
			}
		}
		start = -1
	}
	if start >= 0 && base {
		spans = append(spans, span{start, len(text)})
	}
	return spans
}

// hasMarks reports whether s has any letter beyond ASCII: a query word typed
// with diacritics asks for its exact spelling to rank first.
func hasMarks(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
