//go:build !linux

package syntax

// weightSlice returns n zeroed Ts for a table of an embedded model (on
// Linux it maps them outside the Go heap; see weights_linux.go).
func weightSlice[T any](n int) []T { return make([]T, n) }

// releasePages does nothing off Linux (see weights_linux.go).
func releasePages([]byte) {}
