package extract

import (
	"strings"
	"testing"
)

// kgBenchDoc is an article-sized text made of this package's own test
// articles.
var kgBenchDoc = strings.Join([]string{kgDocSummit, kgDocSurnames, kgDocQuotes, kgDocUS}, "\n\n")

// BenchmarkKGResolve measures the KG layer on an analysed article: building
// the document resolver and resolving every noun-phrase-like range (what
// the core would hand it), against the cost of analysing the same text with
// prose's tagger (sub-benchmark "analyse", the baseline in the same run).
func BenchmarkKGResolve(b *testing.B) {
	m := kgTestModel(b, KGOptions{})
	sents := analyseForKG(b, kgBenchDoc)
	b.Run("analyse", func(b *testing.B) {
		b.SetBytes(int64(len(kgBenchDoc)))
		for i := 0; i < b.N; i++ {
			analyseForKG(b, kgBenchDoc)
		}
	})
	b.Run("resolve", func(b *testing.B) {
		b.SetBytes(int64(len(kgBenchDoc)))
		for i := 0; i < b.N; i++ {
			r := m.newDocResolver(sents)
			for _, s := range sents {
				for j := 0; j+3 <= len(s.Tokens); j += 3 {
					r.Arg(s, tokRange{j, j + 3})
					r.Relation(&rawTriple{Sent: s, Rel: []int{j, j + 1}, Obj: tokRange{j + 2, j + 3}})
				}
			}
		}
	})
}

// BenchmarkKGPathological runs the KG layer on inputs that must not blow
// up: a 20,000-token run of capitalised words, 5,000 commas, unbalanced
// quotes, a long coordination. Each must finish far below a second.
func BenchmarkKGPathological(b *testing.B) {
	inputs := map[string]string{
		"names":  strings.Repeat("Alpha Beta ", 10000),
		"commas": strings.Repeat(", ", 5000),
		"quotes": strings.Repeat("“We said ", 2000),
		"and":    strings.Repeat("Bank of Alpha and ", 3000),
		"titles": strings.Repeat("Minister President Mr ", 3000),
	}
	m := kgTestModel(b, KGOptions{})
	for name, doc := range inputs {
		sents := analyseForKG(b, doc)
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				r := m.newDocResolver(sents)
				for _, s := range sents {
					for j := 0; j+2 <= len(s.Tokens) && j < 2000; j += 50 {
						r.Arg(s, tokRange{j, j + 2})
					}
				}
			}
		})
	}
}
