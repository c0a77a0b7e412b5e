// Package suggest finds the name a writer most likely meant: the known
// front matter key, agency slug or layout field that a misspelt one is
// closest to.
package suggest

import (
	"slices"
	"strings"
)

// Nearest returns the known name at most two edits away from name,
// ignoring case, or "" if there is none. Of names equally near, the first
// in sorted order wins, so that the suggestion is the same on every run.
func Nearest(name string, known []string) string {
	best, bestD := "", 3
	lower := strings.ToLower(name)
	for _, k := range slices.Sorted(slices.Values(known)) {
		if d := distance(lower, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the optimal string alignment distance between a and b, in
// bytes: Levenshtein's, with two neighbouring letters swapped one edit
// ("Titel" is one from "Title", two from "Site").
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
