package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// goldenPages are the outputs of testdata/sites/minimal.txtar compared with
// testdata/golden/; run "go test ./internal/build -run Golden -update" to
// rewrite them after an intended change, and review the diff.
var goldenPages = []string{
	"index.html",
	"plan/02-muc-tieu.html",
	"agencies/ban-b.html",
	"tasks/ban-a/t01.html",
	"deadlines/index.html",
	"updates/atom.xml",
	"sitemap.xml",
	"tasks.csv",
	"tasks.json",
	"calendar/ban-b.ics",
	"dashboard/index.html",
	"documents/index.html",
}

func TestGolden(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/minimal.txtar")
	must(t, err)
	_, mem, err := buildDir(t, writeSite(t, ar), Options{})
	must(t, err)
	files := mem.Files()
	for _, name := range goldenPages {
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "_"))
		got := files[name]
		if *update {
			must(t, os.MkdirAll(filepath.Dir(golden), 0o755))
			must(t, os.WriteFile(golden, got, 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		must(t, err)
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s differs from %s (-want, +got):\n%s", name, golden, diff)
		}
	}
}
