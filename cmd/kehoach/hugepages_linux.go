package main

import (
	"os"
	"runtime"
	"strings"
	"syscall"
	"unsafe"
)

// preferHugePages maps n bytes of fresh Go heap and advises Linux to back
// them with transparent huge pages, then frees them: the heap the build
// grows next reuses that memory, and each of its faults brings in 2 MiB
// instead of 4 KiB. It does nothing where Linux decides alone (THP
// "always" or "never"), under strict overcommit (mapped memory would be
// charged whether used or not), or when GODEBUG=disablethp=1.
//
// The memory is taken in chunks: a large object that starts in pages the
// runtime used before is cleared whole, which would touch every page of it
// before the advice; a chunk of 4 MiB bounds that.
func preferHugePages(n int) {
	if n <= 0 || thpDisabled() || thpMode(readSys("/sys/kernel/mm/transparent_hugepage/enabled")) != "madvise" ||
		strings.TrimSpace(readSys("/proc/sys/vm/overcommit_memory")) == "2" {
		return
	}
	const chunk = 4 << 20
	chunks := make([][]byte, n/chunk)
	lo, hi := ^uintptr(0), uintptr(0)
	for i := range chunks {
		chunks[i] = make([]byte, chunk)
		p := uintptr(unsafe.Pointer(unsafe.SliceData(chunks[i])))
		lo, hi = min(lo, p), max(hi, p+chunk)
	}
	if lo < hi {
		// The range may hold pages in use between chunks, and holes
		// (ENOMEM): the advice applies to what is mapped.
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_HUGEPAGE)
	}
	runtime.KeepAlive(chunks)
	runtime.GC() // free the chunks now, before the build grows the heap elsewhere
}

// thpDisabled reports whether GODEBUG turns huge pages off for this process.
func thpDisabled() bool {
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return true
		}
	}
	return false
}

// thpMode is the selected mode of a transparent_hugepage setting, the word
// in brackets ("always [madvise] never" → "madvise"), or "".
func thpMode(setting string) string {
	_, rest, ok := strings.Cut(setting, "[")
	if !ok {
		return ""
	}
	mode, _, ok := strings.Cut(rest, "]")
	if !ok {
		return ""
	}
	return mode
}

func readSys(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	return string(b)
}
