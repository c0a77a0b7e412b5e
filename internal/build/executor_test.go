package build

import (
	"bytes"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestExecutorMatchesHTMLTemplate builds the real site and every fixture
// twice, with the layouts run by tmpl's executor and by html/template
// alone, and compares every file written. It also checks that the executor
// ran every layout of the real site to the end: no template of the default
// layouts is left to html/template.
func TestExecutorMatchesHTMLTemplate(t *testing.T) {
	sites := map[string]string{"real site": "../.."}
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
			if name == "real site" {
				if n := res.Layouts.Executed(); n < int64(res.Pages) {
					t.Errorf("the executor ran %d times for %d pages", n, res.Pages)
				}
				if n := res.Layouts.Fallbacks(); n != 0 {
					t.Errorf("executor fell back to html/template %d times", n)
				}
				for _, err := range res.Layouts.Interpreted() {
					t.Errorf("not executed by the executor: %v", err)
				}
			}
		})
	}
}
