package search

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkAnalyse analyses the plan's text a paragraph at a time, as
// indexing analyses each document's title, section, text and extra words.
func BenchmarkAnalyse(b *testing.B) {
	raw, err := os.ReadFile("../../../shared/source/ke-hoach-nq21.txt")
	if err != nil {
		b.Skip("the plan's text is beside the checkout:", err)
	}
	paragraphs := strings.Split(string(raw), "\n")
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paragraphs {
			analyse(p)
		}
	}
}
