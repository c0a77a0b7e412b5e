package markdown

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// TestQuickWriter checks that quickWriter writes what goldmark's default
// writer writes, on texts with and without each byte that writer acts on.
func TestQuickWriter(t *testing.T) {
	texts := []string{"", "Ủy ban Kiểm tra", "a & b", "&amp; &#39; &#x41; &copy;", `\*không\* nghiêng`,
		"a\x00b", `"trích"`, "<b>", "1 > 0", "\\", "&", "\xff\xfe", "đ\\ "}
	r := rand.New(rand.NewPCG(21, 7))
	const alphabet = "ab đẻ&#;x1\\*<>\"\x00 \xff"
	for range 3000 {
		b := make([]byte, r.IntN(16))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	quick := quickWriter{html.DefaultWriter}
	for _, s := range texts {
		for _, raw := range []bool{false, true} {
			var want, got bytes.Buffer
			ww, gw := bufio.NewWriter(&want), bufio.NewWriter(&got)
			if raw {
				html.DefaultWriter.RawWrite(ww, []byte(s))
				quick.RawWrite(gw, []byte(s))
			} else {
				html.DefaultWriter.Write(ww, []byte(s))
				quick.Write(gw, []byte(s))
			}
			ww.Flush()
			gw.Flush()
			if got.String() != want.String() {
				t.Errorf("raw %v, %q: quickWriter wrote %q, goldmark %q", raw, s, got.String(), want.String())
			}
		}
	}
}
