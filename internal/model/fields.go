package model

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/pelletier/go-toml/v2"

	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/suggest"
	"github.com/kehoach/kehoach/internal/vntext"
)

// fields reads typed values out of front matter, recording an error at the
// key's line for each value of the wrong type and remembering which keys
// were read, so that unknown keys can be reported.
type fields struct {
	meta *source.Meta
	errs *source.ErrorList
	used map[string]bool
}

func newFields(m *source.Meta, errs *source.ErrorList) *fields {
	return &fields{meta: m, errs: errs, used: map[string]bool{}}
}

func (f *fields) get(key string) (any, bool) {
	f.used[key] = true
	v, ok := f.meta.Values[key]
	return v, ok
}

func (f *fields) errorf(key, format string, args ...any) {
	f.errs.Add(f.meta.KeyPos(key), format, args...)
}

func (f *fields) str(key string) string {
	v, ok := f.get(key)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		f.errorf(key, "%s must be text, not %s", key, describe(v))
	}
	return strings.TrimFunc(s, invisible)
}

// invisible reports whether r shows nothing: white space, or a format
// character such as a zero-width space (U+200B) or a byte-order mark.
func invisible(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }

func (f *fields) required(key string) string {
	v, ok := f.meta.Values[key]
	s := f.str(key) // reports a value of the wrong type
	raw, isStr := v.(string)
	switch {
	case isStr && s == "" && strings.TrimSpace(raw) != "":
		f.errorf(key, "%s shows nothing: it holds only invisible characters (%U)", key, []rune(strings.TrimSpace(raw))[0])
	case !ok || isStr && s == "":
		f.errorf(key, "missing %s", key)
	}
	return s
}

// strs reads a text or a list of texts.
func (f *fields) strs(key string) []string {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case string:
		return []string{strings.TrimSpace(v)}
	case []any:
		out := make([]string, 0, len(v))
		for i, e := range v {
			s, isStr := e.(string)
			if !isStr {
				f.errorf(key, "%s must be a list of texts; item %d is %s", key, i+1, describe(e))
				continue
			}
			out = append(out, strings.TrimSpace(s))
		}
		return out
	}
	f.errorf(key, "%s must be a text or a list of texts, not %s", key, describe(v))
	return nil
}

func (f *fields) int(key string) int {
	v, ok := f.get(key)
	if !ok {
		return 0
	}
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	}
	f.errorf(key, "%s must be a whole number, not %s", key, describe(v))
	return 0
}

func (f *fields) bool(key string) bool {
	v, ok := f.get(key)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		f.errorf(key, "%s must be true or false, not %s", key, describe(v))
	}
	return b
}

// date reads a TOML/YAML date or a "YYYY-MM-DD" text.
func (f *fields) date(key string) (time.Time, bool) {
	v, ok := f.get(key)
	if !ok {
		return time.Time{}, false
	}
	d, err := toDate(v)
	if err != nil {
		f.errorf(key, "%s: %v", key, err)
		return time.Time{}, false
	}
	return d, true
}

func toDate(v any) (time.Time, error) {
	switch d := v.(type) {
	case time.Time:
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), nil
	case toml.LocalDate:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC), nil
	case toml.LocalDateTime:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC), nil
	case string:
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(d))
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", d)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("want a date (YYYY-MM-DD), not %s", describe(v))
}

// unknown reports, as warnings, keys that no reader asked for, naming the
// nearest known key. A misspelt draft is an error: ignored, it would
// publish what its writer meant to keep back ("darft = true").
func (f *fields) unknown(warn *source.ErrorList, known []string) {
	keys := make([]string, 0, len(f.meta.Values))
	for k := range f.meta.Values {
		if !f.used[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if slices.Contains(known, "draft") && (suggest.Nearest(k, known) == "draft" || saysDraft(k)) {
			f.errorf(k, "unknown key %q: did you mean \"draft\"? Ignored, it would publish the page: spell it draft, or remove it", k)
			continue
		}
		warn.Add(f.meta.KeyPos(k), "%s", unknownKey(k, known))
	}
}

// saysDraft reports whether key k is "draft" in Vietnamese: "nháp",
// "bản nháp", "ban_nhap".
func saysDraft(k string) bool {
	f := strings.Join(strings.FieldsFunc(vntext.Fold(k), func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), " ")
	return f == "nhap" || f == "ban nhap"
}

// unknownKey says that key k is ignored, naming the nearest known key.
func unknownKey(k string, known []string) string {
	msg := fmt.Sprintf("unknown key %q is ignored", k)
	if near := suggest.Nearest(k, known); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return msg
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int64, int, float64:
		return "a number"
	case bool:
		return "true/false"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time, toml.LocalDate, toml.LocalDateTime:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}
