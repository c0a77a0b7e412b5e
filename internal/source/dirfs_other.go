//go:build !unix

package source

import (
	"io/fs"
	"os"
)

// Dir is os.DirFS(dir); on Unix systems, dirfs_unix.go reads its files
// without the runtime's poller.
func Dir(dir string) fs.FS { return os.DirFS(dir) }
