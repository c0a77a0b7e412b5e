// Package docref finds citations of documents in Vietnamese text: a number,
// a type and an issuer, "21-NQ/TW", "28-QĐ/TU", "35 - HĐ / BTCTW". Search
// indexes them, and the Markdown stage links them to the documents' pages.
package docref

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/internal/vntext"
)

// TypeWords maps the folded words people write for a document type to its
// code: "nghi quyet" and "nq" to "nq".
var TypeWords = map[string]string{
	"nghi quyet": "nq", "nq": "nq",
	"chi thi": "ct", "ct": "ct",
	"quy dinh": "qd", "quyet dinh": "qd", "qd": "qd",
	"huong dan": "hd", "hd": "hd",
	"ke hoach": "kh", "kh": "kh",
	"ket luan": "kl", "kl": "kl",
	"thong bao": "tb", "tb": "tb",
	"cong van": "cv", "cv": "cv",
}

// Citation is a document number found in a text: "21-NQ/TW" at [Start, End).
type Citation struct {
	Start, End           int
	Number, Type, Issuer string // "21", "nq", "tw" (folded; Issuer may be "")
}

// Term is the citation without its issuer: "nq-21".
func (c Citation) Term() string { return c.Type + "-" + TrimZeros(c.Number) }

// Slug names the cited document: "21-nq-tw", or "21-nq" without an issuer.
func (c Citation) Slug() string {
	s := TrimZeros(c.Number) + "-" + c.Type
	if c.Issuer != "" {
		s += "-" + c.Issuer
	}
	return s
}

// Find finds "<number>-<type>[/<issuer>]" where type is a known
// document type, spaces allowed around "-" and "/".
func Find(text string) []Citation {
	var out []Citation
	for off := 0; ; {
		i := strings.IndexByte(text[off:], '-')
		if i < 0 {
			return out
		}
		dash := off + i
		off = dash + 1
		if c, ok := citationAt(text, dash); ok {
			out = append(out, c)
			off = c.End
		}
	}
}

func citationAt(text string, dash int) (Citation, bool) {
	start := skipBack(text, dash, ' ')
	numStart := start
	for numStart > 0 && isDigit(text[numStart-1]) && start-numStart < 4 {
		numStart--
	}
	if numStart == start || numStart > 0 && isWordByteBefore(text, numStart) {
		return Citation{}, false
	}
	typStart := skipForward(text, dash+1, ' ')
	typEnd := lettersEnd(text, typStart, 6)
	typ := vntext.Fold(text[typStart:typEnd])
	if _, known := TypeWords[typ]; !known {
		return Citation{}, false
	}
	c := Citation{Start: numStart, End: typEnd, Number: text[numStart:start], Type: typ}
	if slash := skipForward(text, typEnd, ' '); slash < len(text) && text[slash] == '/' {
		issStart := skipForward(text, slash+1, ' ')
		if issEnd := lettersEnd(text, issStart, 10); issEnd > issStart {
			c.Issuer, c.End = vntext.Fold(text[issStart:issEnd]), issEnd
		}
	}
	return c, true
}

func skipBack(s string, i int, b byte) int {
	for i > 0 && s[i-1] == b {
		i--
	}
	return i
}

func skipForward(s string, i int, b byte) int {
	for i < len(s) && s[i] == b {
		i++
	}
	return i
}

// lettersEnd is the end of the run of at most max letters at i, or i.
func lettersEnd(s string, i, max int) int {
	n := 0
	for j, r := range s[i:] {
		if !unicode.IsLetter(r) {
			return i + j
		}
		if n++; n > max {
			return i // too long for a document type or issuer
		}
	}
	return len(s)
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isWordByteBefore reports whether a letter or digit ends just before i.
func isWordByteBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// TrimZeros drops the leading zeros of a document number: "07" is "7".
func TrimZeros(n string) string {
	if t := strings.TrimLeft(n, "0"); t != "" {
		return t
	}
	return "0"
}

// TypeName is the Vietnamese name of a document type code: "nq" is
// "Nghị quyết". QĐ is read as "Quy định", as the plan uses it.
func TypeName(code string) string {
	switch code {
	case "nq":
		return "Nghị quyết"
	case "ct":
		return "Chỉ thị"
	case "qd":
		return "Quy định"
	case "hd":
		return "Hướng dẫn"
	case "kh":
		return "Kế hoạch"
	case "kl":
		return "Kết luận"
	case "tb":
		return "Thông báo"
	case "cv":
		return "Công văn"
	}
	return "Văn bản"
}
