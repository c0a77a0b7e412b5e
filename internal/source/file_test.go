package source

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		raw       string
		format    Format
		front     string
		frontLine int
		body      string
		bodyLine  int
		err       string
	}{
		{"toml", "+++\ntitle = \"A\"\n+++\nBody\n", TOML, "title = \"A\"\n", 2, "Body\n", 4, ""},
		{"yaml", "---\ntitle: A\nweight: 2\n---\n\nBody", YAML, "title: A\nweight: 2\n", 2, "\nBody", 5, ""},
		{"none", "Body only\n", NoFrontMatter, "", 0, "Body only\n", 1, ""},
		{"empty front matter", "+++\n+++\nB", TOML, "", 2, "B", 3, ""},
		{"delimiter with trailing spaces", "+++  \nx = 1\n+++ \nB", TOML, "x = 1\n", 2, "B", 4, ""},
		{"closing at end of file", "+++\nx = 1\n+++", TOML, "x = 1\n", 2, "", 4, ""},
		{"crlf and bom", "\ufeff+++\r\nx = 1\r\n+++\r\nB\r\n", TOML, "x = 1\n", 2, "B\n", 4, ""},
		{"lone cr", "+++\rx = 1\r+++\rA\r\rB\r", TOML, "x = 1\n", 2, "A\n\nB\n", 4, ""},
		{"crlf and cr mixed", "A\r\nB\rC\n", NoFrontMatter, "", 0, "A\nB\nC\n", 1, ""},
		{"nfd to nfc", "u\u0309y", NoFrontMatter, "", 0, "ủy", 1, ""},
		{"a +++ inside the body stays", "+++\nx = 1\n+++\na\n+++\n", TOML, "x = 1\n", 2, "a\n+++\n", 4, ""},
		{"unclosed", "+++\nx = 1\n", 0, "", 0, "", 0, `f.md:1: front matter opened with "+++" is never closed`},
		{"invalid utf-8", "ab\ncd\xffe", 0, "", 0, "", 0, "f.md:2:3: invalid UTF-8 (byte 0xff)"},
		{"nul after lone cr", "+++\rtitle = \"A\"\r+++\rdòng một\rhai\x00", 0, "", 0, "", 0, "f.md:5:4: NUL byte"},
		{"utf-16 little-endian", "\xff\xfe+\x00+\x00", 0, "", 0, "", 0, `f.md:1:1: the file is UTF-16 (Notepad's "Unicode"): save it as UTF-8`},
		{"utf-16 big-endian", "\xfe\xff\x00+\x00+", 0, "", 0, "", 0, `f.md:1:1: the file is UTF-16`},
		{"utf-32", "\xff\xfe\x00\x00+\x00\x00\x00", 0, "", 0, "", 0, `f.md:1:1: the file is UTF-32: save it as UTF-8`},
		{"utf-16 without a byte-order mark", "+\x00+\x00+\x00\n\x00t\x00i\x00", 0, "", 0, "", 0, `f.md:1:1: the file is UTF-16`},
		{"invalid utf-8 after crlf", "a\r\nb\r\nc\xff", 0, "", 0, "", 0, "f.md:3:2: invalid UTF-8"},
		{"nul", "+++\ntitle = \"A\"\n+++\nĐảng\x00x", 0, "", 0, "", 0, "f.md:4:5: NUL byte: the file is damaged, or not a text file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("f.md", []byte(tt.raw))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []any{f.Format, string(f.Front), f.FrontLine, string(f.Body), f.BodyLine}
			want := []any{tt.format, tt.front, tt.frontLine, tt.body, tt.bodyLine}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want, +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeMeta(t *testing.T) {
	tests := []struct {
		name  string
		raw   string
		lines map[string]int
		err   string
	}{
		{"toml keys and tables", "+++\ntitle = \"A\"\n\n  deadline = \"ongoing\"\n[[progress]]\ndate = 2022-01-01\nnote = \"x\"\n+++\n",
			map[string]int{"title": 2, "deadline": 4, "progress": 5}, ""},
		{"yaml keys", "---\ntitle: A\nagency:\n  - a\n  - b\n---\n", map[string]int{"title": 2, "agency": 3}, ""},
		{"toml error line", "+++\ntitle = \"A\"\nx = = 1\n+++\n", nil, "f.md:3:"},
		{"toml text without quotes", "+++\ntitle = Đại hội\n+++\n", nil,
			`f.md:2:9: front matter (TOML): toml: unexpected character 'Đ' at start of value: put text between straight double quotes ("…")`},
		{"toml typographic quotes", "+++\n\ntitle = “Hội nghị”\n+++\n", nil,
			`f.md:3:9: front matter (TOML): toml: unexpected character '“' at start of value: write straight quotes ("…"), not typographic ones`},
		{"yaml between +++", "+++\ntitle: Tin mới\n+++\n", nil,
			`f.md:2:6: front matter (TOML): toml: expected '=' after key: this reads as YAML, "key: value": write key = value, or open and close the front matter with --- instead of +++`},
		{"toml impossible date", "+++\ndate = 2023-02-30\n+++\n", nil,
			`f.md:2:16: front matter (TOML): toml: impossible date: 2023-02-30 is no day of the calendar`},
		{"toml date with slashes", "+++\ndate = 20/11/2026\n+++\n", nil,
			`f.md:2:10: front matter (TOML): toml: expected newline but got '/': write a date as YYYY-MM-DD (2026-11-20)`},
		{"toml date with slashes and zeros", "+++\ndate = 07/12/2026\n+++\n", nil,
			`f.md:2:8: front matter (TOML): toml: integers cannot have leading zeroes: write a date as YYYY-MM-DD (2026-12-07)`},
		{"toml date year first with slashes", "+++\ndate = 2026/12/05\n+++\n", nil,
			`f.md:2:12: front matter (TOML): toml: expected newline but got '/': write a date as YYYY-MM-DD (2026-12-05)`},
		{"toml date year first with dots", "+++\ndate = 2026.12.05\n+++\n", nil,
			`f.md:2:15: front matter (TOML): toml: expected newline but got '.': write a date as YYYY-MM-DD (2026-12-05)`},
		{"toml date day first with dashes", "+++\ndate = 05-12-2026\n+++\n", nil,
			`f.md:2:8: front matter (TOML): toml: integers cannot have leading zeroes: write a date as YYYY-MM-DD (2026-12-05)`},
		{"toml date day first with dashes, no zero", "+++\ndate = 5-12-2026\n+++\n", nil,
			`f.md:2:9: front matter (TOML): toml: expected newline but got '-': write a date as YYYY-MM-DD (2026-12-05)`},
		{"toml no date", "+++\ndate = 12/5\n+++\n", nil,
			`f.md:2:10: front matter (TOML): toml: expected newline but got '/': write a date as YYYY-MM-DD, as in 2026-11-20 for 20 November 2026`},
		{"toml date without zeros", "+++\ndate = 2026-12-4\n+++\n", nil,
			`f.md:2:8: front matter (TOML): toml: dates are expected to have the format YYYY-MM-DD: write 2026-12-04`},
		{"toml date hint of the date at fault", "+++\n[[progress]]\nx = [{date = 2026-12-04, note = \"x\"}, {date = 2026-1-5, note = \"y\"}]\n+++\n", nil,
			`f.md:3:47: front matter (TOML): toml: dates are expected to have the format YYYY-MM-DD: write 2026-01-05`},
		{"toml date hint not for a number", "+++\nweight = 01 # 01/02/2026\n+++\n", nil,
			`f.md:2:10: front matter (TOML): toml: integers cannot have leading zeroes`},
		{"yaml error line", "---\ntitle: A\n\tbad: [\n---\n", nil, "f.md:"},
		{"yaml duplicate key", "---\ntitle: A\nweight: 2\n\ntitle: B\n---\n", nil,
			`f.md:5: front matter (YAML): mapping key "title" already defined at line 2`},
		{"yaml list", "---\n- a\n---\n", nil, "f.md:2: front matter (YAML): want key: value pairs, got a list"},
		{"toml between dashes", "---\ntitle = \"A\"\n---\n", nil,
			`f.md:2: front matter (YAML): want key: value pairs, got a single value (this reads as TOML, "key = value": open and close it with +++, not ---)`},
		{"yaml tab", "---\ntitle: A\nagency:\n\t- a\n---\n", nil, "f.md:4: front matter (YAML): found character that cannot start any token: YAML does not allow tabs: indent with spaces"},
		{"yaml backquote", "---\ntitle: `Chỉ thị 28`\n---\n", nil, "f.md:2: front matter (YAML): found character that cannot start any token: a value that starts with ` or @ must be in quotes"},
		{"yaml colon in a value", "---\ntitle: Chỉ thị 28-CT/TW: triển khai\n---\n", nil,
			`f.md:2: front matter (YAML): mapping values are not allowed in this context: a value holding ": " must be in quotes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := decodeRaw(t, tt.raw)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("err = %v, want prefix %q", err, tt.err)
				}
				if strings.HasSuffix(tt.err, "zeroes") && err.Error() != tt.err {
					t.Errorf("err = %v, want no hint: no date stands where it stopped", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.lines, m.Lines); diff != "" {
				t.Errorf("lines (-want, +got):\n%s", diff)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"+++\nx = 1\n+++\nB", "---\na: b\n---\n", "\ufeff+++\r\n", "+++", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		file, err := Parse("f.md", []byte(raw))
		if err != nil {
			return
		}
		if file.BodyLine < 1 || file.Format != NoFrontMatter && file.FrontLine != 2 {
			t.Fatalf("lines %d/%d for %q", file.FrontLine, file.BodyLine, raw)
		}
		_, _ = DecodeMeta(file)
	})
}

// decodeRaw parses raw as the file f.md and decodes its front matter.
func decodeRaw(t *testing.T, raw string) (*Meta, error) {
	t.Helper()
	f, err := Parse("f.md", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return DecodeMeta(f)
}

// TestYAMLCommentAfterValue checks the warning of a value that a YAML
// comment cut short, and that a quoted value or a comment on its own line
// gets none.
func TestYAMLCommentAfterValue(t *testing.T) {
	tests := []struct{ name, raw, want string }{
		{"cut short", "---\ndate: 2026-11-20\ntitle: Hội nghị lần thứ 5 #quan trọng\n---\n",
			`f.md:3: title: the text from "#quan trọng" on is a YAML comment and is left out (title is "Hội nghị lần thứ 5")`},
		{"quoted", "---\ntitle: \"Hội nghị #5\" # ghi chú\n---\n", ""},
		{"comment line", "---\n# ghi chú\ntitle: Hội nghị\n---\n", ""},
		{"hash inside a word", "---\ntitle: Hội nghị số#5\n---\n", ""},
		{"comment after a number, a date, true", "---\nweight: 3 # thứ tự\ndate: 2026-11-20 # ngày họp\ndraft: true # chưa duyệt\n---\n", ""},
		{"comment after a code", "---\nagency: ban-to-chuc # Ban Tổ chức\ndeadline: 2022-Q4 # quý IV\nstatus: planned # chưa bắt đầu\n---\n", ""},
		{"one word cut short", "---\ntitle: Hội #5\n---\n", `f.md:2: title: the text from "#5" on`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := decodeRaw(t, tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && len(m.Warnings) > 0:
				t.Errorf("warnings = %v, want none", m.Warnings)
			case tt.want != "" && (len(m.Warnings) != 1 || !strings.HasPrefix(m.Warnings[0].Error(), tt.want)):
				t.Errorf("warnings = %v, want one starting %q", m.Warnings, tt.want)
			}
		})
	}
}

// TestMisplacedFront checks front matter that does not open on the file's
// first line: an error at the line where it opens, not "missing title".
func TestMisplacedFront(t *testing.T) {
	tests := []struct{ name, raw, err string }{
		{"blank line before", "\n+++\ntitle = \"A\"\n+++\n", "f.md:2: front matter must open on the file's first line, with \"+++\" at its start: here it opens after blank lines"},
		{"space before", " +++\ntitle = \"A\"\n+++\n", "f.md:1: front matter must open on the file's first line, with \"+++\" at its start: here it opens after spaces"},
		{"yaml after a blank line", "\n---\ntitle: A\n---\n", "f.md:2: front matter must open on the file's first line, with \"---\""},
		{"four pluses", "++++\ntitle = \"A\"\n++++\n", `f.md:1: front matter opens with a line "++++", not "+++"`},
		{"a rule in a text without front matter", "\n---\n\nĐoạn.\n", ""},
		{"text", "Đoạn.\n\n+++\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.md", []byte(tt.raw))
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("err = %v, want none", err)
			case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
				t.Errorf("err = %v, want prefix %q", err, tt.err)
			}
		})
	}
}

func TestNamesAlike(t *testing.T) {
	nfc, nfd := "content/báo-cáo.md", "content/ba\u0301o-ca\u0301o.md"
	tests := []struct {
		a, b, want string
	}{
		{nfc, nfd, "encoded differently"},
		{nfd, nfc, "encoded differently"},
		{nfc, nfc, ""},
		{nfc, "content/bao-cao.md", ""}, // they differ in what they say: the names tell them apart
	}
	for _, tt := range tests {
		got := NamesAlike(tt.a, tt.b)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("NamesAlike(%q, %q) = %q, want %q in it", tt.a, tt.b, got, tt.want)
		}
	}
}
