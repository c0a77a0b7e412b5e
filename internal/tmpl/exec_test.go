package tmpl

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// The executor must give html/template's output wherever it finishes, and
// must not finish where html/template fails. These tests run the same
// template on the same data both ways and compare.

type item struct {
	Name  string
	Count int
	Tags  []string
	Next  *item
	Attrs map[string]string
	Any   any
	Safe  template.HTML
	Link  template.URL
	Day   time.Time
	Flag  bool
	small uint8
}

func (i item) Upper() string            { return strings.ToUpper(i.Name) }
func (i *item) Greet(who string) string { return "chào " + who + ", " + i.Name }
func (i item) Sum(xs ...int) int {
	n := i.Count
	for _, x := range xs {
		n += x
	}
	return n
}
func (i item) Fail() (string, error) { return "", errors.New("failed") }
func (i item) Maybe(ok bool) (any, error) {
	if ok {
		return i.Count, nil
	}
	return nil, nil
}
func (i item) Pair(a string, b any) string { return fmt.Sprint(a, "/", b) }
func (i item) Self() *item                 { return &i }
func (i item) Boom() string                { panic("boom") }

type named string

func (n named) String() string { return "«" + string(n) + "»" }

type data struct {
	Items []*item
	Vals  []item
	One   *item
	None  *item
	Map   map[string]int
	AnyM  map[any]int
	Title string
	Kind  string
	N     int
	U     uint
	F     float64
	Named named
	Err   error
	Iface fmt.Stringer
	Empty []int
	Arr   [2]string
	RV    reflect.Value
	AnyRV any
}

func sample() *data {
	day := time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)
	a := &item{Name: "Ban Tổ chức", Count: 3, small: 1, Tags: []string{"a<b", "c&d", ""}, Attrs: map[string]string{"x": "1"}, Safe: "<b>đậm</b>", Link: "javascript:alert(1)", Day: day, Flag: true, Any: "chuỗi"}
	b := &item{Name: `"Ban" Tuyên giáo & 'Dân vận'`, Count: 0, Next: a, Any: 7}
	return &data{
		Items: []*item{a, b},
		Vals:  []item{*a, *b},
		One:   a,
		Map:   map[string]int{"k": 2, "z": 0},
		AnyM:  map[any]int{"k": 1},
		Title: "Kế hoạch <số> 21 + \x00 'x'",
		Kind:  "home",
		N:     2, U: 2, F: 2.5,
		Named: "tên",
		Err:   errors.New("lỗi <x>"),
		Iface: named("giao"),
		Arr:   [2]string{"một", "hai"},
		RV:    reflect.ValueOf(0),
		AnyRV: reflect.ValueOf(0),
	}
}

// executorCase is a template and what the executor may do with it besides
// matching html/template: refuse it when compiling, or bail out at run
// time (and leave it to html/template).
type executorCase struct {
	name, text string
	refuse     bool // compile must refuse it
	bails      bool // the executor may bail out on this data
}

var executorCases = []executorCase{
	{name: "text", text: `<p>{{.Title}}</p>`},
	{name: "fields", text: `<p>{{.One.Name}} {{.One.Count}} {{.One.Flag}} {{.N}} {{.U}} {{.F}}</p>`},
	{name: "methods", text: `{{.One.Upper}} {{.One.Greet "Nam"}} {{.One.Sum}} {{.One.Sum 1 2}} {{.One.Pair "a" 1}} {{.One.Pair "a" .One}}`},
	{name: "pointer method on value in slice", text: `{{range .Vals}}{{.Greet "x"}};{{end}}`},
	{name: "pointer method on non-addressable value", text: `{{with index .Vals 0}}{{.Upper}}{{end}}`},
	{name: "chain", text: `{{(.One.Self).Name}} {{.One.Self.Upper}} {{(index .Items 1).Next.Name}}`},
	{name: "pipeline", text: `{{.One.Name | printf "%s"}}`, refuse: true},
	{name: "final arg to method", text: `{{"Lan" | .One.Greet}} {{3 | .One.Sum 1}}`},
	{name: "variables", text: `{{$x := .One}}{{$y := 1}}{{$x.Name}}{{$y}}{{$y = 2}}{{$y}}{{with $z := .Title}}{{$z}}{{end}}{{$.Kind}}`},
	{name: "if else", text: `{{if eq .Kind "home"}}home{{else if .N}}n{{else}}other{{end}}{{if not .Empty}}empty{{end}}{{if .None}}x{{else}}none{{end}}`},
	{name: "with else with", text: `{{with .None}}a{{else with .One}}{{.Name}}{{else}}c{{end}}{{with .Empty}}x{{else}}y{{end}}`},
	{name: "range", text: `{{range $i, $t := .One.Tags}}{{if $i}}, {{end}}{{$i}}={{$t}}{{end}}{{range .Empty}}x{{else}}none{{end}}{{range .Arr}}{{.}}{{end}}`},
	{name: "range assign", text: `{{$i := 0}}{{$t := ""}}{{range $i, $t = .One.Tags}}{{end}}{{$i}}{{$t}}{{$e := ""}}{{range $e = .Arr}}{{end}}{{$e}}`},
	{name: "range break continue", text: `{{range $i, $x := .Items}}{{if eq $i 1}}{{break}}{{end}}{{if not $x.Count}}{{continue}}{{end}}{{$x.Name}}{{end}}|{{range .One.Tags}}{{if not .}}{{continue}}{{end}}[{{.}}]{{end}}`},
	{name: "range over map", text: `{{range $k, $v := .Map}}{{$k}}{{$v}}{{end}}`, bails: true},
	{name: "range over int", text: `{{range 3}}{{.}}{{end}}`, bails: true},
	{name: "nested range dot", text: `{{range .Items}}{{$.Kind}}:{{range .Tags}}{{.}};{{end}}{{end}}`},
	{name: "len index", text: `{{len .Items}} {{len .Title}} {{len .Map}} {{index .Arr 1}} {{index .Map "k"}} {{index .Map "nope"}} {{index .Items 0 | len}}`, bails: true},
	{name: "index", text: `{{index .Arr 1}} {{index .Map "k"}} {{index .Map "nope"}} {{(index .Items 0).Name}} {{index .Title 0}} {{index .One.Attrs "x"}}`},
	{name: "index out of range", text: `{{index .Arr 2}}`},
	{name: "eq ne", text: `{{eq .N 2}} {{eq .N .U}} {{eq .U 2}} {{eq .Kind "a" "home"}} {{ne .N 3}} {{eq .One.Flag true}} {{ne .Kind "x"}}`},
	{name: "eq mixed", text: `{{eq .N "2"}}`},
	{name: "eq non-basic", text: `{{eq .One .One}}`, bails: true},
	{name: "map fields", text: `{{.Map.k}} {{.Map.missing}} {{.One.Attrs.x}}`},
	{name: "map other keys", text: `{{.AnyM.k}}`, bails: true},
	{name: "missing through nil", text: `{{.None.Name}}`, bails: true},
	{name: "nil interface field", text: `<p>{{.One.Next}}</p><p>{{.Items}}</p>{{with .One.Next}}x{{end}}`},
	{name: "any field", text: `{{.One.Any}} {{(index .Items 1).Any}} {{if .One.Any}}t{{end}} {{(.One.Maybe true)}} {{(.One.Maybe false)}}`},
	{name: "typed strings", text: `<p>{{.One.Safe}}</p><a href="{{.One.Link}}">{{.One.Link}}</a><p title="{{.One.Name}}">{{.Named}} {{.Err}} {{.Iface}}</p>`},
	{name: "html in attribute", text: `<p title="{{.One.Safe}}">`, bails: true},
	{name: "urls", text: `<a href="{{.Title}}">a</a><a href="/x/{{.Title}}?q={{.Title}}&r={{.One.Name}}#{{.Kind}}">b</a><a href="{{.One.Link}}/{{.One.Link}}?{{.One.Link}}">c</a><img src="{{.Kind}}">`},
	{name: "rcdata", text: `<title>{{.Title}} {{.One.Safe}}</title><textarea>{{.Title}}</textarea>`},
	{name: "attributes", text: `<p class="x {{.Kind}}" data-n="{{.N}}" id='{{.Title}}'>`},
	{name: "date funcs", text: `<time datetime="{{isodate .One.Day}}">{{date .One.Day}}</time>{{.One.Day | date}}`},
	{name: "templates", text: `{{define "row"}}<li>{{.Name}}{{with .Next}}{{template "row" .}}{{end}}</li>{{end}}<ul>{{range .Items}}{{template "row" .}}{{end}}</ul>{{template "empty"}}{{define "empty"}}[{{.}}]{{end}}`},
	{name: "block", text: `{{block "b" .One}}<b>{{.Name}}</b>{{end}}`},
	{name: "comments and trim", text: `{{/* note */}}a {{- .Kind -}} b{{- /* x */ -}}`},
	{name: "method error", text: `<p>{{.One.Fail}}</p>`},
	{name: "method panic", text: `<p>{{.One.Boom}}</p>`},
	{name: "wrong argument", text: `{{.One.Greet 3}}`},
	{name: "unexported field", text: `{{.One.small}}`},
	{name: "no such field", text: `{{.One.Nope}}`},
	{name: "script", text: `<script>var x = {{.Title}};</script>`, refuse: true},
	{name: "style", text: `<style>p { color: {{.Kind}} }</style>`, refuse: true},
	{name: "and or", text: `{{if and .N .Kind}}x{{end}}`, refuse: true},
	{name: "float literal", text: `{{.One.Pair "x" 1.5}}`, refuse: true},
	{name: "nil arg", text: `{{.One.Pair "x" nil}}`},
	{name: "reflect.Value to builtins", text: `{{not .RV}} {{.RV | not}} {{.AnyRV | not}} {{not (.AnyRV)}} {{if not .RV}}yes{{end}} {{len .Arr | eq 2}}`},
	{name: "deep fields", text: `{{range .Items}}{{with .Next}}{{.Next}}{{.Name}}{{end}}{{end}}`},
}

func TestExecutorMatchesHTMLTemplate(t *testing.T) {
	for _, c := range executorCases {
		t.Run(c.name, func(t *testing.T) {
			for _, d := range []any{sample(), &data{}} {
				compareExecution(t, c, d)
			}
		})
	}
}

func compareExecution(t *testing.T, c executorCase, d any) {
	t.Helper()
	compareWith(t, c, d, layoutFuncs)
}

func compareWith(t *testing.T, c executorCase, d any, fm template.FuncMap) {
	t.Helper()
	set, err := template.New("page").Funcs(fm).Parse(c.text)
	if err != nil {
		t.Fatal(err)
	}
	ts := trees(set)
	var want bytes.Buffer
	wantErr := set.Execute(&want, d)
	if wantErr != nil && strings.Contains(wantErr.Error(), "escap") {
		t.Fatalf("escaping failed: %v", wantErr)
	}
	p, err := compile(ts, "page", fm)
	if c.refuse {
		if err == nil {
			t.Fatal("compiled; want refused")
		}
		return
	}
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	var got bytes.Buffer
	gotErr := p.execute(&got, d)
	switch {
	case wantErr != nil && gotErr == nil:
		t.Errorf("html/template failed (%v); the executor wrote %q", wantErr, got.String())
	case wantErr == nil && gotErr != nil && !c.bails:
		t.Errorf("executor bailed out: %v; html/template wrote %q", gotErr, want.String())
	case wantErr == nil && gotErr == nil && got.String() != want.String():
		t.Errorf("executor wrote\n%q\nhtml/template\n%q", got.String(), want.String())
	}
}

// TestFuncMapBeforeBuiltins checks that a function of the FuncMap named as
// a builtin is the one called, as in text/template.
func TestFuncMapBeforeBuiltins(t *testing.T) {
	fm := template.FuncMap{"len": func(any) int { return 42 }}
	for _, d := range []any{"abc", sample()} {
		compareWith(t, executorCase{text: `{{len .}}`}, d, fm)
	}
}

// TestConcurrentFirstRuns runs partials that call one another for the
// first time on several goroutines at once, as a build does: under -race,
// compile must not read what html/template writes as it escapes.
func TestConcurrentFirstRuns(t *testing.T) {
	root := template.Must(template.New(baseFile).Funcs(layoutFuncs).Parse(`{{define "x"}}<b>{{.}}</b>{{end}}{{define "p"}}<i>{{template "x" .}}</i>{{end}}`))
	s := newSet(root)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for _, name := range []string{"p", "x", "p", "x"}[i%2:] {
				if _, err := s.Partial(name, "a<b"); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for _, name := range []string{"p", "x"} {
		if got, err := s.Partial(name, "a<b"); err != nil || !strings.Contains(string(got), "<b>a&lt;b</b>") {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}

// TestPrepare checks that only a template that starts with text is
// compiled before its first run: running any other on no data could run
// much of it (a partial that calls itself on .Parent where .IsRoot is
// false would recurse 100,000 deep), but one that starts with text stops
// at its first byte.
func TestPrepare(t *testing.T) {
	root := template.Must(template.New(baseFile).Funcs(layoutFuncs).Parse(`{{define "text"}}<p>{{.}}</p>{{end}}` +
		`{{define "crumbs"}}{{if .IsRoot}}{{else}}{{template "crumbs" .Parent}}{{end}}<a>{{.Name}}</a>{{end}}` +
		`{{define "bad"}}<a href="{{.}}{{end}}`))
	s := newSet(root)
	for name, want := range map[string]bool{"text": true, "crumbs": false, "bad": false} {
		e := s.partials[name]
		e.prepare()
		if got := e.prog.Load() != nil; got != want {
			t.Errorf("%s compiled before its first run: %v, want %v (%v)", name, got, want, e.why)
		}
	}
	if _, err := s.Partial("bad", "x"); err == nil {
		t.Error("a template that html/template cannot escape ran")
	}
}

// TestSetFallsBack checks that a page the executor gives up on is rendered
// by html/template whole, with nothing the executor wrote before it gave
// up.
func TestSetFallsBack(t *testing.T) {
	root, err := template.New(baseFile).Funcs(layoutFuncs).Parse(`<p>{{.Title}}</p>{{if .One}}{{.One.Self.Name}}{{end}}{{range $k, $v := .Map}}{{$k}}{{end}}`)
	if err != nil {
		t.Fatal(err)
	}
	s := newSet(root)
	s.kinds["page"] = &entry{set: root, trees: trees(root), name: baseFile}
	var first, second bytes.Buffer
	if err := s.Render(&first, "page", sample()); err != nil {
		t.Fatal(err)
	}
	if err := s.Render(&second, "page", sample()); err != nil {
		t.Fatal(err)
	}
	if s.kinds["page"].prog.Load() == nil {
		t.Fatalf("not compiled: %v", s.kinds["page"].why)
	}
	want := `<p>Kế hoạch &lt;số&gt; 21 &#43; ` + "\uFFFD" + ` &#39;x&#39;</p>Ban Tổ chứckz`
	if first.String() != want || second.String() != want || s.Fallbacks() != 2 {
		t.Errorf("runs wrote %q and %q with %d fallbacks; want %q twice, 2 fallbacks", first.String(), second.String(), s.Fallbacks(), want)
	}
}

func TestDemote(t *testing.T) {
	in := template.HTML(`<h2 id="ii-1">1. Mục tiêu</h2><p>h2 <code>&lt;h2&gt;</code></p><h3>a</h3><h6>b</h6><hr>`)
	want := template.HTML(`<h3 id="ii-1">1. Mục tiêu</h3><p>h2 <code>&lt;h2&gt;</code></p><h4>a</h4><h6>b</h6><hr>`)
	if got := demote(in); got != want {
		t.Errorf("demote:\n got %s\nwant %s", got, want)
	}
}

func TestNobreak(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kế hoạch thực hiện Nghị quyết số 21-NQ/TW", `Kế hoạch thực hiện Nghị quyết số <span class="nowrap">21-NQ/TW</span>`},
		{"Giai đoạn 2022-2025 & <x>", `Giai đoạn <span class="nowrap">2022-2025</span> &amp; &lt;x&gt;`},
		{"tổ chức chính trị-xã hội", "tổ chức chính trị-xã hội"},
		{"Chỉ thị 28-CT/TW<b>", `Chỉ thị <span class="nowrap">28-CT/TW&lt;b&gt;</span>`},
	}
	for _, tt := range tests {
		if got := string(nobreak(tt.in)); got != tt.want {
			t.Errorf("nobreak(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
