package vntext

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"

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

// StableNFC reports whether b is valid UTF-8 made only of characters that
// are in NFC whatever stands beside them: ASCII, Latin-1 and Latin
// Extended-A/B letters (U+00A0–U+024F), Latin Extended Additional (ạ … ỹ,
// U+1E00–U+1EFF), as Vietnamese is written, and dashes, quotes and
// ellipses (U+2010–U+2027, U+2030–U+203A). Such text needs no normalising and no further
// check of its encoding. The scan takes ASCII eight bytes at a time and
// reads the other characters' bytes without decoding them: every page's
// text goes through it.
func StableNFC(b []byte) bool {
	for i := 0; i < len(b); {
		if i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		switch c := b[i]; {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xC2 && c <= 0xC9: // U+0080–U+027F: stable from U+00A0 to U+024F
			if i+1 >= len(b) || !continuation(b[i+1]) || c == 0xC2 && b[i+1] < 0xA0 || c == 0xC9 && b[i+1] > 0x8F {
				return false
			}
			i += 2
		case c == 0xE1: // U+1000–U+1FFF: stable from U+1E00 to U+1EFF
			if i+2 >= len(b) || b[i+1] < 0xB8 || b[i+1] > 0xBB || !continuation(b[i+2]) {
				return false
			}
			i += 3
		case c == 0xE2: // U+2000–U+2FFF: U+2010–U+2027 and U+2030–U+203A
			if i+2 >= len(b) || b[i+1] != 0x80 || !(b[i+2] >= 0x90 && b[i+2] <= 0xA7 || b[i+2] >= 0xB0 && b[i+2] <= 0xBA) {
				return false
			}
			i += 3
		default:
			return false
		}
	}
	return true
}

func continuation(c byte) bool { return c&0xC0 == 0x80 }

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
