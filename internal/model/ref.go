package model

import (
	"cmp"
	"strings"
)

// Label names what r points at for a reader: "V- NHIỆM VỤ CỤ THỂ › 1. Ban Tổ
// chức Tỉnh ủy", or "III.2" for a numbered paragraph of the plan, after
// the headings it stands under ("V- … › 1. Ban Tổ chức Tỉnh ủy › V.1.7").
func (r *Ref) Label() string {
	if r.Target == nil {
		return r.Raw
	}
	title := r.Target.Title
	if r.Target.Numeral != "" {
		title = r.Target.Numeral + "- " + title
	}
	if r.Anchor == "" {
		return title
	}
	return title + " › " + cmp.Or(r.Target.SectionLabel(r.Anchor), r.Anchor)
}

// SectionLabel names the section of p at anchor for a reader: its heading
// ("1. Ban Tổ chức Tỉnh ủy"), or for a numbered item the headings it
// stands under and its number ("1. Ban Tổ chức Tỉnh ủy › V.1.7"); "" for
// an anchor that is neither.
func (p *Page) SectionLabel(anchor string) string {
	var above []string
	for _, h := range p.TOC {
		if h.ID == anchor {
			return h.Text
		}
		if strings.HasPrefix(anchor, h.ID+"-") {
			above = append(above, h.Text)
		}
	}
	if n := AnchorLabel(anchor); n != "" {
		return strings.Join(append(above, n), " › ")
	}
	return ""
}

// AnchorLabel names a numbered anchor as the plan numbers it ("iii-2" →
// "III.2"), or returns "" for other anchors.
func AnchorLabel(anchor string) string {
	if n := anchorNumber(anchor); n != anchor {
		return n
	}
	return ""
}

// anchorNumber turns a numbered anchor back into the plan's numbering:
// "iii-2" → "III.2", "iv-1-3" → "IV.1.3". Other anchors are returned as they are.
func anchorNumber(anchor string) string {
	segs := strings.Split(anchor, "-")
	if romanValue(strings.ToUpper(segs[0])) == 0 || len(segs) < 2 || !allDigits(segs[1:]) {
		return anchor
	}
	segs[0] = strings.ToUpper(segs[0])
	return strings.Join(segs, ".")
}

func allDigits(segs []string) bool {
	for _, s := range segs {
		if !isDigits(s) {
			return false
		}
	}
	return true
}
