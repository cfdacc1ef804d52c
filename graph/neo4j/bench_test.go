package neo4j_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
)

// BenchmarkReplaceArticles writes batches of 50 articles of 10 edges each
// (500 evidence edges per transaction) over a pool of 1,000 entities. The
// full comparison against a naive writer is scripts/bench.sh neo4j.
func BenchmarkReplaceArticles(b *testing.B) {
	uri := os.Getenv("KGB_TEST_NEO4J_URI")
	if uri == "" {
		b.Skip("KGB_TEST_NEO4J_URI is not set")
	}
	ctx := context.Background()
	s, err := neo4j.Open(ctx, neo4j.Config{URI: uri, Username: os.Getenv("KGB_TEST_NEO4J_USERNAME"), Password: os.Getenv("KGB_TEST_NEO4J_PASSWORD")})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(ctx)
	ns := fmt.Sprintf("benchtest-%d", time.Now().UnixNano())
	var ids []string
	batch := func(i int) []graph.ArticleGraph {
		gs := make([]graph.ArticleGraph, 50)
		for a := range gs {
			id := fmt.Sprintf("%s/%d-%d.txt", ns, i, a)
			ids = append(ids, id)
			g := graph.ArticleGraph{Article: graph.Article{ID: id, SHA256: fmt.Sprintf("%064d", a), Title: id}}
			for e := range 10 {
				sk := fmt.Sprintf("%s|%d", ns, (i*500+a*10+e)%1000)
				ok := fmt.Sprintf("%s|%d", ns, (i*7+a*3+e*e)%1000)
				g.Entities = append(g.Entities, graph.Entity{Key: sk, Name: sk, Type: "Person"}, graph.Entity{Key: ok, Name: ok, Type: "Place"})
				g.Edges = append(g.Edges, graph.Edge{Subject: sk, Object: ok, Type: "VISIT", Predicate: "visited", Lemma: "visit",
					Sentence: fmt.Sprintf("%s visited %s.", sk, ok), SentenceIndex: e, Start: e * 40, End: e*40 + 30, Confidence: 0.8})
			}
			gs[a] = g
		}
		return gs
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := s.ReplaceArticles(ctx, batch(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*500)/b.Elapsed().Seconds(), "triples/s")
	b.StopTimer()
	for _, id := range ids {
		if err := s.RetractArticle(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}
