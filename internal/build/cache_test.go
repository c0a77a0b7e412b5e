package build

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestCacheEditsInTurn builds a site again after each of a series of edits,
// as a preview does (a Cache kept across the builds, pages rendered when
// asked for), and compares every build with a plain build of the same
// files: the same files, byte for byte, or the same errors. The edits change what an
// unchanged page's links and images point at, so that a body reused
// without asking again would show.
func TestCacheEditsInTurn(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/minimal.txtar")
	must(t, err)
	dir := writeSite(t, ar)
	write := func(name, text string) {
		must(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		must(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("content/guidance/link.md", "+++\ntitle = \"Liên kết\"\n+++\n"+
		"Xem [mục 1](../plan/02-muc-tieu.md#ii-1), ![ảnh](anh.png) và Chỉ thị số 28-CT/TW.\n")
	write("content/guidance/anh.png", "png")
	plan, err := os.ReadFile(filepath.Join(dir, "content/plan/02-muc-tieu.md"))
	must(t, err)
	if !strings.Contains(string(plan), "## 1.") {
		t.Fatalf("the fixture's part II has no item 1:\n%s", plan)
	}

	edits := []struct {
		name     string
		edit     func()
		rendered int // bodies rendered again, when it is known (else -1)
	}{
		{"the first build", func() {}, -1},
		{"no change", func() {}, 0},
		{"an unrelated page", func() { write("content/_index.md", "+++\ntitle = \"T\"\n+++\nĐã sửa.\n") }, 1},
		{"the linked anchor gone", func() {
			write("content/plan/02-muc-tieu.md", strings.Replace(string(plan), "## 1.", "## 7.", 1))
		}, -1}, // fails: the link's anchor is gone
		{"the anchor back", func() { write("content/plan/02-muc-tieu.md", string(plan)) }, 1},
		{"the image gone", func() { must(t, os.Remove(filepath.Join(dir, "content/guidance/anh.png"))) }, 1},
		{"the image back", func() { write("content/guidance/anh.png", "png") }, 1},
		{"the linked page gone", func() { must(t, os.Remove(filepath.Join(dir, "content/plan/02-muc-tieu.md"))) }, -1},
		{"the linking page edited", func() {
			write("content/plan/02-muc-tieu.md", string(plan))
			write("content/guidance/link.md", "+++\ntitle = \"Liên kết\"\n+++\nXem [mục 1](../plan/02-muc-tieu.md#ii-1).\n")
		}, -1},
		{"config with a base URL", func() {
			cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
			write("config.toml", "base_url = \"https://intranet.example/kh/\"\n"+string(cfg))
		}, -1},
		{"links to files of the site", func() {
			write("content/guidance/link.md", "+++\ntitle = \"Liên kết\"\n+++\nXem [tệp](../khong-co.pdf) và [sau](../files/sau).\n")
		}, -1}, // fails: neither file is there
		{"one of the files appears", func() { write("static/files/sau", "x") }, -1}, // still fails, once
	}
	cache := NewCache()
	for _, e := range edits {
		e.edit()
		before := cache.reused.Load()
		res, cached, cachedErr := buildDir(t, dir, Options{Cache: cache, LazyPages: true})
		if reused := int(cache.reused.Load() - before); e.rendered >= 0 && cachedErr == nil && reused != len(cache.bodies)-e.rendered {
			t.Errorf("%s: %d of %d bodies taken from the cache, want all but %d", e.name, reused, len(cache.bodies), e.rendered)
		}
		_, fresh, freshErr := buildDir(t, dir, Options{})
		if errText(cachedErr) != errText(freshErr) {
			t.Errorf("%s: with the cache the build says\n%v\nwithout it\n%v", e.name, cachedErr, freshErr)
			continue
		}
		if freshErr != nil {
			continue
		}
		got := cached.Files()
		if len(res.Lazy) == 0 || got["index.html"] != nil || got["tasks.json"] != nil {
			t.Errorf("%s: pages and exports were written, not left to make", e.name)
		}
		for name, make := range res.Lazy {
			if _, written := got[name]; written {
				t.Errorf("%s: %s is both written and left to make", e.name, name)
			}
			data, err := make()
			must(t, err)
			got[name] = data
		}
		if !maps.EqualFunc(got, fresh.Files(), func(a, b []byte) bool { return string(a) == string(b) }) {
			for name, data := range fresh.Files() {
				if string(got[name]) != string(data) {
					t.Errorf("%s: %s differs", e.name, name)
				}
			}
			for name := range got {
				if _, ok := fresh.Files()[name]; !ok {
					t.Errorf("%s: %s is not in a plain build", e.name, name)
				}
			}
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
