package markdown

import (
	"bytes"
	"fmt"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Renderer.
type Options struct {
	UnsafeHTML     bool   // pass raw HTML through instead of escaping it
	HighlightStyle string // chroma style name
}

// Renderer renders Markdown bodies. It is safe for concurrent use.
type Renderer struct {
	md    goldmark.Markdown
	style string
}

// New returns a Renderer configured by o.
func New(o Options) *Renderer {
	var htmlOpts []renderer.Option
	if o.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	exts := []goldmark.Extender{
		extension.GFM,
		extension.Footnote,
		highlighting.NewHighlighting(
			highlighting.WithStyle(o.HighlightStyle),
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
		),
	}
	if !o.UnsafeHTML {
		exts = append(exts, escapeRawHTML{})
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(pageTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(htmlOpts...),
	)
	return &Renderer{md: md, style: o.HighlightStyle}
}

// Page is what the renderer needs to know about the page it renders.
type Page struct {
	Numeral string // the plan part's numeral ("IV") for numbered anchors; "" elsewhere
	// Link maps a link destination that names a content file relative to
	// this page ("../plan/x.md#a") to its address; ok is false when it
	// names no page. Nil leaves links unchanged.
	Link func(dest string, offset int) (url string, ok bool)
	// Image maps a local image source to its address, ok false when it
	// names no file of the site; nil leaves images unchecked.
	Image func(src string) (url string, ok bool)
	// Sections asks for the body split into sections (for search).
	Sections bool
	// DocLink, when set, turns full document citations ("21-NQ/TW") into
	// links to the address it gives for the document's slug.
	DocLink func(slug string) string
}

// Result is a rendered body.
type Result struct {
	HTML      string
	Headings  []Heading       // h2–h4 in document order, for tables of contents
	Anchors   map[string]bool // every id in the HTML
	Problems  []Problem       // links that point nowhere, at byte offsets of the body
	Sections  []Section       // the body split for search
	Citations []Cited         // documents cited, in order
}

// Heading is a heading of the body with its id.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Problem is something wrong in a body, at a byte offset of its source.
type Problem struct {
	Offset int
	Msg    string
}

// Render renders src, a Markdown body.
func (r *Renderer) Render(src []byte, p Page) (Result, error) {
	if off, cols := tooDeep(src); off >= 0 {
		return Result{Anchors: map[string]bool{}, Problems: []Problem{depthProblem(off, cols)}}, nil
	}
	st := &state{page: p, ids: newIDs(), res: Result{Anchors: map[string]bool{}}}
	ctx := parser.NewContext(parser.WithIDs(st.ids))
	ctx.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var buf builderWriter
	buf.Grow(len(src) + len(src)/4)
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		return Result{}, fmt.Errorf("rendering Markdown: %w", err)
	}
	st.res.HTML = buf.String()
	return st.res, nil
}

// builderWriter is a strings.Builder that goldmark's renderer writes into
// directly: given a plain io.Writer, it would write through a bufio.Writer
// of its own, copying every byte twice. Its String is the bytes written,
// not a copy.
type builderWriter struct{ strings.Builder }

var _ util.BufWriter = (*builderWriter)(nil)

func (w *builderWriter) Available() int { return w.Cap() - w.Len() }
func (w *builderWriter) Buffered() int  { return 0 }
func (w *builderWriter) Flush() error   { return nil }

// CSS returns the stylesheet for highlighted code in the configured style.
func (r *Renderer) CSS() ([]byte, error) {
	var buf bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err := f.WriteCSS(&buf, styles.Get(r.style)); err != nil {
		return nil, fmt.Errorf("writing code highlighting CSS: %w", err)
	}
	return buf.Bytes(), nil
}
