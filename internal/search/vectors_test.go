package search

import (
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/fold.json from the Go analysis")

// foldVector is one case of testdata/fold.json, the test vectors that the
// Go analysis and the browser's (static/js/vnsearch.js, checked by
// internal/e2e) must both pass: a text, its words as [exact, folded], and
// the document numbers it cites.
type foldVector struct {
	Text    string      `json:"text"`
	Words   [][2]string `json:"words"`
	Numbers []string    `json:"numbers"`
}

const vectorsFile = "testdata/fold.json"

func analyseVector(text string) foldVector {
	a := analyse(text)
	v := foldVector{Text: text, Words: [][2]string{}, Numbers: documentNumbers(text)}
	for i := range a.exact {
		v.Words = append(v.Words, [2]string{a.exact[i], a.folded[i]})
	}
	if v.Numbers == nil {
		v.Numbers = []string{}
	}
	return v
}

// TestFoldVectors checks the Go analysis against the shared vectors. With
// -update it rewrites their expected values; review the diff.
func TestFoldVectors(t *testing.T) {
	raw, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	var vectors []foldVector
	if err := json.Unmarshal(raw, &vectors); err != nil {
		t.Fatal(err)
	}
	if len(vectors) < 40 {
		t.Fatalf("only %d vectors", len(vectors))
	}
	for i, v := range vectors {
		got := analyseVector(v.Text)
		if *update {
			vectors[i] = got
			continue
		}
		if diff := cmp.Diff(v, got); diff != "" {
			t.Errorf("%q (-want, +got):\n%s", v.Text, diff)
		}
	}
	if *update {
		out, err := json.MarshalIndent(vectors, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(vectorsFile, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
