//go:build !linux

package output

// exchange reports that folders cannot be swapped in one step here: the
// caller renames in two.
func exchange(a, b string) (bool, error) { return false, nil }
