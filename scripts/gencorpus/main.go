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
// It prints the output folder, the number of articles and their bytes.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
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
	flag.Parse()
	if err := run(*src, *out, *scale, *seed); err != nil {
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

func run(src, out string, scale float64, seed uint64) error {
	if scale <= 0 {
		return errors.New("-scale must be positive")
	}
	topics, srcBytes, err := load(src)
	if err != nil {
		return err
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
		b.WriteString(t.headlines[r.IntN(len(t.headlines))])
		fmt.Fprintf(&b, " (%d)\n\n", n)
		for i := range length {
			b.WriteString(t.sentences[r.IntN(len(t.sentences))])
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
	fmt.Printf("%s\t%d articles\t%d bytes\t(source %d bytes, scale %.2f)\n", out, n, written, srcBytes, float64(written)/float64(srcBytes))
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
