// Command gencorpus writes a synthetic news corpus for kgb's scaling
// benchmark by recombining the sentences of a source corpus (by default
// ../shared/corpora/bbc, read at run time) into new articles: every
// generated article has a headline and a body drawn from articles of one
// topic folder, so its content (and hash) is new while its language stays
// real. The source text is never copied into the repository: the output goes
// to a fresh temporary folder (or -out, which must be outside the repo).
//
//	go run ./scripts/gencorpus -scale 4            # ≈ 4× the source's bytes
//	go run ./scripts/gencorpus -scale 1 -seed 2 -out /tmp/gen1
//
// With -vocab grow the names change too: every capitalised word that is not
// an ordinary word of the source (one never seen in lower case there, such
// as "Blair", "Chelsea", "Ofcom") is replaced by an invented name, the same
// within a run of -epoch articles and new in the next run. Each run of
// articles thus brings its own people, organisations and places, and 4× the
// articles carry about 4× the distinct entities, as a growing archive does:
//
//	go run ./scripts/gencorpus -scale 4 -vocab grow
//
// It prints the output folder, the number of articles and their bytes.
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

type topic struct {
	name      string
	headlines []string
	sentences []string
	lengths   []int // sentences per source article, to mimic its length distribution
}

func main() {
	src := flag.String("src", "../shared/corpora/bbc", "source corpus: topic folders of .txt articles, headline on the first line")
	out := flag.String("out", "", "output folder (default: a new temporary folder); must be outside the repository")
	scale := flag.Float64("scale", 1, "target size as a multiple of the source corpus's bytes")
	seed := flag.Uint64("seed", 1, "random seed: the same seed and source give the same corpus")
	vocab := flag.String("vocab", "fixed", "fixed: the source's names; grow: invented names, new every -epoch articles")
	epoch := flag.Int("epoch", 50, "with -vocab grow: articles that share one set of invented names")
	flag.Parse()
	if err := run(*src, *out, *scale, *seed, *vocab, *epoch); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

var sentenceEnd = regexp.MustCompile(`([.!?]["”’']?)\s+`)

// splitSentences cuts a paragraph at sentence ends followed by space.
func splitSentences(p string) []string {
	var out []string
	last := 0
	for _, m := range sentenceEnd.FindAllStringSubmatchIndex(p, -1) {
		s := strings.TrimSpace(p[last:m[3]])
		if len(s) > 20 {
			out = append(out, s)
		}
		last = m[1]
	}
	if s := strings.TrimSpace(p[last:]); len(s) > 20 {
		out = append(out, s)
	}
	return out
}

func run(src, out string, scale float64, seed uint64, vocab string, epoch int) error {
	if scale <= 0 {
		return errors.New("-scale must be positive")
	}
	if vocab != "fixed" && vocab != "grow" {
		return fmt.Errorf("-vocab %q: want fixed or grow", vocab)
	}
	if epoch < 1 {
		return errors.New("-epoch must be at least 1")
	}
	topics, srcBytes, err := load(src)
	if err != nil {
		return err
	}
	var names *renamer
	if vocab == "grow" {
		names = newRenamer(topics, seed)
	}
	if out == "" {
		out, err = os.MkdirTemp("", "kgb-gencorpus-")
		if err != nil {
			return err
		}
	} else {
		if inRepo(out) {
			return fmt.Errorf("-out %s is inside a git repository; generated text must not go into the repo", out)
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
	}
	r := rand.New(rand.NewPCG(seed, 0x6b6762))
	target := int64(float64(srcBytes) * scale)
	var written int64
	n := 0
	for written < target {
		t := topics[r.IntN(len(topics))]
		length := t.lengths[r.IntN(len(t.lengths))]
		var b bytes.Buffer
		rename := func(s string) string { return s }
		if names != nil {
			e := uint64(n / epoch)
			rename = func(s string) string { return names.apply(s, e) }
		}
		b.WriteString(rename(t.headlines[r.IntN(len(t.headlines))]))
		fmt.Fprintf(&b, " (%d)\n\n", n)
		for i := range length {
			b.WriteString(rename(t.sentences[r.IntN(len(t.sentences))]))
			if i%3 == 2 || i == length-1 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		dir := filepath.Join(out, t.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("gen-%06d.txt", n)), b.Bytes(), 0o644); err != nil {
			return err
		}
		written += int64(b.Len())
		n++
	}
	fmt.Printf("%s\t%d articles\t%d bytes\t(source %d bytes, scale %.2f, vocabulary %s)\n", out, n, written, srcBytes, float64(written)/float64(srcBytes), vocab)
	return nil
}

// load reads every topic folder of the source corpus.
func load(src string) ([]*topic, int64, error) {
	ents, err := os.ReadDir(src)
	if err != nil {
		return nil, 0, err
	}
	var topics []*topic
	var total int64
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		files, err := filepath.Glob(filepath.Join(src, e.Name(), "*.txt"))
		if err != nil {
			return nil, 0, err
		}
		sort.Strings(files)
		t := &topic{name: e.Name()}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, 0, err
			}
			total += int64(len(b))
			text := strings.ToValidUTF8(string(b), "")
			head, body, _ := strings.Cut(text, "\n")
			t.headlines = append(t.headlines, strings.TrimSpace(head))
			n := 0
			for _, p := range strings.Split(body, "\n") {
				ss := splitSentences(p)
				t.sentences = append(t.sentences, ss...)
				n += len(ss)
			}
			if n > 0 {
				t.lengths = append(t.lengths, n)
			}
		}
		if len(t.sentences) > 0 {
			topics = append(topics, t)
		}
	}
	if len(topics) == 0 {
		return nil, 0, fmt.Errorf("%s has no topic folders with .txt articles", src)
	}
	return topics, total, nil
}

// inRepo reports whether dir is inside a git work tree.
func inRepo(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return true
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return true
		}
		if filepath.Dir(d) == d {
			return false
		}
	}
}

// renamer invents names for the growing-vocabulary corpus.
type renamer struct {
	common map[string]bool // words seen in lower case in the source
	seed   uint64
}

var capWord = regexp.MustCompile(`\b[A-Z][A-Za-z]+\b`)

func newRenamer(topics []*topic, seed uint64) *renamer {
	common := map[string]bool{}
	word := regexp.MustCompile(`\b[a-z][a-z]+\b`)
	for _, t := range topics {
		for _, s := range t.sentences {
			for _, w := range word.FindAllString(s, -1) {
				common[w] = true
			}
		}
	}
	// Titles, days and months stay: they are not names.
	for _, w := range strings.Fields("mr mrs ms dr sir lord lady monday tuesday wednesday thursday friday saturday sunday " +
		"january february march april may june july august september october november december") {
		common[w] = true
	}
	return &renamer{common: common, seed: seed}
}

// apply replaces the names in s with the invented names of epoch e.
func (rn *renamer) apply(s string, e uint64) string {
	return capWord.ReplaceAllStringFunc(s, func(w string) string {
		if len(w) < 3 || rn.common[strings.ToLower(w)] {
			return w
		}
		return rn.invent(w, e)
	})
}

var (
	onsets = strings.Fields("b c d f g h j k l m n p r s t v w z br dr gr kr pr st tr")
	vowels = strings.Fields("a e i o u a e o")
	codas  = strings.Fields("n r s l m k th nd")
)

// invent returns the name word w becomes in epoch e: 2 to 4 syllables drawn
// from a hash of (seed, e, w), so the same in every article of the epoch and
// almost surely new in another. All-capital words (acronyms) stay in capitals.
func (rn *renamer) invent(w string, e uint64) string {
	h := fnv.New64a()
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], rn.seed)
	binary.LittleEndian.PutUint64(b[8:], e)
	h.Write(b[:])
	h.Write([]byte(w))
	r := rand.New(rand.NewPCG(h.Sum64(), 0x6e616d65))
	var out strings.Builder
	for range 2 + r.IntN(3) {
		out.WriteString(onsets[r.IntN(len(onsets))])
		out.WriteString(vowels[r.IntN(len(vowels))])
	}
	out.WriteString(codas[r.IntN(len(codas))])
	name := out.String()
	if strings.ToUpper(w) == w {
		return strings.ToUpper(name)
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
