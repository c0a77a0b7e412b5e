package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// quickWriter is goldmark's default text writer, but for text that holds
// none of the bytes that writer acts on, which it writes as it is at once.
// goldmark's writer reads every byte of a text twice (once for references
// and backslash escapes, once for the characters HTML escapes); most
// Vietnamese text holds none of them. The output is the same: for such
// text, goldmark's writer writes it unchanged too (TestQuickWriter).
type quickWriter struct{ html.Writer }

// acted marks the bytes goldmark's writer changes or reads further at:
// NUL, the characters HTML escapes, and the starts of references and
// backslash escapes.
var acted = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true, '\\': true}

func untouched(src []byte) bool {
	for _, c := range src {
		if acted[c] {
			return false
		}
	}
	return true
}

func (w quickWriter) Write(out util.BufWriter, src []byte) {
	if len(src) > 0 && untouched(src) {
		_, _ = out.Write(src)
		return
	}
	w.Writer.Write(out, src)
}

func (w quickWriter) RawWrite(out util.BufWriter, src []byte) {
	if len(src) > 0 && untouched(src) {
		_, _ = out.Write(src)
		return
	}
	w.Writer.RawWrite(out, src)
}
