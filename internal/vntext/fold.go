package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C.
func NFC(s string) string { return norm.NFC.String(s) }

// NFCBytes returns b in Unicode normalisation form C.
func NFCBytes(b []byte) []byte { return norm.NFC.Bytes(b) }

// Fold lower-cases s and removes its diacritics; "đ" and "Đ" become "d".
// "Đảng Ủy" → "dang uy".
func Fold(s string) string {
	t := transform.Chain(
		norm.NFD,
		runes.Remove(runes.In(unicode.Mn)),
		runes.Map(foldRune),
		norm.NFC,
	)
	out, _, err := transform.String(t, s)
	if err != nil {
		// The chain only fails on invalid UTF-8 input, which Map already
		// replaced with U+FFFD; keep the lower-cased input as a fallback.
		return strings.ToLower(s)
	}
	return out
}

func foldRune(r rune) rune {
	switch r {
	case 'đ', 'Đ':
		return 'd'
	}
	return unicode.ToLower(r)
}
