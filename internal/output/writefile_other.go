//go:build !unix

package output

import "os"

// writeFile is os.WriteFile; on Unix systems, writefile_unix.go spares it
// the runtime's poller.
var writeFile = os.WriteFile
