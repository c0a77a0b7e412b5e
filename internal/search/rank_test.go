package search

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLineRun checks lineRun, which reads a record's lines a word at a
// time, against longestRun over the same words, on random texts and
// queries of a few words, some asking for an exact spelling.
func TestLineRun(t *testing.T) {
	vocab := []struct{ folded, exact string }{
		{"dang", "đảng"}, {"dang", "đăng"}, {"vien", "viên"}, {"chi", "chi"}, {"bo", "bộ"},
		{"bon", "bốn"}, {"tot", "tốt"}, {"co", "cơ"}, {"so", "sở"},
	}
	r := rand.New(rand.NewPCG(7, 7))
	for range 2000 {
		var fs, es []string
		for range r.IntN(12) {
			v := vocab[r.IntN(len(vocab))]
			fs, es = append(fs, v.folded), append(es, v.exact)
		}
		var query []qterm
		for range 1 + r.IntN(4) {
			v := vocab[r.IntN(len(vocab))]
			q := qterm{folded: v.folded}
			if r.IntN(2) == 0 {
				q.exact = v.exact
			}
			query = append(query, q)
		}
		want := longestRun(query, words{folded: fs, exact: es})
		if got := lineRun(query, strings.Join(fs, " "), strings.Join(es, " ")); got != want {
			t.Fatalf("lineRun(%v, %q) = %d, longestRun %d", query, es, got, want)
		}
	}
}
