package syntax

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"slices"
	"sync"
)

// Parser is a greedy arc-hybrid transition parser with averaged
// perceptrons over hashed features (Zhang & Nivre style: words, tags,
// labels, valency and distance around the stack and buffer), trained with
// a dynamic oracle. Safe for concurrent use.
//
// Two models: trans scores the unlabelled transitions SHIFT, LEFT (s0
// gets head b0) and RIGHT (s0 gets head s1); lab labels each arc as it is
// made, from features of the head, the dependent and their context. A
// virtual ROOT sits at the end of the buffer and takes exactly one
// dependent, the last token left on the stack.
type Parser struct {
	labels []string // non-root labels
	trans  *dense3
	lab    *linear
	pool   sync.Pool // *pstate
	// transKeys and transW are the transition model's features as trained,
	// kept for WriteTo (nil for a parser read from a file).
	transKeys []uint64
	transW    [][3]float32
}

const (
	tShift = 0
	tLeft  = 1
	tRight = 2
)

const (
	rootWord uint64 = 0x243f6a8885a308d3
	rootTag  uint64 = 0x13198a2e03707344
)

// pstate is one parse configuration plus scratch.
type pstate struct {
	n       int
	wh, th  []uint64 // per token (ROOT at n)
	suf     []uint64 // last three bytes, lower-cased
	shp     []uint64 // word shape
	pc      []int32  // pc[i]: punctuation tokens before token i
	stack   []int32
	b       int
	head    []int32 // -1 while unattached
	lab     []int32 // label id, L for root, -1 while unattached
	lc1     []int32
	lc2     []int32
	rc1     []int32
	rc2     []int32
	nl, nr  []int32
	lset    []uint64
	rset    []uint64
	feats   []uint64
	lfeats  []uint64
	tscores [3]float32
	lscores []float32
}

func (s *pstate) init(n int) {
	m := n + 1
	if cap(s.wh) < m {
		c := m + 32
		s.wh, s.th = make([]uint64, c), make([]uint64, c)
		s.suf, s.shp, s.pc = make([]uint64, c), make([]uint64, c), make([]int32, c+1)
		s.head, s.lab = make([]int32, c), make([]int32, c)
		s.lc1, s.lc2, s.rc1, s.rc2 = make([]int32, c), make([]int32, c), make([]int32, c), make([]int32, c)
		s.nl, s.nr = make([]int32, c), make([]int32, c)
		s.lset, s.rset = make([]uint64, c), make([]uint64, c)
		s.stack = make([]int32, 0, c)
	}
	s.n = n
	s.wh, s.th = s.wh[:m], s.th[:m]
	s.suf, s.shp, s.pc = s.suf[:m], s.shp[:m], s.pc[:m+1]
	s.head, s.lab = s.head[:m], s.lab[:m]
	s.lc1, s.lc2, s.rc1, s.rc2 = s.lc1[:m], s.lc2[:m], s.rc1[:m], s.rc2[:m]
	s.nl, s.nr = s.nl[:m], s.nr[:m]
	s.lset, s.rset = s.lset[:m], s.rset[:m]
	for i := 0; i < m; i++ {
		s.head[i], s.lab[i] = -1, -1
		s.lc1[i], s.lc2[i], s.rc1[i], s.rc2[i] = -1, -1, -1, -1
		s.nl[i], s.nr[i] = 0, 0
		s.lset[i], s.rset[i] = 0, 0
	}
	s.stack = s.stack[:0]
	s.b = 0
	s.wh[n], s.th[n] = rootWord, rootTag
	s.suf[n], s.shp[n] = rootWord, rootWord
}

func (s *pstate) setTokens(words, tags []string) {
	s.pc[0] = 0
	for i := 0; i < s.n; i++ {
		s.wh[i] = hashLower(words[i])
		s.suf[i] = suffixHash(words[i], 3)
		s.shp[i] = shapeHash(words[i])
		s.pc[i+1] = s.pc[i]
		if isPunct(words[i]) {
			s.pc[i+1]++
		}
		if i < len(tags) {
			s.th[i] = hashString(tags[i])
		} else {
			s.th[i] = noneVal
		}
	}
}

func (s *pstate) addArc(h, d int32, l int32) {
	s.head[d] = h
	s.lab[d] = l
	bit := uint64(1) << (uint(l) & 63)
	if d < h {
		s.nl[h]++
		s.lset[h] |= bit
		switch {
		case s.lc1[h] < 0 || d < s.lc1[h]:
			s.lc2[h], s.lc1[h] = s.lc1[h], d
		case s.lc2[h] < 0 || d < s.lc2[h]:
			s.lc2[h] = d
		}
	} else {
		s.nr[h]++
		s.rset[h] |= bit
		switch {
		case s.rc1[h] < 0 || d > s.rc1[h]:
			s.rc2[h], s.rc1[h] = s.rc1[h], d
		case s.rc2[h] < 0 || d > s.rc2[h]:
			s.rc2[h] = d
		}
	}
}

// shift moves b0 to the stack.
func (s *pstate) shift() {
	s.stack = append(s.stack, int32(s.b))
	s.b++
}

// arcEnds returns the head and dependent a LEFT or RIGHT would link.
func (s *pstate) arcEnds(act int) (h, d int32) {
	k := len(s.stack)
	d = s.stack[k-1]
	if act == tLeft {
		return int32(s.b), d
	}
	return s.stack[k-2], d
}

// reduce pops s0 and attaches it to h with label l.
func (s *pstate) reduce(h, d, l int32) {
	s.stack = s.stack[:len(s.stack)-1]
	s.addArc(h, d, l)
}

// forced makes the moves that need no decision: the last token on the
// stack goes to ROOT once the buffer is empty, and a token is shifted when
// the stack is empty. done reports that the parse is complete.
func (s *pstate) forced(L int32) (done, moved bool) {
	if s.b == s.n {
		switch len(s.stack) {
		case 0:
			return true, false
		case 1:
			s.reduce(int32(s.n), s.stack[0], L)
			return false, true
		}
	}
	if len(s.stack) == 0 {
		s.shift()
		return false, true
	}
	return false, false
}

// valid reports which transition kinds are legal.
func (s *pstate) valid() (shift, left, right bool) {
	k := len(s.stack)
	return s.b < s.n, k >= 1 && s.b < s.n, k >= 2
}

// tokVal is a[x], or noneVal when there is no token x.
func tokVal(a []uint64, x int32) uint64 {
	if x < 0 || int(x) >= len(a) {
		return noneVal
	}
	return a[x]
}

// labVal is the feature value of token x's label (0 while unattached).
func (s *pstate) labVal(x int32) uint64 {
	if x < 0 {
		return noneVal
	}
	return uint64(s.lab[x] + 1)
}

// isPunct: a token of punctuation only (ASCII).
func isPunct(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// punctBetween counts (capped at 2) the punctuation tokens strictly
// between a and b.
func (s *pstate) punctBetween(a, b int32) uint64 {
	if a < 0 || b < 0 {
		return noneVal
	}
	if a > b {
		a, b = b, a
	}
	if a+1 >= b {
		return 0
	}
	k := s.pc[b] - s.pc[a+1]
	if k > 2 {
		k = 2
	}
	return uint64(k)
}

func distBucket(d int) uint64 {
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 10:
		return 6
	default:
		return 7
	}
}

func minU(a, b int32) uint64 {
	if a < b {
		return uint64(a)
	}
	return uint64(b)
}

// features fills s.feats for the current configuration.
func (s *pstate) features() {
	k := len(s.stack)
	s0, s1, s2 := int32(-1), int32(-1), int32(-1)
	if k > 0 {
		s0 = s.stack[k-1]
	}
	if k > 1 {
		s1 = s.stack[k-2]
	}
	if k > 2 {
		s2 = s.stack[k-3]
	}
	b0, b1, b2, b3 := int32(s.b), int32(-1), int32(-1), int32(-1)
	if s.b+3 <= s.n {
		b3 = int32(s.b + 3)
	}
	if s.b+1 <= s.n {
		b1 = int32(s.b + 1)
	}
	if s.b+2 <= s.n {
		b2 = int32(s.b + 2)
	}
	w := func(x int32) uint64 { return tokVal(s.wh, x) }
	p := func(x int32) uint64 { return tokVal(s.th, x) }
	l := s.labVal
	at := func(a []int32, x int32) int32 {
		if x < 0 {
			return -1
		}
		return a[x]
	}
	wp := func(x int32) uint64 { return mix(w(x)) ^ p(x) }
	sf := func(x int32) uint64 { return tokVal(s.suf, x) }
	sh := func(x int32) uint64 { return tokVal(s.shp, x) }

	s0w, s0p, s1w, s1p, b0w, b0p := w(s0), p(s0), w(s1), p(s1), w(b0), p(b0)
	s0wp, s1wp, b0wp := wp(s0), wp(s1), wp(b0)
	b1p, b2p, s2p := p(b1), p(b2), p(s2)
	s0l, s0r, s0l2, s0r2 := at(s.lc1, s0), at(s.rc1, s0), at(s.lc2, s0), at(s.rc2, s0)
	b0l, b0l2 := at(s.lc1, b0), at(s.lc2, b0)
	s1l, s1r := at(s.lc1, s1), at(s.rc1, s1)
	s0lp, s0rp, b0lp, s1rp := p(s0l), p(s0r), p(b0l), p(s1r)
	d0, d1 := uint64(0), uint64(0)
	if s0 >= 0 {
		d0 = distBucket(int(b0 - s0))
		if s1 >= 0 {
			d1 = distBucket(int(s0 - s1))
		}
	}
	var s0vl, s0vr, b0vl, s1vr uint64 = noneVal, noneVal, noneVal, noneVal
	var s0ls, s0rs, b0ls uint64 = noneVal, noneVal, noneVal
	if s0 >= 0 {
		s0vl, s0vr = minU(s.nl[s0], 6), minU(s.nr[s0], 6)
		s0ls, s0rs = s.lset[s0], s.rset[s0]
	}
	if s1 >= 0 {
		s1vr = minU(s.nr[s1], 6)
	}
	b0vl, b0ls = minU(s.nl[b0], 6), s.lset[b0]
	kb := uint64(k)
	if kb > 3 {
		kb = 3
	}

	s.feats = append(s.feats[:0],
		feat1(1, s0w), feat1(2, s0p), feat1(3, s0wp),
		feat1(4, s1w), feat1(5, s1p), feat1(6, s1wp),
		feat1(7, s2p), feat1(8, w(s2)),
		feat1(9, b0w), feat1(10, b0p), feat1(11, b0wp),
		feat1(12, w(b1)), feat1(13, b1p), feat1(14, wp(b1)),
		feat1(15, b2p), feat1(16, w(b2)),

		feat1(17, w(s0l)), feat1(18, s0lp), feat1(19, l(s0l)),
		feat1(20, w(s0r)), feat1(21, s0rp), feat1(22, l(s0r)),
		feat1(23, p(s0l2)), feat1(24, l(s0l2)), feat1(25, p(s0r2)), feat1(26, l(s0r2)),
		feat1(27, w(b0l)), feat1(28, b0lp), feat1(29, l(b0l)), feat1(30, p(b0l2)), feat1(31, l(b0l2)),
		feat1(32, w(s1r)), feat1(33, s1rp), feat1(34, l(s1r)), feat1(35, p(s1l)), feat1(36, l(s1l)),

		feat2(40, s0wp, b0wp), feat2(41, s0wp, b0w), feat2(42, s0w, b0wp), feat2(43, s0wp, b0p),
		feat2(44, s0p, b0wp), feat2(45, s0w, b0w), feat2(46, s0p, b0p), feat2(47, b0p, b1p),
		feat2(48, s1wp, s0wp), feat2(49, s1wp, s0p), feat2(50, s1p, s0wp), feat2(51, s1w, s0w), feat2(52, s1p, s0p),

		feat3(53, b0p, b1p, b2p), feat3(54, s0p, b0p, b1p), feat3(55, s1p, s0p, b0p),
		feat3(56, s0p, s0lp, b0p), feat3(57, s0p, s0rp, b0p), feat3(58, s0p, b0p, b0lp),
		feat3(59, s1p, s0p, s0lp), feat3(60, s1p, s0p, s0rp), feat3(61, s2p, s1p, s0p),
		feat3(62, s1p, s1rp, s0p),

		feat2(64, s0w, d0), feat2(65, s0p, d0), feat2(66, b0w, d0), feat2(67, b0p, d0),
		feat3(68, s0w, b0w, d0), feat3(69, s0p, b0p, d0),
		feat2(70, s1w, d1), feat2(71, s1p, d1), feat2(72, s0w, d1), feat2(73, s0p, d1),
		feat3(74, s1p, s0p, d1), feat3(75, s1w, s0w, d1),

		feat2(76, s0w, s0vr), feat2(77, s0p, s0vr), feat2(78, s0w, s0vl), feat2(79, s0p, s0vl),
		feat2(80, b0w, b0vl), feat2(81, b0p, b0vl), feat2(82, s1p, s1vr),

		feat2(83, s0w, s0rs), feat2(84, s0p, s0rs), feat2(85, s0w, s0ls), feat2(86, s0p, s0ls),
		feat2(87, b0w, b0ls), feat2(88, b0p, b0ls),

		feat3(89, s0p, s0lp, p(s0l2)), feat3(90, s0p, s0rp, p(s0r2)), feat3(91, b0p, b0lp, p(b0l2)),
		feat3(92, s0p, b0p, kb), feat3(93, s0w, b0p, b1p),

		feat1(94, p(b3)), feat2(95, b0w, w(b1)), feat2(96, b0wp, b1p), feat2(98, s1w, b0w),
		feat3(99, s0p, b0p, s.punctBetween(s0, b0)), feat3(100, s1p, s0p, s.punctBetween(s1, s0)),
		feat1(101, sf(s0)), feat1(102, sf(b0)), feat1(103, sf(b1)), feat2(104, sf(s0), sf(b0)),
		feat1(105, sh(b0)), feat1(106, sh(s0)),
		feat3(108, s0w, s1w, b0p), feat3(109, s0p, l(s0l), l(s0r)),
	)
}

// labelFeatures fills s.lfeats for an arc h -> d about to be made.
func (s *pstate) labelFeatures(h, d int32) {
	w := func(x int32) uint64 { return tokVal(s.wh, x) }
	p := func(x int32) uint64 { return tokVal(s.th, x) }
	l := s.labVal
	hw, hp, dw, dp := w(h), p(h), w(d), p(d)
	dir := uint64(0)
	if d < h {
		dir = 1
	}
	dist := distBucket(int(h - d))
	if h < d {
		dist = distBucket(int(d - h))
	}
	dl, dr := s.lc1[d], s.rc1[d]
	hset := s.rset[h]
	hval := minU(s.nr[h], 4)
	if dir == 1 {
		hset = s.lset[h]
		hval = minU(s.nl[h], 4)
	}
	s.lfeats = append(s.lfeats[:0],
		feat1(1, dir),
		feat2(2, hw, dir), feat2(3, hp, dir), feat2(4, dw, dir), feat2(5, dp, dir),
		feat3(6, hp, dp, dir), feat3(7, hw, dp, dir), feat3(8, hp, dw, dir), feat3(9, hw, dw, dir),
		feat3(10, hp, dp, dist),
		feat3(11, dp, w(dl), dir), feat3(12, dp, p(dl), l(dl)), feat3(13, dp, p(dr), l(dr)),
		feat3(14, w(dl), hp, dir),
		feat2(15, dp, s.lset[d]), feat2(16, dp, s.rset[d]),
		feat3(17, hp, hset, dir), feat3(18, hp, hval, dir),
		feat3(19, dp, p(d-1), dir), feat3(20, dp, p(d+1), dir),
		feat3(21, hp, p(h-1), dir), feat3(22, hp, p(h+1), dir),
		feat3(23, hp, dp, w(dl)),
		feat3(24, hw, hset, dir),
		feat3(25, dp, p(dl), p(dr)),
		feat3(26, dw, hset, dir),
		feat2(27, w(d-1), dir),
		feat3(28, dp, w(dr), dir),
		feat2(29, s.suf[d], dp),
		feat3(30, hp, dp, s.suf[h]),
		feat3(31, dp, p(int32(s.b)), dir),
		feat3(32, hp, dp, s.punctBetween(h, d)),
	)
}

// bestLabel picks the highest-scoring label.
func (s *pstate) bestLabel() int32 {
	best := 0
	for c := 1; c < len(s.lscores); c++ {
		if s.lscores[c] > s.lscores[best] {
			best = c
		}
	}
	return int32(best)
}

// Parse fills t with the dependency tree of words tagged with tags (Penn
// Treebank tags; missing or unknown tags are allowed). It never fails.
func (ps *Parser) Parse(words, tags []string, t *Tree) {
	n := len(words)
	t.Reset(n)
	if n == 0 {
		return
	}
	s, _ := ps.pool.Get().(*pstate)
	if s == nil {
		s = &pstate{lscores: make([]float32, len(ps.labels))}
	}
	s.init(n)
	s.setTokens(words, tags)
	L := int32(len(ps.labels))
	for {
		done, moved := s.forced(L)
		if done {
			break
		}
		if moved {
			continue
		}
		sh, le, ri := s.valid()
		act := tRight
		if sh || le { // more than one transition is legal: score them
			s.features()
			ps.trans.score(s.feats, &s.tscores)
			act = -1
			for c, ok := range [3]bool{sh, le, ri} {
				if ok && (act < 0 || s.tscores[c] > s.tscores[act]) {
					act = c
				}
			}
		}
		if act == tShift {
			s.shift()
			continue
		}
		h, d := s.arcEnds(act)
		s.labelFeatures(h, d)
		ps.lab.score(s.lfeats, s.lscores)
		s.reduce(h, d, s.bestLabel())
	}
	for i := 0; i < n; i++ {
		h := int(s.head[i])
		if h == n {
			t.Head[i] = -1
			t.Label[i] = "root"
		} else {
			t.Head[i] = h
			t.Label[i] = ps.labels[s.lab[i]]
		}
	}
	ps.pool.Put(s)
}

// Labels is the parser's label set (without "root").
func (ps *Parser) Labels() []string { return slices.Clone(ps.labels) }

// ParserTrainOptions control TrainParser.
type ParserTrainOptions struct {
	Epochs  int     // passes over the data (default 15)
	Seed    int64   // shuffling and exploration
	Explore float64 // probability of following the model's own wrong prediction after the first epoch (default 0.9)
	MinUpd  int32   // drop features updated fewer times (default 1)
	// Progress, if set, is called after every epoch with the averaged
	// parser so far.
	Progress func(epoch int, p *Parser)
}

// projectivize returns heads (ROOT = n) with non-projective arcs lifted to
// the grandparent until the tree is projective.
func projectivize(head []int) []int32 {
	n := len(head)
	h := make([]int32, n)
	for i, x := range head {
		if x < 0 {
			x = n
		}
		h[i] = int32(x)
	}
	dominates := func(a, d int32) bool { // a is d or an ancestor of d
		for steps := 0; steps <= n+1; steps++ {
			if d == a {
				return true
			}
			if d == int32(n) {
				return false
			}
			d = h[d]
		}
		return false
	}
	for iter := 0; iter < n*n; iter++ {
		// lift the shortest non-projective arc
		bestD, bestLen := int32(-1), n+2
		for d := int32(0); d < int32(n); d++ {
			hd := h[d]
			lo, hi := d, hd
			if lo > hi {
				lo, hi = hi, lo
			}
			if int(hi-lo) >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominates(hd, k) {
					bestD, bestLen = d, int(hi-lo)
					break
				}
			}
		}
		if bestD < 0 || h[bestD] == int32(n) {
			break
		}
		h[bestD] = h[h[bestD]]
	}
	return h
}

// TrainParser trains a parser on sentences whose XPOS column holds the
// tags the parser will see at run time (jackknifed predicted tags) and
// whose Head/Deprel columns hold the gold tree. Deterministic.
func TrainParser(sents []*Sentence, opt ParserTrainOptions) *Parser {
	if opt.Epochs <= 0 {
		opt.Epochs = 15
	}
	if opt.Explore == 0 {
		opt.Explore = 0.9
	}
	if opt.MinUpd <= 0 {
		opt.MinUpd = 1
	}
	labIdx := map[string]int32{}
	for _, s := range sents {
		for _, l := range s.Deprel {
			if l != "root" {
				labIdx[l] = 0
			}
		}
	}
	labels := make([]string, 0, len(labIdx))
	for l := range labIdx {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	for i, l := range labels {
		labIdx[l] = int32(i)
	}
	L := int32(len(labels))
	type goldSent struct {
		s  *Sentence
		gh []int32
		gl []int32
	}
	gold := make([]goldSent, len(sents))
	for i, s := range sents {
		gl := make([]int32, s.Len())
		for j, l := range s.Deprel {
			if l == "root" {
				gl[j] = L
			} else {
				gl[j] = labIdx[l]
			}
		}
		gold[i] = goldSent{s: s, gh: projectivize(s.Head), gl: gl}
	}
	tp := newPerceptron(3)
	lp := newPerceptron(int(L))
	st := &pstate{}
	lscores := make([]float64, L)
	var tscores [3]float64
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(gold))
	for i := range order {
		order[i] = i
	}
	ps := &Parser{labels: labels}
	finish := func() {
		ps.transKeys, ps.transW = tp.averageDense3(opt.MinUpd, 1e-3)
		ps.trans = buildDense3(ps.transKeys, ps.transW, false)
		ps.lab = lp.average(opt.MinUpd, 1e-3)
	}
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, gi := range order {
			g := gold[gi]
			n := g.s.Len()
			st.init(n)
			st.setTokens(g.s.Form, g.s.XPOS)
			gh, gl := g.gh, g.gl
			for {
				done, moved := st.forced(L)
				if done {
					break
				}
				if moved {
					continue
				}
				sh, le, ri := st.valid()
				k := len(st.stack)
				s0 := st.stack[k-1]
				s1 := int32(-1)
				if k > 1 {
					s1 = st.stack[k-2]
				}
				b := int32(st.b)
				// dynamic oracle costs (Goldberg & Nivre 2013, arc-hybrid)
				s0kids := 0
				for d := b; d < int32(n); d++ {
					if gh[d] == s0 {
						s0kids++
					}
				}
				hs0 := gh[s0]
				cost := [3]int{-1, -1, -1}
				if le {
					cost[tLeft] = s0kids
					if hs0 != b && (hs0 == s1 || hs0 >= b) {
						cost[tLeft]++
					}
				}
				if ri {
					cost[tRight] = s0kids
					if hs0 >= b {
						cost[tRight]++
					}
				}
				if sh {
					c := 0
					hb := gh[b]
					for _, x := range st.stack {
						if x != s0 && x == hb {
							c++
						}
						if gh[x] == b {
							c++
						}
					}
					cost[tShift] = c
				}
				st.features()
				tp.score(st.feats, tscores[:])
				pred, minCost, best := -1, -1, -1
				for c := 0; c < 3; c++ {
					if cost[c] < 0 {
						continue
					}
					if pred < 0 || tscores[c] > tscores[pred] {
						pred = c
					}
					if minCost < 0 || cost[c] < minCost {
						minCost = cost[c]
					}
				}
				for c := 0; c < 3; c++ {
					if cost[c] == minCost && (best < 0 || tscores[c] > tscores[best]) {
						best = c
					}
				}
				tp.tick()
				act := pred
				if cost[pred] > minCost {
					tp.update(st.feats, best, 1)
					tp.update(st.feats, pred, -1)
					act = best
					if ep > 0 && rng.Float64() < opt.Explore {
						act = pred
					}
				}
				if act == tShift {
					st.shift()
					continue
				}
				h, d := st.arcEnds(act)
				st.labelFeatures(h, d)
				lp.score(st.lfeats, lscores)
				lab := int32(0)
				for c := 1; c < int(L); c++ {
					if lscores[c] > lscores[lab] {
						lab = int32(c)
					}
				}
				if gh[d] == h && gl[d] < L {
					lp.tick()
					if lab != gl[d] {
						lp.update(st.lfeats, int(gl[d]), 1)
						lp.update(st.lfeats, int(lab), -1)
					}
				}
				st.reduce(h, d, lab)
			}
		}
		if opt.Progress != nil && ep+1 < opt.Epochs {
			finish()
			opt.Progress(ep+1, ps)
		}
	}
	finish()
	return ps
}

// errNotTrained: only a parser made by TrainParser can be written.
var errNotTrained = errors.New("syntax: parser was read, not trained: nothing to write")

const parserMagic = "kgb-parser-3\n"

// WriteTo writes the parser in kgb's binary model format.
func (ps *Parser) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	bw := bufio.NewWriter(cw)
	bw.WriteString(parserMagic)
	if err := writeStrings(bw, ps.labels); err != nil {
		return cw.n, err
	}
	if ps.transKeys == nil {
		return 0, errNotTrained
	}
	if err := writeDense3(bw, ps.transKeys, ps.transW); err != nil {
		return cw.n, err
	}
	if err := ps.lab.write(bw); err != nil {
		return cw.n, err
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// ReadParser reads a parser written by WriteTo.
func ReadParser(r io.Reader) (*Parser, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read parser: %w", err)
	}
	return parseParser(data, false)
}

// parseParser decodes a model held in memory (the embedded one is not
// copied); static as for byteReader.
func parseParser(data []byte, static bool) (*Parser, error) {
	var err error
	br := &byteReader{b: data, static: static}
	magic := make([]byte, len(parserMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != parserMagic {
		return nil, fmt.Errorf("read parser: %w: bad header", errBadModel)
	}
	ps := &Parser{}
	if ps.labels, err = readStrings(br); err != nil {
		return nil, fmt.Errorf("read parser: %w", err)
	}
	if len(ps.labels) == 0 || len(ps.labels) > 1000 {
		return nil, fmt.Errorf("read parser: %w: label count", errBadModel)
	}
	// The label model is decoded beside the transition model (whose
	// inserts are cache misses into a large table): a quick pass finds
	// where it starts.
	labAt, err := skipDense3(br)
	if err != nil {
		return nil, fmt.Errorf("read parser: %w", err)
	}
	var labErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		ps.lab, labErr = readLinear(&byteReader{b: data, off: labAt, static: static})
	}()
	ps.trans, err = readDense3(br)
	<-done
	if err != nil {
		return nil, fmt.Errorf("read parser: %w", err)
	}
	if labErr != nil {
		return nil, fmt.Errorf("read parser: %w", labErr)
	}
	if ps.lab.nClass != len(ps.labels) {
		return nil, fmt.Errorf("read parser: %w: class count", errBadModel)
	}
	return ps, nil
}

// Size reports the number of transition and label features.
func (ps *Parser) Size() (transFeatures, labelFeatures int) {
	return ps.trans.features(), ps.lab.features()
}
