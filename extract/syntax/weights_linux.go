//go:build linux

package syntax

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of an x86-64 and arm64 transparent huge page; the
// mapping is aligned to it so that the kernel can back it with huge pages.
const hugePage = 2 << 20

// weightSlice returns n zeroed Ts for a table of an embedded model, in an
// anonymous private mapping outside the Go heap, advised for transparent
// huge pages. T must hold no pointers: the garbage collector neither scans
// nor counts this memory. That is the point: the tables are about 50 MB
// that never die, so GOGC no longer sizes the heap's headroom by them, and
// huge pages cut the TLB misses of the scorers' random lookups. The
// mapping is never unmapped (the default models live as long as the
// process). On any error it falls back to make.
func weightSlice[T any](n int) []T {
	size := int(unsafe.Sizeof(*new(T))) * n
	if n <= 0 || size <= 0 {
		return make([]T, n)
	}
	// Over-allocate by a huge page so that an aligned start fits; the
	// unused head and tail are never touched, so they cost no memory.
	b, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]T, n)
	}
	off := 0
	if r := int(uintptr(unsafe.Pointer(&b[0])) % hugePage); r != 0 {
		off = hugePage - r
	}
	b = b[off : off+size]
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE) // only advice: without it, small pages
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
}

// releasePages drops b's resident pages from the process (b is an
// embedded model, data in the executable that nothing writes, decoded
// once): they page back in from the executable if read again. Only whole pages inside b are
// released, never one shared with a neighbouring variable.
func releasePages(b []byte) {
	page := uintptr(syscall.Getpagesize())
	if len(b) == 0 {
		return
	}
	start := uintptr(unsafe.Pointer(&b[0]))
	end := start + uintptr(len(b))
	lo := (start + page - 1) &^ (page - 1)
	hi := end &^ (page - 1)
	if hi <= lo {
		return
	}
	_ = syscall.Madvise(b[lo-start:hi-start], syscall.MADV_DONTNEED)
}
