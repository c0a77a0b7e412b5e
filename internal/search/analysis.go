package search

import (
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

const (
	wordsAnalyzer = "kehoach-words" // exact and folded form of each word, at the same position
	pairsAnalyzer = "kehoach-pairs" // folded bigrams: "to chuc", "chuc co"
)

// register adds this package's analyzers to bleve's registry, once per
// process: bleve looks analyzers up by name when it opens an index.
var register = sync.OnceValue(func() error {
	if err := registry.RegisterAnalyzer(wordsAnalyzer, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return wordsAnalysis{}, nil
	}); err != nil {
		return err
	}
	return registry.RegisterAnalyzer(pairsAnalyzer, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return pairsAnalysis{}, nil
	})
})

// wordsAnalysis splits a terms field (see terms.go): each word, and its
// folded form when it has one, at the same position.
type wordsAnalysis struct{}

func (wordsAnalysis) Analyze(input []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)/4)
	pos := 0
	for _, w := range strings.Fields(string(input)) {
		pos++
		exact, folded, two := strings.Cut(w, formSep)
		out = append(out, token(exact, pos))
		if two {
			out = append(out, token(folded, pos))
		}
	}
	return out
}

// pairsAnalysis emits the bigrams of each line of a pairs field.
type pairsAnalysis struct{}

func (pairsAnalysis) Analyze(input []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)/4)
	pos := 0
	for _, line := range strings.Split(string(input), "\n") {
		words := strings.Fields(line)
		for i := 1; i < len(words); i++ {
			pos++
			out = append(out, token(pair(words[i-1], words[i]), pos))
		}
	}
	return out
}

func pair(a, b string) string { return a + " " + b }

func token(term string, pos int) *analysis.Token {
	return &analysis.Token{Term: []byte(term), Position: pos, Type: analysis.AlphaNumeric}
}
