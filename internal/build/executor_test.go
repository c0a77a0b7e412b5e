package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kehoach/kehoach/internal/sitegen"
	"golang.org/x/tools/txtar"
)

// TestExecutorMatchesHTMLTemplate builds the real site, a generated one
// and every fixture twice, with the layouts run by tmpl's executor and by html/template
// alone, and compares every file written. It also checks that the executor
// ran every layout of the real and the generated site to the end: no
// template of the default layouts is left to html/template.
func TestExecutorMatchesHTMLTemplate(t *testing.T) {
	sites := map[string]string{"real site": "../..", "generated site": generatedSite(t, 400)}
	fixtures, err := filepath.Glob("testdata/sites/*.txtar")
	must(t, err)
	for _, f := range fixtures {
		ar, err := txtar.ParseFile(f)
		must(t, err)
		sites[filepath.Base(f)] = writeSite(t, ar)
	}
	for name, dir := range sites {
		t.Run(name, func(t *testing.T) {
			res, fast, errFast := buildDir(t, dir, Options{Drafts: true})
			_, std, errStd := buildDir(t, dir, Options{Drafts: true, standardTemplates: true})
			if (errFast == nil) != (errStd == nil) || errFast != nil && errFast.Error() != errStd.Error() {
				t.Fatalf("errors differ:\nexecutor:      %v\nhtml/template: %v", errFast, errStd)
			}
			if errFast != nil {
				return
			}
			a, b := fast.Files(), std.Files()
			if len(a) != len(b) {
				t.Errorf("%d files with the executor, %d with html/template", len(a), len(b))
			}
			for f, want := range b {
				if got, ok := a[f]; !ok || !bytes.Equal(got, want) {
					t.Errorf("%s differs", f)
				}
			}
			if name != "generated site" && name != "real site" {
				return // fixtures may use what the executor leaves to html/template
			}
			if n := res.Layouts.Executed(); n < int64(res.Pages) {
				t.Errorf("the executor ran %d times for %d pages", n, res.Pages)
			}
			if n := res.Layouts.Fallbacks(); n != 0 {
				t.Errorf("executor fell back to html/template %d times", n)
			}
			for _, why := range res.Layouts.Interpreted() {
				t.Errorf("not executed by the executor: %s", why)
			}
		})
	}
}

// generatedSite is a site of n pages of the content model, its text
// sampled from the plan.
func generatedSite(t *testing.T, n int) string {
	t.Helper()
	corpus, _ := os.ReadFile(filepath.Join(repoRoot, "..", "shared", "source", "ke-hoach-nq21.txt"))
	dir := t.TempDir()
	must(t, sitegen.Generate(dir, sitegen.Options{Pages: n, Seed: 7, Corpus: string(corpus)}))
	return dir
}
