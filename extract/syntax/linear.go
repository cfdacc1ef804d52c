package syntax

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Feature hashing. Feature values (words, tags, labels, distances) are
// 64-bit hashes; a feature is the hash of its template number and values.

const noneVal uint64 = 0x5bd1e9955bd1e995 // value of an absent token/attribute

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func feat1(t, a uint64) uint64 {
	h := mix(t*0x9e3779b97f4a7c15 ^ a)
	if h == 0 {
		h = 1
	}
	return h
}

func feat2(t, a, b uint64) uint64 {
	h := mix(mix(t*0x9e3779b97f4a7c15^a) ^ b)
	if h == 0 {
		h = 1
	}
	return h
}

func feat3(t, a, b, c uint64) uint64 {
	h := mix(mix(mix(t*0x9e3779b97f4a7c15^a)^b) ^ c)
	if h == 0 {
		h = 1
	}
	return h
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString is FNV-1a of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashLower is FNV-1a of s with ASCII letters lower-cased.
func hashLower(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// entry is one class weight of a feature.
type entry struct {
	cls uint16
	w   float32
}

// slot is one cell of the open-addressing feature table.
type slot struct {
	key uint64
	off uint32
	n   uint32
}

// linear is a sparse multi-class linear model over hashed features:
// every feature holds weights for the few classes it was trained on.
type linear struct {
	nClass int
	mask   uint64
	slots  []slot
	ent    []entry
}

// score sets scores[c] to the sum of the weights of feats for class c, in
// three passes so that cache misses overlap: touch every home slot, find
// every feature's entries (touching the first), then add.
func (m *linear) score(feats []uint64, scores []float32) {
	clear(scores)
	if len(m.slots) == 0 {
		return
	}
	slots, ents := m.slots, m.ent
	var (
		home  [maxBatch]uint32
		found [maxBatch]*slot
	)
	for len(feats) > 0 {
		batch := feats
		if len(batch) > maxBatch {
			batch = batch[:maxBatch]
		}
		feats = feats[len(batch):]
		var sink uint64
		for k, f := range batch {
			i := uint32(f & m.mask)
			home[k] = i
			sink += slots[i].key
		}
		var wsink float32
		for k, f := range batch {
			i := uint64(home[k])
			found[k] = nil
			for {
				s := &slots[i]
				if s.key == f {
					found[k] = s
					if s.n > 0 {
						wsink += ents[s.off].w
					}
					break
				}
				if s.key == 0 {
					break
				}
				i = (i + 1) & m.mask
			}
		}
		if sink == 1 && wsink == 1 { // keeps the loads; never matters
			scores[0] += 0
		}
		for k := range batch {
			s := found[k]
			if s == nil {
				continue
			}
			for _, e := range ents[s.off : s.off+s.n] {
				if int(e.cls) < len(scores) {
					scores[e.cls] += e.w
				}
			}
		}
	}
}

// buildLinear makes a model from sorted features and their entries (its
// table from table, see there for static).
func buildLinear(nClass int, keys []uint64, offs []uint32, ent []entry, static bool) *linear {
	size := 1
	for size < 2*len(keys)+1 {
		size <<= 1
	}
	m := &linear{nClass: nClass, mask: uint64(size - 1), slots: table[slot](size, static), ent: ent}
	for k, key := range keys {
		i := key & m.mask
		for m.slots[i].key != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i] = slot{key: key, off: offs[k], n: offs[k+1] - offs[k]}
	}
	return m
}

// Model stream format (inside gzip): uvarint nClass, uvarint nFeat, then
// per feature in ascending key order: uvarint key delta, uvarint count,
// then count × (uvarint class, weight as putWeight writes it).

func (m *linear) write(w io.Writer) error {
	type kv struct {
		key uint64
		s   slot
	}
	var all []kv
	for _, s := range m.slots {
		if s.key != 0 {
			all = append(all, kv{s.key, s})
		}
	}
	slices.SortFunc(all, func(a, b kv) int { return cmp.Compare(a.key, b.key) })
	bw := bufio.NewWriter(w)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	put(uint64(m.nClass))
	put(uint64(len(all)))
	prev := uint64(0)
	for _, a := range all {
		put(a.key - prev)
		prev = a.key
		put(uint64(a.s.n))
		for _, e := range m.ent[a.s.off : a.s.off+a.s.n] {
			put(uint64(e.cls))
			putWeight(bw, e.w)
		}
	}
	return bw.Flush()
}

var errBadModel = errors.New("syntax: malformed model")

func readLinear(r *byteReader) (*linear, error) {
	get := r.uvarint
	nc, err := get()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errBadModel, err)
	}
	nf, err := get()
	if err != nil || nf > 1<<28 {
		return nil, fmt.Errorf("%w: feature count", errBadModel)
	}
	keys := make([]uint64, 0, nf)
	offs := make([]uint32, 0, nf+1)
	var ent []entry
	prev := uint64(0)
	for k := uint64(0); k < nf; k++ {
		d, err := get()
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errBadModel, err)
		}
		prev += d
		n, err := get()
		if err != nil || n > nc {
			return nil, fmt.Errorf("%w: entry count", errBadModel)
		}
		keys = append(keys, prev)
		offs = append(offs, uint32(len(ent)))
		for j := uint64(0); j < n; j++ {
			c, err := get()
			if err != nil || c >= nc {
				return nil, fmt.Errorf("%w: class", errBadModel)
			}
			w, err := getWeight(r)
			if err != nil {
				return nil, fmt.Errorf("%w: %w", errBadModel, err)
			}
			ent = append(ent, entry{cls: uint16(c), w: w})
		}
	}
	offs = append(offs, uint32(len(ent)))
	if r.static { // move the entries out of the Go heap too
		ent = append(table[entry](len(ent), true)[:0], ent...)
	}
	return buildLinear(int(nc), keys, offs, ent, r.static), nil
}

func writeStrings(w io.Writer, ss []string) error {
	var buf [binary.MaxVarintLen64]byte
	if _, err := w.Write(buf[:binary.PutUvarint(buf[:], uint64(len(ss)))]); err != nil {
		return err
	}
	for _, s := range ss {
		if _, err := w.Write(buf[:binary.PutUvarint(buf[:], uint64(len(s)))]); err != nil {
			return err
		}
		if _, err := io.WriteString(w, s); err != nil {
			return err
		}
	}
	return nil
}

func readStrings(r *byteReader) ([]string, error) {
	n, err := r.uvarint()
	if err != nil || n > 1<<20 {
		return nil, fmt.Errorf("%w: string count", errBadModel)
	}
	out := make([]string, n)
	for i := range out {
		l, err := r.uvarint()
		if err != nil || l > 1<<16 {
			return nil, fmt.Errorf("%w: string length", errBadModel)
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("%w: %w", errBadModel, err)
		}
		out[i] = string(b)
	}
	return out, nil
}

// perceptron is an averaged perceptron under training. Weights move by
// whole numbers, so training is exact and deterministic.
type perceptron struct {
	nClass int
	idx    rowIndex
	rows   [][]trainEntry // weights, scanned by score
	aux    [][]trainAux   // their running sums, parallel to rows
	upd    []int32        // updates per feature
	now    int64          // training instances seen
}

// trainEntry is one class weight of a feature. Updates are whole numbers,
// so an int32 holds the weight exactly (scores add it as a float64).
type trainEntry struct {
	cls uint16
	w   int32
}

// trainAux is a weight's running sum for averaging: tot is the sum of the
// weight over the instances up to ts.
type trainAux struct {
	tot float64
	ts  int64
}

// rowIndex maps a feature hash to its row: an open-addressing table, much
// faster than a Go map for the training's billion lookups. Key 0 (never a
// feature: feat1..3 avoid it) marks an empty slot.
type rowIndex struct {
	mask  uint64
	n     int
	slots []rowSlot
}

type rowSlot struct {
	key uint64
	row int32
}

func newRowIndex(size int) rowIndex {
	return rowIndex{mask: uint64(size - 1), slots: make([]rowSlot, size)}
}

// get returns f's row, or -1.
func (x *rowIndex) get(f uint64) int32 {
	for i := f & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		if s.key == f {
			return s.row
		}
		if s.key == 0 {
			return -1
		}
	}
}

// put records f's row; f must be absent.
func (x *rowIndex) put(f uint64, row int32) {
	if 2*(x.n+1) > len(x.slots) {
		old := x.slots
		*x = newRowIndex(2 * len(old))
		for _, s := range old {
			if s.key != 0 {
				x.put(s.key, s.row)
			}
		}
	}
	i := f & x.mask
	for x.slots[i].key != 0 {
		i = (i + 1) & x.mask
	}
	x.slots[i] = rowSlot{f, row}
	x.n++
}

// sorted returns the features whose rows pass keep, in ascending order,
// with their rows.
func (x *rowIndex) sorted(keep func(row int32) bool) []rowSlot {
	var out []rowSlot
	for _, s := range x.slots {
		if s.key != 0 && keep(s.row) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b rowSlot) int { return cmp.Compare(a.key, b.key) })
	return out
}

func newPerceptron(nClass int) *perceptron {
	return &perceptron{nClass: nClass, idx: newRowIndex(1 << 21)}
}

// score sets scores[c] to the sum of the weights of feats for class c,
// adding in feature order. Lookups go in batches, every home slot touched
// first, so that their cache misses overlap.
func (p *perceptron) score(feats []uint64, scores []float64) {
	clear(scores)
	var rows [maxBatch]int32
	x := &p.idx
	for len(feats) > 0 {
		batch := feats
		if len(batch) > maxBatch {
			batch = batch[:maxBatch]
		}
		feats = feats[len(batch):]
		var sink uint64
		for _, f := range batch {
			sink += x.slots[f&x.mask].key
		}
		for k, f := range batch {
			r := x.get(f)
			rows[k] = r
			if r >= 0 {
				sink += uint64(len(p.rows[r]))
			}
		}
		if sink == 1 { // keeps the loads; never matters
			scores[0] += 0
		}
		for k := range batch {
			if r := rows[k]; r >= 0 {
				for _, e := range p.rows[r] {
					scores[e.cls] += float64(e.w)
				}
			}
		}
	}
}

// tick counts one training instance (for averaging).
func (p *perceptron) tick() { p.now++ }

func (p *perceptron) update(feats []uint64, cls int, delta int32) {
	for _, f := range feats {
		r := p.idx.get(f)
		if r < 0 {
			r = int32(len(p.rows))
			p.idx.put(f, r)
			p.rows = append(p.rows, nil)
			p.aux = append(p.aux, nil)
			p.upd = append(p.upd, 0)
		}
		p.upd[r]++
		row := p.rows[r]
		j := -1
		for k := range row {
			if int(row[k].cls) == cls {
				j = k
				break
			}
		}
		if j < 0 {
			row = append(row, trainEntry{cls: uint16(cls)})
			j = len(row) - 1
			p.rows[r] = row
			p.aux[r] = append(p.aux[r], trainAux{ts: p.now})
		}
		e, a := &row[j], &p.aux[r][j]
		a.tot += float64(p.now-a.ts) * float64(e.w)
		a.ts = p.now
		e.w += delta
	}
}

// average returns the averaged model, dropping features updated fewer
// than minUpd times and weights smaller than eps in magnitude.
func (p *perceptron) average(minUpd int32, eps float64) *linear {
	feats := p.idx.sorted(func(r int32) bool { return p.upd[r] >= minUpd })
	offs := make([]uint32, 0, len(feats)+1)
	var ent []entry
	outKeys := make([]uint64, 0, len(feats))
	now := float64(p.now)
	if now == 0 {
		now = 1
	}
	for _, fs := range feats {
		k, row, aux := fs.key, p.rows[fs.row], p.aux[fs.row]
		start := len(ent)
		for j, e := range row {
			tot := aux[j].tot + float64(p.now-aux[j].ts)*float64(e.w)
			avg := tot / now
			if math.Abs(avg) < eps {
				continue
			}
			ent = append(ent, entry{cls: e.cls, w: float32(avg)})
		}
		if len(ent) == start {
			continue
		}
		slices.SortFunc(ent[start:], func(a, b entry) int { return int(a.cls) - int(b.cls) })
		outKeys = append(outKeys, k)
		offs = append(offs, uint32(start))
	}
	offs = append(offs, uint32(len(ent)))
	return buildLinear(p.nClass, outKeys, offs, ent, false)
}

// features counts the model's features.
func (m *linear) features() int {
	k := 0
	for _, s := range m.slots {
		if s.key != 0 {
			k++
		}
	}
	return k
}
