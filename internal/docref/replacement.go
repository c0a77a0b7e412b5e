package docref

import (
	"slices"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/internal/vntext"
)

// Replacement reads the words just before a citation: whether they say
// the cited document is to be replaced ("… thay cho Quy định số", "… thay
// thế Hướng dẫn số"), and whether by a document the plan waits for rather
// than one it asks for: "Thực hiện khi Ban Tổ chức Trung ương có hướng dẫn
// thay thế Hướng dẫn số" ("khi", when, in the same clause).
func Replacement(before string) (replaces, awaited bool) {
	f := vntext.Fold(strings.ToValidUTF8(before, ""))
	at := -1
	for _, w := range []string{"thay cho", "thay the"} {
		if i := strings.LastIndex(f, w); i >= 0 && len(f)-i < 40 {
			at = max(at, i)
		}
	}
	if at < 0 {
		return false, false
	}
	clause := f[strings.LastIndexAny(f[:at], "(.,;:")+1 : at]
	words := strings.FieldsFunc(clause, func(r rune) bool { return !unicode.IsLetter(r) })
	return true, slices.Contains(words, "khi")
}
