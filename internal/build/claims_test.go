package build

import (
	"testing"

	"github.com/kehoach/kehoach/internal/source"
)

// TestClaimsFoldersAndFiles: a file may not stand where another file needs
// a folder, whichever comes first.
func TestClaimsFoldersAndFiles(t *testing.T) {
	c := newClaims()
	var errs source.ErrorList
	ok := func(name, from string) bool { return c.claim(name, source.Pos{File: from}, &errs) }
	if !ok("calendar/a.ics", "content/agencies/a.md") || !ok("calendar/b.ics", "content/agencies/b.md") || !ok("plan/index.html", "content/plan/_index.md") {
		t.Fatalf("files apart: %v", errs)
	}
	if ok("calendar", "static/calendar") || ok("plan/index.html/z", "static/plan/index.html/z") || ok("calendar/a.ics/x", "static/x") {
		t.Error("a file where a folder is needed, or a file inside a file, was claimed")
	}
	want := []string{
		"static/calendar: would write the file calendar where calendar/a.ics needs a folder: rename one of them",
		"static/plan/index.html/z: would write plan/index.html/z inside plan/index.html, which content/plan/_index.md writes as a file: rename one of them",
		"static/x: would write calendar/a.ics/x inside calendar/a.ics, which content/agencies/a.md writes as a file: rename one of them",
	}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %d", errs, len(want))
	}
	for i, e := range errs {
		if e.Error() != want[i] {
			t.Errorf("error %d = %q, want %q", i, e.Error(), want[i])
		}
	}
	if ok("_search", "static/_search") || ok("search/data", "static/search/data") || ok("search", "static/search") {
		t.Error("a file was claimed where the search index needs a folder")
	}
	errs = nil
	if !ok("calendar2/a.ics", "x") || c.has("calendar") {
		t.Error("a refused claim was kept, or a name beside a folder refused")
	}
}
