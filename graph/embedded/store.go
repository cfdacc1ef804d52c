// Package embedded is kgb's zero-setup graph store: one directory on disk,
// written with Pebble (github.com/cockroachdb/pebble, the pure-Go LSM
// key-value store under CockroachDB; pure Go, so the kgb binary stays
// cgo-free), that fulfils the same graph.Store contract as the Neo4j
// backend and answers the exploration queries behind `kgb show`, `kgb path`
// and `kgb top`.
//
// Every write is one atomic batch committed with a synced write-ahead-log
// write: a crash or SIGKILL leaves the last committed state, never half an
// article. Writes cost in proportion to the article being written, not to
// the graph: each article keeps the list of entities it mentions and its
// edges under its own key prefix, each entity keeps a reference count
// (articles mentioning it) and a degree, and an adjacency index gives
// every entity's edges without a scan.
//
// Why Pebble and not a B+tree file (bbolt, kgb's schema v3): an ingest
// writes keys scattered over the whole key space (adjacency, counters), and
// a B+tree commit rewrites one page per scattered key, so a batch cost grew
// with the size of the graph and the mapped file grew the process's RSS
// with it. An LSM tree appends writes to its log and memtable and merges
// them in sorted runs, so write cost stays flat and memory is bounded by the
// block cache and memtables (cacheSize, memTableSize) whatever the size of
// the graph.
//
// Key layout (schema version 6): one key space, each "bucket" below a
// one-byte key prefix (see bucketPrefix in kv.go), plus each bucket's
// sequence under seqPrefix:
//
//	meta       "kgb.format" → "kgb-embedded", "kgb.schema" → "6"
//	articles   article id → JSON {article, mentioned entity keys, the type the article gives each,
//	           edge count, article number}
//	artnos     u64 article number → article id (numbers come from the bucket's sequence;
//	           a rewritten article gets a new number)
//	edges      u64 article number ‖ u32 index → binary edge (entity ids, sentence number)
//	sentences  u64 article number ‖ u32 n → the article's n-th distinct evidence sentence
//	entkeys    entity key → u64 entity id (ids come from the bucket's sequence)
//	entities   u64 id → lp(entity key) ‖ JSON {name, type, aliases, titles}
//	entcounts  u64 id → uvarint refs (articles mentioning it) ‖ uvarint degree ‖
//	           (lp(type) ‖ uvarint articles giving it that type)*, types in byte order
//	adjacency  u64 entity ‖ 'o'|'i' ‖ u64 other ‖ lp(type) ‖ u64 article number ‖ u32 index → empty
//	names      normalised name or alias ‖ 0x00 ‖ entity key → 'n' (name) | 'a' (alias)
//	reltypes   relationship type → uvarint evidence count
//
// lp(x) is x prefixed by its length as a uvarint, so that any byte string
// (quotes, NULs, separators) can be part of a key without ambiguity; u64 and
// u32 are big-endian. Entities are numbered so that the adjacency index,
// edges and counters name them by 8 bytes instead of their key, and each
// evidence sentence is stored once per article rather than once per edge.
//
// A named entity's key is its normalised name alone (graph.EntityKey), so
// articles that type a name differently share one entity; its stored type is
// graph.PreferType over the types its articles give it (the counters in
// entcounts), recomputed by every write that changes them.
package embedded

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/kgb-dev/kgb/graph"
)

// SchemaVersion is the version of the key layout this package writes.
// v5 has the same layout as v4; it marks databases whose article ids are
// qualified by the ingest root's name ("politics/001.txt"), where v4 ids were
// relative to the root ("001.txt") and collided across roots. v6 keys named
// entities by name alone (v5 and earlier prefixed the type, "person:ada",
// so one name could be several entities) and records the type each article
// gives each entity it mentions.
const SchemaVersion = 6

// schemaRootRelativeIDs is the last version with root-relative article ids.
const schemaRootRelativeIDs = 4

// schemaTypedKeys is the last version with type-prefixed entity keys.
const schemaTypedKeys = 5

const formatName = "kgb-embedded"

var (
	bMeta      = []byte("meta")
	bArticles  = []byte("articles")
	bEdges     = []byte("edges")
	bEntities  = []byte("entities")
	bEntKeys   = []byte("entkeys")
	bSentences = []byte("sentences")
	bArtNos    = []byte("artnos")
	bCounts    = []byte("entcounts")
	bAdj       = []byte("adjacency")
	bNames     = []byte("names")
	bRelTypes  = []byte("reltypes")

	keyFormat = []byte("kgb.format")
	keySchema = []byte("kgb.schema")
)

// Errors returned by Open, for errors.Is.
var (
	// ErrLocked: another process (usually another kgb) has the database open.
	ErrLocked = errors.New("database is locked by another process")
	// ErrNotKGB: the path exists but is not a kgb embedded database.
	ErrNotKGB = errors.New("not a kgb database")
	// ErrSchema: the database was written by a kgb with another layout.
	ErrSchema = errors.New("unsupported database schema version")
	// ErrNotFound: no such database (read-only opens only).
	ErrNotFound = errors.New("no kgb database")
)

// Options tune Open. The zero value is what kgb uses.
type Options struct {
	// ReadOnly opens an existing database for reading only. It still takes
	// the directory's lock: one process at a time, reader or writer.
	ReadOnly bool
	// LockTimeout is how long Open waits for another process to release
	// the directory's lock; default 2s.
	LockTimeout time.Duration
}

// Store is the embedded graph store. It is safe for concurrent use; writes
// are serialised, reads run concurrently with them on snapshots. One
// process at a time opens a database (Pebble locks the directory); another
// kgb waits up to Options.LockTimeout, then gets ErrLocked.
type Store struct {
	db        *kvDB
	path      string
	closeOnce sync.Once
	cache     *entCache // written entities; used under db's writer lock only
}

// Interface checks: the embedded store is a full kgb backend.
var (
	_ graph.Store         = (*Store)(nil)
	_ graph.BatchStore    = (*Store)(nil)
	_ graph.Reader        = (*Store)(nil)
	_ graph.ArticleLookup = (*Store)(nil)
)

// Open opens (creating it if missing) the embedded database in the
// directory path for reading and writing.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenReadOnly opens an existing database for reading only.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{ReadOnly: true})
}

// OpenWith opens the database at path with the given options.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if path == "" {
		return nil, errors.New("open embedded store: empty path")
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = 2 * time.Second
	}
	kv, err := openKV(path, o)
	if err != nil {
		return nil, err
	}
	s := &Store{db: kv, path: path, cache: newEntCache(entCacheMax)}
	if err := s.initSchema(o.ReadOnly); err != nil {
		kv.db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// initSchema checks the meta bucket, writing it in a new database.
func (s *Store) initSchema(readOnly bool) error {
	check := func(tx *kvTx) (fresh bool, err error) {
		meta := tx.Bucket(bMeta)
		if meta.Get(keyFormat) == nil {
			if !tx.empty() {
				return false, ErrNotKGB
			}
			return true, nil
		}
		if string(meta.Get(keyFormat)) != formatName {
			return false, ErrNotKGB
		}
		v, err := strconv.Atoi(string(meta.Get(keySchema)))
		if err != nil {
			return false, fmt.Errorf("%w: %q", ErrSchema, meta.Get(keySchema))
		}
		if v > SchemaVersion {
			return false, fmt.Errorf("%w: database has v%d, this kgb reads up to v%d (upgrade kgb)", ErrSchema, v, SchemaVersion)
		}
		if v == schemaTypedKeys {
			return false, fmt.Errorf("%w: its entities are keyed by type and name (\"person:ada vance\"), so a name typed differently by two articles "+
				"is two entities; this kgb keys a named entity by its name alone, one entity per name: move the database away and ingest again", ErrSchema)
		}
		if v == schemaRootRelativeIDs {
			return false, fmt.Errorf("%w: its article ids are relative to the ingest root (\"001.txt\"), and this kgb names articles by the root folder too "+
				"(\"politics/001.txt\") so that folders never overwrite each other: move the database away and ingest again", ErrSchema)
		}
		if v < SchemaVersion {
			return false, fmt.Errorf("%w: database has the development layout v%d, this kgb reads v%d (delete it and ingest again)", ErrSchema, v, SchemaVersion)
		}
		return false, nil
	}
	if readOnly {
		return s.db.View(func(tx *kvTx) error {
			fresh, err := check(tx)
			if err == nil && fresh {
				return ErrNotKGB
			}
			return err
		})
	}
	return s.db.Update(func(tx *kvTx) error {
		fresh, err := check(tx)
		if err != nil {
			return err
		}
		if fresh {
			meta := tx.Bucket(bMeta)
			if err := meta.Put(keyFormat, []byte(formatName)); err != nil {
				return err
			}
			return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
		}
		return nil
	})
}

// Path returns the directory the store was opened from.
func (s *Store) Path() string { return s.path }

// Close, after writes, writes the in-memory part of the database (already
// safe in the write-ahead log) to its tables and lets the compactions that
// follow finish (see kvDB.settle), so that the next Open neither replays
// the log nor inherits compaction work; then it releases the directory
// lock. It must be the last call on the Store; calling it again is a no-op.
func (s *Store) Close(ctx context.Context) error {
	var err error
	s.closeOnce.Do(func() {
		if !s.db.readOnly && s.db.written.Load() {
			err = s.db.settle(ctx)
		}
		err = errors.Join(err, s.db.db.Close())
	})
	if err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// --- records ---------------------------------------------------------------

type articleRec struct {
	Article  graph.Article `json:"a"`
	Mentions []string      `json:"m"`
	Types    []string      `json:"t"` // the type this article gives Mentions[i]
	Edges    int           `json:"n"`
	No       uint64        `json:"no"` // article number: key prefix of its edges and sentences
}

// entityRec is an entity with its counters, as the read paths use it.
type entityRec struct {
	Entity graph.Entity
	ID     uint64
	Refs   int // articles mentioning it
	Degree int // evidence edges touching it (a self-loop counts twice)
}

// entityVal is an entity as stored after lp(key).
type entityVal struct {
	N string   `json:"n"`
	T string   `json:"t"`
	A []string `json:"a,omitempty"`
	I []string `json:"i,omitempty"`
}

func encodeEntity(e graph.Entity) ([]byte, error) {
	v, err := json.Marshal(entityVal{N: e.Name, T: e.Type, A: e.Aliases, I: e.Titles})
	if err != nil {
		return nil, fmt.Errorf("encode entity: %w", err)
	}
	return append(appendLP(make([]byte, 0, len(e.Key)+2+len(v)), e.Key), v...), nil
}

// entityKeyOf reads the key at the start of an entity record.
func entityKeyOf(v []byte) (string, bool) {
	k, _, ok := readLP(v)
	return k, ok
}

func decodeEntity(id uint64, v []byte) (graph.Entity, error) {
	key, rest, ok := readLP(v)
	if !ok {
		return graph.Entity{}, fmt.Errorf("decode entity #%d: truncated key", id)
	}
	var ev entityVal
	if err := json.Unmarshal(rest, &ev); err != nil {
		return graph.Entity{}, fmt.Errorf("decode entity %s: %w", key, err)
	}
	return graph.Entity{Key: key, Name: ev.N, Type: ev.T, Aliases: ev.A, Titles: ev.I}, nil
}

// decodeCounts reads the counters of an entcounts value, without its type
// counts.
func decodeCounts(v []byte) (refs, degree int) {
	refs, degree, _ = decodeCountsRest(v)
	return refs, degree
}

func decodeCountsRest(v []byte) (refs, degree int, rest []byte) {
	r, n := binary.Uvarint(v)
	if n <= 0 {
		return 0, 0, nil
	}
	v = v[n:]
	d, m := binary.Uvarint(v)
	if m <= 0 {
		return int(r), 0, nil
	}
	return int(r), int(d), v[m:]
}

// decodeCountsTypes reads an entcounts value with its type counts. types is
// nil when the value has none; a truncated value gives what could be read
// (Verify reports the mismatch).
func decodeCountsTypes(v []byte) (refs, degree int, types typeCounts) {
	refs, degree, v = decodeCountsRest(v)
	for len(v) > 0 {
		t, rest, ok := readLP(v)
		if !ok {
			break
		}
		c, k := binary.Uvarint(rest)
		if k <= 0 {
			break
		}
		types = append(types, typeCount{t: t, n: int(c)}) // encoded in type order
		v = rest[k:]
	}
	return refs, degree, types
}

func encodeCounts(refs, degree int, types typeCounts) []byte {
	b := binary.AppendUvarint(binary.AppendUvarint(make([]byte, 0, 24), uint64(refs)), uint64(degree))
	for _, x := range types { // sorted
		if x.n > 0 {
			b = binary.AppendUvarint(appendLP(b, x.t), uint64(x.n))
		}
	}
	return b
}

func idBytes(id uint64) []byte { return binary.BigEndian.AppendUint64(make([]byte, 0, 8), id) }

// edgeVal is an edge as stored: entity ids instead of keys, the number of
// its sentence in the article's sentence table instead of the sentence,
// no article (it is in the key).
type edgeVal struct {
	subj, obj uint64
	sent      int // index into the article's distinct sentences
	e         graph.Edge
}

const flagNegated = 1

func encodeEdge(subj, obj uint64, sent int, e graph.Edge) []byte {
	b := make([]byte, 0, 32+len(e.Type)+len(e.Predicate)+len(e.Lemma)+len(e.Modality)+len(e.ReportedBy))
	b = binary.AppendUvarint(b, subj)
	b = binary.AppendUvarint(b, obj)
	b = appendLP(b, e.Type)
	b = appendLP(b, e.Predicate)
	b = appendLP(b, e.Lemma)
	b = binary.AppendUvarint(b, uint64(sent))
	b = binary.AppendVarint(b, int64(e.SentenceIndex))
	b = binary.AppendVarint(b, int64(e.Start))
	b = binary.AppendVarint(b, int64(e.End))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(e.Confidence))
	var flags byte
	if e.Negated {
		flags |= flagNegated
	}
	b = append(b, flags)
	b = appendLP(b, e.Modality)
	return appendLP(b, e.ReportedBy)
}

var errCorruptEdge = errors.New("corrupt edge record")

// decodeEdge decodes an edge record; Subject, Object and Sentence are left
// empty (see resolver.edge).
func decodeEdge(v []byte, article string) (edgeVal, error) {
	var r edgeVal
	bad := fmt.Errorf("decode edge of %s: %w", article, errCorruptEdge)
	var ok bool
	u := func() uint64 {
		x, n := binary.Uvarint(v)
		if n <= 0 {
			ok = false
			return 0
		}
		v = v[n:]
		return x
	}
	i := func() int {
		x, n := binary.Varint(v)
		if n <= 0 {
			ok = false
			return 0
		}
		v = v[n:]
		return int(x)
	}
	s := func() string {
		x, rest, good := readLP(v)
		if !good {
			ok = false
			return ""
		}
		v = rest
		return x
	}
	ok = true
	r.subj, r.obj = u(), u()
	r.e.Type, r.e.Predicate, r.e.Lemma = s(), s(), s()
	r.sent = int(u())
	r.e.SentenceIndex, r.e.Start, r.e.End = i(), i(), i()
	if !ok || len(v) < 9 {
		return r, bad
	}
	r.e.Confidence = math.Float64frombits(binary.BigEndian.Uint64(v))
	r.e.Negated = v[8]&flagNegated != 0
	v = v[9:]
	r.e.Modality, r.e.ReportedBy = s(), s()
	if !ok || len(v) != 0 {
		return r, bad
	}
	r.e.Article = article
	return r, nil
}

// resolver turns stored ids back into entity keys and sentence numbers
// into sentences, within one transaction.
type resolver struct {
	tx   *kvTx
	keys map[uint64]string
}

func newResolver(tx *kvTx) *resolver { return &resolver{tx: tx, keys: map[uint64]string{}} }

func (r *resolver) key(id uint64) (string, error) {
	if k, ok := r.keys[id]; ok {
		return k, nil
	}
	raw := r.tx.Bucket(bEntities).Get(idBytes(id))
	if raw == nil {
		return "", fmt.Errorf("entity #%d is not stored", id)
	}
	k, ok := entityKeyOf(raw)
	if !ok {
		return "", fmt.Errorf("entity #%d: truncated key", id)
	}
	r.keys[id] = k
	return k, nil
}

func (r *resolver) sentence(no uint64, n int) string {
	return string(r.tx.Bucket(bSentences).Get(sentKey(no, n)))
}

// article returns the id of the article numbered no.
func (r *resolver) article(no uint64) string {
	return string(r.tx.Bucket(bArtNos).Get(idBytes(no)))
}

// edge completes a decoded edge with its entity keys and sentence.
func (r *resolver) edge(ev edgeVal, article string, no uint64) (graph.Edge, error) {
	e := ev.e
	var err error
	if e.Subject, err = r.key(ev.subj); err != nil {
		return e, fmt.Errorf("edge of %s: %w", article, err)
	}
	if e.Object, err = r.key(ev.obj); err != nil {
		return e, fmt.Errorf("edge of %s: %w", article, err)
	}
	e.Sentence = r.sentence(no, ev.sent)
	e.Article = article
	return e, nil
}

// --- key encoding ----------------------------------------------------------

func appendLP(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func readLP(b []byte) (string, []byte, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, false
	}
	return string(b[k : k+int(n)]), b[k+int(n):], true
}

func edgeKey(no uint64, i int) []byte {
	return binary.BigEndian.AppendUint32(idBytes(no), uint32(i))
}

func sentKey(no uint64, n int) []byte { return edgeKey(no, n) }

const (
	dirOut = 'o'
	dirIn  = 'i'
)

func adjKey(entity uint64, dir byte, other uint64, typ string, no uint64, i int) []byte {
	b := make([]byte, 0, 17+len(typ)+1+12)
	b = binary.BigEndian.AppendUint64(b, entity)
	b = append(b, dir)
	b = binary.BigEndian.AppendUint64(b, other)
	b = appendLP(b, typ)
	b = binary.BigEndian.AppendUint64(b, no)
	return binary.BigEndian.AppendUint32(b, uint32(i))
}

type adjEntry struct {
	dir     byte
	other   uint64
	typ     string
	article uint64 // article number
	index   int
}

// parseAdj decodes an adjacency key whose 8-byte entity prefix is already cut.
func parseAdj(rest []byte) (adjEntry, bool) {
	var a adjEntry
	if len(rest) < 9 {
		return a, false
	}
	a.dir, a.other, rest = rest[0], binary.BigEndian.Uint64(rest[1:9]), rest[9:]
	var ok bool
	a.typ, rest, ok = readLP(rest)
	if !ok || len(rest) != 12 {
		return a, false
	}
	a.article, a.index = binary.BigEndian.Uint64(rest), int(binary.BigEndian.Uint32(rest[8:]))
	return a, true
}

func nameKey(name, key string) []byte {
	b := make([]byte, 0, len(name)+1+len(key))
	b = append(b, name...)
	b = append(b, 0)
	return append(b, key...)
}

// indexName is the form names and queries are compared in.
func indexName(s string) string {
	n := graph.NormalizeName(s)
	if n == "" {
		// Names made only of punctuation still deserve an entry.
		for _, r := range s {
			if r != 0 {
				n += string(r)
			}
		}
	}
	return n
}

func hasPrefix(b, p []byte) bool { return len(b) >= len(p) && string(b[:len(p)]) == string(p) }

// --- writes ----------------------------------------------------------------

// entDelta accumulates what one transaction does to one entity.
type entDelta struct {
	refs, degree int
	types        typeCounts    // change of the per-type mention counts
	incoming     *graph.Entity // merged entity data written in this transaction
}

type txState struct {
	ents   map[string]*entDelta
	ids    map[string]uint64 // entity key → id, looked up or allocated in this transaction
	keys   map[uint64]string // the reverse of ids: entities numbered here have no record until apply
	res    *resolver
	rels   map[string]int
	cache  *entCache             // committed entities (read-only until the commit)
	commit map[string]*cachedEnt // entity state after this transaction; nil = deleted
}

func (s *Store) newTxState() *txState {
	return &txState{ents: make(map[string]*entDelta), ids: make(map[string]uint64), keys: make(map[uint64]string),
		rels: make(map[string]int), cache: s.cache, commit: make(map[string]*cachedEnt)}
}

// id returns the id of an entity key, allocating one (and recording it in
// entkeys) when create is set and the key has none. apply removes the
// entkeys entry again if the entity ends the transaction unused.
func (st *txState) id(tx *kvTx, key string, create bool) (uint64, bool, error) {
	if id, ok := st.ids[key]; ok {
		return id, true, nil
	}
	if c := st.cache.get(key); c != nil {
		st.ids[key], st.keys[c.id] = c.id, key
		return c.id, true, nil
	}
	b := tx.Bucket(bEntKeys)
	if raw := b.Get([]byte(key)); len(raw) == 8 {
		id := binary.BigEndian.Uint64(raw)
		st.ids[key], st.keys[id] = id, key
		return id, true, nil
	}
	if !create {
		return 0, false, nil
	}
	id, err := b.NextSequence()
	if err != nil {
		return 0, false, fmt.Errorf("number entity %s: %w", key, err)
	}
	if err := b.Put([]byte(key), idBytes(id)); err != nil {
		return 0, false, err
	}
	st.ids[key], st.keys[id] = id, key
	return id, true, nil
}

func (st *txState) resolver(tx *kvTx) *resolver {
	if st.res == nil {
		st.res = newResolver(tx)
	}
	return st.res
}

// committed moves the transaction's entity states into the cache; kvDB
// calls it after the commit succeeded, still under the writer lock.
func (st *txState) committed() {
	for key, c := range st.commit {
		if c == nil {
			st.cache.remove(key)
		} else {
			st.cache.put(key, c)
		}
	}
}

func (st *txState) ent(key string) *entDelta {
	d := st.ents[key]
	if d == nil {
		d = &entDelta{}
		st.ents[key] = d
	}
	return d
}

// ReplaceArticle writes g all-or-nothing, replacing whatever g.Article.ID
// contributed before. Edges' Article fields are set to g.Article.ID.
// Invalid graphs (graph.CheckArticleGraph, or an empty SHA-256) are refused
// before anything is written.
func (s *Store) ReplaceArticle(ctx context.Context, g graph.ArticleGraph) error {
	return s.ReplaceArticles(ctx, []graph.ArticleGraph{g})
}

// ReplaceArticles writes every graph in gs in one transaction: all or none.
// A later graph for the same article id wins over an earlier one.
func (s *Store) ReplaceArticles(ctx context.Context, gs []graph.ArticleGraph) error {
	for _, g := range gs {
		if err := checkGraph(g); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(gs) == 0 {
		return nil
	}
	err := s.db.Update(func(tx *kvTx) error {
		st := s.newTxState()
		for _, g := range gs {
			if err := removeArticle(tx, st, g.Article.ID); err != nil {
				return err
			}
			if err := addArticle(tx, st, g); err != nil {
				return err
			}
		}
		if err := st.apply(tx); err != nil {
			return err
		}
		tx.onCommit = st.committed
		return nil
	})
	if err != nil {
		if len(gs) == 1 {
			return fmt.Errorf("replace article %s: %w", gs[0].Article.ID, err)
		}
		return fmt.Errorf("replace %d articles: %w", len(gs), err)
	}
	return nil
}

// InvalidGraphError reports an ArticleGraph refused before writing.
type InvalidGraphError struct {
	Article string
	Err     error
}

func (e *InvalidGraphError) Error() string {
	return "invalid article graph " + strconv.Quote(e.Article) + ": " + e.Err.Error()
}

func (e *InvalidGraphError) Unwrap() error { return e.Err }

func checkGraph(g graph.ArticleGraph) error {
	if err := graph.CheckArticleGraph(g); err != nil {
		return &InvalidGraphError{Article: g.Article.ID, Err: err}
	}
	if g.Article.SHA256 == "" {
		return &InvalidGraphError{Article: g.Article.ID, Err: errors.New("article has no sha256")}
	}
	return nil
}

// RetractArticle removes an article, its mentions and its edges, then any
// entity left unused. Unknown ids are not an error.
func (s *Store) RetractArticle(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := s.db.Update(func(tx *kvTx) error {
		st := s.newTxState()
		if err := removeArticle(tx, st, id); err != nil {
			return err
		}
		tx.onCommit = st.committed
		return st.apply(tx)
	})
	if err != nil {
		return fmt.Errorf("retract article %s: %w", id, err)
	}
	return nil
}

func removeArticle(tx *kvTx, st *txState, id string) error {
	arts := tx.Bucket(bArticles)
	raw := arts.Get([]byte(id))
	if raw == nil {
		return nil
	}
	var rec articleRec
	if err := json.Unmarshal(raw, &rec); err != nil {
		return fmt.Errorf("decode article %s: %w", id, err)
	}
	for i, m := range rec.Mentions {
		d := st.ent(m)
		d.refs--
		if i < len(rec.Types) {
			d.types.add(rec.Types[i], -1)
		}
	}
	edges, adj := tx.Bucket(bEdges), tx.Bucket(bAdj)
	res := st.resolver(tx)
	no := rec.No
	prefix := idBytes(no)
	var dead [][]byte
	c := edges.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		ev, err := decodeEdge(v, id)
		if err != nil {
			return err
		}
		i := int(binary.BigEndian.Uint32(k[len(prefix):]))
		if err := adj.Delete(adjKey(ev.subj, dirOut, ev.obj, ev.e.Type, no, i)); err != nil {
			return err
		}
		if err := adj.Delete(adjKey(ev.obj, dirIn, ev.subj, ev.e.Type, no, i)); err != nil {
			return err
		}
		for _, eid := range []uint64{ev.subj, ev.obj} {
			key, ok := st.keys[eid]
			if !ok {
				var err error
				if key, err = res.key(eid); err != nil {
					return fmt.Errorf("edge %d of %s: %w", i, id, err)
				}
				st.ids[key], st.keys[eid] = eid, key
			}
			st.ent(key).degree--
		}
		st.rels[ev.e.Type]--
		dead = append(dead, slices.Clone(k))
	}
	for _, k := range dead {
		if err := edges.Delete(k); err != nil {
			return err
		}
	}
	dead = dead[:0]
	sents := tx.Bucket(bSentences)
	sc := sents.Cursor()
	for k, _ := sc.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = sc.Next() {
		dead = append(dead, slices.Clone(k))
	}
	for _, k := range dead {
		if err := sents.Delete(k); err != nil {
			return err
		}
	}
	if err := tx.Bucket(bArtNos).Delete(prefix); err != nil {
		return err
	}
	return arts.Delete([]byte(id))
}

func addArticle(tx *kvTx, st *txState, g graph.ArticleGraph) error {
	id := g.Article.ID
	rec := articleRec{Article: g.Article, Edges: len(g.Edges)}
	seen := make(map[string]bool, len(g.Entities))
	for _, e := range g.Entities {
		d := st.ent(e.Key)
		if d.incoming == nil {
			ce := e
			ce.Aliases = mergeSorted(nil, e.Aliases)
			ce.Titles = mergeSorted(nil, e.Titles)
			d.incoming = &ce
		} else {
			mergeEntity(d.incoming, e)
		}
		if !seen[e.Key] {
			seen[e.Key] = true
			d.refs++
			d.types.add(e.Type, 1)
			rec.Mentions = append(rec.Mentions, e.Key)
			rec.Types = append(rec.Types, e.Type)
			if _, _, err := st.id(tx, e.Key, true); err != nil {
				return err
			}
		}
	}
	artNos := tx.Bucket(bArtNos)
	no, err := artNos.NextSequence()
	if err != nil {
		return fmt.Errorf("number article %s: %w", id, err)
	}
	rec.No = no
	if err := artNos.Put(idBytes(no), []byte(id)); err != nil {
		return err
	}
	edges, adj, sents := tx.Bucket(bEdges), tx.Bucket(bAdj), tx.Bucket(bSentences)
	sentNo := map[string]int{}
	for i, e := range g.Edges {
		n, ok := sentNo[e.Sentence]
		if !ok {
			n = len(sentNo)
			sentNo[e.Sentence] = n
			if err := sents.Put(sentKey(no, n), []byte(e.Sentence)); err != nil {
				return err
			}
		}
		subj, obj := st.ids[e.Subject], st.ids[e.Object] // numbered above: CheckArticleGraph
		if err := edges.Put(edgeKey(no, i), encodeEdge(subj, obj, n, e)); err != nil {
			return err
		}
		if err := adj.Put(adjKey(subj, dirOut, obj, e.Type, no, i), nil); err != nil {
			return err
		}
		if err := adj.Put(adjKey(obj, dirIn, subj, e.Type, no, i), nil); err != nil {
			return err
		}
		st.ent(e.Subject).degree++
		st.ent(e.Object).degree++
		st.rels[e.Type]++
	}
	v, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode article: %w", err)
	}
	return tx.Bucket(bArticles).Put([]byte(id), v)
}

// mergeSorted returns the sorted union of a (already sorted, unique) and b.
func mergeSorted(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if s == "" {
			continue
		}
		if i, found := slices.BinarySearch(out, s); !found {
			out = slices.Insert(out, i, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// mergeEntity folds e into dst: the first non-empty name and type stay
// (apply then sets the type from the counters); aliases and titles
// accumulate (sorted, so the result does not depend on the order articles
// were written in).
func mergeEntity(dst *graph.Entity, e graph.Entity) {
	if dst.Name == "" {
		dst.Name = e.Name
	}
	if dst.Type == "" {
		dst.Type = e.Type
	}
	dst.Aliases = mergeSorted(dst.Aliases, e.Aliases)
	dst.Titles = mergeSorted(dst.Titles, e.Titles)
}

func entityNames(e graph.Entity) map[string]byte {
	m := map[string]byte{}
	for _, a := range e.Aliases {
		m[indexName(a)] = 'a'
	}
	m[indexName(e.Name)] = 'n'
	return m
}

// apply writes the accumulated entity and relation-type changes, deleting
// entities no article references any more. Only entities the transaction
// touched are read or written.
func (st *txState) apply(tx *kvTx) error {
	ents, counts, names, entKeys := tx.Bucket(bEntities), tx.Bucket(bCounts), tx.Bucket(bNames), tx.Bucket(bEntKeys)
	keys := make([]string, 0, len(st.ents))
	for k := range st.ents {
		keys = append(keys, k)
	}
	// Deterministic order, by id: records and counters are keyed by id,
	// and new entities' ids are consecutive.
	for _, k := range keys {
		if _, _, err := st.id(tx, k, false); err != nil {
			return err
		}
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(st.ids[a], st.ids[b]), cmp.Compare(a, b)) })
	for _, key := range keys {
		d := st.ents[key]
		id, numbered, err := st.id(tx, key, false)
		if err != nil {
			return err
		}
		var bid []byte
		var old *graph.Entity // as stored before this transaction
		refs, degree := 0, 0
		var types typeCounts // never modified: the cache shares it
		if numbered {
			bid = idBytes(id)
			if c := st.cache.get(key); c != nil && c.id == id {
				e := c.e
				old, refs, degree, types = &e, c.refs, c.degree, c.types
			} else if raw := ents.Get(bid); raw != nil {
				e, err := decodeEntity(id, raw)
				if err != nil {
					return err
				}
				old = &e
				refs, degree, types = decodeCountsTypes(counts.Get(bid))
			}
		}
		st.commit[key] = nil
		if old == nil && d.incoming == nil {
			// Nothing stored and nothing new: counters of a vanished entity.
			if numbered {
				if err := entKeys.Delete([]byte(key)); err != nil {
					return err
				}
			}
			continue
		}
		refs += d.refs
		degree += d.degree
		if refs <= 0 {
			if numbered {
				if err := entKeys.Delete([]byte(key)); err != nil {
					return err
				}
			}
			if old == nil {
				continue
			}
			if err := ents.Delete(bid); err != nil {
				return err
			}
			if err := counts.Delete(bid); err != nil {
				return err
			}
			for n := range entityNames(*old) {
				if err := names.Delete(nameKey(n, key)); err != nil {
					return err
				}
			}
			continue
		}
		if !numbered {
			return fmt.Errorf("entity %s has references but no id", key)
		}
		changedTypes := d.types.changes()
		if changedTypes {
			types = types.plus(d.types)
		}
		if d.refs != 0 || d.degree != 0 || changedTypes || old == nil {
			if err := counts.Put(bid, encodeCounts(refs, degree, types)); err != nil {
				return err
			}
		}
		var cur graph.Entity
		switch {
		case old == nil:
			cur = *d.incoming
		case d.incoming == nil:
			cur = *old
		default:
			cur = *old // mergeEntity replaces slices, never edits them in place
			mergeEntity(&cur, *d.incoming)
		}
		if t := graph.PreferType(types.all()); t != "" {
			cur.Type = t
		}
		if old != nil && cur.Name == old.Name && cur.Type == old.Type && slices.Equal(cur.Aliases, old.Aliases) &&
			slices.Equal(cur.Titles, old.Titles) {
			st.commit[key] = &cachedEnt{id: id, refs: refs, degree: degree, types: types, e: *old}
			continue // nothing new about it
		}
		cur.Key = key
		st.commit[key] = &cachedEnt{id: id, refs: refs, degree: degree, types: types, e: cur}
		v, err := encodeEntity(cur)
		if err != nil {
			return err
		}
		if err := ents.Put(bid, v); err != nil {
			return err
		}
		if old != nil && old.Name == cur.Name && slices.Equal(old.Aliases, cur.Aliases) {
			continue // names index already up to date
		}
		var before map[string]byte
		if old != nil {
			before = entityNames(*old)
		}
		for n, kind := range entityNames(cur) {
			if before[n] == kind {
				continue
			}
			if err := names.Put(nameKey(n, key), []byte{kind}); err != nil {
				return err
			}
		}
	}
	rels := tx.Bucket(bRelTypes)
	for typ, d := range st.rels {
		if d == 0 {
			continue
		}
		n, _ := binary.Uvarint(rels.Get([]byte(typ)))
		c := int64(n) + int64(d)
		if c <= 0 {
			if err := rels.Delete([]byte(typ)); err != nil {
				return err
			}
			continue
		}
		if err := rels.Put([]byte(typ), binary.AppendUvarint(nil, uint64(c))); err != nil {
			return err
		}
	}
	return nil
}

// --- graph.Store reads -----------------------------------------------------

// ArticleHash returns the stored SHA-256 of an article.
func (s *Store) ArticleHash(ctx context.Context, id string) (string, bool, error) {
	a, found, err := s.Article(ctx, id)
	return a.SHA256, found && a.SHA256 != "", err
}

// Article returns the stored article node with this id (graph.ArticleLookup).
func (s *Store) Article(ctx context.Context, id string) (graph.Article, bool, error) {
	if err := ctx.Err(); err != nil {
		return graph.Article{}, false, err
	}
	var rec articleRec
	var found bool
	err := s.db.View(func(tx *kvTx) error {
		raw := tx.Bucket(bArticles).Get([]byte(id))
		if raw == nil {
			return nil
		}
		if err := json.Unmarshal(raw, &rec); err != nil {
			return fmt.Errorf("decode article %s: %w", id, err)
		}
		found = true
		return nil
	})
	return rec.Article, found, err
}

const idChunk = 1024

// ArticleIDs calls fn for every stored article id starting with prefix, in
// byte order. fn runs outside any transaction, so it may write to the store
// (retract the id it was given, for instance).
func (s *Store) ArticleIDs(ctx context.Context, prefix string, fn func(id string) error) error {
	var after []byte
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var ids []string
		err := s.db.View(func(tx *kvTx) error {
			c := tx.Bucket(bArticles).Cursor()
			k, _ := seekAfter(c, []byte(prefix), after)
			for ; k != nil && hasPrefix(k, []byte(prefix)) && len(ids) < idChunk; k, _ = c.Next() {
				ids = append(ids, string(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := fn(id); err != nil {
				return err
			}
		}
		if len(ids) < idChunk {
			return nil
		}
		after = []byte(ids[len(ids)-1])
	}
}

// seekAfter positions c at the first key ≥ start, or the first key > after
// when after is set.
func seekAfter(c *kvCursor, start, after []byte) ([]byte, []byte) {
	if after == nil {
		if len(start) == 0 {
			return c.First()
		}
		return c.Seek(start)
	}
	k, v := c.Seek(after)
	if k != nil && string(k) == string(after) {
		k, v = c.Next()
	}
	return k, v
}

// --- graph.Reader ----------------------------------------------------------

const graphChunk = 128

// ArticleGraphs calls fn with every stored article's graph, in article id
// order. Entities carry their merged data (aliases from every article).
// Articles are read in chunks of short read transactions and fn runs outside
// them, so a slow consumer (a push to Neo4j) never blocks writers.
func (s *Store) ArticleGraphs(ctx context.Context, fn func(graph.ArticleGraph) error) error {
	var after []byte
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var batch []graph.ArticleGraph
		err := s.db.View(func(tx *kvTx) error {
			res := newResolver(tx)
			c := tx.Bucket(bArticles).Cursor()
			for k, v := seekAfter(c, nil, after); k != nil && len(batch) < graphChunk; k, v = c.Next() {
				g, err := readArticleGraph(tx, res, k, v)
				if err != nil {
					return err
				}
				batch = append(batch, g)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, g := range batch {
			if err := fn(g); err != nil {
				return err
			}
		}
		if len(batch) < graphChunk {
			return nil
		}
		after = []byte(batch[len(batch)-1].Article.ID)
	}
}

func readArticleGraph(tx *kvTx, res *resolver, id, raw []byte) (graph.ArticleGraph, error) {
	var rec articleRec
	if err := json.Unmarshal(raw, &rec); err != nil {
		return graph.ArticleGraph{}, fmt.Errorf("decode article %s: %w", id, err)
	}
	g := graph.ArticleGraph{Article: rec.Article}
	for _, m := range rec.Mentions {
		er, ok, err := getEntity(tx, m)
		if err != nil {
			return g, err
		}
		if ok {
			g.Entities = append(g.Entities, er.Entity)
		}
	}
	prefix := idBytes(rec.No)
	c := tx.Bucket(bEdges).Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		ev, err := decodeEdge(v, string(id))
		if err != nil {
			return g, err
		}
		e, err := res.edge(ev, string(id), rec.No)
		if err != nil {
			return g, err
		}
		g.Edges = append(g.Edges, e)
	}
	return g, nil
}

// getEntity reads an entity and its counters by key.
func getEntity(tx *kvTx, key string) (entityRec, bool, error) {
	raw := tx.Bucket(bEntKeys).Get([]byte(key))
	if len(raw) != 8 {
		return entityRec{}, false, nil
	}
	return getEntityByID(tx, binary.BigEndian.Uint64(raw))
}

// getEntityByID reads an entity and its counters by id.
func getEntityByID(tx *kvTx, id uint64) (entityRec, bool, error) {
	bid := idBytes(id)
	raw := tx.Bucket(bEntities).Get(bid)
	if raw == nil {
		return entityRec{}, false, nil
	}
	e, err := decodeEntity(id, raw)
	if err != nil {
		return entityRec{}, false, err
	}
	er := entityRec{Entity: e, ID: id}
	er.Refs, er.Degree = decodeCounts(tx.Bucket(bCounts).Get(bid))
	return er, true, nil
}

const entityChunk = 1024

// Entities calls fn once per stored entity, in key order, outside any
// transaction.
func (s *Store) Entities(ctx context.Context, fn func(graph.Entity) error) error {
	var after []byte
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var batch []graph.Entity
		err := s.db.View(func(tx *kvTx) error {
			c := tx.Bucket(bEntKeys).Cursor()
			for k, v := seekAfter(c, nil, after); k != nil && len(batch) < entityChunk; k, v = c.Next() {
				if len(v) != 8 {
					return fmt.Errorf("entity %q: corrupt id", k)
				}
				er, ok, err := getEntityByID(tx, binary.BigEndian.Uint64(v))
				if err != nil {
					return err
				}
				if !ok {
					return fmt.Errorf("entity %q: no record", k)
				}
				batch = append(batch, er.Entity)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, e := range batch {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(batch) < entityChunk {
			return nil
		}
		after = []byte(batch[len(batch)-1].Key)
	}
}
