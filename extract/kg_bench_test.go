package extract

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/internal/evaldata"
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

// BenchmarkKGOverhead runs the whole extractor in article mode on real
// news text read from the evaluation data at run time (the seed article and BBC
// politics articles), once with the knowledge-graph layer and once with the
// surface-text baseline resolver. The ns/op ratio kg/surface is the cost of
// the layer.
func BenchmarkKGOverhead(b *testing.B) {
	docs := kgOverheadDocs(b)
	for _, mode := range []string{"surface", "kg"} {
		ex := kgOverheadExtractor(b, mode == "surface")
		b.Run(mode, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					if _, err := ex.Extract(context.Background(), "bench", d); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkKGOverheadRatio runs the same work as BenchmarkKGOverhead but
// alternates the two resolvers document by document inside one loop, so
// that load from other processes on a shared machine hits both alike. It
// reports kg/surface, the ratio of the time spent in each (1.10 = the KG
// layer costs 10% over the surface baseline), measured as CPU time of the
// benchmark's thread where the OS provides it (Linux), so that waiting for
// a core on a busy machine does not count. GC work on other threads is not
// counted; GC assists are.
func BenchmarkKGOverheadRatio(b *testing.B) {
	docs := kgOverheadDocs(b)
	surface, kg := kgOverheadExtractor(b, true), kgOverheadExtractor(b, false)
	var ts, tk time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, d := range docs {
			order := []*Extractor{surface, kg}
			if (i+j)%2 == 1 {
				order[0], order[1] = kg, surface
			}
			for _, ex := range order {
				t0 := benchClock()
				if _, err := ex.Extract(context.Background(), "bench", d); err != nil {
					b.Fatal(err)
				}
				if ex == kg {
					tk += benchClock() - t0
				} else {
					ts += benchClock() - t0
				}
			}
		}
	}
	if ts > 0 {
		b.ReportMetric(float64(tk)/float64(ts), "kg/surface")
	}
}

// kgOverheadExtractor returns an Extractor with the KG layer, or with the
// surface-text baseline resolver when surface is set.
func kgOverheadExtractor(b *testing.B, surface bool) *Extractor {
	ex, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	if surface {
		cp := *ex.kg
		cp.surfaceOnly = true
		ex.kg = &cp
	}
	return ex
}

// kgOverheadDocs reads the seed article and BBC politics articles from the
// evaluation data at run time (see internal/evaldata); it skips the
// benchmark when they are missing.
func kgOverheadDocs(b *testing.B) []string {
	var docs []string
	paths, _ := filepath.Glob(filepath.Join(evaldata.Path(b, "eval/seed"), "*.txt"))
	more, _ := filepath.Glob(filepath.Join(evaldata.Path(b, "corpora/bbc/politics"), "0[0-4]?.txt"))
	for _, p := range append(paths, more...) {
		if bs, err := os.ReadFile(p); err == nil {
			docs = append(docs, string(bs))
		}
	}
	if len(docs) == 0 {
		b.Fatal("no seed or BBC politics articles in the evaluation data")
	}
	return docs
}
