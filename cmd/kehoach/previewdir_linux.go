package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// minRAMFree is the space a memory folder must have free to hold two builds
// of a large site; containers often give /dev/shm only 64 MiB, and a build
// that fills it would fail.
const minRAMFree = 2 << 30

// previewRoot is the folder preview builds go into: the user's runtime
// folder or the shared-memory folder when either is tmpfs with room to spare,
// else the system's temporary folder. On this project's machine a build of
// the plan's site takes half as long in memory as on disk (BENCHMARKS.md).
func previewRoot() string {
	for _, dir := range []string{os.Getenv("XDG_RUNTIME_DIR"), "/dev/shm"} {
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
