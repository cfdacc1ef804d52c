package clauses

import (
	"testing"

	"github.com/kgb-dev/kgb/extract/syntax"
)

var (
	fuzzWords  = []string{"Tarvo", "Vela", "bought", "was", "by", "the", "of", "said", "he", "who", "chief", "executive", "bid", "to", "and", ",", "MP", "not", "could", "'s"}
	fuzzTags   = []string{"NNP", "NN", "NNS", "VBD", "VBN", "VBZ", "VB", "VBG", "IN", "DT", "PRP", "WP", "WDT", "JJ", "CC", ",", "TO", "MD", "RB", "POS", "CD", "XX"}
	fuzzLabels = []string{"root", "nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "obl:unmarked", "nmod", "nmod:poss", "nmod:desc",
		"appos", "conj", "cc", "case", "det", "amod", "compound", "flat", "acl", "acl:relcl", "advcl", "xcomp", "ccomp", "csubj", "aux",
		"aux:pass", "cop", "mark", "advmod", "punct", "parataxis", "compound:prt", "fixed", "weird"}
)

// FuzzExtract builds a sentence from arbitrary bytes (any heads, labels and
// tags, well-formed or not): Extract never panics and every argument lies
// in the sentence.
func FuzzExtract(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{})
	f.Add([]byte{3, 3, 3, 3, 200, 201, 202})
	f.Add([]byte("Tarvo bought Vela from the chief executive of Kessel, who said he could not"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := len(data) / 4
		s := &Sentence{Tree: &syntax.Tree{}}
		s.Tree.Reset(n)
		for i := 0; i < n; i++ {
			d := data[4*i : 4*i+4]
			s.Words = append(s.Words, fuzzWords[int(d[0])%len(fuzzWords)])
			s.Tags = append(s.Tags, fuzzTags[int(d[1])%len(fuzzTags)])
			s.Tree.Head[i] = int(d[2])%(n+1) - 1
			s.Tree.Label[i] = fuzzLabels[int(d[3])%len(fuzzLabels)]
		}
		for _, c := range Extract(s) {
			for _, a := range append([]Arg{c.Subj}, c.Args...) {
				if a.From < 0 || a.To > n || a.From >= a.To || a.Ext < a.To || a.Ext > n {
					t.Fatalf("argument %+v out of a %d-token sentence", a, n)
				}
			}
			for _, r := range c.Rel {
				if r < 0 || r >= n {
					t.Fatalf("relation token %d out of a %d-token sentence", r, n)
				}
			}
			_ = c.Format(s.Words)
		}
	})
}

// BenchmarkExtract measures the clause reader alone over EWT dev gold trees.
func BenchmarkExtract(b *testing.B) {
	sents := ewtDev(b)
	tokens := 0
	for _, s := range sents {
		tokens += len(s.Words)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			Extract(&Sentence{Words: s.Words, Tags: s.Tags, Lemmas: s.Lemmas, Tree: &s.Tree})
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
