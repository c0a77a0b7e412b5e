//go:build unix

package source

import (
	"errors"
	"io/fs"
	"os"

	"github.com/kehoach/kehoach/internal/sysfile"
)

// Dir is the file system of the folder dir, as os.DirFS gives it, but for
// ReadFile, which reads without the runtime's poller (sysfile).
func Dir(dir string) fs.FS {
	if dir == "" {
		return os.DirFS(dir) // which refuses every name, as a folder "" is no folder
	}
	return dirFS{os.DirFS(dir).(osDirFS), dir}
}

// osDirFS is what os.DirFS implements.
type osDirFS interface {
	fs.StatFS
	fs.ReadFileFS
	fs.ReadDirFS
	fs.ReadLinkFS
}

type dirFS struct {
	osDirFS
	dir string
}

func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	data, err := sysfile.ReadFile(d.dir + "/" + name)
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		pe.Path = name // as os.DirFS names it
	}
	return data, err
}
