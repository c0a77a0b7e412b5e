package suggest

import "testing"

func TestNearest(t *testing.T) {
	known := []string{"Site", "Title", "TaskCount", "agency", "ban-to-chuc", "ban-tuyen-giao"}
	for _, tc := range []struct{ name, want string }{
		{"title", "Title"},
		{"agnecy", "agency"},
		{"ban-to-chuk", "ban-to-chuc"},
		{"deadline", ""},
		{"", ""},
		{"ban-to-chu", "ban-to-chuc"},
		{"Titel", "Title"}, // a swap is one edit: not "Site", two away
	} {
		if got := Nearest(tc.name, known); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestNearestTies(t *testing.T) {
	// "ab" is one edit from both: the first in sorted order wins, whatever
	// the order given.
	for _, known := range [][]string{{"abc", "abd"}, {"abd", "abc"}} {
		if got := Nearest("ab", known); got != "abc" {
			t.Errorf("Nearest(ab, %q) = %q, want abc", known, got)
		}
	}
}
