package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/internal/vntext"
)

// Document numbers are "<number>-<type>/<issuer>": "21-NQ/TW", "28-QĐ/TU",
// "35-HĐ/BTCTW". They are indexed as "nq-21" and "nq-21-tw", so that a query
// naming the type and number ("Chỉ thị 28", "NQ 21", "HD 35") finds every
// citation of that document, and the same number of another type does not.

// typeWords maps the folded words people write for a document type to its code.
var typeWords = map[string]string{
	"nghi quyet": "nq", "nq": "nq",
	"chi thi": "ct", "ct": "ct",
	"quy dinh": "qd", "quyet dinh": "qd", "qd": "qd",
	"huong dan": "hd", "hd": "hd",
	"ke hoach": "kh", "kh": "kh",
	"ket luan": "kl", "kl": "kl",
	"thong bao": "tb", "tb": "tb",
	"cong van": "cv", "cv": "cv",
}

// citation is a document number found in a text: "21-NQ/TW" at [start, end).
type citation struct {
	start, end       int
	num, typ, issuer string // "21", "nq", "tw" (folded; issuer may be "")
}

// term is the citation's index term: "nq-21".
func (c citation) term() string { return c.typ + "-" + trimZeros(c.num) }

// citations finds "<number>-<type>[/<issuer>]" where type is a known
// document type, spaces allowed around "-" and "/".
func citations(text string) []citation {
	var out []citation
	for off := 0; ; {
		i := strings.IndexByte(text[off:], '-')
		if i < 0 {
			return out
		}
		dash := off + i
		off = dash + 1
		if c, ok := citationAt(text, dash); ok {
			out = append(out, c)
			off = c.end
		}
	}
}

func citationAt(text string, dash int) (citation, bool) {
	start := skipBack(text, dash, ' ')
	numStart := start
	for numStart > 0 && isDigit(text[numStart-1]) && start-numStart < 4 {
		numStart--
	}
	if numStart == start || numStart > 0 && isWordByteBefore(text, numStart) {
		return citation{}, false
	}
	typStart := skipForward(text, dash+1, ' ')
	typEnd := lettersEnd(text, typStart, 6)
	typ := vntext.Fold(text[typStart:typEnd])
	if _, known := typeWords[typ]; !known {
		return citation{}, false
	}
	c := citation{start: numStart, end: typEnd, num: text[numStart:start], typ: typ}
	if slash := skipForward(text, typEnd, ' '); slash < len(text) && text[slash] == '/' {
		issStart := skipForward(text, slash+1, ' ')
		if issEnd := lettersEnd(text, issStart, 10); issEnd > issStart {
			c.issuer, c.end = vntext.Fold(text[issStart:issEnd]), issEnd
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
	return isWordRune(r)
}

// documentNumbers returns the index terms of every document cited in text,
// once per citation: "nq-21" and, with an issuer, "nq-21-tw".
func documentNumbers(text string) []string {
	var terms []string
	for _, c := range citations(text) {
		terms = append(terms, c.term())
		if c.issuer != "" {
			terms = append(terms, c.term()+"-"+c.issuer)
		}
	}
	return terms
}

func trimZeros(n string) string {
	if t := strings.TrimLeft(n, "0"); t != "" {
		return t
	}
	return "0"
}

// numberTerm recognises a document number in folded query words starting
// at i: "nghi quyet 21", "nghi quyet so 21", "nq 21". It returns the term
// and how many words it used.
func numberTerm(words []string, i int) (string, int) {
	for _, n := range []int{2, 1} { // "nghi quyet" before "nq"
		if i+n >= len(words) {
			continue
		}
		typ, ok := typeWords[strings.Join(words[i:i+n], " ")]
		if !ok {
			continue
		}
		j := i + n
		if words[j] == "so" && j+1 < len(words) {
			j++
		}
		if isNumber(words[j]) {
			return typ + "-" + trimZeros(words[j]), j + 1 - i
		}
	}
	return "", 0
}

func isNumber(s string) bool {
	return s != "" && len(s) <= 4 && strings.Trim(s, "0123456789") == ""
}
