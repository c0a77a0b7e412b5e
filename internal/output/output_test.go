package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirCommitReplacesOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, map[string]string{"index.html": "one", "old/index.html": "gone"})
	commit(t, dest, map[string]string{"index.html": "two", "a/b/index.html": "b"})
	if got := read(t, dest, "index.html"); got != "two" {
		t.Errorf("index.html = %q, want two", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); !os.IsNotExist(err) {
		t.Errorf("old/ survived the swap: %v", err)
	}
	assertOnly(t, filepath.Dir(dest), "public")
}

func TestDirAbortKeepsOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, map[string]string{"index.html": "one"})
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write("index.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest, "index.html"); got != "one" {
		t.Errorf("index.html = %q after abort, want one", got)
	}
	assertOnly(t, filepath.Dir(dest), "public")
}

func TestWriteRefusesEscapingNames(t *testing.T) {
	m := NewMemory()
	d, err := NewDir(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../x", "/etc/passwd", "a/../../b", "", "."} {
		if m.Write(name, nil) == nil || d.Write(name, nil) == nil {
			t.Errorf("Write(%q) succeeded", name)
		}
	}
}

func write(t *testing.T, dest string, files map[string]string) {
	t.Helper()
	commit(t, dest, files)
}

func commit(t *testing.T, dest string, files map[string]string) *Dir {
	t.Helper()
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range files {
		if err := d.Write(name, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d
}

func read(t *testing.T, dest, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func assertOnly(t *testing.T, parent, want string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != want {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%s holds %v, want only %s", parent, names, want)
	}
}

func TestDirRefusesForeignFolders(t *testing.T) {
	root := t.TempDir()
	mine := filepath.Join(root, "site")
	if err := os.MkdirAll(filepath.Join(mine, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDir(mine); err == nil {
		t.Fatal("NewDir accepted a folder that kehoach did not build")
	}
	if _, err := os.Stat(filepath.Join(mine, "content")); err != nil {
		t.Fatalf("the folder was touched: %v", err)
	}
	file := filepath.Join(root, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDir(file); err == nil {
		t.Fatal("NewDir accepted a file")
	}
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(empty)
	if err != nil {
		t.Fatalf("an empty folder: %v", err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDir(empty); err != nil {
		t.Fatalf("a folder built before: %v", err)
	}
	assertOnly(t, empty, Marker)
}
