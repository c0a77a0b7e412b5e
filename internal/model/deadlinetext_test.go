package model

import "testing"

// TestReadDeadline reads every deadline phrase of the plan, and the other
// spellings people write.
func TestReadDeadline(t *testing.T) {
	tests := []struct {
		text   string
		want   []string // the structured form it must agree with
		yearly bool
	}{
		{"thực hiện ngày 21, 22 tháng 7 năm 2022", []string{"2022-07-21", "2022-07-22"}, false},
		{"hoàn thành trong tháng 11 năm 2022", []string{"2022-11"}, false},
		{"Thực hiện trong Quý IV năm 2022", []string{"2022-Q4"}, false},
		{"Thực hiện trong Quý IV/2022 và những năm tiếp theo", []string{"2022-Q4"}, true},
		{"Thực hiện trong quý IV/2022", []string{"2022-Q4"}, false},
		{"Thực hiện trong năm 2022", []string{"2022"}, false},
		{"Thực hiện trong năm 2022 và những năm tiếp theo", []string{"2022"}, true},
		{"Thực hiện từ năm 2022 và hằng năm có đánh giá", []string{"2022"}, true},
		{"Thực hiện thường xuyên", []string{"ongoing"}, false},
		{"Thực hiện khi có hướng dẫn của Trung ương", []string{"conditional"}, false},
		{"Thực hiện khi có quy định của Trung ương", []string{"conditional"}, false},
		{"Thực hiện khi có hướng dẫn của Ban Thường vụ Tỉnh ủy", []string{"conditional"}, false},
		{"Thực hiện khi Ban Tổ chức Trung ương có hướng dẫn thay thế Hướng dẫn số 35-HĐ/BTCTW", []string{"conditional"}, false},
		{"Thực hiện theo chương trình kiểm tra, giám sát của Ban Thường vụ Tỉnh ủy", []string{"programme"}, false},
		{"Quý 2/2023", []string{"2023-Q2"}, false},
		{"tháng 3/2024", []string{"2024-03"}, false},
		{"ngày 5/9/2023", []string{"2023-09-05"}, false},
		{"ngày 1 và 2 tháng 10 năm 2023", []string{"2023-10-01", "2023-10-02"}, false},
	}
	for _, tt := range tests {
		read, err := ReadDeadline(tt.text)
		if err != nil {
			t.Errorf("ReadDeadline(%q): %v", tt.text, err)
			continue
		}
		want, err := ParseDeadline(tt.want)
		if err != nil {
			t.Fatal(err)
		}
		want.Recurring = tt.yearly
		if !want.Agrees(read) {
			t.Errorf("ReadDeadline(%q) = %s, want %s", tt.text, read.describe(), want.describe())
		}
	}
	for _, text := range []string{"sớm nhất có thể", "", "Quý V/2022"} {
		if _, err := ReadDeadline(text); err == nil {
			t.Errorf("ReadDeadline(%q) read a deadline", text)
		}
	}
}
