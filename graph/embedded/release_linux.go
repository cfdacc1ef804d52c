package embedded

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapping drops the pages of bbolt's read-only, shared file mapping
// from this process's resident set (madvise MADV_DONTNEED). The data stays
// in the kernel's page cache and in the file; later reads fault the pages
// back in. Without this, every page a long ingest touches stays counted in
// the process's RSS, which then approaches the file's size. It runs inside
// a read transaction, which keeps bbolt from remapping the file meanwhile.
func (s *Store) releaseMapping() {
	_ = s.db.View(func(tx *bolt.Tx) error {
		s.releaseTx(tx)
		return nil
	})
}

// releaseTx is releaseMapping inside a transaction the caller holds, read
// or write. It is safe in the middle of a write transaction: bbolt remaps
// the file only while committing, and nodes that point into the mapping
// fault their pages back in when next read.
//
// Each page fault maps not one page but the whole page-cache folio around it
// (fault-around, at least 64 KiB; more for files written in large chunks),
// and madvise(MADV_RANDOM) does not change that (measured on Linux 6.18), so
// a write transaction that reads a few thousand scattered B+tree pages maps
// a large part of the file. Releasing every few articles within the
// transaction bounds that.
func (s *Store) releaseTx(tx *bolt.Tx) {
	data, size := s.db.Info().Data, tx.Size()
	if data == 0 || size < releaseMinSize {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, data, uintptr(size), syscall.MADV_DONTNEED)
}
