//go:build !unix

package source

import (
	"io/fs"
	"os"
)

// Dir is os.DirFS(dir); on Unix systems, dirfs_unix.go spares its ReadFile
// the runtime's poller.
func Dir(dir string) fs.FS { return os.DirFS(dir) }
