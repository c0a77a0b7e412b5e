package sysfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "page.html")
	big := bytes.Repeat([]byte("trang "), 200_000) // a page of 1.2 MB
	for _, data := range [][]byte{big, []byte("ngắn"), nil} {
		if err := WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("after writing %d bytes over the last file, it holds %d", len(data), len(got))
		}
	}
	if got, want := mode(t, name), mode(t, probe(t)); got != want {
		t.Errorf("mode %v, want %v as os.WriteFile gives", got, want)
	}
	err := WriteFile(filepath.Join(dir, "missing", "page.html"), []byte("x"), 0o644)
	var pe *fs.PathError
	if !errors.As(err, &pe) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v, want a path error: not exist", err)
	}
}

// probe is a new file written by os.WriteFile with the mode pages get.
func probe(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func mode(t *testing.T, name string) fs.FileMode {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode()
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, data := range [][]byte{nil, []byte("Kế hoạch"), bytes.Repeat([]byte("Đảng bộ tỉnh. "), 100_000)} {
		name := filepath.Join(dir, "f.md")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("read %d bytes of a file of %d", len(got), len(data))
		}
	}
	missing := filepath.Join(dir, "missing.md")
	_, err := ReadFile(missing)
	var pe *fs.PathError
	if !errors.As(err, &pe) || !errors.Is(err, fs.ErrNotExist) || pe.Path != missing {
		t.Errorf("reading a missing file: %v, want a path error on %s: not exist", err, missing)
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("reading a folder as a file succeeded")
	}
}
