package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var stateKey = parser.NewContextKey()

// state is the per-render state shared between the parser context and Render.
type state struct {
	page   Page
	ids    *ids
	res    Result
	local  []localLink     // links to anchors of the page itself
	warned map[string]bool // addresses of this computer warned of (mistakes.go)
}

// localLink is a link to "#anchor" at a byte offset of the body.
type localLink struct {
	anchor string
	offset int
}

// pageTransformer gives the plan's numbered items their anchors, rewrites
// links to content files, and records headings and ids.
type pageTransformer struct{}

var numbered = regexp.MustCompile(`^(\d+(?:\.\d+)*)\.?\s`)

func (pageTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	src := reader.Source()
	if st.page.Numeral != "" {
		numberItems(doc, src, st)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			st.heading(n, src)
		case *ast.Link:
			st.checkAddress(string(n.Destination), inlineOffset(n, src))
			st.link(n, src)
		case *ast.Image:
			st.checkAddress(string(n.Destination), inlineOffset(n, src))
			st.image(n, src)
		case *east.TableRow:
			st.checkRow(n, src)
		case *east.Footnote:
			st.checkFootnote(n)
		}
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell: // blocks of text, none inside another
			st.checkText(n, src)
		}
		if id, ok := n.AttributeString("id"); ok {
			st.res.Anchors[string(id.([]byte))] = true
		}
		return ast.WalkContinue, nil
	})
	st.checkLocalAnchors()
	if st.page.DocLink != nil {
		linkCitations(doc, src, st)
	}
	if st.page.Sections {
		st.res.Sections = sections(doc, src)
	}
}

// checkLocalAnchors reports links to an anchor of the same page ("#iv-1")
// that the page does not have.
func (st *state) checkLocalAnchors() {
	for _, l := range st.local {
		if !st.res.Anchors[l.anchor] {
			st.res.Problems = append(st.res.Problems, Problem{
				Offset: l.offset,
				Msg:    fmt.Sprintf("link \"#%s\" points to no anchor of this page", l.anchor),
			})
		}
	}
}

// numberItems sets ids from the plan's numbering: heading "1.3. …" in part IV
// gets "iv-1-3"; item N of a top-level ordered list gets "iv-N"; the k-th
// item of the lists under a numbered heading, bullets or an ordered list of
// steps, gets the heading's id and k ("v-1-7", the plan's task V.1.7),
// unless the heading has numbered headings under it ("1." above "1.1.",
// whose id "iv-1-1" is not the first bullet's). Each
// numbered item, and a numbered heading whose section is one paragraph,
// gets a slot at the end of its text (Result.Slots).
func numberItems(doc *ast.Document, src []byte, st *state) {
	prefix := strings.ToLower(st.page.Numeral)
	type bullets struct {
		list    *ast.List
		heading string
	}
	var under []bullets
	var headings []string // the ids of the numbered headings
	heading := ""         // the id of the numbered heading above, "" when none
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			heading = ""
			if m := numbered.FindStringSubmatch(plainText(n, src)); m != nil {
				heading = st.number(n, prefix+"-"+strings.ReplaceAll(m[1], ".", "-"))
				headings = append(headings, heading)
				if p, ok := n.NextSibling().(*ast.Paragraph); ok && endsSection(p.NextSibling()) {
					st.slot(p, heading)
				}
			}
		case *ast.List:
			if heading != "" { // a list of the heading's: bullets, or steps numbered "1." again
				under = append(under, bullets{n, heading})
				continue
			}
			if !n.IsOrdered() {
				continue
			}
			num := n.Start
			for item := n.FirstChild(); item != nil; item = item.NextSibling() {
				st.slot(item, st.number(item, prefix+"-"+strconv.Itoa(num)))
				num++
			}
		}
	}
	count := map[string]int{}
	for _, b := range under {
		if slices.ContainsFunc(headings, func(h string) bool { return strings.HasPrefix(h, b.heading+"-") }) {
			continue
		}
		for item := b.list.FirstChild(); item != nil; item = item.NextSibling() {
			count[b.heading]++
			st.slot(item, st.number(item, b.heading+"-"+strconv.Itoa(count[b.heading])))
		}
	}
}

// endsSection reports whether n and the blocks after it, up to the next
// heading, add no text to a heading's section: footnote definitions
// (which goldmark's footnote parser gathers into a list where the first
// stands, and renders at the end of the page), rules and HTML blocks.
func endsSection(n ast.Node) bool {
	for ; n != nil; n = n.NextSibling() {
		switch n.(type) {
		case *ast.Heading:
			return true
		case *east.FootnoteList, *ast.ThematicBreak, *ast.HTMLBlock:
		default:
			return false
		}
	}
	return true
}

// slot marks the end of the text of n, a numbered item or the paragraph
// of a numbered heading, as the place of anchor id's notes: the end of
// its last paragraph, or of the item itself when it has none (a quote, a
// table, code).
func (st *state) slot(n ast.Node, id string) {
	last := n
	if _, item := n.(*ast.ListItem); item {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				last = c
			}
		}
	}
	last.AppendChild(last, &slotNode{id: id, st: st})
}

// number gives n the anchor id. Two items numbered alike would make a link
// to one of them land on the other, so that is a problem, not a suffix.
func (st *state) number(n ast.Node, id string) string {
	if st.ids.used[id] {
		st.res.Problems = append(st.res.Problems, Problem{
			Offset: blockOffset(n),
			Msg:    fmt.Sprintf("numbered item gives anchor #%s, which an earlier item already has: number the items uniquely", id),
		})
	}
	id = st.ids.unique(id)
	n.SetAttributeString("id", []byte(id))
	return id
}

func (st *state) heading(h *ast.Heading, src []byte) {
	if h.Level < 2 || h.Level > 4 {
		return
	}
	id, _ := h.AttributeString("id")
	b, _ := id.([]byte)
	st.res.Headings = append(st.res.Headings, Heading{Level: h.Level, ID: string(b), Text: plainText(h, src)})
}

// link rewrites a destination naming a content file ("x.md", "../plan/y.md#a")
// and remembers links to anchors of the page itself.
func (st *state) link(l *ast.Link, src []byte) {
	dest := string(l.Destination)
	offset := inlineOffset(l, src)
	if st.onThisComputer("link", dest, offset) {
		return
	}
	if anchor, ok := strings.CutPrefix(dest, "#"); ok && anchor != "" {
		st.local = append(st.local, localLink{anchor: anchor, offset: offset})
		return
	}
	if !isContentLink(dest) {
		if st.page.Local != nil && isLocalLink(dest) {
			l.Destination = []byte(st.page.Local(dest, offset))
		}
		return
	}
	if st.page.Link == nil {
		return
	}
	url, ok := st.page.Link(dest, offset)
	if !ok {
		why := cmp.Or(url, "no such content file")
		st.res.Problems = append(st.res.Problems, Problem{
			Offset: offset,
			Msg:    fmt.Sprintf("link %q points to no page: %s", dest, why),
		})
		return
	}
	l.Destination = []byte(url)
}

// image checks that a relative image source names a file of the site.
func (st *state) image(img *ast.Image, src []byte) {
	dest := string(img.Destination)
	if st.onThisComputer("image", dest, inlineOffset(img, src)) {
		return
	}
	if st.page.Image == nil || dest == "" || strings.Contains(dest, ":") || strings.HasPrefix(dest, "//") {
		return
	}
	url, ok := st.page.Image(dest)
	if !ok {
		st.res.Problems = append(st.res.Problems, Problem{
			Offset: inlineOffset(img, src),
			Msg:    fmt.Sprintf("image %q not found: %s", dest, cmp.Or(url, "put the file beside the page in content/, or in static/")),
		})
		return
	}
	img.Destination = []byte(url)
}

// onThisComputer reports, as a problem, a link or an image to a file on
// the writer's own disk ("C:\Users\…\anh.jpg", "D:/Tài liệu/báo cáo.pdf",
// "file:///C:/…", dragged into the editor from a folder): published, it
// leads nowhere, or to each reader's own disk.
func (st *state) onThisComputer(what, dest string, offset int) bool {
	drive := len(dest) >= 3 && (dest[0]|0x20 >= 'a' && dest[0]|0x20 <= 'z') && dest[1] == ':' && (dest[2] == '\\' || dest[2] == '/')
	if !drive && !strings.HasPrefix(strings.ToLower(dest), "file:") {
		return false
	}
	name := dest[strings.LastIndexAny(dest, `/\`)+1:]
	if decoded, err := url.PathUnescape(name); err == nil {
		name = decoded
	}
	st.res.Problems = append(st.res.Problems, Problem{
		Offset: offset,
		Msg: fmt.Sprintf("%s %q is a file on this computer, which readers cannot open: copy the file beside the page in content/ and name it alone (%q)",
			what, dest, name),
	})
	return true
}

func isContentLink(dest string) bool {
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") || strings.HasPrefix(dest, "#") {
		return false
	}
	file, _, _ := strings.Cut(dest, "#")
	return strings.HasSuffix(file, ".md")
}

// isLocalLink reports a link to a file of the site that is not a content
// file: no scheme ("https:", "mailto:", "tel:"), no host ("//host/"), not
// only an anchor or a query.
func isLocalLink(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "?") {
		return false
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return false
	}
	return true
}

// inlineOffset is the byte offset of a link or an image: of the "[" (or
// "![") before its text's first letters; of its block when it has no text.
func inlineOffset(n ast.Node, src []byte) int {
	block := blockOffset(n)
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			off := bytes.LastIndexByte(src[block:t.Segment.Start], '[')
			if off < 0 {
				return block
			}
			off += block
			if _, image := n.(*ast.Image); image && off > 0 && src[off-1] == '!' {
				off--
			}
			return off
		}
	}
	return block
}

// blockOffset is the byte offset of the first line of the block holding n,
// or of a container block's first line (a list item's first paragraph).
func blockOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		for c := n; c != nil && c.Type() == ast.TypeBlock; c = c.FirstChild() {
			if c.Lines().Len() > 0 {
				return c.Lines().At(0).Start
			}
		}
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// plainText is the text content of n, without markup, on one line.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	blockText(&b, n, src)
	return strings.Join(strings.Fields(b.String()), " ")
}
