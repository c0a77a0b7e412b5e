package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

func TestTHPMode(t *testing.T) {
	for _, tc := range []struct{ setting, want string }{
		{"always [madvise] never\n", "madvise"},
		{"[always] madvise never\n", "always"},
		{"always madvise [never]\n", "never"},
		{"", ""},
		{"always [madvise", ""},
	} {
		if got := thpMode(tc.setting); got != tc.want {
			t.Errorf("thpMode(%q) = %q, want %q", tc.setting, got, tc.want)
		}
	}
}

// TestPreferHugePages checks that memory the heap takes after
// preferHugePages lies in a mapping advised for huge pages ("hg" in its
// VmFlags), where the system leaves that advice to programs.
func TestPreferHugePages(t *testing.T) {
	mode := thpMode(readSys("/sys/kernel/mm/transparent_hugepage/enabled"))
	if mode != "madvise" || strings.TrimSpace(readSys("/proc/sys/vm/overcommit_memory")) == "2" || thpDisabled() {
		t.Skipf("transparent huge pages are %q here: kehoach leaves them to the system", mode)
	}
	preferHugePages(64 << 20)
	b := make([]byte, 8<<20) // may start just below the advised memory: look at its middle
	flags, err := vmFlags(uintptr(unsafe.Pointer(&b[len(b)/2])))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the heap's new memory is in a mapping with VmFlags %q, without hg", flags)
	}
}

// vmFlags is the VmFlags line of the mapping holding addr, from /proc/self/smaps.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(flags), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping holds %#x", addr)
}
