package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestNextToken(t *testing.T) {
	for text, want := range map[string][]string{
		"Tỉnh ủy, Ban  Tổ chức.": {"Tỉnh ", "ủy", ", ", "Ban ", " ", "Tổ ", "chức", "."},
		"21-NQ/TW\n(2022)":       {"21", "-", "NQ", "/", "TW", "\n(", "2022", ")"},
		" a":                     {" ", "a"},
		"hoà\u0300 x":            {"hoà\u0300 ", "x"},
		"":                       nil,
	} {
		var got []string
		for s := text; s != ""; {
			var tok string
			tok, s = nextToken(s)
			got = append(got, tok)
		}
		if !slices.Equal(got, want) {
			t.Errorf("tokens of %q: %q, want %q", text, got, want)
		}
	}
}

// TestTextCodec writes texts whose tokens outnumber the table and reads
// them back: the commonest tokens are numbered, the others written out.
func TestTextCodec(t *testing.T) {
	var words []string
	for i := range maxTokens + 500 {
		words = append(words, fmt.Sprintf("từ%d", i))
	}
	// Each word twice, "từ1 " three times.
	texts := []string{strings.Join(words, " "), strings.Join(words, " ") + " ", "từ1 một lần"}
	c := newTextCodec(texts)
	if len(c.tokens) != maxTokens || c.tokens[0] != "từ1 " {
		t.Fatalf("table of %d tokens starting %q; want %d starting with the commonest, %q", len(c.tokens), c.tokens[:1], maxTokens, "từ1 ")
	}
	var d staticJSON
	for _, text := range texts {
		var w fileWriter
		c.encode(&w, text)
		d.Coded = append(d.Coded, json.RawMessage(w.b.Bytes()))
	}
	if got := d.texts(t, c.tokens); !slices.Equal(got, texts) {
		t.Errorf("texts read back differ:\n%.200q\nwant\n%.200q", got, texts)
	}
}

// TestTextCodecOddTexts reads back texts that are empty, wholly written
// out, or hold what JSON or a script must escape; invalid UTF-8 reads back
// as the JSON writer repairs it.
func TestTextCodecOddTexts(t *testing.T) {
	texts := []string{
		"",
		"một lần duy nhất",
		`"trích" \ </script> <!-- & ` + "\u2028\x01\t\n",
		`"trích" \ </script> <!-- & ` + "\u2028\x01\t\n",
		"a\xffb \xfe\xfd c",
		"a\xffb \xfe\xfd c",
	}
	c := newTextCodec(texts)
	var d staticJSON
	for _, text := range texts {
		var w fileWriter
		c.encode(&w, text)
		if !json.Valid(w.b.Bytes()) {
			t.Fatalf("%q is written as invalid JSON: %s", text, w.b.Bytes())
		}
		d.Coded = append(d.Coded, json.RawMessage(w.b.Bytes()))
	}
	var table fileWriter // the table as index.js carries it
	table.list(c.tokens)
	var tokens []string
	if err := json.Unmarshal(table.b.Bytes(), &tokens); err != nil {
		t.Fatalf("table %s: %v", table.b.Bytes(), err)
	}
	got := d.texts(t, tokens)
	for i, text := range texts {
		if want := strings.ToValidUTF8(text, "\uFFFD"); got[i] != want {
			t.Errorf("%q reads back as %q, want %q", text, got[i], want)
		}
	}
}
