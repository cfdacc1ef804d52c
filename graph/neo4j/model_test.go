package neo4j_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
)

// TestConceptLabel checks that concepts are :Concept and not :Entity, so
// that MATCH (e:Entity) means named entities, and that edges, MENTIONS,
// re-writes and retraction work across both kinds of node.
func TestConceptLabel(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	defer s.Close(ctx)
	ns := fmt.Sprintf("concepttest-%d", time.Now().UnixNano())
	p := graph.Entity{Key: "person:" + ns + "|ann", Name: "Ann Ode", Type: "Person"}
	c := graph.Entity{Key: "concept:" + ns + "|oil prices", Name: "oil prices", Type: graph.ConceptType}
	g := graph.ArticleGraph{
		Article:  graph.Article{ID: ns + "/a.txt", Path: ns + "/a.txt", SHA256: strings.Repeat("cd", 32), Title: "t"},
		Entities: []graph.Entity{p, c},
		Edges: []graph.Edge{
			{Subject: p.Key, Object: c.Key, Type: "RELATED_TO", Predicate: "worried about", Lemma: "worry about", Sentence: "Ann Ode worried about oil prices."},
			{Subject: c.Key, Object: p.Key, Type: "AFFECT", Predicate: "hurt", Lemma: "hurt", Sentence: "Oil prices hurt Ann Ode.", SentenceIndex: 1},
		},
	}
	for range 2 { // the second write is all MERGE hits and must change nothing
		if err := s.ReplaceArticle(ctx, g); err != nil {
			t.Fatalf("ReplaceArticle: %v", err)
		}
	}
	query := func(q string) []string {
		t.Helper()
		var out []string
		err := s.Query(ctx, q, map[string]any{"ns": ns}, false, func(_ []string, v []any) error { out = append(out, fmt.Sprint(v...)); return nil })
		if err != nil {
			t.Fatalf("Query %s: %v", q, err)
		}
		slices.Sort(out)
		return out
	}
	if got, want := query(`MATCH (e) WHERE e.key CONTAINS $ns RETURN e.name, labels(e)`), []string{"Ann Ode[Entity Person]", "oil prices[Concept]"}; !slices.Equal(got, want) {
		t.Errorf("labels: got %q, want %q", got, want)
	}
	if got, want := query(`MATCH (e:Entity) WHERE e.key CONTAINS $ns RETURN e.name`), []string{"Ann Ode"}; !slices.Equal(got, want) {
		t.Errorf("MATCH (e:Entity): got %q, want only the named entity %q", got, want)
	}
	if got, want := query(`MATCH (a)-[r]->(b) WHERE a.key CONTAINS $ns OR a.id CONTAINS $ns RETURN type(r), r.lemma, b.name`),
		[]string{"AFFECThurtAnn Ode", "MENTIONS<nil>Ann Ode", "MENTIONS<nil>oil prices", "RELATED_TOworry aboutoil prices"}; !slices.Equal(got, want) {
		t.Errorf("relationships: got %q, want %q", got, want)
	}
	// The readers see both kinds.
	var keys []string
	if err := s.Entities(ctx, func(e graph.Entity) error {
		if strings.Contains(e.Key, ns) {
			keys = append(keys, e.Key)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 {
		t.Errorf("Entities saw %q, want the person and the concept", keys)
	}
	if err := s.RetractArticle(ctx, g.Article.ID); err != nil {
		t.Fatalf("RetractArticle: %v", err)
	}
	if got := query(`MATCH (e) WHERE e.key CONTAINS $ns RETURN e.name`); len(got) != 0 {
		t.Errorf("after retraction %q are left", got)
	}
}

// TestOneStatementPerStepWhateverTheTypes writes a batch whose edges use 300
// relationship types (a user's unbounded vocabulary) and checks that the
// writer's statement count does not grow with the number of types: the
// writer used to send one statement per type per batch, which thrashed
// Neo4j's plan cache on real news.
func TestOneStatementPerStepWhateverTheTypes(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	defer s.Close(ctx)
	ns := fmt.Sprintf("typestest-%d", time.Now().UnixNano())
	var gs []graph.ArticleGraph
	for a := range 10 {
		g := graph.ArticleGraph{Article: graph.Article{ID: fmt.Sprintf("%s/%d.txt", ns, a), SHA256: fmt.Sprintf("%064d", a)}}
		for e := range 30 {
			sk := fmt.Sprintf("person:%s|p%d", ns, e)
			ok := fmt.Sprintf("concept:%s|c%d", ns, (e+a)%7)
			g.Entities = append(g.Entities, graph.Entity{Key: sk, Name: sk, Type: "Person"}, graph.Entity{Key: ok, Name: ok, Type: graph.ConceptType})
			g.Edges = append(g.Edges, graph.Edge{Subject: sk, Object: ok, Type: fmt.Sprintf("T_%d_%d", a, e), Lemma: "x", Sentence: "s", SentenceIndex: e})
		}
		gs = append(gs, g)
	}
	defer func() {
		for _, g := range gs {
			_ = s.RetractArticle(ctx, g.Article.ID)
		}
	}()
	for round, maxStatements := range []int64{8, 8} { // first write, then all hits
		before := s.WriteStats()
		if err := s.ReplaceArticles(ctx, gs); err != nil {
			t.Fatalf("round %d: ReplaceArticles: %v", round, err)
		}
		after := s.WriteStats()
		if n := after.Statements - before.Statements - (after.Retries-before.Retries)*maxStatements; n > maxStatements {
			t.Errorf("round %d: %d statements for one batch of 300 edges of 300 types, want at most %d", round, n, maxStatements)
		}
		if after.Transactions-before.Transactions != 1 {
			t.Errorf("round %d: %d transactions, want 1", round, after.Transactions-before.Transactions)
		}
	}
	var n int64
	err := s.Query(ctx, `MATCH (a:Entity)-[r]->() WHERE a.key STARTS WITH 'person:' + $ns RETURN count(DISTINCT type(r)), count(r)`,
		map[string]any{"ns": ns}, false, func(_ []string, v []any) error { n = v[0].(int64) + v[1].(int64); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if n != 600 {
		t.Errorf("distinct types + edges = %d, want 300 + 300", n)
	}
}
