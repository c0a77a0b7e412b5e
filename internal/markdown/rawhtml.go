package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// escapeRawHTML renders raw HTML in Markdown as visible, escaped text, so
// that what an editor wrote is neither executed nor silently dropped. HTML
// comments are the exception: an editor's notes to other editors
// ("<!-- chưa duyệt -->"), which would otherwise be shown to every reader,
// are left out of the page and of search.
type escapeRawHTML struct{}

// comments matches HTML comments.
var comments = regexp.MustCompile(`(?s)<!--.*?-->`)

// onlyComments reports whether raw HTML is comments and white space.
func onlyComments(raw []byte) bool {
	return bytes.Contains(raw, []byte("<!--")) && len(bytes.TrimSpace(comments.ReplaceAll(raw, nil))) == 0
}

// rawText is the text of raw HTML n, inline or a block.
func rawText(n ast.Node, src []byte) []byte {
	var b []byte
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b = append(b, seg.Value(src)...)
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b = append(b, seg.Value(src)...)
		}
		if n.HasClosure() {
			b = append(b, n.ClosureLine.Value(src)...)
		}
	}
	return b
}

func (escapeRawHTML) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(escapeRawHTML{}, 100)))
}

func (escapeRawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawInline)
	reg.Register(ast.KindHTMLBlock, renderRawBlock)
}

func renderRawInline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	if raw := rawText(n, src); !onlyComments(raw) {
		_, _ = w.Write(util.EscapeHTML(raw))
	}
	return ast.WalkSkipChildren, nil
}

func renderRawBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	raw := rawText(n, src)
	if onlyComments(raw) {
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString("<pre class=\"raw-html\">")
	_, _ = w.Write(util.EscapeHTML(raw))
	_, _ = w.WriteString("</pre>\n")
	return ast.WalkSkipChildren, nil
}
