// Package carb scores Open IE extractions against CaRB gold tuples with
// CaRB's published default: binary lenient tuple matching, the best-F1
// threshold over confidences, and the area under the precision/recall curve
// with the (recall 0, precision 1) point added. It reproduces
// ../shared/tools/carb_score.py (and so the official scorer) number for
// number; carb_test.go checks that against python3.
package carb

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Extraction is one tuple: a relation, its arguments and a confidence
// (1 for gold tuples).
type Extraction struct {
	Rel        string
	Args       []string
	Confidence float64
}

// Set maps a normalised sentence key (see Key) to its extractions, in file
// order.
type Set map[string][]Extraction

// Scores are CaRB's four figures.
type Scores struct {
	AUC, Precision, Recall, F1 float64
}

func (s Scores) String() string {
	return fmt.Sprintf("auc %.3f precision %.3f recall %.3f f1 %.3f", s.AUC, s.Precision, s.Recall, s.F1)
}

var ptb = [][2]string{{"(", "-LRB-"}, {")", "-RRB-"}, {"[", "-LSB-"}, {"]", "-RSB-"}, {"{", "-LCB-"}, {"}", "-RCB-"}}

// Key normalises a sentence the way CaRB does to pair gold and system
// sentences: spaces removed, PTB brackets unescaped, ASCII punctuation dropped.
func Key(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	for _, p := range ptb {
		s = strings.ReplaceAll(s, p[1], p[0])
	}
	var b strings.Builder
	for _, r := range s {
		if r < 128 && isASCIIPunct(byte(r)) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// pySpace matches Python's str.isspace for the characters that matter.
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

func pyStrip(s string) string { return strings.TrimFunc(s, pySpace) }

func pySplit(s string) []string { return strings.FieldsFunc(s, pySpace) }

// ReadGold reads CaRB gold: sentence<TAB>rel<TAB>arg1<TAB>arg2... Arguments
// containing "C: " are dropped. keep, when non-nil, restricts the gold to
// sentences whose Key is in it.
func ReadGold(r io.Reader, keep map[string]bool) (Set, error) {
	byText := map[string][]Extraction{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		data := strings.Split(pyStrip(sc.Text()), "\t")
		if len(data) < 2 {
			continue
		}
		text, rel := pyStrip(data[0]), pyStrip(data[1])
		var args []string
		for _, a := range data[2:] {
			if !strings.Contains(a, "C: ") {
				args = append(args, pyStrip(a))
			}
		}
		if _, ok := byText[text]; !ok {
			order = append(order, text)
		}
		byText[text] = append(byText[text], Extraction{Rel: rel, Args: args, Confidence: 1})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	out := Set{}
	for _, t := range order {
		k := Key(t)
		if keep == nil || keep[k] {
			out[k] = byText[t]
		}
	}
	return out, nil
}

// ReadSystem reads CaRB's tabbed system format:
// sentence<TAB>confidence<TAB>rel<TAB>arg1<TAB>arg2...
func ReadSystem(r io.Reader) (Set, error) {
	byText := map[string][]Extraction{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	line := 0
	for sc.Scan() {
		line++
		raw := sc.Text()
		if !utf8.ValidString(raw) {
			raw = strings.ToValidUTF8(raw, "\uFFFD")
		}
		if pyStrip(raw) == "" {
			continue
		}
		data := strings.Split(pyStrip(raw), "\t")
		if len(data) < 3 {
			continue
		}
		conf, err := strconv.ParseFloat(pyStrip(data[1]), 64)
		if err != nil {
			return nil, fmt.Errorf("system line %d: bad confidence %q: %w", line, data[1], err)
		}
		if _, ok := byText[data[0]]; !ok {
			order = append(order, data[0])
		}
		byText[data[0]] = append(byText[data[0]], Extraction{Rel: data[2], Args: data[3:], Confidence: conf})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read system: %w", err)
	}
	out := Set{}
	for _, t := range order {
		out[Key(t)] = byText[t] // like the reference: a later duplicate key wins
	}
	return out, nil
}

// ReadSentenceKeys reads a list of sentences, one per line, as Keys.
func ReadSentenceKeys(r io.Reader) (map[string]bool, error) {
	keep := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if l := pyStrip(sc.Text()); l != "" {
			keep[Key(l)] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read sentence list: %w", err)
	}
	return keep, nil
}

var saidWords = []string{"said", "told", "added", "adds", "says", "adds"}
var beWords = []string{"be", "is", "am", "are", "was", "were", "been", "being"}

func removeFirst(ws []string, w string) ([]string, bool) {
	for i, x := range ws {
		if x == w {
			return append(ws[:i:i], ws[i+1:]...), true
		}
	}
	return ws, false
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// lenient is CaRB's binary lenient token match: [precision, recall].
func lenient(refPred string, refArgs []string, exPred string, exArgs []string) [2]float64 {
	var precN, precD, recN, recD int
	pw := pySplit(exPred)
	gw := pySplit(refPred)
	precD += len(pw)
	recD += len(gw)
	m := 0
	for _, w := range gw {
		var ok bool
		if pw, ok = removeFirst(pw, w); ok {
			m++
		}
	}
	if contains(pw, "be") {
		for _, form := range beWords {
			if contains(gw, form) {
				m++
				break
			}
		}
	}
	if m == 0 {
		return [2]float64{0, 0}
	}
	precN += m
	recN += m
	for i := range refArgs {
		gw := pySplit(refArgs[i])
		recD += len(gw)
		if len(exArgs) <= i {
			if i < 2 {
				return [2]float64{0, 0}
			}
			continue
		}
		pw := pySplit(exArgs[i])
		precD += len(pw)
		m := 0
		for _, w := range gw {
			var ok bool
			if pw, ok = removeFirst(pw, w); ok {
				m++
			}
		}
		precN += m
		recN += m
	}
	var p, r float64
	if precD != 0 {
		p = float64(precN) / float64(precD)
	}
	if recD != 0 {
		r = float64(recN) / float64(recD)
	}
	return [2]float64{p, r}
}

func binarize(args []string) []string {
	if len(args) >= 2 {
		return []string{args[0], strings.Join(args[1:], " ")}
	}
	return args
}

// Match scores one extraction against one gold tuple with CaRB's binary
// lenient match: [precision, recall], both 0 when the relations share no word
// or the extraction lacks an argument the gold has.
func Match(gold, ex Extraction) [2]float64 { return match(gold, ex) }

func match(gold, ex Extraction) [2]float64 {
	straight := lenient(gold.Rel, binarize(gold.Args), ex.Rel, binarize(ex.Args))
	said := false
	for _, v := range saidWords {
		if strings.Contains(gold.Rel, v) {
			said = true
		}
	}
	if !said {
		return straight
	}
	rev := ex.Args
	if len(ex.Args) >= 2 {
		rev = []string{strings.Join(ex.Args[1:], " "), ex.Args[0]}
	}
	other := lenient(gold.Rel, binarize(gold.Args), ex.Rel, rev)
	// Python's max over lists compares lexicographically
	if other[0] > straight[0] || (other[0] == straight[0] && other[1] > straight[1]) {
		return other
	}
	return straight
}

// Score computes CaRB's figures for a system against gold. Only gold
// sentences count; system sentences missing from the gold are ignored.
func Score(gold, pred Set) Scores {
	set := map[float64]bool{}
	for _, exs := range pred {
		for _, e := range exs {
			set[e.Confidence] = true
		}
	}
	thr := make([]float64, 0, len(set))
	for c := range set {
		thr = append(thr, c)
	}
	sort.Float64s(thr)
	n := len(thr)
	idx := make(map[float64]int, n)
	for i, c := range thr {
		idx[c] = i
	}
	p := make([]float64, n)
	pl := make([]float64, n)
	r := make([]float64, n)
	rl := make([]float64, n)
	// Python iterates the gold dict in insertion order; summation order
	// only matters in the last bits, but keep it deterministic anyway.
	keys := make([]string, 0, len(gold))
	for k := range gold {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, sent := range keys {
		golds := gold[sent]
		exs := pred[sent]
		scores := make([][][2]float64, len(golds))
		for i, g := range golds {
			scores[i] = make([][2]float64, len(exs))
			for j, e := range exs {
				scores[i][j] = match(g, e)
			}
		}
		confs := make([]float64, len(exs))
		for j, e := range exs {
			confs[j] = e.Confidence
		}
		sort.Float64s(confs)
		prev := 0
		for _, conf := range confs {
			c := idx[conf]
			var sel []int
			for j, e := range exs {
				if e.Confidence >= conf {
					sel = append(sel, j)
				}
			}
			recNum := 0.0
			for _, row := range scores {
				best := 0.0
				for k, j := range sel {
					if k == 0 || row[j][1] > best {
						best = row[j][1]
					}
				}
				recNum += best
			}
			precNum := 0.0
			usedRow := map[int]bool{}
			usedCol := map[int]bool{}
			lim := len(scores)
			if len(sel) < lim {
				lim = len(sel)
			}
			for t := 0; t < lim; t++ {
				best := -1.0
				bi, bj := -1, -1
				for i := range scores {
					if usedRow[i] {
						continue
					}
					for _, j := range sel {
						if usedCol[j] {
							continue
						}
						if scores[i][j][0] > best {
							best = scores[i][j][0]
							bi, bj = i, j
						}
					}
				}
				usedRow[bi] = true
				usedCol[bj] = true
				precNum += scores[bi][bj][0]
			}
			for k := prev; k <= c; k++ {
				p[k] += precNum
				pl[k] += float64(len(sel))
				r[k] += recNum
				rl[k] += float64(len(scores))
			}
			prev = c + 1
		}
		for k := prev; k < n; k++ {
			rl[k] += float64(len(scores))
		}
	}
	if n == 0 {
		return Scores{}
	}
	ps := make([]float64, n)
	rs := make([]float64, n)
	for i := 0; i < n; i++ {
		if pl[i] > 0 {
			ps[i] = p[i] / pl[i]
		} else {
			ps[i] = 1
		}
		if rl[i] > 0 {
			rs[i] = r[i] / rl[i]
		}
	}
	best := 0
	bestF := -1.0
	for i := 0; i < n; i++ {
		f := 0.0
		if ps[i]+rs[i] != 0 {
			f = 2 * ps[i] * rs[i] / (ps[i] + rs[i])
		}
		if f > bestF {
			bestF, best = f, i
		}
	}
	xs := append(append([]float64{}, rs...), 0)
	ys := append(append([]float64{}, ps...), 1)
	area := 0.0
	for i := 0; i < len(xs)-1; i++ {
		area += (xs[i+1] - xs[i]) * (ys[i+1] + ys[i]) / 2
	}
	return Scores{AUC: math.Abs(area), Precision: ps[best], Recall: rs[best], F1: bestF}
}
