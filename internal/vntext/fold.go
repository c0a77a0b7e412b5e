package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C.
func NFC(s string) string { return norm.NFC.String(s) }

// NFCBytes returns b in Unicode normalisation form C.
func NFCBytes(b []byte) []byte { return norm.NFC.Bytes(b) }

// Fold lower-cases s and removes its diacritics; "đ" and "Đ" become "d".
// "Đảng Ủy" → "dang uy". It decomposes s (NFD), drops the combining marks
// and recomposes what is left (NFC).
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(foldRune(r))
	}
	return norm.NFC.String(b.String())
}

func foldRune(r rune) rune {
	switch r {
	case 'đ', 'Đ':
		return 'd'
	case utf8.RuneError:
		return r
	}
	return unicode.ToLower(r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
