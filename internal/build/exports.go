package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"

	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/source"
)

// The task exports: tasks.json for programs, tasks.csv for spreadsheets
// (UTF-8 with a byte-order mark, which Excel needs to show Vietnamese),
// tasks.xlsx for Excel in any locale (xlsx.go), and iCalendar files
// (calendar.go).
const (
	tasksJSON = "tasks.json"
	tasksCSV  = "tasks.csv"
	tasksXLSX = "tasks.xlsx"
)

// taskExport is a task as the exports give it.
type taskExport struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Text         string   `json:"text"` // the task in the plan's words, its text without markup
	URL          string   `json:"url"`
	Leads        []string `json:"leads"`
	Partners     []string `json:"partners"`
	PartnersText string   `json:"partners_text,omitempty"` // partners that no agency stands for, in the plan's words
	Deadline     string   `json:"deadline"`
	DeadlineText string   `json:"deadline_text"`
	DeadlineKind string   `json:"deadline_kind"`
	Start        string   `json:"start,omitempty"` // the window State speaks of: a yearly task's on the build's day
	End          string   `json:"end,omitempty"`
	Recurring    bool     `json:"recurring"`
	Awaits       string   `json:"awaits,omitempty"`
	AwaitsTask   string   `json:"awaits_task,omitempty"` // the id of the task whose result it waits for
	Arrived      *arrival `json:"arrived,omitempty"`     // the awaited document, once issued
	Status       string   `json:"status"`
	State        string   `json:"state"`                // on the build's day: overdue, due-soon, upcoming, arrived, ongoing, programme, waiting, done
	Unreported   []int    `json:"unreported,omitempty"` // a yearly task's past years without a report: overdue while the last is one
	PlanRef      string   `json:"plan_ref,omitempty"`
	PlanURL      string   `json:"plan_url,omitempty"` // the page and anchor plan_ref names

	kindName, statusName, stateName string // in Vietnamese, for the spreadsheet
	arrivedName                     string // the awaited document and its day, for the spreadsheet
}

// arrival is the document a conditional task awaited, in tasks.json.
type arrival struct {
	Document string `json:"document"` // its title
	URL      string `json:"url"`
	Date     string `json:"date"`
}

func (b *builder) taskExport(t *model.Task) taskExport {
	e := taskExport{
		ID: t.ID, Title: t.Title, Text: htmlText(t.HTML), URL: b.cfg.BaseURL + t.Path,
		Leads: slugs(t.Leads), Partners: slugs(t.Partners), PartnersText: t.PartnersText,
		Deadline: t.Deadline.Code(), DeadlineText: t.Deadline.Text, DeadlineKind: t.Deadline.Kind.Slug(),
		Recurring: t.Deadline.Recurring, Awaits: t.Deadline.Awaits, Status: string(t.Status),
		State: t.StateOn(b.opt.Now, b.cfg.DueSoonDays).Slug(),
	}
	if due, ok := t.Due(); ok {
		start, end := due.Next(b.opt.Now) // this year's window of a yearly task, or the next
		e.Start, e.End = start.Format("2006-01-02"), end.Format("2006-01-02")
	}
	if t.Awaited != nil {
		e.AwaitsTask = t.Awaited.ID
	}
	if a := t.Arrival; a != nil {
		e.Arrived = &arrival{Document: a.Doc.Title, URL: b.cfg.BaseURL + a.Doc.Path, Date: a.Date.Format("2006-01-02")}
		e.arrivedName = a.Doc.Title + " (ngày " + a.Date.Format("02/01/2006") + ")"
	}
	if r := t.PlanRef; r != nil {
		e.PlanRef = r.Raw
		if r.Target != nil {
			e.PlanURL = b.cfg.BaseURL + r.Target.Path
			if r.Anchor != "" {
				e.PlanURL += "#" + r.Anchor
			}
		}
	}
	e.Unreported = t.UnreportedYears(b.opt.Now)
	e.kindName, e.statusName = t.Deadline.Kind.Name(), t.StatusName()
	e.stateName = t.StateOn(b.opt.Now, b.cfg.DueSoonDays).Name()
	return e
}

// htmlText is the text of an HTML fragment, its runs of space made one.
func htmlText(h template.HTML) string {
	z := html.NewTokenizer(strings.NewReader(string(h)))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken: // the end: the fragment is the build's own HTML
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken:
			if name, _ := z.TagName(); blockTags[string(name)] {
				b.WriteByte(' ') // "<p>a</p><p>b</p>" reads "a b"
			}
		}
	}
}

var blockTags = map[string]bool{"p": true, "li": true, "br": true, "td": true, "th": true, "div": true,
	"h2": true, "h3": true, "h4": true, "blockquote": true, "pre": true, "tr": true}

func slugs(agencies []*model.Agency) []string {
	out := make([]string, len(agencies))
	for i, a := range agencies {
		out[i] = a.Slug
	}
	return out
}

// generatedFile is a file the build makes, and the input to blame when
// another writes it too: an agency's file for its feed and calendar.
type generatedFile struct {
	name string
	pos  source.Pos
}

// fileNames are the names of files.
func fileNames(files []generatedFile) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.name
	}
	return out
}

// exportNames are the files of writeExports.
func (b *builder) exportNames() []generatedFile {
	files := []generatedFile{{tasksJSON, generatedInput}, {tasksCSV, generatedInput}, {tasksXLSX, generatedInput}}
	if b.planCalendar() {
		files = append(files, generatedFile{calendarFile(""), generatedInput})
	}
	for _, a := range b.site.Agencies {
		if hasCalendar(a) {
			files = append(files, generatedFile{calendarFile(a.Slug), a.Pos()})
		}
	}
	return files
}

// writeExports writes tasks.json, tasks.csv and the calendars.
func (b *builder) writeExports() error {
	return b.writeGenerated(fileNames(b.exportNames()), b.exports)
}

// exports makes tasks.json, tasks.csv and the calendars, each on its own
// core: on 10,000 pages they take a third of a second one after the other.
func (b *builder) exports() (map[string][]byte, error) {
	tasks := make([]taskExport, len(b.site.Tasks))
	for i, t := range b.site.Tasks {
		tasks[i] = b.taskExport(t)
	}
	names := map[string]string{}
	for _, a := range b.site.Agencies {
		names[a.Slug] = a.Title
		if len(a.Members) > 0 { // a filter on a member's name finds its group's tasks
			members := make([]string, len(a.Members))
			for i, m := range a.Members {
				members[i] = m.Title
			}
			names[a.Slug] += " (gồm: " + strings.Join(members, "; ") + ")"
		}
	}
	rows := taskRows(tasks, names, b.opt.Now)
	var js, sheet []byte
	var jsErr, sheetErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		js, jsErr = json.MarshalIndent(map[string]any{"as_of": b.opt.Now.Format("2006-01-02"), "tasks": tasks}, "", "  ")
	})
	wg.Go(func() { sheet, sheetErr = workbook(rows, b.opt.Now) })
	files := b.calendars()
	wg.Wait()
	if err := errors.Join(jsErr, sheetErr); err != nil {
		return nil, err
	}
	files[tasksJSON], files[tasksCSV], files[tasksXLSX] = append(js, '\n'), csvTable(rows), sheet
	return files, nil
}

// writeGenerated writes the files names (claimed by checkOutputs), as
// made, once, by make: at once, or with Options.LazyPages when first asked
// for.
func (b *builder) writeGenerated(names []string, make func() (map[string][]byte, error)) error {
	once := sync.OnceValues(make)
	for _, name := range names {
		b.res.Files++
		if b.opt.LazyPages {
			b.res.Lazy[name] = func() ([]byte, error) {
				files, err := once()
				return files[name], err
			}
			continue
		}
		files, err := once()
		if err != nil {
			return err
		}
		if err := b.sink.Write(name, files[name]); err != nil {
			return err
		}
	}
	return nil
}

// taskRows is the table of tasks.csv and tasks.xlsx: a header row in
// Vietnamese, a row a task, with the agencies' names (names maps slugs to
// them). The state's column names the day it is of, now: a table printed
// for a meeting, or opened weeks later, says how old its states are.
func taskRows(tasks []taskExport, names map[string]string, now time.Time) [][]string {
	named := func(slugs []string) string {
		out := make([]string, len(slugs))
		for i, s := range slugs {
			out[i] = names[s]
		}
		return strings.Join(out, "; ")
	}
	rows := [][]string{{"Mã", "Nhiệm vụ", "Nội dung (nguyên văn Kế hoạch)", "Chủ trì", "Phối hợp", "Mã thời hạn",
		"Thời hạn (nguyên văn Kế hoạch)", "Loại thời hạn", "Từ ngày", "Đến ngày", "Hằng năm", "Chờ văn bản / theo chương trình",
		"Văn bản đã có", "Báo cáo tiến độ", "Năm chưa có báo cáo", "Tình trạng tính đến ngày " + now.Format("02/01/2006"), "Trang"}}
	for _, t := range tasks {
		yearly := ""
		if t.Recurring {
			yearly = "có"
		}
		awaits := t.Awaits
		if t.AwaitsTask != "" {
			awaits += " (kết quả của nhiệm vụ " + t.AwaitsTask + ")"
		}
		partners := named(t.Partners)
		if t.PartnersText != "" {
			partners = strings.TrimPrefix(partners+"; "+t.PartnersText, "; ")
		}
		years := make([]string, len(t.Unreported))
		for i, y := range t.Unreported {
			years[i] = strconv.Itoa(y)
		}
		rows = append(rows, []string{t.ID, t.Title, t.Text, named(t.Leads), partners, t.Deadline,
			t.DeadlineText, t.kindName, t.Start, t.End, yearly, awaits, t.arrivedName, t.statusName, strings.Join(years, ", "), t.stateName, t.URL})
	}
	return rows
}

// csvTable is tasks.csv: UTF-8 with a byte-order mark, so that Excel reads
// Vietnamese, and CRLF line ends.
func csvTable(rows [][]string) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.WriteAll(rows)
	return buf.Bytes()
}
