package syntax

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand"
	"slices"
	"sync"
)

// Tagger is a greedy left-to-right averaged-perceptron Penn Treebank
// tagger trained on UD English EWT (EWT's XPOS conventions: "to" as TO or
// IN, HYPH, -LRB-/-RRB-, ADD, NFP). Safe for concurrent use.
type Tagger struct {
	tags []string
	// dict holds frequent words that (nearly) always take one tag.
	dict map[string]uint16
	// lex is every fairly frequent word's most frequent tag, a look-ahead
	// feature.
	lex map[string]uint16
	// amb maps a word's hash (exact and lower-cased, see ambKey) to its
	// ambiguity class: the set of tags it was seen with, as a bit set.
	amb  map[uint64]uint64
	m    *linear
	pool sync.Pool // *tagScratch
}

type tagScratch struct {
	lw, raw, suf3, suf2, pre3, shape, lex []uint64
	amb, lamb                             []uint64
	feats                                 []uint64
	scores                                []float32
	dscores                               []float64
}

func (s *tagScratch) reset(n int) {
	if cap(s.lw) < n {
		c := n + 16
		s.lw, s.raw, s.suf3, s.suf2 = make([]uint64, c), make([]uint64, c), make([]uint64, c), make([]uint64, c)
		s.pre3, s.shape, s.lex = make([]uint64, c), make([]uint64, c), make([]uint64, c)
		s.amb, s.lamb = make([]uint64, c), make([]uint64, c)
	}
}

func suffixHash(w string, k int) uint64 {
	if len(w) > k {
		w = w[len(w)-k:]
	}
	return hashLower(w)
}

func prefixHash(w string, k int) uint64 {
	if len(w) > k {
		w = w[:k]
	}
	return hashLower(w)
}

// shapeHash hashes the word's shape: X for upper case, x for lower case,
// d for digits, other bytes as they are, runs capped at two.
func shapeHash(w string) uint64 {
	h := uint64(fnvOffset)
	var last byte
	run := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c = 'X'
		case 'a' <= c && c <= 'z':
			c = 'x'
		case '0' <= c && c <= '9':
			c = 'd'
		case c >= 0x80:
			c = 'u'
		}
		if c == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			run = 0
		}
		last = c
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// prepare computes the per-token feature values.
func (tg *Tagger) prepare(s *tagScratch, words []string) {
	n := len(words)
	s.reset(n)
	for i, w := range words {
		s.lw[i] = hashLower(w)
		s.raw[i] = hashString(w)
		s.suf3[i] = suffixHash(w, 3)
		s.suf2[i] = suffixHash(w, 2)
		s.pre3[i] = prefixHash(w, 3)
		s.shape[i] = shapeHash(w)
		if t, ok := tg.lex[w]; ok {
			s.lex[i] = uint64(t) + 1
		} else {
			s.lex[i] = 0
		}
		s.amb[i] = tg.amb[s.raw[i]]
		s.lamb[i] = tg.amb[ambLower(s.lw[i])]
	}
}

// features appends token i's features given the two previous tags.
func (tg *Tagger) features(dst []uint64, s *tagScratch, words []string, i int, p1, p2 uint64) []uint64 {
	n := len(words)
	at := func(a []uint64, j int) uint64 {
		if j < 0 {
			return noneVal
		}
		if j >= n {
			return noneVal + 1
		}
		return a[j]
	}
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	dst = append(dst,
		feat1(1, 0),
		feat1(2, s.lw[i]),
		feat1(3, s.raw[i]),
		feat1(4, s.suf3[i]),
		feat1(5, s.suf2[i]),
		feat1(6, s.pre3[i]),
		feat1(7, s.shape[i]),
		feat2(8, s.shape[i], first),
		feat1(9, p1),
		feat1(10, p2),
		feat2(11, p1, p2),
		feat2(12, p1, s.lw[i]),
		feat1(13, at(s.lw, i-1)),
		feat1(14, at(s.suf3, i-1)),
		feat1(15, at(s.lw, i-2)),
		feat1(16, at(s.lw, i+1)),
		feat1(17, at(s.suf3, i+1)),
		feat1(18, at(s.lw, i+2)),
		feat1(19, at(s.lex, i+1)),
		feat1(20, at(s.lex, i+2)),
		feat2(21, p1, at(s.lex, i+1)),
		feat2(22, at(s.lw, i-1), s.lw[i]),
		feat2(23, s.lw[i], at(s.lw, i+1)),
		feat1(24, at(s.shape, i+1)),
		feat1(25, at(s.shape, i-1)),
		feat2(26, s.suf3[i], p1),
		feat1(27, s.amb[i]),
		feat2(28, s.lamb[i], s.shape[i]),
		feat2(29, s.amb[i], p1),
		feat1(30, at(s.amb, i+1)),
		feat1(31, at(s.amb, i-1)),
		feat2(32, s.amb[i], at(s.amb, i+1)),
		feat2(33, s.lamb[i], first),
		feat1(34, suffixHash(wordAt(words, i), 1)),
		feat2(35, s.suf3[i], s.shape[i]),
		feat1(36, suffixHash(wordAt(words, i), 4)),
	)
	return dst
}

// Tag tags words and returns dst[:0] with one tag per word appended.
func (tg *Tagger) Tag(words []string, dst []string) []string {
	dst = dst[:0]
	s, _ := tg.pool.Get().(*tagScratch)
	if s == nil {
		s = &tagScratch{scores: make([]float32, len(tg.tags))}
	}
	tg.prepare(s, words)
	p1, p2 := noneVal, noneVal
	for i, w := range words {
		t, ok := tg.dict[w]
		if !ok {
			s.feats = tg.features(s.feats[:0], s, words, i, p1, p2)
			tg.m.score(s.feats, s.scores)
			best := 0
			for c := 1; c < len(s.scores); c++ {
				if s.scores[c] > s.scores[best] {
					best = c
				}
			}
			t = uint16(best)
		}
		dst = append(dst, tg.tags[t])
		p2, p1 = p1, uint64(t)+1
	}
	tg.pool.Put(s)
	return dst
}

// TaggerTrainOptions control TrainTagger.
type TaggerTrainOptions struct {
	Epochs int
	Seed   int64
}

// TrainTagger trains a tagger on sentences' Form and XPOS columns.
// Training is deterministic for a given input and options.
func TrainTagger(sents []*Sentence, opt TaggerTrainOptions) *Tagger {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	tagIdx := map[string]int{}
	var tags []string
	counts := map[string]map[string]int{}
	for _, s := range sents {
		for i, w := range s.Form {
			t := s.XPOS[i]
			if _, ok := tagIdx[t]; !ok {
				tagIdx[t] = 0
				tags = append(tags, t)
			}
			c := counts[w]
			if c == nil {
				c = map[string]int{}
				counts[w] = c
			}
			c[t]++
		}
	}
	slices.Sort(tags)
	for i, t := range tags {
		tagIdx[t] = i
	}
	tg := &Tagger{tags: tags, dict: map[string]uint16{}, lex: map[string]uint16{}, amb: map[uint64]uint64{}}
	lowCounts := map[uint64]map[int]int{}
	for w, c := range counts {
		lk := ambLower(hashLower(w))
		m := lowCounts[lk]
		if m == nil {
			m = map[int]int{}
			lowCounts[lk] = m
		}
		for t, k := range c {
			m[tagIdx[t]] += k
		}
	}
	for k, m := range lowCounts {
		var bits uint64
		total := 0
		for t, c := range m {
			bits |= 1 << (uint(t) & 63)
			total += c
		}
		if total >= ambMin {
			tg.amb[k] = bits
		}
	}
	for w, c := range counts {
		total, best, bestN := 0, "", 0
		for t, k := range c {
			total += k
			if k > bestN || (k == bestN && t < best) {
				best, bestN = t, k
			}
		}
		if total >= 20 && float64(bestN)/float64(total) >= 0.97 {
			tg.dict[w] = uint16(tagIdx[best])
		}
		if total >= 3 {
			tg.lex[w] = uint16(tagIdx[best])
		}
		if total >= ambMin {
			var bits uint64
			for t := range c {
				bits |= 1 << (uint(tagIdx[t]) & 63)
			}
			tg.amb[hashString(w)] = bits
		}
	}
	p := newPerceptron(len(tags))
	s := &tagScratch{dscores: make([]float64, len(tags))}
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			sent := sents[si]
			tg.prepare(s, sent.Form)
			p1, p2 := noneVal, noneVal
			for i, w := range sent.Form {
				gold := tagIdx[sent.XPOS[i]]
				t, ok := tg.dict[w]
				if !ok {
					s.feats = tg.features(s.feats[:0], s, sent.Form, i, p1, p2)
					p.score(s.feats, s.dscores)
					best := 0
					for c := 1; c < len(s.dscores); c++ {
						if s.dscores[c] > s.dscores[best] {
							best = c
						}
					}
					p.tick()
					if best != gold {
						p.update(s.feats, gold, 1)
						p.update(s.feats, best, -1)
					}
					t = uint16(best)
				}
				p2, p1 = p1, uint64(t)+1
			}
		}
	}
	tg.m = p.average(1, 1e-3)
	return tg
}

const taggerMagic = "kgb-tagger-2\n"

// WriteTo writes the tagger in kgb's binary model format.
func (tg *Tagger) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	bw := bufio.NewWriter(cw)
	bw.WriteString(taggerMagic)
	if err := writeStrings(bw, tg.tags); err != nil {
		return cw.n, err
	}
	for _, d := range []map[string]uint16{tg.dict, tg.lex} {
		keys := make([]string, 0, len(d))
		for k := range d {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if err := writeStrings(bw, keys); err != nil {
			return cw.n, err
		}
		var buf [binary.MaxVarintLen64]byte
		for _, k := range keys {
			bw.Write(buf[:binary.PutUvarint(buf[:], uint64(d[k]))])
		}
	}
	akeys := make([]uint64, 0, len(tg.amb))
	for k := range tg.amb {
		akeys = append(akeys, k)
	}
	slices.Sort(akeys)
	var abuf [binary.MaxVarintLen64]byte
	bw.Write(abuf[:binary.PutUvarint(abuf[:], uint64(len(akeys)))])
	prev := uint64(0)
	for _, k := range akeys {
		bw.Write(abuf[:binary.PutUvarint(abuf[:], k-prev)])
		bw.Write(abuf[:binary.PutUvarint(abuf[:], tg.amb[k])])
		prev = k
	}
	if err := tg.m.write(bw); err != nil {
		return cw.n, err
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// ReadTagger reads a tagger written by WriteTo.
func ReadTagger(r io.Reader) (*Tagger, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read tagger: %w", err)
	}
	return parseTagger(data, false)
}

// parseTagger decodes a model held in memory (the embedded one is not
// copied); static as for byteReader.
func parseTagger(data []byte, static bool) (*Tagger, error) {
	var err error
	br := &byteReader{b: data, static: static}
	magic := make([]byte, len(taggerMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != taggerMagic {
		return nil, fmt.Errorf("read tagger: %w: bad header", errBadModel)
	}
	tg := &Tagger{}
	if tg.tags, err = readStrings(br); err != nil {
		return nil, fmt.Errorf("read tagger: %w", err)
	}
	if len(tg.tags) == 0 || len(tg.tags) > 1<<15 {
		return nil, fmt.Errorf("read tagger: %w: tag count", errBadModel)
	}
	for _, d := range []*map[string]uint16{&tg.dict, &tg.lex} {
		keys, err := readStrings(br)
		if err != nil {
			return nil, fmt.Errorf("read tagger: %w", err)
		}
		m := make(map[string]uint16, len(keys))
		for _, k := range keys {
			v, err := br.uvarint()
			if err != nil || v >= uint64(len(tg.tags)) {
				return nil, fmt.Errorf("read tagger: %w: dictionary", errBadModel)
			}
			m[k] = uint16(v)
		}
		*d = m
	}
	na, err := br.uvarint()
	if err != nil || na > 1<<24 {
		return nil, fmt.Errorf("read tagger: %w: ambiguity classes", errBadModel)
	}
	tg.amb = make(map[uint64]uint64, na)
	prev := uint64(0)
	for k := uint64(0); k < na; k++ {
		d, err1 := br.uvarint()
		v, err2 := br.uvarint()
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("read tagger: %w: ambiguity classes", errBadModel)
		}
		prev += d
		tg.amb[prev] = v
	}
	if tg.m, err = readLinear(br); err != nil {
		return nil, fmt.Errorf("read tagger: %w", err)
	}
	if tg.m.nClass != len(tg.tags) {
		return nil, fmt.Errorf("read tagger: %w: class count", errBadModel)
	}
	return tg, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ambMin is how often a word must occur in training for its ambiguity
// class to be a feature (rarer words' classes are their training tags).
const ambMin = 5

// ambLower keys the lower-cased form's ambiguity class apart from the
// exact form's.
func ambLower(h uint64) uint64 { return mix(h ^ 0x6c6f776572) }

func wordAt(words []string, i int) string {
	if i < 0 || i >= len(words) {
		return ""
	}
	return words[i]
}
