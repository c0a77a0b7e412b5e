package search

import (
	"html"
	"slices"
	"strings"

	"github.com/kehoach/kehoach/internal/docref"
)

// marks is what a snippet highlights: the query words (by their exact
// spelling when the query gave diacritics and the text has that spelling,
// else folded), and the citations of queried document numbers. A word
// one letter away is not highlighted: a query word the index does not
// know has been corrected already, and one it knows would light up its
// neighbours ("tuyên" marked "xuyên", "quyền" and "truyền").
//
// An abbreviation of the plan asked for by either form is highlighted in
// both: "ubnd" marks "UBND" and each run "Ủy ban nhân dân", and so does
// "ủy ban nhân dân", but not a lone "ban" or "dân".
type marks struct {
	words   map[string]string // folded → exact spelling asked for, or ""
	pairs   map[[2]string]bool
	numbers []string
	abbrs   map[string][]string // abbreviation asked for → its long form's words
}

func (p parsed) marks() marks {
	m := marks{words: map[string]string{}, pairs: p.pairs(), numbers: p.numbers, abbrs: map[string][]string{}}
	for _, w := range p.all() {
		if prev, seen := m.words[w.Folded]; !seen || prev != "" {
			m.words[w.Folded] = w.exact()
		}
	}
	runs := []string{" " + foldedLine(p.words) + " "}
	for _, ph := range p.phrases {
		runs = append(runs, " "+foldedLine(ph)+" ")
	}
	for _, a := range abbreviations {
		_, asked := m.words[a.short]
		for _, run := range runs {
			asked = asked || strings.Contains(run, " "+a.long+" ")
		}
		if asked {
			m.abbrs[a.short] = strings.Fields(a.long)
			if _, seen := m.words[a.short]; !seen {
				m.words[a.short] = ""
			}
		}
	}
	return m
}

// foldedLine is the folded forms of words, a space apart.
func foldedLine(words []word) string {
	f := make([]string, len(words))
	for i, w := range words {
		f[i] = w.Folded
	}
	return strings.Join(f, " ")
}

// markLongForms marks each run of the text's folded words that spells the
// long form of an abbreviation asked for, as that abbreviation.
func (m marks) markLongForms(words, hit []string) {
	for short, long := range m.abbrs {
		for i := 0; i+len(long) <= len(words); i++ {
			if slices.Equal(words[i:i+len(long)], long) {
				for j := range long {
					hit[i+j] = short
				}
			}
		}
	}
}

// match reports whether the text word (its exact and folded form) is one
// the query asked for.
func (m marks) match(exact, folded string) bool {
	want, ok := m.words[folded]
	return ok && (want == "" || exact == want)
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
// with <mark> around each match, and the number of the first word it marks
// (-1 for none), which tells the place a result leads to (link). folded and
// exact hold the text's words (its record's lines), one per word of text.
// A word typed with diacritics is marked where the text spells it so, or,
// in a text that never does, in any spelling, which is what matched ("hóa"
// for "hoà").
// The passage stays in one place (a bullet, places holding their first
// words): that of its first match, where the result leads. When focus is
// a place's first word (the bullet a queried item's number names,
// parsed.focus), the passage is taken in it, and leads there.
func snippet(text, folded, exact string, m marks, places []int, focus int) (string, int) {
	if folded == "" {
		return html.EscapeString(text), -1
	}
	n := strings.Count(folded, " ") + 1
	var words []string // the text's folded words, when a long form is looked for
	if len(m.abbrs) > 0 {
		words = make([]string, 0, n)
	}
	hit := make([]string, 0, n)  // the folded word where it is asked for in any spelling, else ""
	spelt := make([]bool, 0, n)  // whether it is in the spelling asked for
	asSpelt := map[string]bool{} // the words asked for that the text has as spelt
	for folded != "" {
		var f, e string
		f, folded = nextWord(folded)
		e, exact = nextWord(exact)
		if words != nil {
			words = append(words, f)
		}
		if _, asked := m.words[f]; !asked {
			f = ""
		}
		ok := f != "" && m.match(e, f)
		asSpelt[f] = asSpelt[f] || ok
		hit, spelt = append(hit, f), append(spelt, ok)
	}
	for i, f := range hit {
		if !spelt[i] && asSpelt[f] {
			hit[i] = "" // another spelling of a word the text has as asked ("đang" for "đảng")
		}
	}
	m.markLongForms(words, hit)
	var spans []span
	if len(m.numbers) > 0 {
		spans = wordSpans(text, -1)
		if len(spans) != len(hit) {
			return html.EscapeString(text), -1 // the lines do not hold the text's words
		}
		m.markCitations(text, spans, hit)
	}
	m.keepRuns(hit)
	lo, hi := 0, len(hit) // where the passage is taken: the text, or the place in focus
	inFocus := focus >= 0 && focus < len(hit)
	if inFocus {
		lo, hi = placeOf(places, focus, len(hit))
	}
	first := lo + bestWindow(hit[lo:hi], snippetWords)
	last := min(first+snippetWords, len(hit)) - 1
	at := -1
	for i := first; i <= min(last, hi-1); i++ {
		if hit[i] != "" {
			at = i
			break
		}
	}
	if at < 0 && inFocus {
		at = lo // the place in focus, though the query's words are not in it
	}
	ends := -1   // the next bullet's first word, when the passage ends its own
	if at >= 0 { // not into the next bullet, which the result does not lead to
		plo, phi := placeOf(places, at, len(hit))
		first, last = max(first, plo), min(last, phi-1)
		if last == phi-1 && phi < len(hit) {
			ends = phi
		}
	}
	if spans == nil {
		spans = wordSpans(text, last+2) // one more, to know whether the text goes on
		if len(spans) <= last {
			return html.EscapeString(text), -1
		}
	}
	var b strings.Builder
	start := spans[first].start
	if first > 0 {
		b.WriteString("… ")
	}
	open := false // a <mark> runs on over the spaces, "-" and "/" between marked words
	for i := first; i <= last; i++ {
		s := spans[i]
		gap := text[start:s.start]
		joined := open && hit[i] != "" && strings.Trim(gap, " -/") == ""
		if open && !joined {
			b.WriteString("</mark>")
			open = false
		}
		b.WriteString(html.EscapeString(gap))
		if hit[i] != "" && !open {
			b.WriteString("<mark>")
			open = true
		}
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		start = s.end
	}
	if open {
		b.WriteString("</mark>")
	}
	end := spans[last].end
	switch {
	case ends >= 0: // its bullet's last words, and what closes it: "…)."
		b.WriteString(html.EscapeString(strings.TrimRight(text[start:spans[ends].start], " \t\n\r\f\v")))
	case last+1 < len(spans):
		b.WriteString(html.EscapeString(strings.TrimRight(text[start:end], " ")) + " …")
	default:
		b.WriteString(html.EscapeString(text[start:]))
	}
	return strings.Join(strings.Fields(b.String()), " "), at
}

// bestWindow returns where a window of n words holds the most distinct
// matches, and among those the most matches standing next to each other (the
// earliest such window), starting a little before its first match.
func bestWindow(hit []string, n int) int {
	counts := map[string]int{}
	distinct, adjacent, best, bestScore := 0, 0, 0, 0
	together := func(i int) bool { return i > 0 && hit[i] != "" && hit[i-1] != "" }
	for end := range hit { // the window is hit[end-n+1 : end+1]
		if h := hit[end]; h != "" {
			if counts[h]++; counts[h] == 1 {
				distinct++
			}
		}
		if together(end) && end-n+1 <= end-1 {
			adjacent++
		}
		if out := end - n; out >= 0 {
			if hit[out] != "" {
				if counts[hit[out]]--; counts[hit[out]] == 0 {
					distinct--
				}
			}
			if together(out + 1) {
				adjacent--
			}
		}
		if score := distinct*n + adjacent; score > bestScore {
			best, bestScore = max(0, end-n+1), score
		}
	}
	if bestScore == 0 {
		return 0
	}
	for best < len(hit) && hit[best] == "" { // start at the window's first match
		best++
	}
	return max(0, best-3)
}

// markCitations marks the words of every citation of a queried document number.
func (m marks) markCitations(text string, spans []span, hit []string) {
	if len(m.numbers) == 0 {
		return
	}
	for _, c := range docref.Find(text) {
		if !slices.Contains(m.numbers, c.Term()) && !slices.Contains(m.numbers, c.Term()+"-"+c.Issuer) {
			continue
		}
		for i, s := range spans {
			if s.start >= c.Start && s.end <= c.End {
				hit[i] = c.Term()
			}
		}
	}
}

// keepRuns drops the matches that stand alone when some matches stand next
// to each other as they do in the query: for "chi bo bon tot" the phrase is
// marked, not every "bộ", and for "chi bộ" not "bộ chi". The words of a
// cited document number stand together, and an abbreviation asked for is
// a run of its own, in either form.
func (m marks) keepRuns(hit []string) {
	together := func(i int) bool { // hit[i-1] and hit[i] stand as the query has them
		a, b := hit[i-1], hit[i]
		return a != "" && b != "" && (m.pairs[[2]string{a, b}] || a == b && strings.Contains(a, "-"))
	}
	paired := func(i int) bool {
		_, abbr := m.abbrs[hit[i]]
		return hit[i] != "" && (abbr || i > 0 && together(i) || i+1 < len(hit) && together(i+1))
	}
	found := false
	for i := range hit {
		if paired(i) {
			found = true
			break
		}
	}
	if !found {
		return
	}
	keep := make([]bool, len(hit))
	for i := range hit {
		keep[i] = paired(i)
	}
	for i := range hit {
		if !keep[i] {
			hit[i] = ""
		}
	}
}
