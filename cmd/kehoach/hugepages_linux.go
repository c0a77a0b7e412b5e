package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"unsafe"
)

// preferHugePages maps the heap a build will want (heapEstimate), advises
// Linux to back it with transparent huge pages, and frees it: the heap the
// build grows next reuses that memory, and each of its faults brings in
// 2 MiB instead of 4 KiB. It does nothing where Linux decides alone (THP
// "always" or "never"), where mapping ahead could fail or count against a
// limit (strict overcommit, a limit on address space, a Go memory limit),
// or when GODEBUG disables huge pages.
//
// The memory is taken in chunks: a large object that starts in pages the
// runtime used before is cleared whole, which would touch every page of it
// before the advice; a chunk of 4 MiB bounds that.
func preferHugePages(heap int) {
	if mayAdviseHugePages() {
		adviseHeap(heap)
	}
}

// adviseHeap maps n bytes of heap, advises them for huge pages and frees them.
func adviseHeap(n int) {
	const chunk = 4 << 20
	chunks := make([][]byte, n/chunk)
	lo, hi := ^uintptr(0), uintptr(0)
	for i := range chunks {
		chunks[i] = make([]byte, chunk)
		p := uintptr(unsafe.Pointer(unsafe.SliceData(chunks[i])))
		lo, hi = min(lo, p), max(hi, p+chunk)
	}
	if lo < hi {
		lo &^= uintptr(os.Getpagesize() - 1) // madvise wants it aligned
		// The range may hold pages in use between chunks, and holes
		// (ENOMEM): the advice applies to what is mapped.
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_HUGEPAGE)
	}
	runtime.KeepAlive(chunks)
	runtime.GC() // free the chunks now, before the build grows the heap elsewhere
}

// mayAdviseHugePages reports whether the advice is this process's to give
// and mapping ahead is safe.
func mayAdviseHugePages() bool {
	if thpDisabled(os.Getenv("GODEBUG")) || thpMode(readSys("/sys/kernel/mm/transparent_hugepage/enabled")) != "madvise" ||
		strings.TrimSpace(readSys("/proc/sys/vm/overcommit_memory")) == "2" {
		return false
	}
	var as syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &as); err != nil || as.Cur != math.MaxUint64 {
		return false // mapping ahead could run the runtime out of memory, which it cannot survive
	}
	return debug.SetMemoryLimit(-1) == math.MaxInt64
}

// thpDisabled reports whether godebug (GODEBUG's value) turns huge pages
// off, as the runtime reads it: the last disablethp setting counts, and
// any value but 0 disables.
func thpDisabled(godebug string) bool {
	disabled := false
	for _, kv := range strings.Split(godebug, ",") {
		if v, ok := strings.CutPrefix(kv, "disablethp="); ok {
			disabled = v != "0"
		}
	}
	return disabled
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
