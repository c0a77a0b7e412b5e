package source

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// DecodeTOML decodes the TOML file named file (raw) into v, refusing keys
// that v does not have: every unknown key, or the syntax error, is an Error
// at its line and column.
func DecodeTOML(file string, raw []byte, v any) error {
	dec := toml.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var de *toml.DecodeError
	var sm *toml.StrictMissingError
	switch {
	case errors.As(err, &sm) && len(sm.Errors) > 0:
		var list ErrorList
		for _, e := range sm.Errors {
			row, col := e.Position()
			list.Add(Pos{File: file, Line: row, Col: charColumn(raw, row, col)}, "unknown key %q", strings.Join(e.Key(), "."))
		}
		return list.Err()
	case errors.As(err, &de):
		row, col := de.Position()
		return Errorf(Pos{File: file, Line: row, Col: charColumn(raw, row, col)}, "%s", tomlMessage(de, raw))
	case err != nil:
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// tomlCharacter is how go-toml names a character in its messages. It names
// the first byte of one beyond ASCII, as if it were Latin-1: "Đ" comes out
// as "U+00C4 'Ä'".
var tomlCharacter = regexp.MustCompile(`U\+[0-9A-F]{4} '[^']*'`)

// tomlMessage is a TOML decoding error as an editor can act on it: the
// character it stopped at as written, and a hint for the mistakes an
// editor makes most (text without quotes, typographic quotes, a date
// written 20/11/2026).
func tomlMessage(de *toml.DecodeError, raw []byte) string {
	msg := de.Error()
	row, col := de.Position()
	lines := bytes.Split(raw, []byte("\n"))
	if row < 1 || row > len(lines) || col < 1 || col > len(lines[row-1]) {
		return msg
	}
	r, _ := utf8.DecodeRune(lines[row-1][col-1:])
	msg = tomlCharacter.ReplaceAllLiteralString(msg, fmt.Sprintf("%q", r))
	switch {
	case strings.ContainsRune("“”„‘’«»", r):
		msg += `: write straight quotes ("…"), not typographic ones`
	case strings.Contains(msg, "at start of value") && unicode.IsLetter(r):
		msg += `: put text between straight double quotes ("…")`
	case strings.Contains(msg, "expected newline") && (r == '/' || r == '.' || r == '-'),
		strings.Contains(msg, "leading zero"), strings.Contains(msg, "format YYYY-MM-DD"):
		date := dateOn(lines[row-1], col)
		switch {
		case date != "" && strings.Contains(msg, "YYYY-MM-DD"):
			msg += ": write " + date
		case date != "":
			msg += ": write a date as YYYY-MM-DD (" + date + ")"
		case !strings.Contains(msg, "leading zero") && r != '-': // "x = 0123", "x = 5-3" are no date
			msg += ": write a date as YYYY-MM-DD, as in 2026-11-20 for 20 November 2026"
		}
	case strings.Contains(msg, "expected '=' after") && r == ':':
		msg += `: this reads as YAML, "key: value": write key = value, or open and close the front matter with --- instead of +++`
	case strings.HasSuffix(msg, "impossible date"):
		if at := dateAt(lines[row-1], col); at != nil {
			msg += fmt.Sprintf(": %s is no day of the calendar", lines[row-1][at[0]:at[1]])
		}
	}
	if m := tomlWrongType.FindStringSubmatch(msg); m != nil {
		// go-toml names the Go field and its type, which may be an
		// anonymous struct, spaces and all: the field is the last word
		// before " of type ".
		i := strings.LastIndex(m[2], " of type ")
		into, typ := m[2][:i], m[2][i+len(" of type "):]
		key := de.Key()
		// In a list of tables go-toml's key stops at the list: the field
		// names the key within ("indicator.figures" and Value).
		if f := tomlField.FindStringSubmatch(into); f != nil && (len(key) == 0 || !sameKey(key[len(key)-1], f[1])) {
			key = append(key, snakeCase(f[1]))
		}
		msg = fmt.Sprintf("%s must be %s, not %s", strings.Join(key, "."), goTypeName(typ), tomlTypeName(m[1]))
	}
	return msg
}

// writtenDate is a date as an editor writes it: 7/12/2026, 07.12.2026,
// 07-12-2026 (day first, as Vietnamese does), or 2026-12-7, 2026/12/07,
// 2026.12.07.
var writtenDate = regexp.MustCompile(`\b(?:(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})[/.-](\d{1,2})[/.-](\d{1,2}))\b`)

// dateAt is the submatch indexes of the date written at column col
// (1-based, in bytes) of a line of TOML, or nil: go-toml points into the
// value it stopped at, or just after it.
func dateAt(line []byte, col int) []int {
	for _, at := range writtenDate.FindAllSubmatchIndex(line, -1) {
		if at[0] < col && col <= at[1]+1 {
			return at
		}
	}
	return nil
}

// dateOn returns the date written at column col of a line of TOML as TOML
// writes it ("2026-12-07"), or "" when none that is a day stands there.
func dateOn(line []byte, col int) string {
	at := dateAt(line, col)
	if at == nil {
		return ""
	}
	n := func(i int) int { // submatch i, digits by the pattern
		v, _ := strconv.Atoi(string(line[at[2*i]:at[2*i+1]]))
		return v
	}
	var day, month, year int
	if at[2] >= 0 { // written day first
		day, month, year = n(1), n(2), n(3)
	} else {
		year, month, day = n(4), n(5), n(6)
	}
	d := fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return ""
	}
	return d
}

// tomlWrongType is go-toml's message for a value of the wrong type: the
// TOML kind, then the Go field it would have filled (which may be of an
// anonymous struct, spaces and all), then its Go type.
var tomlWrongType = regexp.MustCompile(`cannot decode TOML (.+?) into (.* of type .*)$`)

// tomlField is the Go field that go-toml's message names.
var tomlField = regexp.MustCompile(`\.(\w+)$`)

// sameKey reports whether a TOML key names a Go field: due_soon_days
// DueSoonDays, unsafe_html UnsafeHTML.
func sameKey(key, field string) bool {
	return strings.EqualFold(strings.ReplaceAll(key, "_", ""), field)
}

// snakeCase is the TOML key of a Go field, as the site's types name them:
// DueSoonDays is due_soon_days, UnsafeHTML unsafe_html.
func snakeCase(field string) string {
	rs := []rune(field)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func tomlTypeName(t string) string {
	switch t {
	case "string":
		return "text"
	case "integer":
		return "a whole number"
	case "float":
		return "a decimal number"
	case "boolean":
		return "true/false"
	case "array":
		return "a list"
	case "table", "inline-table", "inline table":
		return "a table"
	case "local date", "local date-time", "local time", "date-time", "offset date-time":
		return "a date"
	}
	return "a TOML " + t
}

// goTypeName says what a Go type holds, as an editor would ask for it.
func goTypeName(t string) string {
	t = strings.TrimPrefix(t, "*")
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "struct"):
		return "a table"
	case strings.HasPrefix(t, "map["):
		return "a table"
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	}
	return "of another kind"
}
