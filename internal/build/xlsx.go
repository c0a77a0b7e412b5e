package build

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbook is tasks.xlsx: the rows of tasks.csv as an Excel workbook, its
// windows' days as dates. A
// CSV file opened in Excel splits its columns on the list separator of
// the computer's region, which is ";" where the decimal separator is ","
// (Vietnamese among them): the whole row lands in the first column. A
// workbook has its columns in itself. Its rows are a table, whose header
// stays in view and filters; its dates are the build's day, so that the
// same sources and --now give the same bytes. It is written as a stream:
// 6,000 rows (the 10,000-page site) took 0.35 s cell by cell.
func workbook(rows [][]string, now time.Time) ([]byte, error) {
	out, err := writeWorkbook(rows, now)
	if err != nil {
		return nil, fmt.Errorf("tasks.xlsx: %w", err)
	}
	return out, nil
}

// columnWidths are the widths of the workbook's columns that the default
// would wrap line after line, by name.
var columnWidths = map[string]float64{
	"Nhiệm vụ": 50, "Nội dung (nguyên văn Kế hoạch)": 80, "Chủ trì": 30, "Phối hợp": 30,
	"Thời hạn (nguyên văn Kế hoạch)": 30, "Loại thời hạn": 20, "Từ ngày": 11, "Đến ngày": 11,
	"Chờ văn bản / theo chương trình": 30, "Văn bản đã có": 30, "Báo cáo tiến độ": 22,
	"Năm chưa có báo cáo": 22, "Tình trạng": 22, "Trang": 40,
}

func writeWorkbook(rows [][]string, now time.Time) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Nhiệm vụ"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	ddmmyyyy := "dd/mm/yyyy"
	dated, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, CustomNumFmt: &ddmmyyyy})
	if err != nil {
		return nil, err
	}
	dateColumn := make([]bool, len(rows[0])) // "Từ ngày", "Đến ngày": dates Excel sorts and filters as dates
	for j, name := range rows[0] {
		dateColumn[j] = name == "Từ ngày" || name == "Đến ngày"
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	// Widths by the columns' names (taskRows), the last column first:
	// excelize puts each before those set already, and the file must list
	// them in order.
	for j := len(rows[0]) - 1; j >= 0; j-- {
		name := rows[0][j]
		if strings.HasPrefix(name, "Tình trạng") { // "Tình trạng tính đến ngày 27/11/2026"
			name = "Tình trạng"
		}
		if width, ok := columnWidths[name]; ok {
			if err := sw.SetColWidth(j+1, j+1, width); err != nil {
				return nil, err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	cells := make([]any, len(rows[0]))
	for i, row := range rows {
		for j, v := range row {
			cells[j] = excelize.Cell{StyleID: wrap, Value: v}
			if i == 0 {
				cells[j] = excelize.Cell{StyleID: header, Value: v}
			}
			if i > 0 && dateColumn[j] {
				if day, err := time.Parse(time.DateOnly, v); err == nil {
					cells[j] = excelize.Cell{StyleID: dated, Value: day}
				}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return nil, err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return nil, err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(rows[0]), max(len(rows), 2))
	if err != nil {
		return nil, err
	}
	noStripes := false
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "NhiemVu", StyleName: "TableStyleLight1", ShowRowStripes: &noStripes}); err != nil {
		return nil, err
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	day := now.Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{Title: "Nhiệm vụ", Creator: "kehoach", Language: "vi-VN", Created: day, Modified: day}); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
