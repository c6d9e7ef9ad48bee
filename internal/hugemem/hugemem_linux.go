package hugemem

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on amd64 and arm64.
const hugePage = 2 << 20

// mapSlice maps anonymous memory aligned to a huge page and asks the kernel
// for huge pages (MADV_HUGEPAGE: honoured when transparent huge pages are
// "always" or "madvise"); nil when the table is small or the mapping fails.
func mapSlice[T any](n int) []T {
	var zero T
	size := uintptr(n) * unsafe.Sizeof(zero)
	if n <= 0 || size < minSize || size/unsafe.Sizeof(zero) != uintptr(n) {
		return nil
	}
	size = (size + hugePage - 1) &^ (hugePage - 1)
	b, err := syscall.Mmap(-1, 0, int(size+hugePage), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil
	}
	off := (hugePage - uintptr(unsafe.Pointer(&b[0]))%hugePage) % hugePage
	b = b[off : off+size]
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE) // refused: the table works, on small pages
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
}
