// Package prosetag tags words exactly as prose's perceptron tagger
// (github.com/jdkato/prose/v3/tag) does: the same embedded English model,
// the same features, the same special cases, the same tags. It differs in
// how a feature's weights are found: prose binary-searches a sorted blob of
// feature strings (about 17 string comparisons per feature, 14 features per
// word), this package looks each one up in a hash table built once from the
// same model. On news text that is most of the time prose's tagger spends.
//
// TestSameTagsAsProse checks the claim on sentences of our own and on every
// sentence of the BBC corpus when the evaluation data is present;
// FuzzSameTagsAsProse checks it on arbitrary words.
package prosetag

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
	_ "unsafe" // go:linkname, see emoticons

	"github.com/jdkato/prose/v3/tag/aptagmodel"
	"github.com/jdkato/prose/v3/token"
)

// emoticons is prose's own emoticon set (the strings its tagger tags SYM
// before scoring), read from prose rather than copied so that the two
// cannot drift apart. It is read-only.
//
//go:linkname emoticons github.com/jdkato/prose/v3/internal/emoticon.Set
var emoticons map[string]int

// Tagger is a loaded model. Safe for concurrent use: nothing in it changes
// after Load, and per-call scratch space comes from a pool.
type Tagger struct {
	classes  []string
	index    map[string]int32 // feature string -> feature number
	pairOff  []uint32         // feature i's weights are pairs [pairOff[i], pairOff[i+1])
	classIDs []uint8
	weights  []float32
	tagMap   map[string]uint8 // words with one tag, not scored
	pool     sync.Pool
}

// scratch is one call's working set.
type scratch struct {
	scores []float32
	key    []byte
	ctx    []string
}

var loadDefault = sync.OnceValues(func() (*Tagger, error) { return decode(aptagmodel.English) })

// Load returns the tagger of prose's embedded English model, decoded on the
// first call (about 10 ms) and shared by every later one.
func Load() (*Tagger, error) { return loadDefault() }

// The flat model format, as documented in prose's internal/flat package:
// magic "PROSETAG", version 1, classes (u16-prefixed strings), counts,
// the sorted feature blob, feature and pair offsets, class ids, float32
// weights, then the word -> class map. All little-endian.
const (
	magic   = "PROSETAG"
	version = 1
)

type reader struct {
	b   []byte
	err error
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = fmt.Errorf("truncated model: want %d bytes, have %d", n, len(r.b))
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) str16() string {
	b := r.bytes(2)
	if b == nil {
		return ""
	}
	return string(r.bytes(int(binary.LittleEndian.Uint16(b))))
}

func (r *reader) u32s(n int) []uint32 {
	b := r.bytes(4 * n)
	if b == nil {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

// decode reads a model in prose's flat format. Feature strings are copied
// into one string the index's keys share.
func decode(data []byte) (*Tagger, error) {
	r := &reader{b: data}
	if string(r.bytes(len(magic))) != magic {
		return nil, errors.New("not a prose tagger model")
	}
	if v := r.u32(); r.err == nil && v != version {
		return nil, fmt.Errorf("prose tagger model version %d, want %d", v, version)
	}
	nClasses := int(r.u32())
	if r.err == nil && nClasses > 256 {
		return nil, fmt.Errorf("prose tagger model has %d classes, at most 256 fit", nClasses)
	}
	t := &Tagger{}
	for i := 0; i < nClasses && r.err == nil; i++ {
		t.classes = append(t.classes, r.str16())
	}
	nFeat, nPairs, blobLen := int(r.u32()), int(r.u32()), int(r.u32())
	if r.err == nil && (nFeat > len(r.b) || nPairs > len(r.b)) {
		return nil, fmt.Errorf("prose tagger model claims %d features and %d weights in %d bytes", nFeat, nPairs, len(r.b))
	}
	blob := string(r.bytes(blobLen))
	featOff := r.u32s(nFeat + 1)
	t.pairOff = r.u32s(nFeat + 1)
	t.classIDs = append([]uint8(nil), r.bytes(nPairs)...)
	w := r.u32s(nPairs)
	nMap := int(r.u32())
	if r.err != nil {
		return nil, fmt.Errorf("read prose tagger model: %w", r.err)
	}
	t.weights = make([]float32, nPairs)
	for i, b := range w {
		t.weights[i] = math.Float32frombits(b)
	}
	for _, id := range t.classIDs {
		if int(id) >= nClasses {
			return nil, fmt.Errorf("prose tagger model: class id %d of %d classes", id, nClasses)
		}
	}
	t.index = make(map[string]int32, nFeat)
	for i := 0; i < nFeat; i++ {
		lo, hi := featOff[i], featOff[i+1]
		if lo > hi || int(hi) > len(blob) || t.pairOff[i] > t.pairOff[i+1] || int(t.pairOff[i+1]) > nPairs {
			return nil, fmt.Errorf("prose tagger model: feature %d out of bounds", i)
		}
		t.index[blob[lo:hi]] = int32(i)
	}
	t.tagMap = make(map[string]uint8, nMap)
	for i := 0; i < nMap && r.err == nil; i++ {
		word := r.str16()
		if b := r.bytes(1); b != nil {
			if int(b[0]) >= nClasses {
				return nil, fmt.Errorf("prose tagger model: word %q has class id %d of %d", word, b[0], nClasses)
			}
			t.tagMap[word] = b[0]
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("read prose tagger model: %w", r.err)
	}
	t.pool.New = func() any {
		return &scratch{scores: make([]float32, nClasses), key: make([]byte, 0, 64)}
	}
	return t, nil
}

// TagTokens sets the Tag of every token from its Text, treating the tokens
// as one sentence, as prose's Tagger.TagTokens does.
func (t *Tagger) TagTokens(tokens []token.Token) {
	if len(tokens) == 0 {
		return
	}
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	need := len(tokens) + 4
	if cap(s.ctx) < need {
		s.ctx = make([]string, need)
	}
	ctx := s.ctx[:need]
	ctx[0], ctx[1] = "-START-", "-START2-"
	for i := range tokens {
		ctx[i+2] = normalize(tokens[i].Text)
	}
	ctx[need-2], ctx[need-1] = "-END-", "-END2-"
	p1, p2 := "-START-", "-START2-"
	for i := range tokens {
		tg := t.tagOne(s, i, ctx, tokens[i].Text, p1, p2)
		tokens[i].Tag = tg
		p2, p1 = p1, tg
	}
	clear(ctx) // the pool must not keep the words alive
}

// Traces and bracket escapes of Penn Treebank text, passed through as prose
// does. Both patterns need a first byte the fast checks in tagOne test.
var (
	noneRe = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keepRe = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

func (t *Tagger) tagOne(s *scratch, i int, ctx []string, word, p1, p2 string) string {
	switch {
	case word == "-":
		return "-"
	case emoticons[word] != 0:
		return "SYM"
	case strings.HasPrefix(word, "@"):
		return "NN"
	case (word == "0" || strings.HasPrefix(word, "*")) && noneRe.MatchString(word):
		return "-NONE-"
	case len(word) == 5 && word[0] == '-' && keepRe.MatchString(word):
		return word
	}
	if id, ok := t.tagMap[word]; ok {
		return t.classes[id]
	}
	clear(s.scores)
	i = min(len(ctx)-3, i+2)
	sfx, pre := suffix(word, 3), prefix1(word)
	t.feat(s, "bias")
	t.feat(s, "i suffix ", sfx)
	t.feat(s, "i pref1 ", pre)
	t.feat(s, "i-1 tag ", p1)
	t.feat(s, "i-2 tag ", p2)
	t.feat(s, "i tag+i-2 tag ", p1, " ", p2)
	t.feat(s, "i word ", ctx[i])
	t.feat(s, "i-1 tag+i word ", p1, " ", ctx[i])
	t.feat(s, "i-1 word ", ctx[i-1])
	t.feat(s, "i-1 suffix ", suffix(ctx[i-1], 3))
	t.feat(s, "i-2 word ", ctx[i-2])
	t.feat(s, "i+1 word ", ctx[i+1])
	t.feat(s, "i+1 suffix ", suffix(ctx[i+1], 3))
	t.feat(s, "i+2 word ", ctx[i+2])
	best, bestID := float32(math.Inf(-1)), -1
	for id, v := range s.scores {
		if v > best {
			best, bestID = v, id
		}
	}
	if bestID < 0 {
		return ""
	}
	return t.classes[bestID]
}

// feat adds the weights of the feature spelled by parts.
func (t *Tagger) feat(s *scratch, parts ...string) {
	s.key = s.key[:0]
	for _, p := range parts {
		s.key = append(s.key, p...)
	}
	i, ok := t.index[string(s.key)] // no allocation: the conversion is for the lookup only
	if !ok {
		return
	}
	lo, hi := t.pairOff[i], t.pairOff[i+1]
	ids, ws := t.classIDs[lo:hi], t.weights[lo:hi]
	for j, id := range ids {
		s.scores[id] += ws[j]
	}
}

// suffix is the last n bytes of w (all of w if shorter).
func suffix(w string, n int) string {
	if len(w) <= n {
		return w
	}
	return w[len(w)-n:]
}

// prefix1 is w's first byte (bytes, not runes: the model's keys are).
func prefix1(w string) string {
	if w == "" {
		return ""
	}
	return w[:1]
}

// normalize maps a word to the form the model was trained on: hyphenated
// words, four-digit numbers and other numbers to a class, the rest to
// lower case.
func normalize(w string) string {
	if w == "" {
		return w
	}
	if w[0] != '-' && strings.IndexByte(w, '-') >= 0 {
		return "!HYPHEN"
	}
	if len(w) == 4 && isInt(w) {
		return "!YEAR"
	}
	if w[0] >= '0' && w[0] <= '9' {
		return "!DIGITS"
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c >= 'A' && c <= 'Z') || c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
	}
	return w
}

// isInt: an optional sign and at least one ASCII digit, nothing else.
func isInt(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
