//go:build !linux

package main

import "os"

// previewRoot is the folder preview builds go into.
func previewRoot() string { return os.TempDir() }
