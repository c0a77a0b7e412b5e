package tmpl

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// escapingPage puts one value in every context whose escapers the executor
// has a copy of.
const escapingPage = `<p>{{.}}</p><title>{{.}}</title><textarea>{{.}}</textarea>` +
	`<a href="{{.}}" title="{{.}}" data-x='{{.}}'>a</a>` +
	`<a href="/p/{{.}}?q={{.}}&r=x{{.}}#{{.}}">b</a><img src="{{.}}" alt="{{.}}">`

// escapingInputs are strings that exercise the escapers: every byte that
// any of them treats specially, schemes, escapes valid and not, invalid
// UTF-8, Vietnamese.
var escapingInputs = []string{
	"", "plain", "Ủy ban Kiểm tra", "a&b<c>d\"e'f+g\x00h",
	"javascript:alert(1)", "JavaScript:x", "http://x.vn/a b?c=d&e=f#g", "HTTPS://X", "mailto:a@b.vn",
	"data:text/html,x", "/đường/dẫn", "a:b/c", "./a:b", "%41%4g%", "%", "%4", "%zz", "100%",
	"!#$&*+,/:;=?@[]", "-._~", "\x7f\x80\xff", "\xe1\xbb", "a\tb\nc\rd\fe f`g=h", "&amp;&lt;", "&#39;",
}

func TestEscapersMatchHTMLTemplate(t *testing.T) {
	inputs := append([]string(nil), escapingInputs...)
	r := rand.New(rand.NewPCG(21, 2022))
	const alphabet = "aZ09 -._~!#$&*+,/:;=?@[]%\"'<>`\x00\t\n\x7fđẻ\xff"
	for range 2000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		compareEscaping(t, s)
	}
}

func FuzzEscapers(f *testing.F) {
	for _, s := range escapingInputs {
		f.Add(s)
	}
	f.Fuzz(compareEscaping)
}

// compareEscaping runs escapingPage on s as a string, as HTML and as a
// URL, both ways.
func compareEscaping(t *testing.T, s string) {
	for _, v := range []any{s, template.HTML(s), template.URL(s), &s, []byte(s)} {
		page := escapingPage
		if _, ok := v.(template.HTML); ok {
			page = strings.NewReplacer(` title="{{.}}"`, ``, ` data-x='{{.}}'`, ``, ` alt="{{.}}"`, ``).Replace(page)
		}
		set := template.Must(template.New("page").Parse(page))
		ts := trees(set)
		var want, got bytes.Buffer
		if err := set.Execute(&want, v); err != nil {
			t.Fatal(err)
		}
		p, err := compile(ts, "page", nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.execute(&got, v); err != nil {
			t.Fatalf("%T %q: %v", v, s, err)
		}
		if got.String() != want.String() {
			t.Errorf("%T %q:\nexecutor      %q\nhtml/template %q", v, s, got.String(), want.String())
		}
	}
}
