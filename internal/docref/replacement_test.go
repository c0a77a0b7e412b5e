package docref

import "testing"

func TestReplacement(t *testing.T) {
	for _, tc := range []struct {
		before            string
		replaces, awaited bool
	}{
		{"ban hành Quy định khen thưởng tổ chức đảng và đảng viên thay cho Quy định số ", true, false},
		{"ban hành hướng dẫn mới thay thế Hướng dẫn số ", true, false},
		{"(Thực hiện khi Ban Tổ chức Trung ương có hướng dẫn thay thế Hướng dẫn số ", true, true},
		{"Thực hiện khi Ban Tổ chức Trung ương có hướng dẫn thay thế Hướng dẫn số ", true, true},
		{"THỰC HIỆN KHI TRUNG ƯƠNG CÓ HƯỚNG DẪN THAY THẾ HƯỚNG DẪN SỐ ", true, true},
		// "khi" in an earlier clause does not make the replacement awaited.
		{"Khi có hướng dẫn, ban hành quy định thay cho Quy định số ", true, false},
		{"Thực hiện khi có hướng dẫn. Ban hành quy định thay cho Quy định số ", true, false},
		// "khi" inside another word is not the word.
		{"ban hành quy định về khiếu nại thay cho Quy định số ", true, false},
		{"Theo Chỉ thị số ", false, false},
		// "thay thế" too far before the citation says nothing of it.
		{"thay thế cán bộ theo quy định của Đảng tại các văn bản, trong đó có Chỉ thị số ", false, false},
	} {
		r, a := Replacement(tc.before)
		if r != tc.replaces || a != tc.awaited {
			t.Errorf("Replacement(%q) = %v, %v; want %v, %v", tc.before, r, a, tc.replaces, tc.awaited)
		}
	}
}
