package model

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach/internal/source"
)

// IndicatorsFile holds the plan's specific targets and the figures
// reported for them, year by year.
const IndicatorsFile = "data/indicators.toml"

// Indicator is a target of the plan (part II) and its yearly figures.
type Indicator struct {
	ID      string   `toml:"id"`
	Title   string   `toml:"title"`
	Unit    string   `toml:"unit"`     // "%"
	Target  string   `toml:"target"`   // the plan's words: "trên 90% mỗi năm"
	PlanRef string   `toml:"plan_ref"` // where the plan sets it: "plan/02-muc-tieu#ii-2"
	Above   *float64 `toml:"above"`    // met when the figure is more than this
	Min     *float64 `toml:"min"`      // … at least this
	Max     *float64 `toml:"max"`      // … at most this
	Figures []Figure `toml:"figures"`  // in the file's order; empty until someone reports one

	Ref  *Ref `toml:"-"` // PlanRef, resolved
	line int  // of its id in the file
}

// Figure is an indicator's figure for one year.
type Figure struct {
	Year  int     `toml:"year"`
	Value float64 `toml:"value"`
	Note  string  `toml:"note"` // its source: "Báo cáo số 123-BC/TU"
}

// Met reports whether v meets the indicator's target.
func (in *Indicator) Met(v float64) bool {
	return (in.Above == nil || v > *in.Above) && (in.Min == nil || v >= *in.Min) && (in.Max == nil || v <= *in.Max)
}

// LoadIndicators reads the indicators file, raw, reporting every problem
// at its line.
func LoadIndicators(raw []byte) ([]*Indicator, error) {
	var file struct {
		Indicators []*Indicator `toml:"indicator"`
	}
	if err := source.DecodeTOML(IndicatorsFile, raw, &file); err != nil {
		return nil, err
	}
	lines := newLineFinder(raw)
	var list source.ErrorList
	seen := map[string]bool{}
	line := 0 // indicators and their figures are found in the file's order
	for _, in := range file.Indicators {
		line = lines.findAfter(line+1, `^\s*id\s*=\s*"`+regexp.QuoteMeta(in.ID)+`"`)
		pos := source.Pos{File: IndicatorsFile, Line: line}
		switch {
		case in.ID == "" || in.Title == "":
			list.Add(pos, "an indicator needs an id and a title")
		case seen[in.ID]:
			list.Add(pos, "indicator %q is given twice", in.ID)
		case in.Above == nil && in.Min == nil && in.Max == nil:
			list.Add(pos, "indicator %q has no target: give above, min or max", in.ID)
		}
		seen[in.ID] = true
		years := map[int]bool{}
		at := line
		for _, f := range in.Figures {
			at = lines.findAfter(at+1, `year\s*=\s*`+strconv.Itoa(f.Year)+`\b`)
			pos := source.Pos{File: IndicatorsFile, Line: at}
			switch {
			case f.Year < firstYear || f.Year > lastYear:
				list.Add(pos, "indicator %q: the year %d is not between %d and %d", in.ID, f.Year, firstYear, lastYear)
			case years[f.Year]:
				list.Add(pos, "indicator %q: %d has two figures", in.ID, f.Year)
			case f.Value < 0 || in.Unit == "%" && f.Value > 100:
				list.Add(pos, "indicator %q: %v%s in %d is not a possible figure", in.ID, f.Value, in.Unit, f.Year)
			}
			years[f.Year] = true
		}
		in.line = line
	}
	return file.Indicators, list.Err()
}

// lineFinder finds the line of a pattern in a file, for messages: the
// TOML decoder gives positions for syntax errors, not for values.
type lineFinder struct{ lines []string }

func newLineFinder(raw []byte) lineFinder {
	return lineFinder{lines: strings.Split(string(raw), "\n")}
}

// findAfter is the first line from line on (1-based) that matches pattern,
// or line when none does (the message then points near it).
func (l lineFinder) findAfter(line int, pattern string) int {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return line
	}
	for i := max(line-1, 0); i < len(l.lines); i++ {
		if re.MatchString(l.lines[i]) {
			return i + 1
		}
	}
	return line
}

// SetIndicators gives the site the indicators of IndicatorsFile, read from
// raw, with their plan_ref resolved.
func (s *Site) SetIndicators(raw []byte) error {
	list, err := LoadIndicators(raw)
	var errs source.ErrorList
	errs.Merge(IndicatorsFile, err)
	lines := newLineFinder(raw)
	for _, in := range list {
		if in.PlanRef == "" {
			continue
		}
		pos := source.Pos{File: IndicatorsFile, Line: lines.findAfter(in.line, `plan_ref\s*=`)}
		in.Ref = parseRef(in.PlanRef, pos)
		if in.Ref.Target = s.byKey[in.Ref.Key]; in.Ref.Target == nil {
			errs.Add(pos, "plan_ref %q points nowhere: no content/%s.md", in.PlanRef, in.Ref.Key)
		}
	}
	s.Indicators = list
	return errs.Err()
}
