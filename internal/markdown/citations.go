package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/kehoach/kehoach/internal/docref"
)

// Cited is a citation of a document in a body, made a link to the
// document's page.
type Cited struct {
	Slug     string // the document: "21-nq-tw"
	Type     string // its type code: "nq"
	Text     string // as written: "21-NQ/TW"
	Offset   int    // where, in the body
	Anchor   string // the section it stands in ("v-8"), or ""
	Replaces bool   // the words before it say it is to be replaced ("thay cho", "thay thế")
	Awaited  bool   // by a document the plan waits for ("khi … có hướng dẫn thay thế"), not one it asks for
	Issued   string // the day and issuer the words after it give: "ngày 20/12/2018 của Ban Thường vụ Tỉnh ủy", or ""
}

// linkCitations turns every full citation ("21-NQ/TW": number, type and
// issuer) in the text of the body into a link to its document's page.
func linkCitations(doc *ast.Document, src []byte, st *state) {
	anchor := ""
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch {
		case n.Kind() == ast.KindHeading:
			anchor = idOf(n)
		case n.Kind() == ast.KindList && itemsNumbered(n.(*ast.List)):
			for item := n.FirstChild(); item != nil; item = item.NextSibling() {
				st.citeIn(item, src, idOf(item))
			}
			continue
		}
		st.citeIn(n, src, anchor)
	}
}

// citeIn links the citations of the text nodes under n, outside links and code.
func (st *state) citeIn(n ast.Node, src []byte, anchor string) {
	var texts []*ast.Text
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindCodeSpan, ast.KindImage:
			return ast.WalkSkipChildren, nil
		case ast.KindText:
			texts = append(texts, c.(*ast.Text))
		}
		return ast.WalkContinue, nil
	})
	for i := 0; i < len(texts); i++ {
		t := texts[i]
		for ; i+1 < len(texts) && joinable(t, texts[i+1]); i++ {
			join(t, texts[i+1])
		}
		st.citeText(t, src, anchor)
	}
}

// joinable reports whether u continues t: its next sibling, the text right
// after it in the source, with no line break between. goldmark splits a
// run of text wherever an inline parser was tried and found nothing (GFM's
// autolinks try every space), so a citation written with spaces, "35 -
// HĐ/BTCTW", may lie across two nodes.
func joinable(t, u *ast.Text) bool {
	return t.NextSibling() == ast.Node(u) && t.Segment.Stop == u.Segment.Start &&
		t.Segment.Padding == 0 && u.Segment.Padding == 0 &&
		!t.SoftLineBreak() && !t.HardLineBreak() && !t.IsRaw() && !u.IsRaw()
}

// join makes t hold u's text too, and removes u.
func join(t, u *ast.Text) {
	t.Segment = t.Segment.WithStop(u.Segment.Stop)
	t.SetSoftLineBreak(u.SoftLineBreak())
	t.SetHardLineBreak(u.HardLineBreak())
	u.Parent().RemoveChild(u.Parent(), u)
}

// citeText splits a text node around its citations.
func (st *state) citeText(t *ast.Text, src []byte, anchor string) {
	seg := t.Segment
	if bytes.IndexByte(seg.Value(src), '/') < 0 {
		return // a citation to link has an issuer: "21-NQ/TW"
	}
	value := string(seg.Value(src))
	var found []docref.Citation
	for _, c := range docref.Find(value) {
		if c.Issuer != "" {
			found = append(found, c)
		}
	}
	if len(found) == 0 {
		return
	}
	parent := t.Parent()
	pos := seg.Start
	for _, c := range found {
		if seg.Start+c.Start > pos {
			parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(pos, seg.Start+c.Start)))
		}
		written := value[c.Start:c.End]
		link := ast.NewLink()
		link.Destination = []byte(st.page.DocLink(c.Slug()))
		link.SetAttributeString("class", []byte("doc-ref"))
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+c.Start, seg.Start+c.End)))
		parent.InsertBefore(parent, t, link)
		st.res.Citations = append(st.res.Citations, Cited{
			Slug: c.Slug(), Type: c.Type, Text: written, Offset: seg.Start + c.Start, Anchor: anchor,
		})
		cited := &st.res.Citations[len(st.res.Citations)-1]
		cited.Replaces, cited.Awaited = docref.Replacement(string(src[max(0, seg.Start+c.Start-160) : seg.Start+c.Start]))
		cited.Issued = issuedAfter(src[seg.Start+c.End : min(len(src), seg.Start+c.End+240)])
		pos = seg.Start + c.End
	}
	t.Segment = text.NewSegment(pos, seg.Stop)
}

// issuedRE is the day and issuer the plan writes after a citation: ",
// ngày 20/12/2018 của Ban Thường vụ Tỉnh ủy về …".
var issuedRE = regexp.MustCompile(`^\s*,?\s*ngày\s+(\d{1,2}/\d{1,2}/\d{4})(?:\s+của\s+([^,;.()]+))?`)

// issuerEnds are the words after which an issuer's name has ended: "Ban
// Thường vụ Tỉnh ủy về khen thưởng", "Bộ Chính trị thực hiện Nghị quyết".
var issuerEnds = []string{" về ", " và ", " thực hiện ", " để ", " thì "}

// maxIssuerWords is the longest issuer's name believed: "Ban Chấp hành
// Trung ương Đảng khóa XIII" is seven words; a longer run is a clause.
const maxIssuerWords = 10

// blockStart is a line that begins a block of its own after a paragraph's
// line: a list item, a heading, a quote, a table's row.
var blockStart = regexp.MustCompile(`^\s*(?:[-*+>#|]|\d+[.)])`)

// markdownLink is a link or an image as Markdown writes it: its text stays.
var markdownLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// issuedAfter reads the day and issuer from the Markdown after a citation,
// within its paragraph (or table cell), links as their text, emphasis and
// line breaks left out.
func issuedAfter(after []byte) string {
	s := strings.ToValidUTF8(string(after), "") // the window may end inside a letter
	s, _, _ = strings.Cut(s, "|")
	lines := strings.Split(s, "\n")
	for i, line := range lines[1:] {
		if strings.TrimSpace(line) == "" || blockStart.MatchString(line) {
			lines = lines[:i+1]
			break
		}
	}
	s = markdownLink.ReplaceAllString(strings.Join(lines, " "), "$1")
	s = strings.Join(strings.Fields(strings.NewReplacer("*", "", "_", "").Replace(s)), " ")
	m := issuedRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	by := " " + m[2] + " "
	for _, end := range issuerEnds {
		by, _, _ = strings.Cut(by, end)
	}
	if by = strings.TrimSpace(by); by != "" && len(strings.Fields(by)) <= maxIssuerWords {
		return "ngày " + m[1] + " của " + by
	}
	return "ngày " + m[1]
}
