package source

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"testing/fstest"
)

func TestDir(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"config.toml":           []byte("title = \"Kế hoạch\"\n"),
		"content/empty.md":      nil,
		"content/plan/01-a.md":  bytes.Repeat([]byte("Đảng bộ tỉnh. "), 4_000),
		"content/tasks/t01.md":  []byte("+++\ntitle = \"Nhiệm vụ\"\n+++\nNội dung.\n"),
		"content/link-to-a.md":  nil, // a symlink, below
		"layouts/partials/x.md": []byte("x"),
	}
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if name == "content/link-to-a.md" {
			if err := os.Symlink("plan/01-a.md", full); err != nil {
				t.Fatal(err)
			}
			files[name] = files["content/plan/01-a.md"]
			continue
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := Dir(dir)
	for name, want := range files {
		got, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: read %d bytes, want %d", name, len(got), len(want))
		}
	}
	if err := fstest.TestFS(fsys, "config.toml", "content/empty.md", "content/tasks/t01.md"); err != nil {
		t.Error(err)
	}
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		t.Error("Dir does not read symlinks: content reached through one could not be checked")
	}
	for _, tt := range []struct {
		name string
		want error
	}{
		{"content/missing.md", fs.ErrNotExist},
		{"../outside.md", fs.ErrInvalid},
		{"/etc/passwd", fs.ErrInvalid},
	} {
		_, err := fs.ReadFile(fsys, tt.name)
		var pe *fs.PathError
		if !errors.Is(err, tt.want) || !errors.As(err, &pe) || pe.Path != tt.name {
			t.Errorf("ReadFile(%q) = %v, want a path error on %q: %v", tt.name, err, tt.name, tt.want)
		}
	}
	if _, err := fs.ReadFile(fsys, "content"); err == nil {
		t.Error("reading a folder as a file succeeded")
	}
	if _, err := fs.ReadFile(Dir(""), "etc/hostname"); err == nil {
		t.Error(`Dir("") read a file: os.DirFS("") refuses every name`)
	}
}

// BenchmarkReadFile reads 2,000 content files of 4 KB through os.DirFS and
// through Dir:
//
//	go test ./internal/source -run '^$' -bench ReadFile
func BenchmarkReadFile(b *testing.B) {
	dir := b.TempDir()
	var names []string
	for i := range 2000 {
		name := filepath.Join("content", "tasks", strconv.Itoa(i%30), strconv.Itoa(i)+".md")
		full := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(full, bytes.Repeat([]byte("Chi bộ bốn tốt. "), 200), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, filepath.ToSlash(name))
	}
	for _, c := range []struct {
		name string
		fsys fs.FS
	}{{"os.DirFS", os.DirFS(dir)}, {"Dir", Dir(dir)}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, name := range names {
					if _, err := fs.ReadFile(c.fsys, name); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
