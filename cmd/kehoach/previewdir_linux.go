package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// ramFolders are where a preview build can live in memory: the user's
// runtime folder and the shared-memory folder, both tmpfs on most Linux
// systems. Writing a build there instead of to disk halves the time from a
// save to the reloaded page (BENCHMARKS.md).
var ramFolders = []string{os.Getenv("XDG_RUNTIME_DIR"), "/dev/shm"}

// minRAMFree is the space a memory folder must have free to hold two builds
// of a large site; containers often give /dev/shm only 64 MiB, and a build
// that fills it would fail.
const minRAMFree = 2 << 30

// previewRoot is the folder preview builds go into: a memory-backed one with
// room to spare when there is one, else the system's temporary folder.
func previewRoot() string {
	for _, dir := range ramFolders {
		if dir == "" {
			continue
		}
		var st unix.Statfs_t
		if unix.Statfs(dir, &st) != nil || st.Type != unix.TMPFS_MAGIC {
			continue
		}
		if uint64(st.Bavail)*uint64(st.Bsize) >= minRAMFree && unix.Access(dir, unix.W_OK) == nil {
			return dir
		}
	}
	return os.TempDir()
}
