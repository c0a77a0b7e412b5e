package search

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// longestRun is what lineRun computes, the plain way: the length of the
// longest run of query words that stands, in order, somewhere in w.
func longestRun(query []qterm, w words) int {
	best := 0
	for i := range w.folded {
		for start := range query {
			n := 0
			for i+n < len(w.folded) && start+n < len(query) &&
				w.folded[i+n] == query[start+n].folded && query[start+n].matches(w.exact[i+n]) {
				n++
			}
			best = max(best, n)
		}
	}
	return best
}

// TestLineRun checks lineRun, which reads a text's lines a word at a time,
// against longestRun over the same words, on random texts and queries of a
// few words, some asking for an exact spelling, some text words of unknown
// spelling (an abbreviation's long form in a heading).
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
			e := v.exact
			if r.IntN(5) == 0 {
				e = ""
			}
			fs, es = append(fs, v.folded), append(es, e)
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
