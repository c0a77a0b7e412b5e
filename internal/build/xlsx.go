package build

import (
	"fmt"
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
	// Widths by the columns of taskRows, last first: excelize puts each
	// before those set already, and the file must list them in order.
	for _, w := range []struct {
		from, to int
		width    float64
	}{{17, 17, 40}, {14, 16, 22}, {12, 13, 30}, {9, 10, 11}, {8, 8, 20}, {7, 7, 30}, {4, 5, 30}, {3, 3, 80}, {2, 2, 50}} {
		if err := sw.SetColWidth(w.from, w.to, w.width); err != nil {
			return nil, err
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
