package main

import (
	"testing"
	"time"

	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/search"
)

// TestSummaryIndex checks that the build's summary line tells the three
// layouts of the offline index apart, with their sizes.
func TestSummaryIndex(t *testing.T) {
	for _, tc := range []struct {
		name string
		st   search.StaticReport
		want string
	}{
		{"none", search.StaticReport{}, "built 2 pages (3 files) into out in 1s"},
		{"one file", search.StaticReport{Files: 1, Gzip: 52_500, FirstGzip: 52_500},
			"built 2 pages (3 files) into out in 1s; offline search index 52.5 KB gzipped, one file"},
		{"whole", search.StaticReport{Files: 3, Gzip: 193_800, FirstGzip: 113_300, Chunks: 2, MaxChunk: 47_600},
			"built 2 pages (3 files) into out in 1s; offline search index 193.8 KB gzipped in 3 files, loaded whole (index.js 113.3 KB, text chunks up to 47.6 KB)"},
		{"split", search.StaticReport{Files: 2905, Gzip: 21_100_000, FirstGzip: 2_300, DocsGzip: 85_200, Shards: 293, MaxShard: 64_900, Chunks: 2609, MaxChunk: 6_200},
			"built 2 pages (3 files) into out in 1s; offline search index 21.1 MB gzipped in 2905 files (index.js 2.3 KB, document table 85.2 KB, term shards up to 64.9 KB, text chunks up to 6.2 KB)"},
	} {
		res := &build.Result{Pages: 2, Files: 3, Static: tc.st, Steps: []build.Step{{Name: "total", Took: time.Second}}}
		if got := summary(res, "out"); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
