package vntext

import "testing"

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
