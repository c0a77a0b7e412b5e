package build

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach/internal/model"
)

// indicatorView is an indicator of the plan as the dashboard shows it: its
// figures in year order, and a chart of them against the target.
type indicatorView struct {
	*model.Indicator
	Link    string // its place in the plan, from the dashboard
	Figures []figureView
}

type figureView struct {
	model.Figure
	Met bool
}

func (b *builder) indicators(root string) []indicatorView {
	var out []indicatorView
	for _, in := range b.site.Indicators {
		v := indicatorView{Indicator: in}
		if in.Ref != nil && in.Ref.Target != nil {
			v.Link = root + in.Ref.Target.Path
			if in.Ref.Anchor != "" {
				v.Link += "#" + in.Ref.Anchor
			}
		}
		for _, f := range in.Figures {
			v.Figures = append(v.Figures, figureView{f, in.Met(f.Value)})
		}
		slices.SortFunc(v.Figures, func(a, b figureView) int { return a.Year - b.Year })
		out = append(out, v)
	}
	return out
}

// Value writes a figure as Vietnamese writes numbers: "91,5".
func (f figureView) Value() string { return number(f.Figure.Value) }

// number writes v with a decimal comma, as Vietnamese does: "2,5".
func number(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// Chart draws the figures as columns, one a year, against the target: a
// line at each bound (above, min, max), the band between two bounds shaded.
// It is made only of numbers and class names; the table beside it carries
// the same figures for screen readers.
func (v indicatorView) Chart() template.HTML {
	const width, height, left, bottom, top = 360, 160, 34, 20, 8
	top100 := 0.0
	for _, bound := range []*float64{v.Above, v.Min, v.Max} {
		if bound != nil {
			top100 = max(top100, *bound)
		}
	}
	for _, f := range v.Figures {
		top100 = max(top100, f.Figure.Value)
	}
	scale := niceTop(top100 * 1.1)
	if v.Unit == "%" {
		scale = min(scale, 100)
	}
	y := func(val float64) float64 { return top + (height-top-bottom)*(1-val/scale) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="%d" height="%d" aria-hidden="true" focusable="false">`, width, height, width, height)
	for _, tick := range []float64{0, scale / 2, scale} {
		fmt.Fprintf(&b, `<line class="grid" x1="%d" y1="%.1f" x2="%d" y2="%.1f"></line><text class="tick" x="%d" y="%.1f">%s</text>`,
			left, y(tick), width, y(tick), left-4, y(tick)+4, number(tick))
	}
	if v.Min != nil && v.Max != nil {
		fmt.Fprintf(&b, `<rect class="band" x="%d" y="%.1f" width="%d" height="%.1f"></rect>`, left, y(*v.Max), width-left, y(*v.Min)-y(*v.Max))
	}
	n := len(v.Figures)
	slot := float64(width-left) / float64(max(n, 1))
	for i, f := range v.Figures {
		x := float64(left) + slot*float64(i) + slot*0.2
		class := "col"
		if f.Met {
			class += " met"
		}
		fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"></rect><text class="year" x="%.1f" y="%d">%d</text>`,
			class, x, y(f.Figure.Value), slot*0.6, y(0)-y(f.Figure.Value), x+slot*0.3, height-4, f.Year)
	}
	for _, bound := range []*float64{v.Above, v.Min, v.Max} {
		if bound != nil {
			fmt.Fprintf(&b, `<line class="target" x1="%d" y1="%.1f" x2="%d" y2="%.1f"></line>`, left, y(*bound), width, y(*bound))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// niceTop rounds a chart's top up to 1, 2 or 5 times a power of ten.
func niceTop(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := 1.0
	for p*10 <= v && p < 1e300 { // figures are finite (model.LoadIndicators)
		p *= 10
	}
	for p > v {
		p /= 10
	}
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
