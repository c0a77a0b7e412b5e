package build

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/source"
)

func TestAcrossFolders(t *testing.T) {
	for _, tc := range []struct {
		files []string
		want  []int
	}{
		{nil, []int{}},
		{[]string{"index.html"}, []int{0}},
		{[]string{"a/1.html", "a/2.html", "a/3.html", "b/1.html", "c/1.html", "c/2.html"}, []int{0, 3, 4, 1, 5, 2}},
		{[]string{"a/1.html", "b/1.html", "a/2.html", "index.html", "a/b/1.html"}, []int{0, 1, 3, 4, 2}},
	} {
		jobs := make([]job, len(tc.files))
		for i, f := range tc.files {
			jobs[i].file = f
		}
		if got := acrossFolders(jobs); !slices.Equal(got, tc.want) {
			t.Errorf("acrossFolders(%q) = %v, want %v", tc.files, got, tc.want)
		}
	}
}

func TestCacheable(t *testing.T) {
	n := 1
	for _, tc := range []struct {
		data any
		want bool
	}{
		{nil, false}, {&n, true}, {"a", true}, {1, true}, {uint8(1), true}, {true, true},
		{0.5, false}, {struct{ A string }{"a"}, false}, {[]int{1}, false}, {[1]int{1}, false},
	} {
		if got := cacheable(tc.data); got != tc.want {
			t.Errorf("cacheable(%#v) = %v, want %v", tc.data, got, tc.want)
		}
	}
}

// TestNotFoundBasePath builds with the path a web server serves the site
// under: every link of 404.html starts from it, since the server answers
// any missing address, at any depth, with that page; the other pages keep
// their relative links.
func TestNotFoundBasePath(t *testing.T) {
	_, mem, err := buildDir(t, repoRoot, Options{BasePath: "/kehoach/"})
	if err != nil {
		t.Fatal(err)
	}
	files := mem.Files()
	links := regexp.MustCompile(`(?:href|src|action)="([^"#][^"]*)"`)
	found := 0
	for _, m := range links.FindAllStringSubmatch(string(files["404.html"]), -1) {
		found++
		if !strings.HasPrefix(m[1], "/kehoach/") && !strings.HasPrefix(m[1], "data:") {
			t.Errorf("404.html links to %q, not from /kehoach/", m[1])
		}
	}
	if found < 10 {
		t.Errorf("404.html has %d links, want its header's, stylesheet's and scripts'", found)
	}
	if page := string(files["plan/index.html"]); strings.Contains(page, `"/kehoach/`) {
		t.Errorf("plan/index.html has links from /kehoach/: only 404.html should")
	}
}

// TestPageErrorsOnce reports an error every page hit once: at the first
// page when it stands at each page's own file, at the layout's line when
// it names one, with the page it was rendering.
func TestPageErrorsOnce(t *testing.T) {
	var jobs []job
	var errs []error
	for i := range 4 {
		jobs = append(jobs, job{file: fmt.Sprintf("tasks/a/t%d.html", i), pos: source.Pos{File: fmt.Sprintf("content/tasks/a/t%d.md", i), Line: 1}})
		errs = append(errs, errors.New("build stopped: context canceled"))
	}
	jobs = append(jobs, job{file: "tasks/a/t8.html", pos: source.Pos{File: "content/tasks/a/t8.md", Line: 1}},
		job{file: "tasks/a/t9.html", pos: source.Pos{File: "content/tasks/a/t9.md", Line: 1}},
		job{file: "deadlines/index.html", pos: source.Pos{File: "layouts/deadlines.html"}})
	errs = append(errs, errors.New("layouts/task.html:2:11: <.Nope>: model.Task has no field or method Nope"),
		errors.New("layouts/task.html:2:11: <.Nope>: model.Task has no field or method Nope"),
		errors.New("layouts/deadlines.html:3:4: <.Nope>: build.view has no field or method Nope"))
	var got []string
	for _, e := range pageErrors(jobs, errs) {
		got = append(got, e.Error())
	}
	want := []string{
		"content/tasks/a/t0.md:1: build stopped: context canceled (and 3 more pages)",
		"layouts/task.html:2:11: <.Nope>: model.Task has no field or method Nope (rendering content/tasks/a/t8.md and 1 more page)",
		"layouts/deadlines.html:3:4: <.Nope>: build.view has no field or method Nope (rendering deadlines/index.html)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
