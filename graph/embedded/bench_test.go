package embedded_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
)

// benchArticle builds a realistic article graph: ~30 entities drawn from a
// 20,000-entity vocabulary with a few hubs (skewed like news: a handful of
// names in every article), ~40 evidence edges with 150-byte sentences.
func benchArticle(r *rand.Rand, id string) graph.ArticleGraph {
	const nEnt, nEdge, vocab = 30, 40, 20000
	types := []string{"Person", "Organization", "Place", "Concept"}
	rels := []string{"SAY", "MEET", "CALL", "CRITICIZE", "BUY", "WIN", "JOIN", "VISIT", "WARN", "SPEAK_WITH"}
	seen := map[string]bool{}
	var ents []graph.Entity
	for len(ents) < nEnt {
		n := int(float64(vocab) * r.Float64() * r.Float64() * r.Float64()) // skewed towards low ids
		typ := types[n%len(types)]
		name := fmt.Sprintf("Entity %d Name", n)
		key := graph.EntityKey(name, typ)
		if seen[key] {
			continue
		}
		seen[key] = true
		ents = append(ents, graph.Entity{Key: key, Name: name, Type: typ,
			Aliases: []string{fmt.Sprintf("E%d", n), fmt.Sprintf("Mr %d", n%97)}})
	}
	sentence := strings.Repeat("word ", 30)
	edges := make([]graph.Edge, nEdge)
	for i := range edges {
		s, o := ents[r.IntN(nEnt)], ents[r.IntN(nEnt)]
		rel := rels[r.IntN(len(rels))]
		edges[i] = graph.Edge{Subject: s.Key, Object: o.Key, Type: rel, Predicate: strings.ToLower(rel),
			Lemma: strings.ToLower(rel), Article: id, Sentence: sentence, SentenceIndex: i, Start: i * 150,
			End: i*150 + 150, Confidence: 0.7}
	}
	return graph.ArticleGraph{
		Article: graph.Article{ID: id, Path: "/bench/" + id, SHA256: fmt.Sprintf("%064x", r.Uint64()),
			Title: "Benchmark article " + id, IngestedAt: time.Unix(1_700_000_000, 0).UTC()},
		Entities: ents,
		Edges:    edges,
	}
}

func benchStore(b *testing.B, preload int) (*embedded.Store, *rand.Rand) {
	b.Helper()
	ctx := context.Background()
	s, err := embedded.Open(ctx, filepath.Join(b.TempDir(), "kgb.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close(ctx) })
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < preload; i += 100 {
		var gs []graph.ArticleGraph
		for j := i; j < i+100 && j < preload; j++ {
			gs = append(gs, benchArticle(r, fmt.Sprintf("pre/%06d.txt", j)))
		}
		if err := s.ReplaceArticles(ctx, gs); err != nil {
			b.Fatal(err)
		}
	}
	return s, r
}

// BenchmarkReplaceArticle writes one new article per transaction into a
// store already holding 2,000 articles (BBC-sized).
func BenchmarkReplaceArticle(b *testing.B) {
	s, r := benchStore(b, 2000)
	ctx := context.Background()
	gs := make([]graph.ArticleGraph, b.N)
	for i := range gs {
		gs[i] = benchArticle(r, fmt.Sprintf("new/%08d.txt", i))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.ReplaceArticle(ctx, gs[i]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReplaceArticlesBatch writes new articles 64 per transaction;
// ns/op is per article, comparable with BenchmarkReplaceArticle.
func BenchmarkReplaceArticlesBatch64(b *testing.B) {
	s, r := benchStore(b, 2000)
	ctx := context.Background()
	const batch = 64
	pool := make([]graph.ArticleGraph, 4096)
	for i := range pool {
		pool[i] = benchArticle(r, fmt.Sprintf("new/%08d.txt", i))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i += batch {
		var gs []graph.ArticleGraph
		for j := i; j < i+batch && j < b.N; j++ {
			g := pool[j%len(pool)]
			g.Article.ID = fmt.Sprintf("new/%08d.txt", j)
			gs = append(gs, g)
		}
		if err := s.ReplaceArticles(ctx, gs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReplaceArticleParallel has several goroutines write one article
// per transaction each, as the ingest worker pool does.
func BenchmarkReplaceArticleParallel(b *testing.B) {
	s, r := benchStore(b, 2000)
	ctx := context.Background()
	pool := make([]graph.ArticleGraph, 1024)
	for i := range pool {
		pool[i] = benchArticle(r, "")
	}
	var n atomicCounter
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.next()
			g := pool[i%len(pool)]
			g.Article.ID = fmt.Sprintf("par/%08d.txt", i)
			if err := s.ReplaceArticle(ctx, g); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkReplaceExisting re-writes (edits) articles already stored: the
// cost of removing the old version's edges and mentions is included.
func BenchmarkReplaceExisting(b *testing.B) {
	s, r := benchStore(b, 2000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		g := benchArticle(r, fmt.Sprintf("pre/%06d.txt", i%2000))
		b.StartTimer()
		if err := s.ReplaceArticle(ctx, g); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkArticleHash is the unchanged-file check of a re-run.
func BenchmarkArticleHash(b *testing.B) {
	s, _ := benchStore(b, 2000)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if _, ok, err := s.ArticleHash(ctx, fmt.Sprintf("pre/%06d.txt", i%2000)); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}
