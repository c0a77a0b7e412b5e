package sitegen

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// frontMatter builds a TOML front matter block between "+++" lines.
type frontMatter struct {
	b strings.Builder
}

func (f *frontMatter) str(key, v string) {
	fmt.Fprintf(&f.b, "%s = %s\n", key, tomlString(v))
}

func (f *frontMatter) strs(key string, vs []string) {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = tomlString(v)
	}
	fmt.Fprintf(&f.b, "%s = [%s]\n", key, strings.Join(q, ", "))
}

func (f *frontMatter) int(key string, v int) {
	fmt.Fprintf(&f.b, "%s = %d\n", key, v)
}

func (f *frontMatter) bool(key string, v bool) {
	fmt.Fprintf(&f.b, "%s = %t\n", key, v)
}

// raw writes a value that is already TOML, such as a local date.
func (f *frontMatter) raw(key, v string) {
	fmt.Fprintf(&f.b, "%s = %s\n", key, v)
}

// page returns the front matter followed by a blank line and the body.
func (f *frontMatter) page(body string) string {
	return "+++\n" + f.b.String() + "+++\n\n" + body
}

// tomlString quotes s as a TOML basic string. For printable ASCII the
// result equals strconv.Quote's; other Unicode is kept literally, and
// control characters use the escapes TOML allows (\b \t \n \f \r \uXXXX).
func tomlString(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		writeTOMLRune(&b, r)
	}
	b.WriteByte('"')
	return b.String()
}

func writeTOMLRune(b *strings.Builder, r rune) {
	switch r {
	case '"':
		b.WriteString(`\"`)
	case '\\':
		b.WriteString(`\\`)
	case '\b':
		b.WriteString(`\b`)
	case '\t':
		b.WriteString(`\t`)
	case '\n':
		b.WriteString(`\n`)
	case '\f':
		b.WriteString(`\f`)
	case '\r':
		b.WriteString(`\r`)
	default:
		if r < 0x20 || r == 0x7f {
			fmt.Fprintf(b, `\u%04X`, r)
			return
		}
		var buf [utf8.UTFMax]byte
		b.Write(buf[:utf8.EncodeRune(buf[:], r)])
	}
}
