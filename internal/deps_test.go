// Package internal_test checks that the pipeline's dependencies point one
// way: every stage may use the shared vocabulary (source positions, vntext,
// parallel loops, sysfile, suggest),
// and only build (and the commands) put stages together.
package internal_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/kehoach/kehoach/internal/"

// allowed lists the internal packages each package may import.
var allowed = map[string][]string{
	"vntext":          {},
	"parallel":        {},
	"sysfile":         {},
	"suggest":         {},
	"source":          {"vntext", "parallel", "sysfile"},
	"config":          {"source"},
	"model":           {"source", "vntext", "parallel", "suggest"},
	"markdown":        {"vntext", "docref"},
	"tmpl":            {"suggest", "docref"},
	"output":          {"sysfile"},
	"sitegen":         {},
	"sitegen/gensite": {"sitegen"}, // the command that writes a generated site
	"watch":           {"source"},
	"docref":          {"vntext"},
	"search":          {"vntext", "docref"},
	"serve":           {"search"},
	"e2e":             {"build", "bundle", "output", "search", "serve", "sitegen", "source"},
	"build":           {"config", "source", "model", "markdown", "tmpl", "output", "vntext", "search", "docref", "parallel"},
	"bundle":          {"model", "docref"}, // the commands hand it a build's files; build does not know it
}

// testOnly lists what a package's tests may import besides: the stages that
// make their input (a whole site built in memory).
var testOnly = map[string][]string{
	"bundle": {"build", "output"},
	"serve":  {"output"}, // a preview's build in memory
}

func TestDependenciesPointOneWay(t *testing.T) {
	var files []string // every package's, nested ones (sitegen/gensite) too
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Dir(p) != "." && strings.HasSuffix(p, ".go") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		pkg := filepath.ToSlash(filepath.Dir(f))
		seen[pkg] = true
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package internal/%s is not in the dependency table of deps_test.go", pkg)
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ast, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			dep, internal := strings.CutPrefix(path, module)
			if !internal {
				continue
			}
			dep, _, _ = strings.Cut(dep, "/")
			test := strings.HasSuffix(f, "_test.go")
			input := test && (dep == "sitegen" || slices.Contains(testOnly[pkg], dep))
			if !slices.Contains(ok, dep) && !input {
				t.Errorf("%s imports internal/%s; internal/%s may import only %v", f, dep, pkg, ok)
			}
		}
	}
	if !seen["sitegen/gensite"] {
		t.Error("the walk missed the nested package sitegen/gensite")
	}
	if len(seen) < 8 {
		t.Errorf("found only %d packages", len(seen))
	}
}
