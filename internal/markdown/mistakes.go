package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Mistakes that still render, and that a reader would see on the page or
// follow to nowhere: warnings (Result.Warnings), for the editor to fix.

// literalLink is a link or image that Markdown did not read as one because
// its address holds a space: it stays on the page as typed.
var literalLink = regexp.MustCompile(`\]\(([^)<>]*\s[^)<>]*)\)`)

// linkTitle is the title at the end of a link's parentheses: ` "Tiêu đề"`,
// ` 'Tiêu đề'`.
var linkTitle = regexp.MustCompile(`\s+(?:"[^"]*"|'[^']*'|\([^)]*\))$`)

// bareAddress is an address written as it is, which GFM links when it can.
var bareAddress = regexp.MustCompile(`https?://[^\s<>()]+`)

// literalBold is "**" against a letter that Markdown left as it is: a
// bold text never closed, or closed where it cannot be ("** đậm**",
// "**Điều 1.**Nội dung"). Stars between other characters are a mark of
// their own: "(**)" for a note, "2**3".
var literalBold = regexp.MustCompile(`\*\*\pL|\pL\*\*`)

// clues are what each mistake's text holds, which a block of text must
// hold for checkText to read it: most blocks hold none, and the regular
// expressions would cost a quarter of a build's time.
var clues = [][]byte{[]byte("]("), []byte("://"), []byte("**")}

// mayHold reports whether the source lines of block n hold a clue; a
// block without lines of its own (a table cell) may.
func mayHold(n ast.Node, src []byte) bool {
	lines := n.Lines()
	if lines.Len() == 0 {
		return true
	}
	for i := range lines.Len() {
		seg := lines.At(i)
		line := seg.Value(src)
		for _, c := range clues {
			if bytes.Contains(line, c) {
				return true
			}
		}
	}
	return false
}

// checkText warns of the links and bold text of a block that stayed as
// typed: n's text, but for code, read as one string.
func (st *state) checkText(n ast.Node, src []byte) {
	if !mayHold(n, src) {
		return
	}
	var b strings.Builder
	var starts, offsets []int // where each piece of text starts in b, and in src
	next := blockOffset(n)    // where the text after the last piece starts in src
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.CodeSpan, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink: // GFM links an address it finds, spaces after it or not
			label := c.Label(src)
			at := next
			if i := bytes.Index(src[next:], label); i >= 0 { // after "<", or text goldmark left out
				at = next + i
			}
			starts, offsets = append(starts, b.Len()), append(offsets, at)
			b.Write(label)
			next = at + len(label)
		case *ast.Text:
			starts, offsets = append(starts, b.Len()), append(offsets, c.Segment.Start)
			b.Write(c.Segment.Value(src))
			next = c.Segment.Stop
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	if len(starts) == 0 {
		return
	}
	text := b.String()
	at := func(i int) int { // the offset in src of text[i]
		k := 0
		for k+1 < len(starts) && starts[k+1] <= i {
			k++
		}
		return offsets[k] + i - starts[k]
	}
	for _, m := range literalLink.FindAllStringSubmatchIndex(text, -1) {
		typed := text[m[2]:m[3]]
		dest, title := strings.TrimSpace(typed), ""
		if t := linkTitle.FindStringIndex(dest); t != nil {
			dest, title = dest[:t[0]], dest[t[0]:]
		}
		st.warn(at(m[0]), "%q stays on the page as typed, not as a link or image: an address with spaces goes between < and > (%q)",
			"]("+typed+")", "](<"+dest+">"+title+")")
	}
	for _, loc := range bareAddress.FindAllStringIndex(text, -1) { // linked by GFM or not
		st.checkAddress(strings.TrimRight(text[loc[0]:loc[1]], ".,;:!?"), at(loc[0]))
	}
	if !strings.Contains(text, "**") { // the expression has no literal prefix: it would read every byte
		return
	}
	if loc := literalBold.FindStringIndex(text); loc != nil {
		st.warn(at(loc[0]+strings.Index(text[loc[0]:loc[1]], "**")),
			`"**" stays on the page as typed: bold text is "**…**", the stars against the words inside and apart from the words outside ("**Điều 1.** Nội dung")`)
	}
}

// checkAddress warns of a link or image to the computer it is opened on
// ("http://127.0.0.1:1313/plan/…", copied from the preview's address bar):
// on the published site it leads to each reader's own computer.
func (st *state) checkAddress(dest string, offset int) {
	if !strings.Contains(dest, "://") { // most links of a site are its own: not parsed
		return
	}
	u, err := url.Parse(dest)
	if err != nil || u.Host == "" {
		return
	}
	if st.warned[dest] { // a link whose text is its address
		return
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !ip.IsLoopback() && !ip.IsUnspecified()) {
		return
	}
	path := cmp.Or(u.EscapedPath(), "/")
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		path += "#" + u.EscapedFragment()
	}
	if st.warned == nil {
		st.warned = map[string]bool{}
	}
	st.warned[dest] = true
	st.warn(offset, "%q is an address of this computer (%s), not of the site: readers would reach their own; write the site's path instead (%q)", dest, u.Host, path)
}

func (st *state) warn(offset int, format string, args ...any) {
	st.res.Warnings = append(st.res.Warnings, Problem{Offset: offset, Msg: fmt.Sprintf(format, args...)})
}
