package vntext

import "strings"

// Slug turns s into a lower-case ASCII identifier for URLs and heading ids:
// diacritics are folded, and every run of other characters becomes one "-".
// "Ban Tổ chức Tỉnh ủy" → "ban-to-chuc-tinh-uy". It may return "".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
