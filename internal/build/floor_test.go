package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/kehoach/kehoach/internal/parallel"
)

// BenchmarkFloor is the least a generator written in Go spends on the site
// of BenchmarkBuild/10000: every content file read, its body converted by
// goldmark alone (CommonMark, GFM and footnotes, as kehoach's Markdown
// without its own additions) and written as its folder's index.html into a
// new folder, on as many goroutines as the build writes pages with; no
// templates, model, references, feeds or exports. Beside BenchmarkBuild
// it says how much of a build is left to make faster:
//
//	go test ./internal/build -run '^$' -bench '^BenchmarkBuild$/10000|Floor' -benchtime 5x
func BenchmarkFloor(b *testing.B) {
	site := generated(b, 10000)
	var files []string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	out := b.TempDir()
	workers := max(16, 4*runtime.GOMAXPROCS(0)) // as Build's writers
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		dest := filepath.Join(out, strconv.Itoa(i))
		errs := make([]error, len(files))
		parallel.With(len(files), workers, func() func(int) {
			var buf bytes.Buffer
			return func(k int) { errs[k] = floorPage(md, &buf, site, files[k], dest) }
		})
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(files)), "pages")
	}
}

// floorPage converts one content file of site into dest/<its path>/index.html.
func floorPage(md goldmark.Markdown, buf *bytes.Buffer, site, file, dest string) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	body := raw
	if rest, ok := bytes.CutPrefix(raw, []byte("+++\n")); ok {
		if _, after, found := bytes.Cut(rest, []byte("\n+++\n")); found {
			body = after
		}
	}
	buf.Reset()
	if err := md.Convert(body, buf); err != nil {
		return err
	}
	rel, err := filepath.Rel(filepath.Join(site, "content"), strings.TrimSuffix(file, ".md"))
	if err != nil {
		return err
	}
	dir := filepath.Join(dest, rel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644)
}
