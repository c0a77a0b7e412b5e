package markdown

import (
	"bytes"
	"strings"
	"unicode"

	east "github.com/yuin/goldmark/extension/ast"
)

// Text that Markdown reads and then leaves off the page: warnings, since
// nothing the editor wrote may vanish without a word.

// checkRow warns of the cells of a table's row beyond its header's, which
// GFM drops.
func (st *state) checkRow(row *east.TableRow, src []byte) {
	stop := -1 // where the last cell read ends
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Lines().Len() > 0 {
			stop = c.Lines().At(c.Lines().Len() - 1).Stop
		}
	}
	if stop < 0 || stop > len(src) {
		return
	}
	end := bytes.IndexByte(src[stop:], '\n')
	if end < 0 {
		end = len(src) - stop
	}
	rest := string(src[stop : stop+end])
	extra := strings.TrimFunc(rest, func(r rune) bool { return r == '|' || unicode.IsSpace(r) }) // after the last cell's own "|"
	if extra == "" {
		return
	}
	st.warn(stop+strings.Index(rest, extra),
		"this table row has more cells than its header row (%d): %q is not shown; add a column to the header, or write \\| for a | inside a cell",
		row.ChildCount(), extra)
}

// checkFootnote warns of a footnote that no text refers to, which is not
// shown.
func (st *state) checkFootnote(fn *east.Footnote) {
	if fn.Index >= 0 {
		return
	}
	st.warn(blockOffset(fn), "footnote [^%s] is never referred to, so it is not shown: write [^%s] where it belongs, or delete it", fn.Ref, fn.Ref)
}
