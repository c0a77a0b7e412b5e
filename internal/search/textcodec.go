package search

import (
	"cmp"
	"slices"
	"strings"
)

// The texts of the static index travel as the numbers of their tokens in
// a table of the site's commonest tokens, which index.js carries: a token
// is a word with the space after it ("tỉnh "), or a run of other
// characters (", "). Vietnamese writes few distinct syllables, and gzip at
// level 1, as nginx sends files by default, packs UTF-8 Vietnamese poorly:
// the texts of the 300-page generated site weigh 213 KB gzipped as text
// and 66 KB as numbers with their table (measured in Python). A text is
// a string of numbers in postings digits (appendNumber); 0 stands for a
// token written out, the next of the strings that then follow the numbers
// in a list: "1b0c" or ["1b0c", "Đắk "]. decodeText in
// static/js/vnsearch.js reads them.

// maxTokens is the most tokens the table holds: numbers up to 4,095 take
// three digits at most, and the table of a split index is loaded by every
// query.
const maxTokens = 4095

// textCodec numbers the tokens of a site's texts.
type textCodec struct {
	tokens []string       // the table, commonest first: token i has number i+1
	number map[string]int // each token of the table → its number
	size   int64          // the bytes of every text encoded, about: the numbers and the tokens written out
}

// newTextCodec makes the table of the tokens of texts that occur at least
// twice, commonest first, at most maxTokens.
func newTextCodec(texts []string) *textCodec {
	counts := map[string]int{}
	for _, t := range texts {
		for t != "" {
			var tok string
			tok, t = nextToken(t)
			counts[tok]++
		}
	}
	var tokens []string
	for tok, n := range counts {
		if n >= 2 {
			tokens = append(tokens, tok)
		}
	}
	slices.SortFunc(tokens, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b))
	})
	c := &textCodec{tokens: tokens[:min(len(tokens), maxTokens)], number: map[string]int{}}
	for i, tok := range c.tokens {
		c.number[tok] = i + 1
	}
	for tok, n := range counts {
		if num := c.number[tok]; num > 0 {
			c.size += int64(n * len(appendNumber(nil, num)))
		} else {
			c.size += int64(n * (len(tok) + 4)) // its 0, and the token written out between quotes
		}
	}
	return c
}

// nextToken splits text's first token off: a word (see isWordRune) with
// the space after it, or a run of other characters.
func nextToken(text string) (token, rest string) {
	word := false
	for i, r := range text {
		w := isWordRune(r)
		switch {
		case i == 0:
			word = w
		case w == word:
		case word && r == ' ':
			return text[:i+1], text[i+1:]
		default:
			return text[:i], text[i:]
		}
	}
	return text, ""
}

// encode writes text as JSON: its tokens' numbers, and a list with the
// tokens written out when the table lacks some.
func (c *textCodec) encode(w *fileWriter, text string) {
	var codes []byte
	var out []string
	for text != "" {
		var tok string
		tok, text = nextToken(text)
		n := c.number[tok]
		codes = appendNumber(codes, n)
		if n == 0 {
			out = append(out, tok)
		}
	}
	if len(out) > 0 {
		w.b.WriteByte('[')
	}
	w.b.WriteByte('"')
	w.b.Write(codes)
	w.b.WriteByte('"')
	for _, tok := range out {
		w.b.WriteByte(',')
		w.str(tok)
	}
	if len(out) > 0 {
		w.b.WriteByte(']')
	}
}
