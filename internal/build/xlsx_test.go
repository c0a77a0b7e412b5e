package build

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestTasksWorkbook reads tasks.xlsx of the real site back: the same cells
// as tasks.csv, in a table (whose header filters) on a sheet whose header
// row stays in view.
func TestTasksWorkbook(t *testing.T) {
	_, files := buildReal(t)
	want, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files["tasks.csv"], []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(files["tasks.xlsx"]))
	if err != nil {
		t.Fatalf("tasks.xlsx does not open: %v", err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); !slices.Equal(sheets, []string{"Nhiệm vụ"}) {
		t.Errorf("sheets %q, want one, Nhiệm vụ", sheets)
	}
	got, err := f.GetRows("Nhiệm vụ")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, tasks.csv has %d", len(got), len(want))
	}
	// The windows' days show as a Vietnamese reader writes them, 01/10/2022,
	// where tasks.csv, for other programs, has 2022-10-01.
	for _, col := range []int{slices.Index(want[0], "Từ ngày"), slices.Index(want[0], "Đến ngày")} {
		for _, row := range want[1:] {
			if day, err := time.Parse(time.DateOnly, row[col]); err == nil {
				row[col] = day.Format("02/01/2006")
			}
		}
	}
	for i := range want {
		// GetRows leaves out the empty cells that end a row.
		if row := want[i][:len(got[i])]; !slices.Equal(got[i], row) || slices.ContainsFunc(want[i][len(got[i]):], func(c string) bool { return c != "" }) {
			t.Errorf("row %d: %q, tasks.csv has %q", i+1, got[i], want[i])
		}
	}
	if tables, err := f.GetTables("Nhiệm vụ"); err != nil || len(tables) != 1 || tables[0].Range != "A1:Q"+strconv.Itoa(len(want)) {
		t.Errorf("tables %+v (%v): want one over every row, for its filters", tables, err)
	}
	// The windows' days are dates, which Excel sorts and filters as such:
	// a serial day number shown as dd/mm/yyyy.
	end := slices.Index(want[0], "Đến ngày")
	cell, _ := excelize.CoordinatesToCellName(end+1, 2)
	raw, err := f.GetCellValue("Nhiệm vụ", cell, excelize.Options{RawCellValue: true})
	if _, nerr := strconv.Atoi(raw); err != nil || nerr != nil || want[1][end] == "" {
		t.Errorf("%s (Đến ngày of %s) holds %q (%v), want a date's serial number", cell, want[1][0], raw, err)
	}
	panes, err := f.GetPanes("Nhiệm vụ")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v (%v): want the header row frozen", panes, err)
	}
	// The columns' widths are listed in order, as the format asks (a file
	// that does not may be offered for repair), and the header is bold.
	zr, err := zip.NewReader(bytes.NewReader(files["tasks.xlsx"]), int64(len(files["tasks.xlsx"])))
	if err != nil {
		t.Fatal(err)
	}
	var sheet []byte
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			sheet, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	var mins []int
	for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllSubmatch(sheet, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		mins = append(mins, n)
	}
	if len(mins) < 2 || !slices.IsSorted(mins) {
		t.Errorf("the widths are of columns %v, want them in order", mins)
	}
	if id, err := f.GetCellStyle("Nhiệm vụ", "A1"); err != nil {
		t.Error(err)
	} else if style, err := f.GetStyle(id); err != nil || style.Font == nil || !style.Font.Bold {
		t.Errorf("the header's style %+v (%v), want bold", style, err)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Modified != "2026-11-27T00:00:00Z" {
		t.Errorf("modified %q (%v), want the build's day, so that builds are the same", props.Modified, err)
	}
}

// TestWorkbookNoTasks makes the workbook of a site without tasks: a
// header alone, which a table cannot be, still opens.
func TestWorkbookNoTasks(t *testing.T) {
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	data, err := workbook(taskRows(nil, nil, day), day)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Nhiệm vụ")
	if err != nil || len(rows) != 1 || rows[0][0] != "Mã" {
		t.Errorf("rows %q (%v), want the header alone", rows, err)
	}
}

// BenchmarkWorkbook makes tasks.xlsx for 6,000 tasks, as many as the
// 10,000-page generated site has.
func BenchmarkWorkbook(b *testing.B) {
	row := []string{"V.1.1", "Tham mưu Ban Thường vụ Tỉnh ủy ban hành hướng dẫn triển khai thực hiện mô hình chi bộ bốn tốt",
		"Tham mưu Ban Thường vụ Tỉnh ủy ban hành hướng dẫn triển khai thực hiện hiệu quả mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt” (Thực hiện trong Quý IV năm 2022).",
		"Ban Tổ chức Tỉnh ủy", "", "2022-Q4", "Thực hiện trong Quý IV năm 2022", "Có thời hạn", "2022-10-01", "2022-12-31",
		"", "", "", "Đang thực hiện", "", "Quá hạn", "tasks/ban-to-chuc/t01.html"}
	rows := [][]string{row}
	for range 6000 {
		rows = append(rows, row)
	}
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		if _, err := workbook(rows, now); err != nil {
			b.Fatal(err)
		}
	}
}
