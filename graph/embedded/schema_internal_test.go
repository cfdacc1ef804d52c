package embedded

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/graph"
)

// TestOpenRefusesOtherSchemas: databases of older layouts (v2, v4, v5 with
// its type-prefixed keys) and unknown newer ones are refused with ErrSchema
// and a message saying why and what to do.
func TestOpenRefusesOtherSchemas(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, version, want string
	}{
		{"older development layout", "2", "delete it and ingest again"},
		{"root-relative article ids", "4", "move the database away and ingest again"},
		{"type-prefixed entity keys", "5", "keyed by type and name (\"person:ada vance\"), so a name typed differently by two articles is two entities"},
		{"newer layout", "99", "upgrade kgb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kgb.db")
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.db.Update(func(tx *kvTx) error {
				return tx.Bucket(bMeta).Put(keySchema, []byte(tc.version))
			}); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(ctx); err != nil {
				t.Fatal(err)
			}
			_, err = Open(ctx, path)
			if !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Open = %v, want ErrSchema saying %q", err, tc.want)
			}
		})
	}
}

// TestEdgeEncodingRoundTrip: every stored field of an edge survives the
// binary encoding.
func TestEdgeEncodingRoundTrip(t *testing.T) {
	tests := []struct {
		name      string
		subj, obj uint64
		sent      int
		e         graph.Edge
	}{
		{"zero", 1, 1, 0, graph.Edge{Type: "SAY"}},
		{"full", 1 << 40, 7, 12, graph.Edge{Type: "BUY_FROM", Predicate: "bought \"x\" from", Lemma: "buy from",
			SentenceIndex: 31, Start: 1 << 20, End: 1<<20 + 77, Confidence: 0.8125, Negated: true,
			Modality: "possible", ReportedBy: "person:ada vance"}},
		{"negative offsets and odd floats", 3, 2, 1, graph.Edge{Type: "X", SentenceIndex: -1, Start: -5, End: -2,
			Confidence: math.SmallestNonzeroFloat64, Predicate: "\x00\xff"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := encodeEdge(tc.subj, tc.obj, tc.sent, tc.e)
			got, err := decodeEdge(v, "a/1.txt")
			if err != nil {
				t.Fatal(err)
			}
			want := tc.e
			want.Article = "a/1.txt"
			if got.subj != tc.subj || got.obj != tc.obj || got.sent != tc.sent || got.e != want {
				t.Errorf("round trip: got %+v, want subj %d obj %d sent %d %+v", got, tc.subj, tc.obj, tc.sent, want)
			}
			if _, err := decodeEdge(v[:len(v)-1], "a/1.txt"); err == nil {
				t.Error("truncated record decoded without error")
			}
		})
	}
}

// FuzzDecodeEdge: arbitrary bytes never panic, and whatever decodes
// re-encodes to the same bytes.
func FuzzDecodeEdge(f *testing.F) {
	f.Add(encodeEdge(1, 2, 3, graph.Edge{Type: "SAY", Predicate: "said", Confidence: 0.5}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, v []byte) {
		ev, err := decodeEdge(v, "a")
		if err != nil {
			return
		}
		ev.e.Article = ""
		if got := encodeEdge(ev.subj, ev.obj, ev.sent, ev.e); string(got) != string(v) && !math.IsNaN(ev.e.Confidence) {
			// Non-canonical varints may decode; they must still decode to the same edge.
			again, err := decodeEdge(got, "a")
			if err != nil || again.subj != ev.subj || again.obj != ev.obj || again.sent != ev.sent {
				t.Fatalf("re-encoding %x gave %x (%v)", v, got, err)
			}
		}
	})
}

// TestBatchRewritesArticleTwice: an article written twice in one batch
// (new entities numbered by the first version, dropped by the second)
// leaves exactly the second version, with no stray entity ids.
func TestBatchRewritesArticleTwice(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "kgb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	ada := graph.Entity{Key: "ada", Name: "Ada", Type: "Person"}
	bob := graph.Entity{Key: "bob", Name: "Bob", Type: "Person"}
	cid := graph.Entity{Key: "cid", Name: "Cid", Type: "Place"}
	v1 := graph.ArticleGraph{Article: graph.Article{ID: "a.txt", SHA256: "1"}, Entities: []graph.Entity{ada, bob},
		Edges: []graph.Edge{{Subject: ada.Key, Object: bob.Key, Type: "MEET", Sentence: "Ada met Bob."}}}
	v2 := graph.ArticleGraph{Article: graph.Article{ID: "a.txt", SHA256: "2"}, Entities: []graph.Entity{ada, cid},
		Edges: []graph.Edge{{Subject: ada.Key, Object: cid.Key, Type: "VISIT", Sentence: "Ada visited Cid."}}}
	if err := s.ReplaceArticles(ctx, []graph.ArticleGraph{v1, v2}); err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	var keys []string
	if err := s.Entities(ctx, func(e graph.Entity) error { keys = append(keys, e.Key); return nil }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"ada", "cid"}; strings.Join(keys, ",") != strings.Join(want, ",") {
		t.Errorf("entities %v, want %v", keys, want)
	}
	var edges []graph.Edge
	if err := s.ArticleGraphs(ctx, func(g graph.ArticleGraph) error { edges = append(edges, g.Edges...); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(edges) != 1 || edges[0].Object != cid.Key || edges[0].Sentence != "Ada visited Cid." {
		t.Errorf("edges %+v, want the one VISIT edge of v2", edges)
	}
}
