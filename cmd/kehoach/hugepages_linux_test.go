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

func TestTHPDisabled(t *testing.T) {
	for _, tc := range []struct {
		godebug string
		want    bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"disablethp=2", true},
		{"disablethp=0", false},
		{"gctrace=1,disablethp=1", true},
		{"disablethp=1,disablethp=0", false},
		{"disablethp=0,disablethp=1", true},
		{"xdisablethp=1", false},
	} {
		if got := thpDisabled(tc.godebug); got != tc.want {
			t.Errorf("thpDisabled(%q) = %v, want %v", tc.godebug, got, tc.want)
		}
	}
}

// TestAdviseHeap checks that memory the heap takes after adviseHeap lies
// in a mapping advised for huge pages ("hg" in its VmFlags), where the
// system leaves that advice to programs.
func TestAdviseHeap(t *testing.T) {
	if !mayAdviseHugePages() {
		t.Skipf("transparent huge pages are %q here, or mapping ahead is limited: kehoach leaves them alone",
			strings.TrimSpace(readSys("/sys/kernel/mm/transparent_hugepage/enabled")))
	}
	adviseHeap(64 << 20)
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
