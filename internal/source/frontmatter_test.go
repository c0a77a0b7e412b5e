package source

import (
	"regexp"
	"testing"
)

// tomlKeyPattern is what tomlKeyLine recognises, as a regular expression:
// the reference it is held to.
var tomlKeyPattern = regexp.MustCompile(`^[ \t\r\f]*(\[\[?)?[ \t\r\f]*(?:([A-Za-z0-9_-]+)|"([^"\\]*)"|'([^']*)')[ \t\r\f]*(\]\]?)?[ \t\r\f]*(=|$)`)

func TestTOMLKeyLine(t *testing.T) {
	for _, tt := range []struct {
		line           string
		key            string
		table, assigns bool
	}{
		{`title = "A"`, "title", false, true},
		{`  deadline="ongoing"`, "deadline", false, true},
		{`"quoted" = 1`, "quoted", false, true},
		{`"draft " = true`, "draft ", false, true},
		{`'nháp' = true`, "nháp", false, true},
		{`"a\"b" = 1`, "", false, false},
		{`"open = 1`, "", false, false},
		{`[[progress]]`, "progress", true, false},
		{`[ table ]  `, "table", true, false},
		{"key\r", "key", false, false},
		{`a.b = 1`, "", false, false},
		{`# comment`, "", false, false},
		{`x y = 1`, "", false, false},
		{``, "", false, false},
		{`[]`, "", false, false},
	} {
		key, table, assigns := tomlKeyLine([]byte(tt.line))
		if string(key) != tt.key || table != tt.table || assigns != tt.assigns {
			t.Errorf("tomlKeyLine(%q) = %q, %v, %v; want %q, %v, %v", tt.line, key, table, assigns, tt.key, tt.table, tt.assigns)
		}
	}
}

// FuzzTOMLKeyLine holds tomlKeyLine to tomlKeyPattern.
func FuzzTOMLKeyLine(f *testing.F) {
	for _, s := range []string{`title = "A"`, `[[progress]]`, `"k"=`, ` [ t ] `, `a.b = 1`, "k\r", `[k]] =`, `"k`, `k"`, `'a b' =`, `"a\"b"=`, `"" =`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for i := 0; i < len(line); i++ {
			if line[i] == '\n' {
				return // lines are split at newlines before
			}
		}
		key, table, assigns := tomlKeyLine([]byte(line))
		m := tomlKeyPattern.FindStringSubmatch(line)
		if m == nil {
			if key != nil {
				t.Fatalf("tomlKeyLine(%q) = %q, the pattern finds no key", line, key)
			}
			return
		}
		want := m[2] + m[3] + m[4] // one of them
		if string(key) != want || table != (m[1] != "") || assigns != (m[6] != "") {
			t.Fatalf("tomlKeyLine(%q) = %q, %v, %v; the pattern: %q, %v, %v", line, key, table, assigns, want, m[1] != "", m[6] != "")
		}
	})
}
