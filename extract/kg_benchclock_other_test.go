//go:build !linux

package extract

import "time"

// benchClock returns wall time where per-thread CPU time is not available.
func benchClock() time.Duration { return time.Duration(time.Now().UnixNano()) }
