package build

import "testing"

func TestRendersNothing(t *testing.T) {
	for _, tc := range []struct {
		body, html string
		want       bool
	}{
		{"", "", false},
		{"\n  \n", "", false},
		{"[a]: https://example.com", "", true},
		{"text", "<p>text</p>", false},
		{"![a](b.png)", `<p><img src="b.png" alt="a"></p>`, false},
		{"---", "<hr>", false},
		{`<iframe src="map.html"></iframe>`, `<iframe src="map.html"></iframe>`, false},
		{"| |\n|-|\n| |", "<table><thead><tr><th></th></tr></thead></table>", true},
		{"&nbsp;", "<p>&nbsp;</p>", false},
	} {
		if got := rendersNothing([]byte(tc.body), tc.html); got != tc.want {
			t.Errorf("rendersNothing(%q, %q) = %v, want %v", tc.body, tc.html, got, tc.want)
		}
	}
}
