package search

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach/internal/vntext"
)

// The plan's items are quoted by their numbers, "IV.3.2", "V.1.3": a
// section, a bullet or a task of the plan. Each document is indexed with
// the items it is or holds, "z-iv-3-2", so that a query of an item's
// number finds that item rather than every heading with a 3 or a 2 (or
// "Quý IV" in a task's deadline). They are
// a field of their own, "item", which finds documents and weighs nothing
// (evaluate.go): in the field of document numbers, a section's many
// bullets would lower the weight of the numbers it cites.

// itemAnchor is an anchor of a numbered item: a part's Roman numeral and
// numbers, "iv-3-2", or the numeral alone for a part ("iv").
var itemAnchor = regexp.MustCompile(`^(?:i{1,3}|iv|vi{0,3}|ix|x)(?:-[0-9]{1,3})*$`)

// An item's number as a query writes it: "IV.3.2", "iv.1.3.6.", "IV-3-2",
// "V5.1" (the first dot left out), or a part's numeral and numbers a space
// apart, "iv 3 2", "IV 3.2"; a part's numeral alone after "mục" or "phần"
// ("phần IV").
var (
	itemNumber  = regexp.MustCompile(`^(?i:i{1,3}|iv|vi{0,3}|ix|x)(?:(?:[.-][0-9]{1,3})+|[0-9]{1,3}(?:[.-][0-9]{1,3})+)\.?$`)
	itemGlued   = regexp.MustCompile(`^([ivxIVX]+)([0-9])`) // "V5.1": the numeral and the first number, glued
	partNumeral = regexp.MustCompile(`^(?i:i{1,3}|iv|vi{0,3}|ix|x)$`)
	itemNumbers = regexp.MustCompile(`^[0-9]{1,3}(?:[.-][0-9]{1,3})*\.?$`)
	itemGap     = regexp.MustCompile(`^[ \t]+$`)
)

// queryToken is what an item's number is looked for in: a run of letters,
// digits, dots and dashes.
var queryToken = regexp.MustCompile(`[\p{L}\p{N}.-]+`)

// itemPrefix begins an item's term. No Vietnamese word begins with "z": a
// split static index files the items in shards of their own (static.go
// keys), which only a query of an item's number loads. Under "muc-" they
// made the shard of "mục" ("mục tiêu") heavier for every query.
const itemPrefix = "z-"

// itemTerms are the index terms of the items a document is or holds: the
// anchor of its address, its places', and those it names (Items).
func itemTerms(d Document) []string {
	anchors := slices.Clone(d.Items)
	if _, frag, ok := strings.Cut(d.URL, "#"); ok {
		anchors = append(anchors, frag)
	}
	for _, p := range d.Places {
		anchors = append(anchors, p.ID)
	}
	var terms []string
	for _, a := range anchors {
		if t := itemPrefix + a; itemAnchor.MatchString(a) && !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	return terms
}

// queryItems finds the items' numbers in a query: their terms, and the text
// with each number blanked out, and with it the words the plan does not
// write: "mục" or "phần" before it ("mục IV.3.2") or ending the query after
// it ("IV.3.2 mục"), and "và" or "hoặc" between two ("V.1.3 và V.1.4"). A
// heading's number without its part ("mục 2.3") stays a word, without "mục".
func queryItems(text string) ([]string, string) {
	var terms []string
	toks := queryToken.FindAllStringIndex(text, -1)
	word := func(i int) string { return vntext.Fold(text[toks[i][0]:toks[i][1]]) }
	blank := func(first, last int) {
		start, end := toks[first][0], toks[last][1]
		text = text[:start] + strings.Repeat(" ", end-start) + text[end:]
	}
	last := -1 // the last token of the item found before
	for i := 0; i < len(toks); i++ {
		first := i
		parts := []string{text[toks[i][0]:toks[i][1]]}
		if i+1 < len(toks) && slices.Contains(itemNames, word(i)) && itemNumbers.MatchString(text[toks[i+1][0]:toks[i+1][1]]) {
			blank(i, i) // "mục 2.3", as a heading prints it: the number is the query's
			continue
		}
		if !itemNumber.MatchString(parts[0]) {
			if !partNumeral.MatchString(parts[0]) {
				continue
			}
			for i+1 < len(toks) && itemGap.MatchString(text[toks[i][1]:toks[i+1][0]]) && itemNumbers.MatchString(text[toks[i+1][0]:toks[i+1][1]]) {
				i++
				parts = append(parts, text[toks[i][0]:toks[i][1]])
			}
		}
		named := first > 0 && slices.Contains(itemNames, word(first-1))
		if len(parts) == 1 && !itemNumber.MatchString(parts[0]) && !named {
			continue // a numeral alone: "quý IV"
		}
		parts[0] = itemGlued.ReplaceAllString(parts[0], "$1.$2")
		anchor := strings.ToLower(strings.Join(strings.FieldsFunc(strings.Join(parts, "."), func(r rune) bool { return r == '.' || r == '-' }), "-"))
		terms = append(terms, itemPrefix+anchor)
		if named {
			first--
		}
		if last >= 0 && first == last+2 && slices.Contains(itemJoins, word(first-1)) {
			first--
		}
		blank(first, i)
		last = i
	}
	if last >= 0 && last == len(toks)-2 && slices.Contains(itemNames, word(last+1)) {
		blank(last+1, last+1)
	}
	return terms, text
}

// itemNames name an item before its number, itemJoins join two numbers:
// folded.
var (
	itemNames = []string{"muc", "phan"}
	itemJoins = []string{"va", "hoac"}
)

// isItemTerm reports whether a term of a query's numbers is an item's.
func isItemTerm(term string) bool { return strings.HasPrefix(term, itemPrefix) }

// isItem reports whether r is the item the term names, rather than holding
// it among its places: the section IV.3.2 for "z-iv-3-2".
func (r record) isItem(term string) bool {
	_, frag, _ := strings.Cut(r.URL, "#")
	return frag != "" && itemPrefix+frag == term
}

// focus is the first word of the first place of r that a queried item
// names, or -1: where its snippet is taken, and so where the result leads.
func (p parsed) focus(r record) int {
	f := strings.Fields(r.Places)
	for _, n := range p.numbers {
		for i := 0; i+1 < len(f); i += 2 {
			if itemPrefix+f[i+1] == n {
				w, _ := strconv.Atoi(f[i])
				return w
			}
		}
	}
	return -1
}
