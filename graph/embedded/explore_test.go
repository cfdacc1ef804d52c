package embedded_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/graph/storetest"
)

// sampleStore returns an open store holding storetest.Sample().
func sampleStore(t testing.TB) *embedded.Store {
	t.Helper()
	ctx := context.Background()
	s, err := embedded.Open(ctx, filepath.Join(t.TempDir(), "kgb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	if err := s.ReplaceArticles(ctx, storetest.Sample()); err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLookup(t *testing.T) {
	s := sampleStore(t)
	ctx := context.Background()
	for _, tc := range []struct {
		query string
		want  []string // "key kind"
	}{
		{"Ada Vance", []string{"ada vance key"}},
		{"ada VANCE", []string{"ada vance key"}},
		{"person:ada vance", []string{"ada vance key"}},
		{"Person:Ada  Vance", []string{"ada vance key"}},
		{"Vance", []string{"ada vance alias"}},
		{"  reyes ", []string{"tomas reyes alias"}},
		{"Northwind", []string{"northwind labs alias"}},
		{"harbor", []string{"harbor cloud prefix", "harbor city fc prefix"}},
		{"Lisbon", []string{"lisbon key", "lisbon rovers prefix"}},
		{"rovers; the greens", []string{"lisbon rovers alias"}},
		{"Zanzibar", nil},
	} {
		t.Run(tc.query, func(t *testing.T) {
			ms, err := s.Lookup(ctx, tc.query, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.Entity.Key+" "+m.Kind.String())
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Lookup(%q) = %q, want %q", tc.query, got, tc.want)
			}
		})
	}
	if _, err := s.Lookup(ctx, "  ", 0); !errors.Is(err, embedded.ErrEmptyQuery) {
		t.Errorf("Lookup(blank) = %v, want ErrEmptyQuery", err)
	}
	if ms, _ := s.Lookup(ctx, "harbor", 1); len(ms) != 1 {
		t.Errorf("Lookup limit 1 gave %d matches", len(ms))
	}
}

func TestNeighbours(t *testing.T) {
	s := sampleStore(t)
	ctx := context.Background()
	got, err := s.Neighbours(ctx, "northwind labs", 0)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, n := range got {
		lines = append(lines, fmt.Sprintf("%s %s %s ev=%d art=%d %q", n.Direction, n.Type, n.Entity.Name, n.Evidence, n.Articles, n.Predicate))
	}
	want := []string{
		`out BUY Harbor Cloud ev=2 art=1 "agreed to buy"`,
		`in PRAISE Tomas Reyes ev=1 art=1 "praised"`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("Neighbours:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(got[0].Sample, "Northwind Labs agreed") || got[0].SampleArticle != "business/deal.txt" {
		t.Errorf("sample = %q from %q", got[0].Sample, got[0].SampleArticle)
	}
	if n, err := s.Neighbours(ctx, "nobody", 0); err != nil || len(n) != 0 {
		t.Errorf("Neighbours(unknown) = %v, %v", n, err)
	}
	if n, _ := s.Neighbours(ctx, "ada vance", 2); len(n) != 2 {
		t.Errorf("Neighbours limit 2 gave %d", len(n))
	}
}

func TestShortestPath(t *testing.T) {
	s := sampleStore(t)
	ctx := context.Background()
	path, err := s.ShortestPath(ctx, "lisbon", "harbor cloud", embedded.PathOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range path {
		arrow := "->"
		if !h.Forward {
			arrow = "<-"
		}
		got = append(got, h.From.Name+" "+arrow+h.Type+" "+h.To.Name)
	}
	want := "[Lisbon <-MEET_IN Ada Vance Ada Vance ->MEET Tomas Reyes Tomas Reyes ->PRAISE Northwind Labs Northwind Labs ->BUY Harbor Cloud]"
	if fmt.Sprint(got) != want {
		t.Errorf("path = %v\nwant %s", got, want)
	}
	for _, h := range path {
		if h.Sentence == "" || h.Article == "" {
			t.Errorf("hop %+v has no evidence", h)
		}
	}
	if _, err := s.ShortestPath(ctx, "lisbon", "harbor cloud", embedded.PathOptions{MaxHops: 3}); !errors.Is(err, embedded.ErrNoPath) {
		t.Errorf("4-hop path with max 3 hops: %v, want ErrNoPath", err)
	}
	if _, err := s.ShortestPath(ctx, "ada vance", "harbor city fc", embedded.PathOptions{}); !errors.Is(err, embedded.ErrNoPath) {
		t.Errorf("path across components: %v, want ErrNoPath", err)
	}
	if p, err := s.ShortestPath(ctx, "ada vance", "ada vance", embedded.PathOptions{}); err != nil || len(p) != 0 {
		t.Errorf("path to itself = %v, %v", p, err)
	}
	if _, err := s.ShortestPath(ctx, "ada vance", "nobody", embedded.PathOptions{}); err == nil || errors.Is(err, embedded.ErrNoPath) {
		t.Errorf("path to an unknown entity = %v, want an unknown-entity error", err)
	}

	// Concepts may end a path but not carry one, unless asked.
	quiet := graph.Entity{Key: "quiet lee", Name: "Quiet Lee", Type: "Person"}
	talks := graph.Entity{Key: "concept:talks", Name: "talks", Type: "Concept"}
	extra := graph.ArticleGraph{Article: graph.Article{ID: "extra.txt", SHA256: "ee"}, Entities: []graph.Entity{quiet, talks},
		Edges: []graph.Edge{{Subject: quiet.Key, Object: talks.Key, Type: "LIKE", Sentence: "Quiet Lee liked the talks."}}}
	if err := s.ReplaceArticle(ctx, extra); err != nil {
		t.Fatal(err)
	}
	if p, err := s.ShortestPath(ctx, "tomas reyes", "concept:talks", embedded.PathOptions{}); err != nil || len(p) != 2 {
		t.Errorf("path to a concept = %d hops, %v; want 2", len(p), err)
	}
	if _, err := s.ShortestPath(ctx, "tomas reyes", "quiet lee", embedded.PathOptions{}); !errors.Is(err, embedded.ErrNoPath) {
		t.Errorf("path through a concept without ViaConcepts: %v, want ErrNoPath", err)
	}
	if p, err := s.ShortestPath(ctx, "tomas reyes", "quiet lee", embedded.PathOptions{ViaConcepts: true}); err != nil || len(p) != 3 {
		t.Errorf("path through a concept with ViaConcepts = %d hops, %v; want 3", len(p), err)
	}
}

func TestTop(t *testing.T) {
	s := sampleStore(t)
	ctx := context.Background()
	top, err := s.TopEntities(ctx, 3, true)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range top {
		got = append(got, fmt.Sprintf("%s:%d/%d", e.Entity.Name, e.Degree, e.Articles))
	}
	if want := "[Ada Vance:3/1 Northwind Labs:3/1 Harbor Cloud:2/1]"; fmt.Sprint(got) != want {
		t.Errorf("TopEntities = %v, want %s", got, want)
	}
	rels, err := s.TopRelations(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := "[{BUY 2} {BEAT 1}]"; fmt.Sprint(rels) != want {
		t.Errorf("TopRelations = %v, want %s", rels, want)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st != (embedded.Stats{Articles: 4, Entities: 8, Edges: 7}) {
		t.Errorf("Stats = %+v", st)
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kgb.db")
	s, err := embedded.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceArticles(ctx, storetest.Sample()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	ro, err := embedded.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close(ctx)
	h, ok, err := ro.ArticleHash(ctx, "sport/final.txt")
	if err != nil || !ok || !strings.HasPrefix(h, "c0ffee") {
		t.Errorf("ArticleHash after reopen = %q, %v, %v", h, ok, err)
	}
	var n int
	if err := ro.Entities(ctx, func(graph.Entity) error { n++; return nil }); err != nil || n != 8 {
		t.Errorf("Entities after reopen: %d, %v", n, err)
	}
	if err := ro.ReplaceArticle(ctx, storetest.Sample()[0]); err == nil {
		t.Errorf("a read-only store accepted a write")
	}
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"Ada Vance", "", ":", "harbor", "\x00", "Rovers; the", "ünïcode", "'}) DETACH DELETE n //"} {
		f.Add(s)
	}
	s := sampleStore(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, q string) {
		ms, err := s.Lookup(ctx, q, 0)
		if strings.TrimSpace(q) == "" {
			if !errors.Is(err, embedded.ErrEmptyQuery) {
				t.Fatalf("Lookup(%q) = %v, want ErrEmptyQuery", q, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Lookup(%q): %v", q, err)
		}
		for i, m := range ms {
			if m.Entity.Key == "" || m.Entity.Name == "" {
				t.Fatalf("Lookup(%q) returned an empty entity %+v", q, m)
			}
			if i > 0 && ms[i-1].Kind > m.Kind {
				t.Fatalf("Lookup(%q) not ordered by kind: %+v", q, ms)
			}
		}
	})
}

// TestExplorerContract: the embedded store passes the explore contract
// that the Neo4j store passes too.
func TestExplorerContract(t *testing.T) {
	s, err := embedded.Open(context.Background(), filepath.Join(t.TempDir(), "kgb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) }) // after RunExplore's clean-up
	storetest.RunExplore(t, s)
}
