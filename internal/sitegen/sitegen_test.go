package sitegen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// testCorpus has quotes, a backslash and a pipe, to exercise escaping.
const testCorpus = fallbackCorpus + `
- Tham mưu ban hành "Quy chế mẫu" và hướng dẫn \ phụ lục | số liệu của Ban Tổ chức Tỉnh ủy cho các chi bộ trực thuộc.
`

func generate(t *testing.T, pages int, seed int64) string {
	t.Helper()
	dir := t.TempDir()
	if err := Generate(dir, Options{Pages: pages, Seed: seed, Corpus: testCorpus}); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "content")
}

// readTree maps slash paths below root to file contents.
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func countPrefix(files map[string]string, prefix string) int {
	n := 0
	for p := range files {
		if strings.HasPrefix(p, prefix) {
			n++
		}
	}
	return n
}

var fmLine = regexp.MustCompile(`^[a-z_]+ = ("([^"\\]|\\.)*"|\[.*\]|-?[0-9]+|true|false|\d{4}-\d\d-\d\d)$`)

// frontMatterOf checks the +++ block and returns its lines as key -> value.
func frontMatterOf(t *testing.T, name, text string) map[string]string {
	t.Helper()
	if !strings.HasPrefix(text, "+++\n") {
		t.Fatalf("%s: does not start with +++", name)
	}
	end := strings.Index(text[4:], "\n+++\n")
	if end < 0 {
		t.Fatalf("%s: front matter not closed by +++", name)
	}
	fm := map[string]string{}
	for _, line := range strings.Split(text[4:4+end], "\n") {
		if !fmLine.MatchString(line) {
			t.Fatalf("%s: malformed front matter line %q", name, line)
		}
		k, v, _ := strings.Cut(line, " = ")
		fm[k] = v
	}
	return fm
}

func TestGenerateCounts(t *testing.T) {
	files := readTree(t, generate(t, 200, 7))
	want := map[string]int{
		"agencies/": AgencyCount, "tasks/": 120, "guidance/": 4, "updates/": 76, "plan/": 2,
	}
	for prefix, n := range want {
		if got := countPrefix(files, prefix); got != n {
			t.Errorf("%s: %d files, want %d", prefix, got, n)
		}
	}
	if _, ok := files["_index.md"]; !ok {
		t.Error("content/_index.md missing")
	}
	if len(files) != 1+2+AgencyCount+200 {
		t.Errorf("%d files in all", len(files))
	}
}

func TestGenerateFrontMatterAndRefs(t *testing.T) {
	files := readTree(t, generate(t, 200, 7))
	forms := map[string]bool{}
	var bodies, bodyBytes int
	for name, text := range files {
		fm := frontMatterOf(t, name, text)
		if fm["title"] == "" {
			t.Errorf("%s: no title", name)
		}
		if strings.HasPrefix(name, "tasks/") {
			checkTask(t, files, name, fm)
			forms[deadlineForm(fm["deadline"])] = true
		}
		if strings.HasPrefix(name, "tasks/") || strings.HasPrefix(name, "updates/") {
			bodies++
			bodyBytes += len(text) - strings.Index(text[4:], "\n+++\n") - 9
		}
		if strings.HasPrefix(name, "updates/") {
			if fm["draft"] != "false" || !strings.HasPrefix(name, "updates/"+fm["date"][:4]+"/") {
				t.Errorf("%s: draft %s, date %s", name, fm["draft"], fm["date"])
			}
		}
	}
	for _, f := range []string{"quarter", "month", "day", "days", "year", "ongoing", "conditional", "programme"} {
		if !forms[f] {
			t.Errorf("no task with a %s deadline", f)
		}
	}
	if avg := bodyBytes / bodies; avg < 3300 || avg > 4400 {
		t.Errorf("average body %d bytes, want about 3800", avg)
	}
	if !strings.Contains(files["plan/01-part.md"], "\n1. ") {
		t.Error("plan part has no ordered list item 1.")
	}
}

func checkTask(t *testing.T, files map[string]string, name string, fm map[string]string) {
	t.Helper()
	agency := strings.Trim(fm["agency"], `"`)
	if !strings.HasPrefix(name, "tasks/"+agency+"/") {
		t.Errorf("%s: lead agency %s is not its folder", name, agency)
	}
	refs := append([]string{agency}, regexp.MustCompile(`"([^"]*)"`).FindAllString(fm["partners"], -1)...)
	for _, a := range refs {
		if _, ok := files["agencies/"+strings.Trim(a, `"`)+".md"]; !ok {
			t.Errorf("%s: agency %s has no page", name, a)
		}
	}
	if !regexp.MustCompile(`^"G\.\d+"$`).MatchString(fm["id"]) || fm["plan_ref"] != `"`+planRef+`"` {
		t.Errorf("%s: id %s plan_ref %s", name, fm["id"], fm["plan_ref"])
	}
	switch fm["status"] {
	case `"planned"`, `"in-progress"`, `"done"`:
	default:
		t.Errorf("%s: status %s", name, fm["status"])
	}
	conditional := fm["deadline"] == `"conditional"` || fm["deadline"] == `"programme"`
	if _, ok := fm["awaits"]; ok != conditional {
		t.Errorf("%s: deadline %s with awaits %q", name, fm["deadline"], fm["awaits"])
	}
}

func deadlineForm(v string) string {
	forms := []struct{ form, re string }{
		{"quarter", `^"\d{4}-Q[1-4]"$`},
		{"month", `^"\d{4}-\d\d"$`},
		{"day", `^"\d{4}-\d\d-\d\d"$`},
		{"days", `^\["\d{4}-\d\d-\d\d"(, "\d{4}-\d\d-\d\d")+\]$`},
		{"year", `^"\d{4}"$`},
		{"ongoing", `^"ongoing"$`},
		{"conditional", `^"conditional"$`},
		{"programme", `^"programme"$`},
	}
	for _, f := range forms {
		if regexp.MustCompile(f.re).MatchString(v) {
			return f.form
		}
	}
	return "unknown " + v
}

func TestGenerateDeterministic(t *testing.T) {
	a := readTree(t, generate(t, 200, 42))
	b := readTree(t, generate(t, 200, 42))
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for name, text := range a {
		if !bytes.Equal([]byte(text), []byte(b[name])) {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}
	c := readTree(t, generate(t, 200, 43))
	differ := 0
	for name, text := range a {
		if c[name] != text {
			differ++
		}
	}
	if differ < 200 {
		t.Errorf("seeds 42 and 43 differ in only %d files", differ)
	}
}

func TestGenerateRefusesExistingContent(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Generate(dir, Options{Pages: 1}); err == nil {
		t.Error("Generate wrote into an existing content folder")
	}
	if err := Generate(t.TempDir(), Options{Pages: -1}); err == nil {
		t.Error("Generate accepted a negative page count")
	}
}

func TestTOMLString(t *testing.T) {
	cases := map[string]string{
		`plain`:          `"plain"`,
		`say "hi"`:       `"say \"hi\""`,
		`a\b`:            `"a\\b"`,
		"tab\tnl\n\x01":  `"tab\tnl\n\u0001"`,
		"Đảng “bốn tốt”": `"Đảng “bốn tốt”"`,
	}
	for in, want := range cases {
		if got := tomlString(in); got != want {
			t.Errorf("tomlString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSampleCorpus(t *testing.T) {
	s := SampleCorpus("I- MỤC ĐÍCH\n\n1. Các cấp ủy **nhận thức** đầy đủ vai trò của tổ chức cơ sở đảng. Nêu cao trách nhiệm của người đứng đầu trong tổ chức thực hiện (**Thực hiện thường xuyên**).\n\n- Bullet ngắn.\n")
	want := []string{
		"Các cấp ủy nhận thức đầy đủ vai trò của tổ chức cơ sở đảng.",
		"Nêu cao trách nhiệm của người đứng đầu trong tổ chức thực hiện.",
	}
	if strings.Join(s, "|") != strings.Join(want, "|") {
		t.Errorf("SampleCorpus = %q, want %q", s, want)
	}
}
