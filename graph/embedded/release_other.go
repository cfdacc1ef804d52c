//go:build !linux

package embedded

// releaseMapping is a no-op where madvise(MADV_DONTNEED) is not used.
func (s *Store) releaseMapping() {}
