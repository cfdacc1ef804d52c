package embedded

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapping drops the pages of bbolt's read-only, shared file mapping
// from this process's resident set (madvise MADV_DONTNEED). The data stays
// in the kernel's page cache and in the file; later reads fault the pages
// back in. Without this, every page a long ingest touches stays counted in
// the process's RSS, which then approaches the file's size. It does not
// bound the pages one write transaction maps while it runs: the kernel maps
// up to 64 KiB of cached neighbours around each page fault (fault-around),
// so a batch touching a few thousand random leaves shows ~100+ MB of
// RssFile for a moment (measured: ~70 MB on the BBC graph, ~150 MB at 4×).
// It runs inside a read transaction, which keeps bbolt from remapping the
// file meanwhile.
func (s *Store) releaseMapping() {
	_ = s.db.View(func(tx *bolt.Tx) error {
		data, size := s.db.Info().Data, tx.Size()
		if data == 0 || size < releaseMinSize {
			return nil
		}
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, data, uintptr(size), syscall.MADV_DONTNEED)
		return nil
	})
}
