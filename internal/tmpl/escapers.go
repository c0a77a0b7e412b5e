package tmpl

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// This file holds the executor's own copies of the escaping functions that
// html/template inserts into the pipelines of a template when it escapes
// it ("_html_template_htmlescaper" and the like). html/template does not
// export them, and calling them through text/template's reflection costs
// about a microsecond each. Each copy must give exactly the original's
// output for every input; escapers_test.go checks them against html/template
// itself on thousands of values. An escaper that the executor does not
// have makes the template run on html/template alone (see compile).

// content is the kind of text a value holds, as html/template's typed
// strings (template.HTML, template.URL…) declare it.
type content uint8

const (
	plainText content = iota
	htmlText
	urlText
)

// escaper escapes s, of kind c, for one context. ok is false when the
// executor cannot reproduce html/template for this input (HTML stripped of
// its tags for an attribute): the page is then rendered by html/template.
type escaper func(s string, c content) (out string, ok bool)

// escapers are the executor's copies, by the name html/template gives them.
var escapers = map[string]escaper{
	"_html_template_htmlescaper":   escapeHTML,
	"_html_template_attrescaper":   escapeAttr,
	"_html_template_rcdataescaper": escapeRCDATA,
	"_html_template_urlfilter":     filterURL,
	"_html_template_urlnormalizer": normalizeURL,
	"_html_template_urlescaper":    escapeURL,
}

// stringified is what html/template's escapers make of the value v before
// escaping it: its text and the kind of content its type declares.
func stringified(v reflect.Value) (string, content) {
	if v.IsValid() && v.Kind() == reflect.String {
		switch v.Type() {
		case stringType:
			return v.String(), plainText
		case htmlType:
			return v.String(), htmlText
		case urlType:
			return v.String(), urlText
		}
	}
	var a any
	if v.IsValid() {
		a = v.Interface()
	}
	return stringifiedAny(a)
}

var (
	stringType = reflect.TypeFor[string]()
	htmlType   = reflect.TypeFor[template.HTML]()
	urlType    = reflect.TypeFor[template.URL]()
)

// stringifiedAny is stringified for any value: a typed string, through
// pointers to it, keeps its kind; anything else is printed by fmt, after
// following pointers up to a Stringer or an error.
func stringifiedAny(a any) (string, content) {
	if a == nil {
		return "", plainText
	}
	switch s := derefAll(a).(type) {
	case string:
		return s, plainText
	case template.HTML:
		return string(s), htmlText
	case template.URL:
		return string(s), urlText
	}
	v := reflect.ValueOf(a)
	for !v.Type().Implements(stringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return fmt.Sprint(v.Interface()), plainText
}

var (
	stringerType = reflect.TypeFor[fmt.Stringer]()
	errorType    = reflect.TypeFor[error]()
)

// derefAll follows the pointers of a to the value at their end.
func derefAll(a any) any {
	v := reflect.ValueOf(a)
	if v.Kind() != reflect.Pointer {
		return a
	}
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// escapeHTML is for text between tags: HTML passes as it is.
func escapeHTML(s string, c content) (string, bool) {
	if c == htmlText {
		return s, true
	}
	return replaceHTML(s, true), true
}

// escapeAttr is for a quoted attribute value.
func escapeAttr(s string, c content) (string, bool) {
	if c == htmlText {
		return "", false // html/template strips its tags first
	}
	return replaceHTML(s, true), true
}

// escapeRCDATA is for the text of <title> and <textarea>: HTML keeps its
// entities.
func escapeRCDATA(s string, c content) (string, bool) {
	return replaceHTML(s, c != htmlText), true
}

// replaceHTML replaces the characters that are special in HTML, and NUL,
// by references; with amp false, '&' stays, so that the entities of HTML
// content survive. Only ASCII bytes are replaced, so invalid UTF-8 passes
// through as it is.
func replaceHTML(s string, amp bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			if !amp {
				continue
			}
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// filterURL replaces a URL of a scheme other than http, https and mailto
// by "#ZgotmplZ", unless its type says it is a URL.
func filterURL(s string, c content) (string, bool) {
	if c == urlText {
		return s, true
	}
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			return "#ZgotmplZ", true
		}
	}
	return s, true
}

// normalizeURL percent-encodes what may not appear in a URL, keeping its
// reserved characters and valid escapes.
func normalizeURL(s string, c content) (string, bool) {
	return percentEncode(s, true), true
}

// escapeURL percent-encodes all but the unreserved characters of a URL
// part, unless its type says it is a URL, which is only normalized.
func escapeURL(s string, c content) (string, bool) {
	return percentEncode(s, c == urlText), true
}

func percentEncode(s string, keepReserved bool) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			if keepReserved {
				continue
			}
		case c == '%':
			if keepReserved && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
