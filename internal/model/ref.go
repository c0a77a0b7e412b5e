package model

import "strings"

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
	for _, h := range r.Target.TOC {
		if h.ID == r.Anchor {
			return title + " › " + h.Text
		}
	}
	for _, h := range r.Target.TOC { // the headings a numbered item stands under: "1. Ban Tổ chức Tỉnh ủy" for "v-1-7"
		if strings.HasPrefix(r.Anchor, h.ID+"-") {
			title += " › " + h.Text
		}
	}
	return title + " › " + anchorNumber(r.Anchor)
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
