package embedded

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/kgb-dev/kgb/graph"
)

// TestEntityCacheMatchesStore: the same random sequence of batch writes,
// rewrites and retractions gives byte-identical graphs with the entity
// cache disabled, tiny (evicting all the time) and at its real size, and
// every store passes Verify (counters equal to what the edges and mentions
// say) after every step.
func TestEntityCacheMatchesStore(t *testing.T) {
	ctx := context.Background()
	sizes := []struct {
		name string
		max  int
	}{{"disabled", 0}, {"tiny", 3}, {"default", entCacheMax}}
	var dumps []string
	for _, sz := range sizes {
		t.Run(sz.name, func(t *testing.T) {
			s, err := Open(ctx, filepath.Join(t.TempDir(), "kgb.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close(ctx)
			s.cache = newEntCache(sz.max)
			rng := rand.New(rand.NewPCG(7, 11))
			for step := range 60 {
				switch op := rng.IntN(10); {
				case op < 7:
					var batch []graph.ArticleGraph
					for range 1 + rng.IntN(4) {
						batch = append(batch, randomArticle(rng))
					}
					if err := s.ReplaceArticles(ctx, batch); err != nil {
						t.Fatalf("step %d: %v", step, err)
					}
				default:
					if err := s.RetractArticle(ctx, fmt.Sprintf("a%d.txt", rng.IntN(12))); err != nil {
						t.Fatalf("step %d: %v", step, err)
					}
				}
				if err := s.Verify(ctx); err != nil {
					t.Fatalf("step %d: %v", step, err)
				}
			}
			dumps = append(dumps, dumpStore(t, s))
		})
	}
	for i := 1; i < len(dumps); i++ {
		if dumps[i] != dumps[0] {
			t.Errorf("cache %q gave another graph than %q:\n%s\nvs\n%s", sizes[i].name, sizes[0].name, dumps[i], dumps[0])
		}
	}
}

// randomArticle writes one of 12 article ids with entities drawn from a
// pool of 8, whose aliases and titles vary between versions.
func randomArticle(rng *rand.Rand) graph.ArticleGraph {
	id := fmt.Sprintf("a%d.txt", rng.IntN(12))
	g := graph.ArticleGraph{Article: graph.Article{ID: id, SHA256: fmt.Sprint(rng.Uint64())}}
	picked := map[int]bool{}
	for range 1 + rng.IntN(4) {
		n := rng.IntN(8)
		if picked[n] {
			continue
		}
		picked[n] = true
		e := graph.Entity{Key: fmt.Sprintf("p%d", n), Name: fmt.Sprintf("P%d", n), Type: "Person"}
		if rng.IntN(3) == 0 {
			e.Aliases = []string{fmt.Sprintf("Alias %d-%d", n, rng.IntN(3))}
		}
		if rng.IntN(4) == 0 {
			e.Titles = []string{fmt.Sprintf("title %d", rng.IntN(2))}
		}
		g.Entities = append(g.Entities, e)
	}
	for i := range rng.IntN(4) {
		s, o := g.Entities[rng.IntN(len(g.Entities))], g.Entities[rng.IntN(len(g.Entities))]
		g.Edges = append(g.Edges, graph.Edge{Subject: s.Key, Object: o.Key, Type: []string{"MEET", "CALL"}[rng.IntN(2)],
			Sentence: fmt.Sprintf("%s met %s (%d).", s.Name, o.Name, i), Confidence: 0.5})
	}
	return g
}

// dumpStore renders everything the store reports: article graphs, entities
// with their counters, and relation-type counts.
func dumpStore(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	var out []any
	if err := s.ArticleGraphs(ctx, func(g graph.ArticleGraph) error { out = append(out, g); return nil }); err != nil {
		t.Fatal(err)
	}
	err := s.db.View(func(tx *kvTx) error {
		return tx.Bucket(bEntKeys).ForEach(func(k, _ []byte) error {
			er, ok, err := getEntity(tx, string(k))
			if err != nil || !ok {
				return fmt.Errorf("entity %s: %v %w", k, ok, err)
			}
			er.ID = 0 // ids depend on allocation order, which the cache does not change, but need not match
			out = append(out, er)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.View(func(tx *kvTx) error {
		return tx.Bucket(bRelTypes).ForEach(func(k, v []byte) error {
			// k and v live only until the cursor moves: decode them now.
			n, _ := binary.Uvarint(v)
			out = append(out, string(k), n)
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
