//go:build unix

package source

import (
	"io/fs"
	"os"
	"syscall"
)

// Dir is the file system of the folder dir, as os.DirFS gives it, but
// for ReadFile, which reads with open, fstat, read and close: os.Open
// tries to register every file it opens with the runtime's poller, which
// costs four more system calls per file and fails for a regular file
// anyway.
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
	fd, err := retry(func() (int, error) {
		return syscall.Open(d.dir+"/"+name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	size := 0
	if syscall.Fstat(fd, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG && int64(int(st.Size)) == st.Size {
		size = int(st.Size) // a hint: the file is read to its end whatever it says
	}
	data := make([]byte, 0, size+1) // a byte more, to see the end without growing
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := retry(func() (int, error) { return syscall.Read(fd, data[len(data):cap(data)]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
	}
}

// retry calls f again while it is interrupted by a signal.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
