//go:build linux

package extract

import (
	"syscall"
	"time"
	"unsafe"
)

// benchClock returns the CPU time used so far by the calling OS thread
// (clock_gettime CLOCK_THREAD_CPUTIME_ID, nanosecond resolution): unlike
// wall time it does not count time the thread spent waiting for a core on
// a shared machine. Callers lock the goroutine to its thread.
func benchClock() time.Duration {
	const clockThreadCPUTimeID = 3
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ts.Nano())
}
