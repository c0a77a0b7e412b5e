package search

import (
	"html"
	"strings"
)

// marks is what a snippet highlights: the folded query words, and for long
// words the words of the text one letter away from them.
type marks struct {
	words map[string]bool
	fuzzy []string
}

func (p parsed) marks() marks {
	m := marks{words: map[string]bool{}}
	add := func(w word) {
		m.words[w.Folded] = true
		if len([]rune(w.Folded)) >= minFuzzy {
			m.fuzzy = append(m.fuzzy, w.Folded)
		}
	}
	for _, w := range p.words {
		add(w)
	}
	for _, ph := range p.phrases {
		for _, w := range ph {
			add(w)
		}
	}
	return m
}

func (m marks) match(folded string) bool {
	if m.words[folded] {
		return true
	}
	for _, f := range m.fuzzy {
		if withinOne(f, folded) {
			return true
		}
	}
	return false
}

// phrasesIn reports whether folded words (space-separated) hold every
// quoted phrase, its words in order and next to each other.
func (p parsed) phrasesIn(folded string) bool {
	if len(p.phrases) == 0 {
		return true
	}
	words := " " + strings.Join(strings.Fields(folded), " ") + " "
	for _, ph := range p.phrases {
		want := make([]string, len(ph))
		for i, w := range ph {
			want[i] = w.Folded
		}
		if !strings.Contains(words, " "+strings.Join(want, " ")+" ") {
			return false
		}
	}
	return true
}

const snippetWords = 28

// snippet is the passage of text with the most distinct matches, as HTML
// with <mark> around each match. folded holds the text's folded words, one
// per word of text.
func snippet(text, folded string, m marks) string {
	spans := wordSpans(text)
	words := strings.Fields(folded)
	if len(spans) == 0 || len(words) != len(spans) {
		return html.EscapeString(text)
	}
	hit := make([]string, len(spans)) // the folded word where it matches, else ""
	for i, f := range words {
		if m.match(f) {
			hit[i] = f
		}
	}
	first := bestWindow(hit, snippetWords)
	last := min(first+snippetWords, len(spans)) - 1
	var b strings.Builder
	start := spans[first].start
	if first > 0 {
		b.WriteString("… ")
	}
	for i := first; i <= last; i++ {
		s := spans[i]
		b.WriteString(html.EscapeString(text[start:s.start]))
		if hit[i] != "" {
			b.WriteString("<mark>" + html.EscapeString(text[s.start:s.end]) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(text[s.start:s.end]))
		}
		start = s.end
	}
	end := spans[last].end
	if last+1 < len(spans) {
		b.WriteString(html.EscapeString(strings.TrimRight(text[start:end], " ")) + " …")
	} else {
		b.WriteString(html.EscapeString(text[start:]))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// bestWindow returns where a window of n words holds the most distinct
// matches (the earliest such window), starting a little before its first match.
func bestWindow(hit []string, n int) int {
	counts := map[string]int{}
	distinct, best, bestCount := 0, 0, 0
	for end := range hit { // the window is hit[end-n+1 : end+1]
		if h := hit[end]; h != "" {
			if counts[h]++; counts[h] == 1 {
				distinct++
			}
		}
		if out := end - n; out >= 0 && hit[out] != "" {
			if counts[hit[out]]--; counts[hit[out]] == 0 {
				distinct--
			}
		}
		if distinct > bestCount {
			best, bestCount = max(0, end-n+1), distinct
		}
	}
	if bestCount == 0 {
		return 0
	}
	for best < len(hit) && hit[best] == "" { // start at the window's first match
		best++
	}
	return max(0, best-3)
}

// withinOne reports whether a and b differ by at most one edit.
func withinOne(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return string(ra[i+1:]) == string(rb[min(i+1, len(rb)):]) || i == len(rb)
	}
	return string(ra[i+1:]) == string(rb[i:])
}
