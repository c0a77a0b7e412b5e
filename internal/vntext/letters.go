package vntext

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letter is what a precomposed Latin letter is made of.
type letter struct {
	shaped rune // lower-case, with its shape marks (â, ê, ô, ơ, ư, ă) but without its tone: "ấ" → 'â'
	plain  rune // lower-case, without any mark: "ấ" → 'a'
	tone   rune // the combining tone mark (U+0300, U+0301, U+0303, U+0309, U+0323), or 0
}

const (
	tableFirst = 0x00C0 // À
	tableLast  = 0x1EF9 // ỹ
)

// letters describes every precomposed letter from U+00C0 to U+1EF9, derived
// once from Unicode decompositions (golang.org/x/text/unicode/norm), so that
// folding is a table lookup rather than a decomposition per word.
var letters = buildLetters()

func buildLetters() []letter {
	t := make([]letter, tableLast-tableFirst+1)
	for r := rune(tableFirst); r <= tableLast; r++ {
		t[r-tableFirst] = decompose(r)
	}
	return t
}

func decompose(r rune) letter {
	lower := unicode.ToLower(r)
	l := letter{shaped: lower, plain: lower}
	if lower == 'đ' || lower == 'ð' { // "Ð" (eth) stands for "Đ" in text from old Vietnamese encodings
		l.shaped, l.plain = 'đ', 'd'
		return l
	}
	var base rune
	var shape []rune
	for i, m := range []rune(norm.NFD.String(string(lower))) {
		switch {
		case i == 0:
			base = m
		case isTone(m):
			l.tone = m
		default:
			shape = append(shape, m)
		}
	}
	if base == 0 || base >= utf8.RuneSelf {
		return l // not a Latin letter with marks: keep it as it is
	}
	l.plain = base
	l.shaped = []rune(norm.NFC.String(string(append([]rune{base}, shape...))))[0]
	return l
}

// isTone reports whether m is one of the five Vietnamese tone marks.
func isTone(m rune) bool {
	switch m {
	case 0x0300, 0x0301, 0x0303, 0x0309, 0x0323:
		return true
	}
	return false
}

// split returns what r is made of: it handles ASCII, the precomposed table,
// combining marks (from decomposed input) and anything else.
func split(r rune) letter {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return letter{shaped: r, plain: r}
	case isTone(r):
		return letter{tone: r}
	case unicode.Is(unicode.Mn, r):
		return letter{} // another combining mark: dropped by folding
	case r >= tableFirst && r <= tableLast:
		return letters[r-tableFirst]
	}
	r = unicode.ToLower(r)
	if r >= tableFirst && r <= tableLast { // "Å" (the Ångström sign) is "å"
		return letters[r-tableFirst]
	}
	return letter{shaped: r, plain: r}
}
