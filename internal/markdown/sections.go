package markdown

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Section is a part of a page that search indexes on its own: a heading
// (h2–h4) and the text under it up to the next such heading, or one
// numbered item of the plan. The text before the first heading is a section
// with an empty ID.
type Section struct {
	ID      string // the anchor: "iv-1-3"; "" for the text before any heading
	Heading string // the heading's text; "" for a numbered paragraph or the intro
	Level   int    // 2–4 for headings; 0 otherwise
	Text    string // plain text, one line per block
	Items   []Item // the bullets with anchors in Text, in order
}

// Item is a bullet of the plan with its own anchor ("v-1-7", the k-th
// bullet under a numbered heading) inside a section's text, so that a
// search result quoting it can lead to it rather than to the section.
type Item struct {
	ID     string
	Offset int // in the section's Text, where the bullet's text starts
}

// sections splits the document's top-level blocks into sections.
func sections(doc *ast.Document, src []byte) []Section {
	var out []Section
	cur := Section{}
	var text bytes.Buffer
	flush := func(next Section) {
		raw := text.String()
		cur.Text = strings.TrimSpace(raw)
		lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
		for i := range cur.Items {
			cur.Items[i].Offset = min(max(0, cur.Items[i].Offset-lead), len(cur.Text))
		}
		if cur.Text != "" || cur.Heading != "" {
			out = append(out, cur)
		}
		cur = next
		text.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level >= 2 && n.Level <= 4 {
				flush(Section{ID: idOf(n), Heading: plainText(n, src), Level: n.Level})
				continue
			}
		case *ast.List:
			switch {
			case itemsOf(n, cur.ID): // places in the section
				for item := n.FirstChild(); item != nil; item = item.NextSibling() {
					if id := idOf(item); id != "" {
						cur.Items = append(cur.Items, Item{ID: id, Offset: text.Len()})
					}
					blockText(&text, item, src)
				}
				text.WriteByte('\n') // as blockText ends the list
				continue
			case numberedList(n): // sections of their own
				for item := n.FirstChild(); item != nil; item = item.NextSibling() {
					flush(Section{ID: idOf(item)})
					blockText(&text, item, src)
				}
				flush(Section{})
				continue
			}
		}
		blockText(&text, n, src)
	}
	flush(Section{})
	return out
}

func idOf(n ast.Node) string {
	id, _ := n.AttributeString("id")
	b, _ := id.([]byte)
	return string(b)
}

// numberedList reports whether the list is of the plan's numbered items,
// which search indexes one by one.
func numberedList(l *ast.List) bool { return l.IsOrdered() && itemsNumbered(l) }

// itemsOf reports whether the list's items are numbered under the section
// id: bullets, or steps, under a numbered heading.
func itemsOf(l *ast.List, id string) bool {
	return id != "" && itemsNumbered(l) && strings.HasPrefix(idOf(l.FirstChild()), id+"-")
}

// itemsNumbered reports whether the plan's numbering gave the list's items
// ids: numbered items, or bullets under a numbered heading.
func itemsNumbered(l *ast.List) bool { return l.FirstChild() != nil && idOf(l.FirstChild()) != "" }

// blockText appends the plain text of a block, a line per paragraph,
// heading, list item, table cell row or code line.
func blockText(b *bytes.Buffer, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock || c.Kind() == east.KindTableCell {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < c.Lines().Len(); i++ {
				seg := c.Lines().At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock, *ast.RawHTML:
			if raw := rawText(c, src); !onlyComments(raw) {
				b.Write(raw)
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.URL(src))
		}
		return ast.WalkContinue, nil
	})
}
