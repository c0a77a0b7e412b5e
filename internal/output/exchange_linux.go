package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step, so that a reader of b
// finds the one or the other and never nothing. It reports false, with no
// error, where the file system cannot (renameat2's RENAME_EXCHANGE needs
// Linux 3.15 and a file system that supports it): the caller then renames
// in two steps.
func exchange(a, b string) (bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP),
		errors.Is(err, unix.EPERM): // a sandbox (seccomp) may refuse the call itself
		return false, nil
	}
	return false, err
}
