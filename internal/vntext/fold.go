package vntext

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C.
func NFC(s string) string { return norm.NFC.String(s) }

// NFCBytes returns b in Unicode normalisation form C: b itself when
// StableNFC says so, else what golang.org/x/text/unicode/norm makes of it.
func NFCBytes(b []byte) []byte {
	if StableNFC(b) {
		return b
	}
	return norm.NFC.Bytes(b)
}

// Fold lower-cases s and removes its diacritics; "đ" and "Đ" become "d".
// "Đảng Ủy" → "dang uy". It is the one definition of "the same letters
// without marks" that slugs, heading ids and search share.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if l := split(r); l.plain != 0 {
			b.WriteRune(l.plain)
		}
	}
	return b.String()
}

// Word is one word (syllable) as search compares it.
type Word struct {
	Exact  string // lower-case, tone mark moved to one fixed place: "uỷ" and "ủy" are equal
	Folded string // without any mark: "uy"
}

// SearchWord normalises one word for search: lower case, the tone mark
// moved to a fixed place (so "hoà"/"hòa" and "uỷ"/"ủy" are equal), and "y"
// after consonants read as "i" (so "tỷ"/"tỉ" and "lý"/"lí" are equal). The
// exact form is an index term, not text to show.
func SearchWord(w string) Word {
	shaped := make([]rune, 0, len(w))
	plain := make([]rune, 0, len(w))
	var tone rune
	for _, r := range w {
		l := split(r)
		if l.tone != 0 {
			tone = l.tone
		}
		if l.shaped != 0 {
			shaped = append(shaped, l.shaped)
			plain = append(plain, l.plain)
		}
	}
	if yAsI(plain) {
		shaped[len(shaped)-1], plain[len(plain)-1] = 'i', 'i'
	}
	exact := string(shaped)
	if tone != 0 {
		exact += string(tone)
	}
	return Word{Exact: exact, Folded: string(plain)}
}

// yAsI reports whether the word ends in a "y" that only consonants precede
// ("ty", "ly", "my", "ky"), where Vietnamese writes "i" or "y" alike.
func yAsI(plain []rune) bool {
	n := len(plain)
	if n < 2 || plain[n-1] != 'y' {
		return false
	}
	for _, r := range plain[:n-1] {
		if !strings.ContainsRune("bcdghklmnpqrstvx", r) {
			return false
		}
	}
	return true
}
