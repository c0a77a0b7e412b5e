package vntext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đảng", "dang"},
		{"đăng", "dang"},
		{"Ủy ban kiểm tra", "uy ban kiem tra"},
		{"uỷ", "uy"},
		{"hoà hòa", "hoa hoa"},
		{"tỉ lệ tỷ lệ", "ti le ty le"},
		{"Chỉ thị 28-CT/TW", "chi thi 28-ct/tw"},
		{"NGHỊ QUYẾT", "nghi quyet"},
		{"u\u0309y", "uy"}, // decomposed input
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ban Tổ chức Tỉnh ủy", "ban-to-chuc-tinh-uy"},
		{"Đảng đoàn HĐND tỉnh", "dang-doan-hdnd-tinh"},
		{"  1.1. Đổi mới, hoàn thiện  ", "1-1-doi-moi-hoan-thien"},
		{"“chi bộ bốn tốt”", "chi-bo-bon-tot"},
		{"../../etc", "etc"},
		{"Nơi nhận:", "noi-nhan"},
		{"!!!", ""},
		{"日本", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Đảng", "a--b", "../x", "\xff", "Ủy ban"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		for i := 0; i < len(got); i++ {
			c := got[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				t.Fatalf("Slug(%q) = %q has byte %q", s, got, c)
			}
		}
		if len(got) > 0 && (got[0] == '-' || got[len(got)-1] == '-') {
			t.Fatalf("Slug(%q) = %q has an edge dash", s, got)
		}
	})
}

func TestSearchWord(t *testing.T) {
	same := [][]string{
		{"uỷ", "ủy", "Uỷ", "Ủy", "u\u0309y"},
		{"hoà", "hòa"},
		{"thuỷ", "thủy"},
		{"tỉ", "tỷ"},
		{"lý", "lí"},
		{"khoẻ", "khỏe"},
		{"hoá", "hóa"},
	}
	for _, group := range same {
		want := SearchWord(group[0])
		for _, w := range group[1:] {
			if got := SearchWord(w); got != want {
				t.Errorf("SearchWord(%q) = %+v, want %+v as for %q", w, got, want, group[0])
			}
		}
	}
	differ := [][2]string{{"đảng", "đăng"}, {"quân", "quan"}, {"đảng", "đang"}, {"quy", "qui"}, {"uy", "ui"}}
	for _, p := range differ {
		a, b := SearchWord(p[0]), SearchWord(p[1])
		if a.Exact == b.Exact {
			t.Errorf("SearchWord(%q) and SearchWord(%q) are both %q", p[0], p[1], a.Exact)
		}
	}
	folds := map[string]string{"Đảng": "dang", "tỷ": "ti", "Quỳnh": "quynh", "nghị": "nghi", "UBKT": "ubkt", "28": "28"}
	for in, want := range folds {
		if got := SearchWord(in).Folded; got != want {
			t.Errorf("SearchWord(%q).Folded = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkSearchWord(b *testing.B) {
	words := strings.Fields("Tạo sự chuyển biến mạnh mẽ trong việc nâng cao năng lực lãnh đạo sức chiến đấu của tổ chức cơ sở đảng")
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			SearchWord(w)
		}
	}
}

// BenchmarkStableNFC scans the plan's text, as every build scans each
// content file; "runes" is the same check decoding each character.
func BenchmarkStableNFC(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "source", "ke-hoach-nq21.txt"))
	if err != nil {
		b.Skip("the plan's text is not beside the repository:", err)
	}
	for _, bb := range []struct {
		name string
		scan func([]byte) bool
	}{{"bytes", StableNFC}, {"runes", stableRunes}} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if !bb.scan(text) {
					b.Fatal("the plan's text is not stable NFC")
				}
			}
		})
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Đảng", "uỷ ban", "\xff", "u\u0309y", "日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if Fold(folded) != folded {
			t.Fatalf("Fold is not idempotent on %q: %q → %q", s, folded, Fold(folded))
		}
		for _, r := range folded {
			if r >= 0x300 && r <= 0x36f {
				t.Fatalf("Fold(%q) = %q keeps a combining mark", s, folded)
			}
		}
		w := SearchWord(s)
		if SearchWord(w.Folded).Folded != w.Folded {
			t.Fatalf("SearchWord(%q).Folded is not stable", s)
		}
	})
}

// TestNFCBytes checks the quick path against golang.org/x/text's NFC.
func TestNFCBytes(t *testing.T) {
	for _, s := range []string{"", "abc", "Đảng ủy “bốn tốt” – 3-4% …", "u\u0309y", "A\u030a", "\u212b", "x\u2000y",
		"ệ\u0301", "Ω\u2126", "\u1e9b\u0323", "\xff", "e\u0301\u0302"} {
		want := norm.NFC.String(s)
		if got := string(NFCBytes([]byte(s))); got != want {
			t.Errorf("NFCBytes(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNFCBytes(f *testing.F) {
	for _, s := range []string{"Đảng", "u\u0309y", "\u212b", "ạ\u0300"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(NFCBytes([]byte(s))), norm.NFC.String(s); got != want {
			t.Fatalf("NFCBytes(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzStableNFC holds StableNFC to what it promises: text it accepts is
// valid UTF-8 and in NFC.
func FuzzStableNFC(f *testing.F) {
	for _, s := range []string{"Đảng ủy “bốn tốt” – 3-4% …", "\xff", "abcdefgh\xe1", "tỉnh ủy\xed\xa0\x80", "ạ\u0300", "\ufeff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if StableNFC(b) && (!utf8.Valid(b) || !norm.NFC.IsNormal(b)) {
			t.Fatalf("StableNFC(%q) is true: valid %v, NFC %v", b, utf8.Valid(b), norm.NFC.IsNormal(b))
		}
		if got, want := StableNFC(b), stableRunes(b); got != want {
			t.Fatalf("StableNFC(%q) = %v, decoding rune by rune says %v", b, got, want)
		}
	})
}

// stableRune is the set StableNFC accepts, rune by rune.
func stableRune(r rune) bool {
	return r < utf8.RuneSelf || r >= 0xA0 && r < 0x250 || r >= 0x1E00 && r <= 0x1EFF ||
		r >= 0x2010 && r <= 0x2027 || r >= 0x2030 && r <= 0x203A
}

// stableRunes is StableNFC the slow way: decoding each rune.
func stableRunes(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError || !stableRune(r) { // the replacement character U+FFFD is not stable either
			return false
		}
		b = b[size:]
	}
	return true
}

// TestStableNFCBytes checks StableNFC's reading of bytes against decoding:
// every character alone and between letters, and every sequence of two
// bytes, and of three bytes that starts as the stable three-byte
// characters do.
func TestStableNFCBytes(t *testing.T) {
	check := func(b []byte) {
		t.Helper()
		if got, want := StableNFC(b), stableRunes(b); got != want {
			t.Fatalf("StableNFC(%q) = %v, want %v", b, got, want)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		enc := utf8.AppendRune(nil, r)
		if got := StableNFC(enc); got != stableRune(r) {
			t.Fatalf("StableNFC(%U) = %v, want %v", r, got, stableRune(r))
		}
		check(append(append([]byte("ab"), enc...), "cdefghij"...))
	}
	for i := range 1 << 16 {
		check([]byte{byte(i >> 8), byte(i)})
		for _, lead := range []byte{0xE1, 0xE2} {
			check([]byte{lead, byte(i >> 8), byte(i)})
			check([]byte{lead, byte(i >> 8), byte(i), 'x'})
		}
	}
}

func TestStableNFC(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"", true},
		{"Kế hoạch số 21-KH/TU – “chi bộ bốn tốt” …", true},
		{"Đảng bộ tỉnh, nhiệm vụ thường xuyên", true},
		{"abcdefgh\xff", false},          // an invalid byte after eight ASCII
		{"\xe1\xbb", false},              // a character cut short
		{"u\u0309y", false},              // a combining mark
		{"\ufeffKế hoạch", false},        // a byte order mark goes the long way
		{"ủy\xed\xa0\x80ban", false},     // an encoded surrogate
		{"\xc0\xaf", false},              // an overlong "/"
		{"tiếng Việt " + "\u00a0", true}, // no-break space
	} {
		if got := StableNFC([]byte(tt.s)); got != tt.want {
			t.Errorf("StableNFC(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
