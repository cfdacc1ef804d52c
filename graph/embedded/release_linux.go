package embedded

import (
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
)

// releaseInterval is how often releaseWhile drops the mapping's resident
// pages while a write transaction commits.
const releaseInterval = time.Millisecond

// releaseMapping drops the pages of bbolt's read-only, shared file mapping
// from this process's resident set (madvise MADV_DONTNEED). The data stays
// in the kernel's page cache and in the file; later reads fault the pages
// back in. Without this, every page a long ingest touches stays counted in
// the process's RSS, which then approaches the file's size.
//
// It runs inside a read transaction: bbolt remaps the file (on growth) only
// while no read transaction is open, so the address range released is
// always bbolt's current mapping and never memory reused for anything else.
// Read and write transactions running meanwhile are unaffected: their
// pointers into the mapping stay valid and fault the pages back in.
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

// releaseWhile releases the mapping every releaseInterval, from another
// goroutine, until the returned function is called (which waits for the
// releaser to stop). ReplaceArticles runs it while bbolt commits.
//
// A write transaction maps pages all over the file: each page fault maps
// not one page but the whole page-cache folio or 64 KiB fault-around window
// around it (madvise MADV_RANDOM does not change that: measured on Linux
// 6.18), and bbolt's commit reads the old page of every node it rewrites.
// A batch of 64 articles dirties thousands of scattered B+tree leaves, so
// the commit alone maps most of the file (measured: 140 MB of a 221 MB
// file at 4× BBC). The commit offers no hook, hence the timer; it is not
// run for the whole transaction because releasing from another thread
// costs TLB shootdowns and re-faults (measured: +60% store write time).
func (s *Store) releaseWhile() (stop func()) {
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTicker(releaseInterval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				s.releaseMapping()
			}
		}
	}()
	return func() {
		close(done)
		<-exited
	}
}

// releaseTx is releaseMapping inside a transaction the caller holds (a
// write transaction, between B+tree operations: bbolt remaps the file only
// while committing).
func (s *Store) releaseTx(tx *bolt.Tx) {
	data, size := s.db.Info().Data, tx.Size()
	if data == 0 || size < releaseMinSize {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, data, uintptr(size), syscall.MADV_DONTNEED)
}
