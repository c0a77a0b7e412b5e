package docref

import (
	"html/template"
	"regexp"
	"strings"
)

// unbroken finds the words a line must not break in: document numbers and
// codes with a digit and a hyphen or a slash ("21-NQ/TW", "2022-2025"),
// which browsers break after the hyphen.
var unbroken = regexp.MustCompile(`\S*\d\S*[-/]\S*`)

// NoBreak escapes s as HTML and keeps each of its document numbers on one
// line, in a span of class "nowrap": for the layouts' nobreak and the
// single file's titles.
func NoBreak(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range unbroken.FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		b.WriteString(`<span class="nowrap">` + template.HTMLEscapeString(s[m[0]:m[1]]) + `</span>`)
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return b.String()
}
