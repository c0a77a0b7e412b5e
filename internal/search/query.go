package search

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/internal/docref"
	"github.com/kehoach/kehoach/internal/vntext"
)

// Limits of a query, so that no input costs more than a normal query.
const (
	MaxQueryBytes = 1000
	maxWords      = 24
	minFuzzy      = 5 // a word the index does not know, this long (folded), is corrected to one a letter away
)

// word is a word of a query.
type word struct {
	raw string
	vntext.Word
	spaced    bool // only white space stands between it and the word before
	corrected bool // Folded was replaced by the index's nearest word
	optional  bool // common or unknown to the index: need not be present
	function  bool // a function word ("gì", "những"): not required when the query has another
}

// parsed is a query taken apart.
type parsed struct {
	words   []word      // free words, in order
	phrases [][]word    // quoted phrases
	numbers []string    // document number terms
	ranges  [][2]string // number ranges, folded: "3-4" (see numberRange)
}

// all is every word the query asks for, free words first, then the words
// of its phrases.
func (p parsed) all() []word {
	out := slices.Clone(p.words)
	for _, ph := range p.phrases {
		out = append(out, ph...)
	}
	return out
}

// pairs are the neighbouring words of the query, in order, within its free
// words and within each phrase.
func (p parsed) pairs() map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, run := range append([][]word{p.words}, p.phrases...) {
		for i := 1; i < len(run); i++ {
			out[[2]string{run[i-1].Folded, run[i].Folded}] = true
		}
	}
	return out
}

// exact is the spelling a word asks for: its exact form when typed with
// diacritics (and not corrected), else "" (any spelling).
func (w word) exact() string {
	if hasMarks(w.raw) && !w.corrected {
		return w.Exact
	}
	return ""
}

// functionWords are the words that carry no content of their own: the
// question words ("Tỉnh đoàn thực hiện những nhiệm vụ nào", "… là gì") and
// the markers that questions and names are built with ("những", "được",
// "phải", "này" in "trong Kế hoạch này"). An answer need not contain them, so a query does not require
// them; where they stand beside its other words they still count. A word typed with
// diacritics is one of them by its exact spelling ("của", not "cửa"); one
// typed without, by its folded form, save "dau", which is more often
// "đầu" or "dấu" than "đâu". ("phai" may be "phái", as in "phái đoàn", but
// far more often a reader typing without marks means "phải", as in "phai
// lam gi"; a function word still counts beside its neighbours.)
var functionWords = newSpellings("gì", "nào", "đâu", "là", "những", "nhưng", "các", "của", "được", "phải", "này")

// questionPairs are the questions of two words, each of which alone is a
// word of content: "bao nhiêu" ("how many"), "bao giờ" and "khi nào"
// ("when"), and "thời hạn" ("deadline"), which asks when as they do:
// "thời hạn hoàn thành quán triệt nghị quyết" wants the task whose
// deadline is "hoàn thành trong tháng 11 năm 2022".
var questionPairs = [][2]spellings{
	{newSpellings("bao"), newSpellings("nhiêu")},
	{newSpellings("bao"), newSpellings("giờ")},
	{newSpellings("khi"), newSpellings("nào")},
	{newSpellings("thời"), newSpellings("hạn")},
}

// askingWords ask with the question word after them ("những" or "các"
// may stand between): "làm" before "gì" ("do what"), "thế" before "nào"
// and "như" before "thế nào" ("how"). Each is keyed by its folded form,
// with its spellings and the folded word it must come before, which must
// be a function word itself.
var askingWords = map[string]struct {
	spellings
	before string
}{
	"lam": {newSpellings("làm"), "gi"},
	"the": {newSpellings("thế"), "nao"},
	"nhu": {newSpellings("như"), "the"},
}

// spellings is a set of words as a query word is compared with them: by
// exact spelling when it is typed with diacritics, else by folded form.
type spellings struct{ exact, folded map[string]bool }

func newSpellings(words ...string) spellings {
	s := spellings{map[string]bool{}, map[string]bool{}}
	for _, w := range words {
		sw := vntext.SearchWord(w)
		s.exact[sw.Exact] = true
		if w != "đâu" { // "dau" is more often "đầu" or "dấu"
			s.folded[sw.Folded] = true
		}
	}
	return s
}

func (s spellings) has(w word) bool {
	if hasMarks(w.raw) {
		return s.exact[w.Exact]
	}
	return s.folded[w.Folded]
}

// markFunctionWords marks the function words of a run of free words, the
// question pairs and the asking words before their question words.
func markFunctionWords(ws []word) {
	for i := range ws {
		ws[i].function = functionWords.has(ws[i])
	}
	for i := 0; i+1 < len(ws); i++ {
		for _, pair := range questionPairs {
			if pair[0].has(ws[i]) && pair[1].has(ws[i+1]) {
				ws[i].function, ws[i+1].function = true, true
			}
		}
	}
	for i := len(ws) - 2; i >= 0; i-- {
		asking, ok := askingWords[ws[i].Folded]
		j := i + 1
		for j+1 < len(ws) && ws[j].function && (ws[j].Folded == "nhung" || ws[j].Folded == "cac") {
			j++ // "làm những gì", "làm các gì"
		}
		if ok && asking.has(ws[i]) && ws[j].Folded == asking.before && ws[j].function {
			ws[i].function = true
		}
	}
}

// empty reports whether the query asks for nothing.
func (p parsed) empty() bool {
	return len(p.words) == 0 && len(p.phrases) == 0 && len(p.numbers) == 0
}

// parse splits a query into quoted phrases, document numbers and words.
// Quotes may be straight or curly; an unbalanced quote is ignored.
func parse(q string) parsed {
	q = clean(q)
	var p parsed
	for i, part := range splitQuotes(q) {
		if i%2 == 1 {
			if ws := toWords(part); len(ws) > 0 {
				readNumerals(ws)
				p.phrases = append(p.phrases, ws)
			}
			continue
		}
		p.addFree(part)
	}
	if len(p.words) > maxWords {
		p.words = p.words[:maxWords]
	}
	return p
}

// clean normalises a query: NFC, control characters and invalid UTF-8 as spaces.
func clean(q string) string {
	q = strings.ToValidUTF8(q, " ")
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, q)
	return vntext.NFC(q)
}

// splitQuotes returns text outside and inside quotes, alternating; a last
// quote without its pair is dropped.
func splitQuotes(q string) []string {
	q = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`).Replace(q)
	parts := strings.Split(q, `"`)
	if len(parts)%2 == 0 { // unbalanced: join the last two parts
		parts[len(parts)-2] += " " + parts[len(parts)-1]
		parts = parts[:len(parts)-1]
	}
	return parts
}

// numberRange finds two numbers joined by a dash: "3-4" in "kết nạp 3-4%
// đảng viên", a range a reader copies from the text. Its numbers stay
// words of the query, but a document must first have them side by side
// (as the pair of a phrase): each alone would match any heading "2.3"
// or "IV.3.4". When no document has them so, the query runs without the
// range. A run of three numbers or more ("21-7-2022") is not a range.
// Spaces are those of Go's \s and of Unicode's Zs (the no-break space
// that text copied from a word processor holds), as in vnsearch.js, whose
// \s would take more.
var numberRange = regexp.MustCompile(`\d+(?:[\t\n\f\r \p{Zs}]*[-–][\t\n\f\r \p{Zs}]*\d+)+`)

func (p *parsed) addFree(text string) {
	items, text := queryItems(text)
	p.numbers = append(p.numbers, items...)
	for _, c := range docref.Find(text) {
		term := c.Term()
		if c.Issuer != "" {
			term += "-" + c.Issuer
		}
		p.numbers = append(p.numbers, term)
		text = text[:c.Start] + strings.Repeat(" ", c.End-c.Start) + text[c.End:]
	}
	for _, r := range numberRange.FindAllString(text, -1) {
		if ws := toWords(r); len(ws) == 2 {
			p.ranges = append(p.ranges, [2]string{ws[0].Folded, ws[1].Folded})
		}
	}
	ws := toWords(text)
	markFunctionWords(ws)
	readNumerals(ws)
	folded := make([]string, len(ws))
	for i, w := range ws {
		folded[i] = w.Folded
	}
	for i := 0; i < len(ws); {
		if term, n := numberTerm(folded, i); n > 0 {
			p.numbers = append(p.numbers, term)
			i += n
			continue
		}
		p.words = append(p.words, ws[i])
		i++
	}
}

// readNumerals reads the numbers of a query's words typed in digits as the
// plan writes them: a quarter first ("quý 4" is "Quý IV"), then the number
// of merits ("4 tốt" is "bốn tốt", merit.go).
func readNumerals(ws []word) {
	quarterNumerals(ws)
	meritNumerals(ws)
}

// romanQuarters are the quarters as the plan numbers them: "Quý IV/2022".
var romanQuarters = map[string]string{"1": "i", "2": "ii", "3": "iii", "4": "iv"}

// quarterNumerals reads a quarter typed in digits, as a phone's keyboard
// makes easier ("quý 4/2022", or "quí 4" in the old spelling), as the plan
// writes it ("Quý IV/2022"), in free words and in phrases.
func quarterNumerals(ws []word) {
	for i := 1; i < len(ws); i++ {
		if r, ok := romanQuarters[ws[i].Folded]; ok && (ws[i-1].Folded == "quy" || ws[i-1].Folded == "qui") {
			ws[i].Folded, ws[i].Exact = r, r
		}
	}
}

func toWords(text string) []word {
	spans := wordSpans(text, -1)
	spaced := spacedWords(text, spans)
	ws := make([]word, len(spans))
	for i, s := range spans {
		raw := text[s.start:s.end]
		ws[i] = word{raw: raw, Word: vntext.SearchWord(raw), spaced: spaced[i]}
	}
	return ws
}

// Boosts of the fields a word can match in.
const (
	boostAll    = 1.0 // a word anywhere: heading, text, a task's agencies, abbreviations both ways
	boostExact  = 2.0 // on top, when the query word has diacritics and the text spells it so
	boostPair   = 3.0 // neighbouring query words next to each other in the text
	boostPhrase = 2.0
)

// mostWords is the share of a long query's words a document must have:
// queries of three words or more are often questions ("Văn phòng Tỉnh ủy
// được giao nhiệm vụ gì") whose every word the answer need not contain.
const mostWords = 0.75
