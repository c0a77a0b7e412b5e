package source

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// Meta is decoded front matter: its values by key, and the line of each key.
type Meta struct {
	File     *File
	Values   map[string]any
	Lines    map[string]int
	Warnings ErrorList // what decoding read but did not keep (a YAML comment after a value)

	tables map[string][]int // the lines of each table header, "[[progress]]" as often as it comes
}

// KeyPos returns the position of key in the file, or of the front matter's
// first line when the key is absent.
func (m *Meta) KeyPos(key string) Pos {
	if line, ok := m.Lines[key]; ok {
		return m.File.Pos(line)
	}
	return m.File.Pos(max(m.File.FrontLine-1, 1))
}

// DecodeMeta decodes f's front matter. A file without front matter has an
// empty Meta.
func DecodeMeta(f *File) (*Meta, error) {
	m := &Meta{File: f, Values: map[string]any{}, Lines: map[string]int{}}
	switch f.Format {
	case TOML:
		return m, m.decodeTOML()
	case YAML:
		return m, m.decodeYAML()
	}
	return m, nil
}

func (m *Meta) decodeTOML() error {
	if err := toml.Unmarshal(m.File.Front, &m.Values); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return Errorf(Pos{File: m.File.Path, Line: m.File.FrontLine + row - 1, Col: charColumn(m.File.Front, row, col)},
				"front matter (TOML): %s", tomlMessage(de, m.File.Front))
		}
		return Errorf(m.File.Pos(m.File.FrontLine), "front matter (TOML): %v", err)
	}
	m.Lines, m.tables = tomlKeyLines(m.File.Front, m.File.FrontLine)
	return nil
}

// EntryPos is the position of the n-th entry (from 0) of an array of
// tables, the n-th "[[progress]]" of TOML front matter, so that a message
// about an entry points at it; KeyPos(key) when it cannot be told.
func (m *Meta) EntryPos(key string, n int) Pos {
	if lines := m.tables[key]; n < len(lines) {
		return m.File.Pos(lines[n])
	}
	return m.KeyPos(key)
}

// TOMLKeyLines finds the line of each top-level key of a TOML file (and of
// each table header), for messages about their values.
func TOMLKeyLines(raw []byte) map[string]int {
	lines, _ := tomlKeyLines(raw, 1)
	return lines
}

// tomlKeyLines finds the line of each top-level key (and of each table
// header), and every line of each table header.
func tomlKeyLines(front []byte, firstLine int) (lines map[string]int, tables map[string][]int) {
	lines, tables = map[string]int{}, map[string][]int{}
	inTable := false
	for i := 0; len(front) > 0; i++ {
		line := front
		if n := bytes.IndexByte(front, '\n'); n >= 0 {
			line, front = front[:n], front[n+1:]
		} else {
			front = nil
		}
		key, isTable, assigns := tomlKeyLine(line)
		if key == nil {
			continue
		}
		if isTable {
			inTable = true
			tables[string(key)] = append(tables[string(key)], firstLine+i)
		} else if inTable || !assigns {
			continue
		}
		if _, seen := lines[string(key)]; !seen {
			lines[string(key)] = firstLine + i
		}
	}
	return lines, tables
}

// tomlKeyLine reads the bare or quoted key that starts a line of TOML, as
// in `title = …`, `"draft " = …`, `'nháp' = …`, `[table]` or `[[array]]`:
// it returns the key (nil when the line starts none), whether it is a table
// header, and whether an "=" follows it. Dotted keys and quoted keys with
// escapes are not recognised: they only lose their line in messages.
func tomlKeyLine(line []byte) (key []byte, table, assigns bool) {
	i := skipTOMLSpace(line, 0)
	if i < len(line) && line[i] == '[' {
		table = true
		if i++; i < len(line) && line[i] == '[' {
			i++
		}
		i = skipTOMLSpace(line, i)
	}
	if key, i = tomlKey(line, i); key == nil {
		return nil, false, false
	}
	i = skipTOMLSpace(line, i)
	if i < len(line) && line[i] == ']' {
		if i++; i < len(line) && line[i] == ']' {
			i++
		}
	}
	i = skipTOMLSpace(line, i)
	switch {
	case i == len(line):
		return key, table, false
	case line[i] == '=':
		return key, table, true
	}
	return nil, false, false
}

// tomlKey reads the key at line[i:]: bare, or quoted without escapes
// (`"a b"`, `'a\b'`). It returns the key, nil if there is none, and the
// index after it.
func tomlKey(line []byte, i int) ([]byte, int) {
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		quote := line[i]
		for j := i + 1; j < len(line); j++ {
			switch {
			case line[j] == quote:
				return line[i+1 : j], j + 1
			case line[j] == '\\' && quote == '"':
				return nil, i
			}
		}
		return nil, i
	}
	start := i
	for i < len(line) && isBareKeyByte(line[i]) {
		i++
	}
	if i == start {
		return nil, i
	}
	return line[start:i], i
}

// skipTOMLSpace skips white space (and a carriage return) from i.
func skipTOMLSpace(line []byte, i int) int {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\f') {
		i++
	}
	return i
}

func isBareKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// yamlLine finds the front matter line numbers in a YAML error: "line 5:
// mapping key \"title\" already defined at line 1".
var yamlLine = regexp.MustCompile(`\bline (\d+)\b`)

func (m *Meta) decodeYAML() error {
	var doc yaml.Node
	if err := yaml.Unmarshal(m.File.Front, &doc); err != nil {
		return m.yamlError(err)
	}
	if len(doc.Content) == 0 {
		return nil // empty front matter
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		hint := ""
		if frontKey.Match(m.File.Front) && bytes.Contains(bytes.SplitN(m.File.Front, []byte("\n"), 2)[0], []byte("=")) {
			hint = ` (this reads as TOML, "key = value": open and close it with +++, not ---)`
		}
		return Errorf(m.File.Pos(m.File.FrontLine), "front matter (YAML): want key: value pairs, got %s%s", kindName(root.Kind), hint)
	}
	if err := doc.Decode(&m.Values); err != nil {
		return m.yamlError(err)
	}
	if m.Values == nil {
		m.Values = map[string]any{}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, value := root.Content[i], root.Content[i+1]
		m.Lines[key.Value] = m.File.FrontLine + key.Line - 1
		m.commentAfter(key, value)
	}
	return nil
}

// commentAfter warns of a YAML comment after an unquoted value on its line:
// "title: Hội nghị lần thứ 5 #quan trọng" is the title "Hội nghị lần thứ 5",
// and the rest, which the editor most likely meant as part of it, is left
// out.
func (m *Meta) commentAfter(key, value *yaml.Node) {
	// Only words: a comment after a number, a date, true or a code
	// ("weight: 3 # thứ tự", "agency: ban-to-chuc # Ban Tổ chức") is meant
	// as one, and quotes would make it part of the value.
	if value.Kind != yaml.ScalarNode || value.Style != 0 || value.ShortTag() != "!!str" || value.LineComment == "" || value.Line != key.Line ||
		!strings.ContainsFunc(value.Value, func(r rune) bool { return r == ' ' || r >= utf8.RuneSelf }) {
		return
	}
	m.Warnings.Add(m.File.Pos(m.File.FrontLine+key.Line-1),
		"%s: the text from %q on is a YAML comment and is left out (%s is %q); put the whole value in quotes to keep it",
		key.Value, value.LineComment, key.Value, value.Value)
}

// yamlError places a YAML error at its line in the file: each of the
// errors of an "unmarshal errors:" list at its own, their line numbers
// counted in the file rather than in the front matter.
func (m *Meta) yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	var errs ErrorList
	for _, line := range strings.Split(msg, "\n") {
		at := m.File.FrontLine
		if sub := yamlLine.FindStringSubmatch(line); sub != nil {
			n, _ := strconv.Atoi(sub[1])
			at += n - 1
		}
		line = yamlLine.ReplaceAllStringFunc(line, func(s string) string {
			n, _ := strconv.Atoi(strings.TrimPrefix(s, "line "))
			return "line " + strconv.Itoa(m.File.FrontLine+n-1)
		})
		line = strings.TrimPrefix(strings.TrimSpace(line), "line "+strconv.Itoa(at)+": ")
		errs.Add(m.File.Pos(at), "front matter (YAML): %s%s", line, yamlHint(line, m.frontLine(at)))
	}
	return errs.Err()
}

// yamlHint tells what most likely caused a YAML error, by its message and
// the line it stands at.
func yamlHint(msg, line string) string {
	switch {
	case strings.Contains(msg, "found character that cannot start any token") && strings.Contains(line, "\t"):
		return ": YAML does not allow tabs: indent with spaces"
	case strings.Contains(msg, "found character that cannot start any token"):
		return ": a value that starts with ` or @ must be in quotes"
	case strings.Contains(msg, "mapping values are not allowed in this context"):
		return `: a value holding ": " must be in quotes (title: "Chỉ thị 28-CT/TW: triển khai")`
	case strings.Contains(msg, "did not find expected key"):
		return ": a value that starts with a quote must end with it; put the whole value in quotes"
	}
	return ""
}

// frontLine is line n of the file, when it is one of the front matter's.
func (m *Meta) frontLine(n int) string {
	lines := strings.Split(string(m.File.Front), "\n")
	if i := n - m.File.FrontLine; i >= 0 && i < len(lines) {
		return lines[i]
	}
	return ""
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return fmt.Sprintf("YAML node kind %d", k)
}

// charColumn converts a 1-based byte column on line row of b into a
// character column.
func charColumn(b []byte, row, col int) int {
	lines := bytes.Split(b, []byte("\n"))
	if row < 1 || row > len(lines) || col < 1 {
		return col
	}
	line := lines[row-1]
	return runeCount(line[:min(col-1, len(line))]) + 1
}
