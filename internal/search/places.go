package search

import (
	"strconv"
	"strings"
)

// Place is an anchor inside a document's text: a bullet of the plan with
// its own id ("v-1-7"), so that a result quoting it leads to the bullet
// rather than to the top of its section.
type Place struct {
	ID     string
	Offset int // in the document's Text, where the place starts
}

// place is a Place as results use it: at the text's word it starts with.
type place struct {
	word int
	id   string
}

// wordPlaces gives each of ps the number of the first word of text at or
// after its offset, in the words that analyse finds.
func wordPlaces(text string, ps []Place) []place {
	if len(ps) == 0 {
		return nil
	}
	spans := wordSpans(text, -1)
	out := make([]place, 0, len(ps))
	w := 0
	for _, p := range ps {
		for w < len(spans) && spans[w].start < p.Offset {
			w++
		}
		out = append(out, place{word: w, id: p.ID})
	}
	return out
}

// placeStarts reads the first words of places from their record form.
func placeStarts(places string) []int {
	f := strings.Fields(places)
	out := make([]int, 0, len(f)/2)
	for i := 0; i+1 < len(f); i += 2 {
		w, _ := strconv.Atoi(f[i])
		out = append(out, w)
	}
	return out
}

// placeOf is the words [lo, hi) of the place that holds word w, of a text
// of n words with places starting at starts (ascending): from the last
// start at or before w to the next one, the text before the first being
// a place too.
func placeOf(starts []int, w, n int) (lo, hi int) {
	hi = n
	for _, s := range starts {
		if s > w {
			return lo, s
		}
		lo = s
	}
	return lo, hi
}

// encodePlaces writes places for the record: "13 v-1-2 40 v-1-3".
func encodePlaces(ps []place) string {
	var b []byte
	for i, p := range ps {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(p.word), 10)
		b = append(b, ' ')
		b = append(b, p.id...)
	}
	return string(b)
}

// link is where a result leads: url, or when the word at (the first match
// its snippet shows, -1 for none) lies in a place, that place of url's page.
// The places are read from their record form.
func link(url, places string, at int) string {
	if places == "" || at < 0 {
		return url
	}
	id := ""
	f := strings.Fields(places)
	for i := 0; i+1 < len(f); i += 2 {
		w, err := strconv.Atoi(f[i])
		if err != nil || w > at {
			break
		}
		id = f[i+1]
	}
	if id == "" {
		return url
	}
	path, _, _ := strings.Cut(url, "#")
	return path + "#" + id
}
