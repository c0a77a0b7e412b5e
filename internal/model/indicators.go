package model

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/kehoach/kehoach/internal/source"
)

// IndicatorsFile holds the plan's specific targets and the figures
// reported for them, year by year.
const IndicatorsFile = "data/indicators.toml"

// Indicator is a target of the plan (part II) and its yearly figures.
type Indicator struct {
	ID      string
	Title   string
	Unit    string   // "%"
	Target  string   // the plan's words: "trên 90% mỗi năm"
	PlanRef string   // where the plan sets it: "plan/02-muc-tieu#ii-2"
	Above   *float64 // met when the figure is more than this
	Min     *float64 // … at least this
	Max     *float64 // … at most this
	Figures []Figure // in the file's order; none until someone reports one
	Ref     *Ref     // PlanRef, resolved

	refLine int // of plan_ref in the file
}

// Figure is an indicator's figure for one year.
type Figure struct {
	Year  int
	Value float64
	Note  string // its source: "Báo cáo số 123-BC/TU"
}

// Met reports whether v meets the indicator's target.
func (in *Indicator) Met(v float64) bool {
	return (in.Above == nil || v > *in.Above) && (in.Min == nil || v >= *in.Min) && (in.Max == nil || v <= *in.Max)
}

// indicatorFile is IndicatorsFile as written, before it is checked.
type indicatorFile struct {
	Indicators []struct {
		ID      string   `toml:"id"`
		Title   string   `toml:"title"`
		Unit    string   `toml:"unit"`
		Target  string   `toml:"target"`
		PlanRef string   `toml:"plan_ref"`
		Above   *float64 `toml:"above"`
		Min     *float64 `toml:"min"`
		Max     *float64 `toml:"max"`
		Figures []struct {
			Year  *int     `toml:"year"`
			Value *float64 `toml:"value"`
			Note  string   `toml:"note"`
		} `toml:"figures"`
	} `toml:"indicator"`
}

var (
	indicatorID     = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	indicatorHeader = regexp.MustCompile(`^\s*\[\[\s*indicator\s*\]\]`)
)

// LoadIndicators reads the indicators file, raw, reporting every problem
// at its line.
func LoadIndicators(raw []byte) ([]*Indicator, error) {
	var file indicatorFile
	if err := source.DecodeTOML(IndicatorsFile, raw, &file); err != nil {
		return nil, err
	}
	blocks := indicatorBlocks(raw)
	var list source.ErrorList
	var out []*Indicator
	seen := map[string]bool{}
	for i, fi := range file.Indicators {
		b := blocks[min(i, len(blocks)-1)]
		pos := source.Pos{File: IndicatorsFile, Line: b.find(`^\s*id\s*=`, 0)}
		in := &Indicator{ID: fi.ID, Title: fi.Title, Unit: fi.Unit, Target: fi.Target, PlanRef: fi.PlanRef,
			Above: fi.Above, Min: fi.Min, Max: fi.Max, refLine: b.find(`^\s*plan_ref\s*=`, 0)}
		bounds := []*float64{in.Above, in.Min, in.Max}
		switch {
		case !indicatorID.MatchString(in.ID) || in.Title == "":
			list.Add(pos, "an indicator needs an id of lower-case letters, digits and dashes, and a title")
		case seen[in.ID]:
			list.Add(pos, "indicator %q is given twice", in.ID)
		case in.Above == nil && in.Min == nil && in.Max == nil:
			list.Add(pos, "indicator %q has no target: give above, min or max", in.ID)
		case slices.ContainsFunc(bounds, func(v *float64) bool { return v != nil && !possible(*v, in.Unit) }):
			list.Add(pos, "indicator %q: its target is not a possible figure", in.ID)
		case in.Min != nil && in.Max != nil && *in.Min > *in.Max:
			list.Add(pos, "indicator %q: min is above max", in.ID)
		}
		seen[in.ID] = true
		years := map[int]bool{}
		for k, f := range fi.Figures {
			pos := source.Pos{File: IndicatorsFile, Line: b.find(`\byear\s*=`, k)}
			switch {
			case f.Year == nil || f.Value == nil:
				list.Add(pos, "indicator %q: a figure needs a year and a value", in.ID)
			case *f.Year < firstYear || *f.Year > lastYear:
				list.Add(pos, "indicator %q: the year %d is not between %d and %d", in.ID, *f.Year, firstYear, lastYear)
			case years[*f.Year]:
				list.Add(pos, "indicator %q: %d has two figures", in.ID, *f.Year)
			case !possible(*f.Value, in.Unit):
				list.Add(pos, "indicator %q: %v%s in %d is not a possible figure", in.ID, *f.Value, in.Unit, *f.Year)
			default:
				in.Figures = append(in.Figures, Figure{Year: *f.Year, Value: *f.Value, Note: f.Note})
			}
			if f.Year != nil {
				years[*f.Year] = true
			}
		}
		out = append(out, in)
	}
	return out, list.Err()
}

// possible reports whether v can be a figure in unit: a number, not below
// zero, and for a share at most 100.
func possible(v float64, unit string) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && v >= 0 && (unit != "%" || v <= 100)
}

// block is the lines of one [[indicator]] table: first is its header's line.
type block struct {
	first int
	lines []string
}

// indicatorBlocks splits the file at its [[indicator]] headers, so that a
// message about the i-th indicator points inside its own table.
func indicatorBlocks(raw []byte) []block {
	var out []block
	for i, l := range strings.Split(string(raw), "\n") {
		if indicatorHeader.MatchString(l) || out == nil {
			out = append(out, block{first: i + 1})
		}
		out[len(out)-1].lines = append(out[len(out)-1].lines, l)
	}
	if len(out) > 1 && !indicatorHeader.MatchString(out[0].lines[0]) {
		out = out[1:] // what stands before the first header
	}
	return out
}

// find is the line of the n-th match (from 0) of pattern in the block, or
// the block's first line when there is none.
func (b block) find(pattern string, n int) int {
	re := regexp.MustCompile(pattern)
	for i, l := range b.lines {
		for range re.FindAllStringIndex(l, -1) {
			if n == 0 {
				return b.first + i
			}
			n--
		}
	}
	return b.first
}

// SetIndicators gives the site the indicators of IndicatorsFile, read from
// raw, with their plan_ref resolved.
func (s *Site) SetIndicators(raw []byte) error {
	list, err := LoadIndicators(raw)
	var errs source.ErrorList
	errs.Merge(IndicatorsFile, err)
	for _, in := range list {
		if in.PlanRef == "" {
			continue
		}
		pos := source.Pos{File: IndicatorsFile, Line: in.refLine}
		in.Ref = parseRef(in.PlanRef, pos)
		if in.Ref.Target = s.byKey[in.Ref.Key]; in.Ref.Target == nil {
			errs.Add(pos, "plan_ref %q points nowhere: no content/%s.md", in.PlanRef, in.Ref.Key)
		}
	}
	s.Indicators = list
	return errs.Err()
}
