package syntax

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// dense3 is a three-class linear model (the parser's SHIFT/LEFT/RIGHT)
// over hashed features, weights stored inline in an open-addressing table
// so that a lookup touches one cache line.
type dense3 struct {
	mask  uint64
	slots []slot3
}

type slot3 struct {
	check uint32 // high half of the feature hash, 0 for an empty slot
	w     [3]float32
}

func check32(f uint64) uint32 {
	c := uint32(f >> 32)
	if c == 0 {
		c = 1
	}
	return c
}

// maxBatch bounds the features scored in one two-phase pass.
const maxBatch = 128

// score sets scores to the sum of the weights of feats. It first touches
// the home slot of every feature, with no data-dependent branch, so that
// the cache misses overlap; then it probes and adds.
func (m *dense3) score(feats []uint64, scores *[3]float32) {
	*scores = [3]float32{}
	if len(m.slots) == 0 {
		return
	}
	slots := m.slots
	var home [maxBatch]uint32
	for len(feats) > 0 {
		batch := feats
		if len(batch) > maxBatch {
			batch = batch[:maxBatch]
		}
		feats = feats[len(batch):]
		var sink uint32
		for k, f := range batch {
			i := uint32(f & m.mask)
			home[k] = i
			sink += slots[i].check
		}
		if sink == 1 { // keeps the loads; never matters
			scores[0] += 0
		}
		for k, f := range batch {
			c := check32(f)
			i := uint64(home[k])
			for {
				s := &slots[i]
				if s.check == c {
					scores[0] += s.w[0]
					scores[1] += s.w[1]
					scores[2] += s.w[2]
					break
				}
				if s.check == 0 {
					break
				}
				i = (i + 1) & m.mask
			}
		}
	}
}

func buildDense3(keys []uint64, w [][3]float32, static bool) *dense3 {
	m := newDense3(len(keys), static)
	for k, key := range keys {
		m.insert(key, w[k])
	}
	return m
}

// newDense3 returns an empty table for n features (its slots from table,
// see there for static).
func newDense3(n int, static bool) *dense3 {
	size := 1
	for size*2 < n*3+2 { // load factor at most 2/3
		size <<= 1
	}
	return &dense3{mask: uint64(size - 1), slots: table[slot3](size, static)}
}

// insert adds feature key, absent from m, with weights w.
func (m *dense3) insert(key uint64, w [3]float32) {
	i := key & m.mask
	for m.slots[i].check != 0 {
		i = (i + 1) & m.mask
	}
	m.slots[i] = slot3{check: check32(key), w: w}
}

// putWeight writes a weight as the top three bytes of its float32 (sign,
// exponent, 15 mantissa bits): ample precision, and compresses well.
func putWeight(w io.ByteWriter, x float32) {
	b := math.Float32bits(x)
	w.WriteByte(byte(b >> 24))
	w.WriteByte(byte(b >> 16))
	w.WriteByte(byte(b >> 8))
}

func getWeight(r *byteReader) (float32, error) {
	if r.off+3 > len(r.b) {
		return 0, io.ErrUnexpectedEOF
	}
	b := uint32(r.b[r.off])<<24 | uint32(r.b[r.off+1])<<16 | uint32(r.b[r.off+2])<<8
	r.off += 3
	return math.Float32frombits(b), nil
}

// byteReader reads a decompressed model held in memory.
type byteReader struct {
	b   []byte
	off int
	// static: the model is an embedded default, decoded once per process,
	// so its tables go outside the Go heap (see table).
	static bool
}

// table returns n zeroed Ts for a model's table: from weightSlice for
// static (process-lifetime) models, else from make, so that models read
// from files, trained or decoded in benchmarks are garbage-collected.
func table[T any](n int, static bool) []T {
	if static {
		return weightSlice[T](n)
	}
	return make([]T, n)
}

func (r *byteReader) ReadByte() (byte, error) {
	if r.off >= len(r.b) {
		return 0, io.ErrUnexpectedEOF
	}
	c := r.b[r.off]
	r.off++
	return c, nil
}

func (r *byteReader) Read(p []byte) (int, error) {
	if r.off >= len(r.b) {
		return 0, io.EOF
	}
	n := copy(p, r.b[r.off:])
	r.off += n
	return n, nil
}

func (r *byteReader) uvarint() (uint64, error) {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	r.off += n
	return v, nil
}

// Stream format: uvarint nFeat, then per feature in ascending key order:
// uvarint key delta, three weights.
func writeDense3(bw *bufio.Writer, keys []uint64, w [][3]float32) error {
	var buf [binary.MaxVarintLen64]byte
	bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(keys)))])
	prev := uint64(0)
	for k, key := range keys {
		bw.Write(buf[:binary.PutUvarint(buf[:], key-prev)])
		prev = key
		for _, x := range w[k] {
			putWeight(bw, x)
		}
	}
	return nil
}

// readDense3 decodes a transition model straight into its table, in the
// stream's order (so the table is the one buildDense3 makes from the same
// features).
func readDense3(r *byteReader) (*dense3, error) {
	nf, err := dense3Count(r)
	if err != nil {
		return nil, err
	}
	m := newDense3(int(nf), r.static)
	// Features go in batches: decode a batch, touching each home slot so
	// that the cache misses overlap, then insert it in order.
	var (
		keys [maxBatch]uint64
		ws   [maxBatch][3]float32
	)
	prev := uint64(0)
	for left := nf; left > 0; {
		n := min(left, maxBatch)
		left -= n
		var sink uint32
		for k := range n {
			d, err := r.uvarint()
			if err != nil {
				return nil, fmt.Errorf("%w: %w", errBadModel, err)
			}
			prev += d
			keys[k] = prev
			sink += m.slots[prev&m.mask].check
			for j := range ws[k] {
				if ws[k][j], err = getWeight(r); err != nil {
					return nil, fmt.Errorf("%w: %w", errBadModel, err)
				}
			}
		}
		if sink == 1 { // keeps the loads; never matters
			prev += 0
		}
		for k := range n {
			m.insert(keys[k], ws[k])
		}
	}
	return m, nil
}

// dense3Count reads the feature count that opens a transition model and
// refuses one the bytes left cannot hold: a feature takes at least 10
// bytes, a key delta and three 3-byte weights.
func dense3Count(r *byteReader) (uint64, error) {
	nf, err := r.uvarint()
	if err != nil || nf > uint64(len(r.b)-r.off)/10 {
		return 0, fmt.Errorf("%w: feature count", errBadModel)
	}
	return nf, nil
}

// skipDense3 returns the offset just past the transition model that
// starts at r's offset, without decoding its weights (r is not moved).
func skipDense3(r *byteReader) (int, error) {
	q := *r
	nf, err := dense3Count(&q)
	if err != nil {
		return 0, err
	}
	for k := uint64(0); k < nf; k++ {
		if _, err := q.uvarint(); err != nil {
			return 0, fmt.Errorf("%w: %w", errBadModel, err)
		}
		if q.off += 9; q.off > len(q.b) {
			return 0, fmt.Errorf("%w: %w", errBadModel, io.ErrUnexpectedEOF)
		}
	}
	return q.off, nil
}

// averageDense3 returns the averaged weights of a three-class perceptron,
// features in ascending key order, dropping those updated fewer than
// minUpd times or whose weights are all below eps.
func (p *perceptron) averageDense3(minUpd int32, eps float64) ([]uint64, [][3]float32) {
	feats := p.idx.sorted(func(r int32) bool { return p.upd[r] >= minUpd })
	now := float64(p.now)
	if now == 0 {
		now = 1
	}
	out := make([]uint64, 0, len(feats))
	var ws [][3]float32
	for _, fs := range feats {
		k := fs.key
		var w [3]float32
		keep := false
		aux := p.aux[fs.row]
		for j, e := range p.rows[fs.row] {
			avg := (aux[j].tot + float64(p.now-aux[j].ts)*float64(e.w)) / now
			if math.Abs(avg) >= eps {
				w[e.cls] = float32(avg)
				keep = true
			}
		}
		if keep {
			out = append(out, k)
			ws = append(ws, w)
		}
	}
	return out, ws
}

func (m *dense3) features() int {
	k := 0
	for _, s := range m.slots {
		if s.check != 0 {
			k++
		}
	}
	return k
}
