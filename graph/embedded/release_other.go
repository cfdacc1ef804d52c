//go:build !linux

package embedded

import bolt "go.etcd.io/bbolt"

// releaseMapping is a no-op where madvise(MADV_DONTNEED) is not used.
func (s *Store) releaseMapping() {}

// releaseWhile is a no-op where madvise(MADV_DONTNEED) is not used.
func (s *Store) releaseWhile() (stop func()) { return func() {} }

// releaseTx is a no-op where madvise(MADV_DONTNEED) is not used.
func (s *Store) releaseTx(*bolt.Tx) {}
