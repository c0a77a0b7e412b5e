package docref

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFind(t *testing.T) {
	tests := []struct {
		text  string
		slugs []string
	}{
		{"Nghị quyết số 21-NQ/TW, ngày 16/6/2022", []string{"21-nq-tw"}},
		{"Kế hoạch số 07-KH/TW và Chỉ thị số 28-CT/TW", []string{"7-kh-tw", "28-ct-tw"}},
		{"thay cho Quy định số 28-QĐ/TU, ngày 20/12/2018", []string{"28-qd-tu"}},
		{"Hướng dẫn số 35 - HĐ / BTCTW", []string{"35-hd-btctw"}},
		{"số 12-CT", []string{"12-ct"}},
		{"ngày 16/6/2022, 3-4%, chính trị-xã hội, a1-NQ/TW, 12345-NQ/TW", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range Find(tt.text) {
			got = append(got, c.Slug())
			if tt.text[c.Start] < '0' || tt.text[c.Start] > '9' {
				t.Errorf("%q: citation starts at %q", tt.text, tt.text[c.Start:])
			}
		}
		if diff := cmp.Diff(tt.slugs, got); diff != "" {
			t.Errorf("Find(%q) (-want, +got):\n%s", tt.text, diff)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"số 21-NQ/TW,", "35 - HĐ / BTCTW", "-", "1-", "12345-NQ", "28-QĐ/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range Find(s) {
			if c.Start < 0 || c.End > len(s) || c.Start >= c.End {
				t.Fatalf("citation %+v out of %q", c, s)
			}
		}
	})
}
