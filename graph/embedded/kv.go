package embedded

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/cockroachdb/pebble/v2/sstable"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// This file maps the store's bucketed view of its data (buckets of sorted
// keys, read and write transactions, per-bucket sequences) onto one Pebble
// key space: a bucket is a one-byte key prefix, a write transaction is an
// indexed batch committed with a synced WAL write, a read transaction is a
// snapshot.

// kvDB is an open Pebble database with the store's transaction helpers.
type kvDB struct {
	db       *pebble.DB
	readOnly bool
	// wmu serialises write transactions: each one reads what the previous
	// ones committed (counters, sequences, the entity cache).
	wmu sync.Mutex
	// written is set by the first committed write transaction that wrote
	// something; Close settles the database only then.
	written atomic.Bool
}

// cacheSize is Pebble's block cache. With the memtable it bounds the
// store's memory whatever the database's size.
const cacheSize = 32 << 20

// memTableSize is the size of Pebble's in-memory write buffer.
const memTableSize = 8 << 20

// openKV opens (or, unless read-only, creates) the Pebble database in the
// directory path, waiting up to o.LockTimeout for another process's lock.
func openKV(path string, o Options) (*kvDB, error) {
	fi, err := os.Stat(path)
	missing := errors.Is(err, os.ErrNotExist) // or an empty directory, below
	switch {
	case err == nil && !fi.IsDir():
		return nil, fmt.Errorf("open %s: %w: it is a file, and kgb databases are directories "+
			"(a file is from a kgb before schema v4, or not kgb's: move it away and ingest again)", path, ErrNotKGB)
	case err == nil:
		desc, perr := pebble.Peek(path, vfs.Default)
		if perr != nil {
			return nil, fmt.Errorf("open %s: %w: %w", path, ErrNotKGB, perr)
		}
		if !desc.Exists {
			entries, _ := os.ReadDir(path)
			if len(entries) > 0 {
				return nil, fmt.Errorf("open %s: %w: a directory that holds other files", path, ErrNotKGB)
			}
			missing = true
		}
	case !missing:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if missing && o.ReadOnly {
		return nil, fmt.Errorf("open %s: %w (run `kgb ingest` first, or pass --db)", path, ErrNotFound)
	}
	cache := pebble.NewCache(cacheSize)
	defer cache.Unref()
	opts := &pebble.Options{
		Cache:            cache,
		MemTableSize:     memTableSize,
		ReadOnly:         o.ReadOnly,
		ErrorIfNotExists: o.ReadOnly,
		Logger:           quietLogger{},
	}
	for i := range opts.Levels {
		opts.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
		opts.Levels[i].Compression = func() *sstable.CompressionProfile { return sstable.NoCompression }
	}
	deadline := time.Now().Add(o.LockTimeout)
	for {
		db, err := pebble.Open(path, opts)
		if err == nil {
			return &kvDB{db: db, readOnly: o.ReadOnly}, nil
		}
		if !isLockError(err) {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("open %s: %w (is another kgb running on it?)", path, ErrLocked)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// settleTimeout bounds how long settle waits for compactions.
const settleTimeout = 30 * time.Second

// settle flushes the memtable and waits (up to settleTimeout, or until ctx
// is done) until no compaction runs: a kgb that reopens the
// database, to check thousands of unchanged files in a tenth of a second,
// must not spend its time finishing the last ingest's compactions.
func (k *kvDB) settle(ctx context.Context) error {
	if err := k.db.Flush(); err != nil {
		return err
	}
	deadline := time.Now().Add(settleTimeout)
	for quiet := 0; quiet < 3 && time.Now().Before(deadline) && ctx.Err() == nil; {
		// Pebble schedules the compactions a flush calls for as it ends;
		// three idle polls in a row mean none is left to run.
		if k.db.Metrics().Compact.NumInProgress == 0 {
			quiet++
		} else {
			quiet = 0
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil
}

// isLockError reports whether Open failed on the directory's lock file.
func isLockError(err error) bool {
	return errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES) ||
		strings.Contains(err.Error(), "lock held by current process")
}

// quietLogger keeps Pebble's routine messages (flushes, compactions) off
// the user's terminal; errors go to slog.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any) {}
func (quietLogger) Errorf(format string, args ...any) {
	slog.Error("embedded store: " + fmt.Sprintf(format, args...))
}
func (quietLogger) Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "kgb: embedded store: "+format+"\n", args...)
	os.Exit(1)
}

// bucketPrefix maps each bucket to its key prefix. Prefixes are fixed:
// they are part of the on-disk layout.
var bucketPrefix = map[string]byte{
	"meta": 0x01, "articles": 0x02, "artnos": 0x03, "edges": 0x04, "sentences": 0x05,
	"entkeys": 0x06, "entities": 0x07, "entcounts": 0x08, "adjacency": 0x09, "names": 0x0a,
	"reltypes": 0x0b,
}

// seqPrefix holds each bucket's sequence: seqPrefix ‖ bucket prefix → u64.
const seqPrefix = 0x7f

// kvTx is a read or write transaction. Values returned by Get and cursors
// are copies, valid after the transaction ends.
type kvTx struct {
	r       pebble.Reader
	w       *pebble.Batch // nil in a read transaction
	seqs    map[byte]uint64
	iters   []*pebble.Iterator
	buckets map[byte]*kvBucket
	// onCommit, when set by the transaction's function, runs after the
	// commit succeeded, before the next write transaction starts.
	onCommit func()
	// readErr is the first read error Get met (it returns nil then, as for
	// an absent key): View returns it, and Update refuses to commit.
	readErr error
}

// View runs fn in a read transaction on a consistent snapshot.
func (k *kvDB) View(fn func(tx *kvTx) error) error {
	snap := k.db.NewSnapshot()
	tx := &kvTx{r: snap}
	err := fn(tx)
	return errors.Join(err, tx.readErr, tx.closeIters(), snap.Close())
}

// Update runs fn in a write transaction and commits it (fsynced) when fn
// returns nil; otherwise nothing fn wrote is kept.
func (k *kvDB) Update(fn func(tx *kvTx) error) error {
	if k.readOnly {
		return errors.New("database opened read-only")
	}
	k.wmu.Lock()
	defer k.wmu.Unlock()
	b := k.db.NewIndexedBatch()
	tx := &kvTx{r: b, w: b}
	err := fn(tx)
	if err == nil {
		err = tx.readErr
	}
	if err == nil {
		err = tx.flushSeqs()
	}
	if cerr := tx.closeIters(); err == nil {
		err = cerr
	}
	if err == nil {
		empty := b.Empty()
		err = b.Commit(pebble.Sync)
		if err == nil {
			if !empty {
				k.written.Store(true)
			}
			if tx.onCommit != nil {
				tx.onCommit()
			}
		}
	}
	return errors.Join(err, b.Close())
}

// empty reports whether the database holds no key at all.
func (tx *kvTx) empty() bool {
	it, err := tx.r.NewIter(nil)
	if err != nil {
		return false
	}
	defer it.Close()
	return !it.First()
}

func (tx *kvTx) closeIters() error {
	var errs []error
	for _, it := range tx.iters {
		errs = append(errs, it.Close())
	}
	tx.iters = nil
	return errors.Join(errs...)
}

func (tx *kvTx) flushSeqs() error {
	for p, v := range tx.seqs {
		if err := tx.w.Set([]byte{seqPrefix, p}, idBytes(v), nil); err != nil {
			return err
		}
	}
	return nil
}

// Bucket returns the named bucket; it panics on a name outside the layout
// (a programming error).
func (tx *kvTx) Bucket(name []byte) *kvBucket {
	p, ok := bucketPrefix[string(name)]
	if !ok {
		panic("embedded: unknown bucket " + string(name))
	}
	if b := tx.buckets[p]; b != nil {
		return b
	}
	if tx.buckets == nil {
		tx.buckets = make(map[byte]*kvBucket, len(bucketPrefix))
	}
	b := &kvBucket{tx: tx, prefix: p}
	tx.buckets[p] = b
	return b
}

// kvBucket is one bucket seen through a transaction.
type kvBucket struct {
	tx     *kvTx
	prefix byte
	kbuf   []byte
}

func (b *kvBucket) key(k []byte) []byte {
	b.kbuf = append(append(b.kbuf[:0], b.prefix), k...)
	return b.kbuf
}

// Get returns a copy of k's value, or nil when k is absent or cannot be
// read (the error is kept in the transaction, see kvTx.readErr).
func (b *kvBucket) Get(k []byte) []byte {
	v, closer, err := b.tx.r.Get(b.key(k))
	if err != nil {
		if !errors.Is(err, pebble.ErrNotFound) && b.tx.readErr == nil {
			b.tx.readErr = fmt.Errorf("read: %w", err)
		}
		return nil
	}
	out := append(make([]byte, 0, len(v)), v...)
	_ = closer.Close()
	return out
}

// Put sets k to v (both copied).
func (b *kvBucket) Put(k, v []byte) error {
	if b.tx.w == nil {
		return errors.New("put in a read transaction")
	}
	return b.tx.w.Set(b.key(k), v, nil)
}

// Delete removes k; absent keys are not an error.
func (b *kvBucket) Delete(k []byte) error {
	if b.tx.w == nil {
		return errors.New("delete in a read transaction")
	}
	return b.tx.w.Delete(b.key(k), nil)
}

// NextSequence returns the bucket's next sequence number, starting at 1.
func (b *kvBucket) NextSequence() (uint64, error) {
	if b.tx.w == nil {
		return 0, errors.New("sequence in a read transaction")
	}
	if b.tx.seqs == nil {
		b.tx.seqs = map[byte]uint64{}
	}
	cur, ok := b.tx.seqs[b.prefix]
	if !ok {
		v, closer, err := b.tx.r.Get([]byte{seqPrefix, b.prefix})
		switch {
		case errors.Is(err, pebble.ErrNotFound):
		case err != nil:
			return 0, fmt.Errorf("read sequence: %w", err)
		default:
			if len(v) == 8 {
				cur = binary.BigEndian.Uint64(v) // written by flushSeqs with idBytes
			}
			_ = closer.Close()
		}
	}
	cur++
	b.tx.seqs[b.prefix] = cur
	return cur, nil
}

// ForEach calls fn for every key of the bucket in order, stopping at the
// first error. k and v are valid only during the call: copy what you keep.
func (b *kvBucket) ForEach(fn func(k, v []byte) error) error {
	c := b.Cursor()
	defer c.close()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return c.err()
}

// Count returns the number of keys in the bucket.
func (b *kvBucket) Count() (int, error) {
	n := 0
	err := b.ForEach(func(_, _ []byte) error { n++; return nil })
	return n, err
}

// Cursor returns an iterator over the bucket. Writes made after its
// creation in the same transaction are not visible to it.
func (b *kvBucket) Cursor() *kvCursor {
	it, err := b.tx.r.NewIter(&pebble.IterOptions{LowerBound: []byte{b.prefix}, UpperBound: []byte{b.prefix + 1}})
	if err != nil {
		return &kvCursor{failed: err}
	}
	b.tx.iters = append(b.tx.iters, it)
	return &kvCursor{it: it, tx: b.tx, prefix: b.prefix}
}

// kvCursor walks one bucket's keys in order. Keys and values it returns
// are valid only until the next move; callers that keep them copy them.
type kvCursor struct {
	it     *pebble.Iterator
	tx     *kvTx
	failed error
	prefix byte
	kb, sk []byte
}

func (c *kvCursor) at(ok bool) ([]byte, []byte) {
	if !ok {
		return nil, nil
	}
	c.kb = append(c.kb[:0], c.it.Key()[1:]...)
	v := c.it.Value()
	if v == nil {
		v = []byte{}
	}
	return c.kb, v
}

// First moves to the bucket's first key.
func (c *kvCursor) First() ([]byte, []byte) {
	if c.it == nil {
		return nil, nil
	}
	return c.at(c.it.First())
}

// Seek moves to the first key ≥ k.
func (c *kvCursor) Seek(k []byte) ([]byte, []byte) {
	if c.it == nil {
		return nil, nil
	}
	c.sk = append(append(c.sk[:0], c.prefix), k...)
	return c.at(c.it.SeekGE(c.sk))
}

// Next moves to the next key.
func (c *kvCursor) Next() ([]byte, []byte) {
	if c.it == nil {
		return nil, nil
	}
	return c.at(c.it.Next())
}

func (c *kvCursor) err() error {
	if c.failed != nil {
		return c.failed
	}
	if c.it != nil {
		return c.it.Error()
	}
	return nil
}

// close releases the iterator before the transaction ends.
func (c *kvCursor) close() {
	if c.it == nil || c.tx == nil {
		return
	}
	for i, it := range c.tx.iters {
		if it == c.it {
			c.tx.iters = append(c.tx.iters[:i], c.tx.iters[i+1:]...)
			break
		}
	}
	_ = c.it.Close()
	c.it = nil
}
