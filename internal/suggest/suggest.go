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

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
