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
	md       goldmark.Markdown // CommonMark, GFM, footnotes, highlighting
	unlinked goldmark.Markdown // the same without GFM's autolinks, for bodies that can hold none
	style    string
}

// New returns a Renderer configured by o.
func New(o Options) *Renderer {
	return &Renderer{md: newGoldmark(o, true), unlinked: newGoldmark(o, false), style: o.HighlightStyle}
}

// newGoldmark configures goldmark as o says, with or without GFM's
// autolinks (its Linkify extension).
func newGoldmark(o Options, linkify bool) goldmark.Markdown {
	htmlOpts := []renderer.Option{html.WithWriter(quickWriter{html.DefaultWriter}),
		renderer.WithNodeRenderers(util.Prioritized(slotRenderer{}, 500))}
	if o.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	var exts []goldmark.Extender
	if linkify {
		exts = append(exts, extension.Linkify)
	}
	// A column's alignment is an align attribute, not a style one: kehoach
	// serve's Content-Security-Policy (style-src 'self') drops inline styles,
	// and the preview would not show what the built folder does.
	table := extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute))
	exts = append(exts, table, extension.Strikethrough, extension.TaskList, // with Linkify, GFM
		extension.Footnote,
		highlighting.NewHighlighting(
			highlighting.WithStyle(o.HighlightStyle),
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
		),
	)
	if !o.UnsafeHTML {
		exts = append(exts, escapeRawHTML{})
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(pageTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(htmlOpts...),
	)
}

// mayAutolink reports whether src holds what a GFM autolink starts with: a
// scheme that Linkify links ("http:", "https:", "ftp:"), "www.", or the "@"
// of an e-mail address. Linkify tries every space, "*", "_", "~" and "("
// of the text for a link, which takes a quarter of goldmark's time on the
// plan's text; a body with none of these cannot have one, and is parsed
// without it.
func mayAutolink(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 ||
		after(src, ':', "http", "https", "ftp") ||
		after(src, '.', "www")
}

// after reports whether some c in src comes right after one of words.
// Searching for the rarer punctuation and looking back is several times
// quicker than searching for each word: "h" and "w" are everywhere in
// Vietnamese.
func after(src []byte, c byte, words ...string) bool {
	for i := 0; ; i++ {
		k := bytes.IndexByte(src[i:], c)
		if k < 0 {
			return false
		}
		i += k
		for _, w := range words {
			if i >= len(w) && string(src[i-len(w):i]) == w {
				return true
			}
		}
	}
}

// Page is what the renderer needs to know about the page it renders.
type Page struct {
	Numeral string // the plan part's numeral ("IV") for numbered anchors; "" elsewhere
	// Link maps a link destination that names a content file relative to
	// this page ("../plan/x.md#a") to its address; ok is false when it
	// names no page, and url then says why, if it can. Nil leaves links
	// unchanged.
	Link func(dest string, offset int) (url string, ok bool)
	// Image maps a local image source to its address, ok false when it
	// names no file of the site (url then says why, if it can); nil leaves
	// images unchecked.
	Image func(src string) (url string, ok bool)
	// Local maps any other link within the site ("../tasks.csv",
	// "/plan/x.html", "../deadlines/") to its address, and remembers it to
	// check once the site's files are known. Nil leaves such links unchanged.
	Local func(dest string, offset int) (url string)
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
	Warnings  []Problem       // what renders but is most likely a mistake (mistakes.go)
	Sections  []Section       // the body split for search
	Citations []Cited         // documents cited, in order
	// Slots are where the text of the plan's numbered items ends, by
	// anchor: offsets in HTML at which a page may add a note about the item
	// (a part page adds the tasks tracked from it). Only the parts of the
	// plan (Page.Numeral) have them.
	Slots map[string]int
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
	if mayAutolink(src) {
		return r.render(src, p, r.md)
	}
	return r.render(src, p, r.unlinked)
}

// render renders src with md.
func (r *Renderer) render(src []byte, p Page, md goldmark.Markdown) (Result, error) {
	if off, problem := tooDeep(src); off >= 0 {
		return Result{Anchors: map[string]bool{}, Problems: []Problem{problem}}, nil
	}
	st := &state{page: p, ids: newIDs(), res: Result{Anchors: map[string]bool{}}}
	if p.Numeral != "" {
		st.res.Slots = map[string]int{}
	}
	ctx := parser.NewContext(parser.WithIDs(st.ids))
	ctx.Set(stateKey, st)
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var buf builderWriter
	buf.Grow(len(src) + len(src)/4)
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
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
