// Package kehoach holds the defaults built into the kehoach binary: the
// repository's own layouts/ and static/, used for any site that lacks them.
package kehoach

import (
	"embed"
	"io/fs"
)

//go:embed layouts static
var defaults embed.FS

// Defaults returns the built-in layouts/ and static/ folders.
func Defaults() fs.FS { return defaults }
