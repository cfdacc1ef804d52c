package embedded_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
)

// BenchmarkLoadCorpus writes a whole real corpus, read from the JSONL file
// named by KGB_BENCH_JSONL (made with `kgb export --format jsonl`, e.g. of
// the BBC corpus), into a fresh store per iteration: in batches of 64
// articles (what kgb ingest does) and one article per transaction, for the
// ratio between the two. Reports articles/s, bytes written (write-ahead
// log, tables and compactions) and the database's size on disk.
func BenchmarkLoadCorpus(b *testing.B) {
	path := os.Getenv("KGB_BENCH_JSONL")
	if path == "" {
		b.Skip("KGB_BENCH_JSONL not set (a file written by kgb export --format jsonl)")
	}
	gs := readJSONL(b, path)
	// KGB_BENCH_COPIES=n writes the corpus n times under new article ids
	// (same entities, n× the articles and edges), for scaling checks.
	if n, _ := strconv.Atoi(os.Getenv("KGB_BENCH_COPIES")); n > 1 {
		one := gs
		gs = nil
		for c := range n {
			for _, g := range one {
				g.Article.ID = fmt.Sprintf("copy%d/%s", c, g.Article.ID)
				g.Edges = slices.Clone(g.Edges)
				for i := range g.Edges {
					g.Edges[i].Article = g.Article.ID
				}
				gs = append(gs, g)
			}
		}
	}
	batches := []int{64, 256, 1}
	if v := os.Getenv("KGB_BENCH_BATCH"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatal(err)
		}
		batches = []int{n}
	}
	for _, batch := range batches {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			ctx := context.Background()
			written := procIO("wchar")
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, err := embedded.Open(ctx, filepath.Join(b.TempDir(), "kgb.db"))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				for j := 0; j < len(gs); j += batch {
					if err := s.ReplaceArticles(ctx, gs[j:min(j+batch, len(gs))]); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				if err := s.Close(ctx); err != nil {
					b.Fatal(err)
				}
				if i == b.N-1 {
					b.ReportMetric(dirMB(b, s.Path()), "disk-MB")
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(len(gs)*b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric((procIO("wchar")-written)/float64(b.N)/(1<<20), "written-MB/op")
		})
	}
}

func readJSONL(b *testing.B, path string) []graph.ArticleGraph {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var gs []graph.ArticleGraph
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var g graph.ArticleGraph
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			b.Fatal(err)
		}
		gs = append(gs, g)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return gs
}

// dirMB is the total size of the files in dir.
func dirMB(b *testing.B, dir string) float64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return float64(n) / (1 << 20)
}

// procIO reads a counter (bytes) from /proc/self/io; 0 where unavailable.
func procIO(name string) float64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok && k == name {
			n, _ := strconv.ParseFloat(v, 64)
			return n
		}
	}
	return 0
}
