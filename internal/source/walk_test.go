package source

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestPages checks that Pages lists what Read reads, and only that.
func TestPages(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":         {Data: []byte("Trang chủ.\n")},
		"content/plan/01-a.md":      {Data: []byte("+++\ntitle = \"I\"\n+++\nPhần I.\n")},
		"content/plan/01-a.md~":     {Data: []byte("backup")},
		"content/.git/HEAD.md":      {Data: []byte("hidden folder")},
		"content/updates/.draft.md": {Data: []byte("hidden file")},
		"content/img/logo.png":      {Data: []byte("asset")},
	}
	var read []string
	for _, f := range Read(fsys, "content", nil).Pages {
		read = append(read, f.Path)
	}
	got := Pages(fsys, "content")
	if want := []string{"content/_index.md", "content/plan/01-a.md"}; !slices.Equal(got, want) {
		t.Errorf("Pages = %q, want %q", got, want)
	}
	if !slices.Equal(got, read) {
		t.Errorf("Pages = %q, Read read %q", got, read)
	}
	if got := Pages(fsys, "missing"); len(got) != 0 {
		t.Errorf("Pages of a missing folder = %q, want none", got)
	}
}
