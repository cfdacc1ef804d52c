package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
)

// TestConceptLabel checks that concepts are :Concept and not :Entity, so
// that MATCH (e:Entity) means named entities, and that edges, MENTIONS,
// re-writes and retraction work across both kinds of node.
func TestConceptLabel(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	defer s.Close(ctx)
	ns := fmt.Sprintf("concepttest-%d", time.Now().UnixNano())
	p := graph.Entity{Key: ns + "|ann", Name: "Ann Ode", Type: "Person"}
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
			sk := fmt.Sprintf("%s|p%d", ns, e)
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
	err := s.Query(ctx, `MATCH (a:Entity)-[r]->() WHERE a.key STARTS WITH $ns RETURN count(DISTINCT type(r)), count(r)`,
		map[string]any{"ns": ns}, false, func(_ []string, v []any) error { n = v[0].(int64) + v[1].(int64); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if n != 600 {
		t.Errorf("distinct types + edges = %d, want 300 + 300", n)
	}
}

// TestLabelFollowsType: a name typed differently by three articles is one
// :Entity node whose type label is the majority type's, and it follows a
// retraction that changes the majority; every MENTIONS carries its
// article's type.
func TestLabelFollowsType(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	defer s.Close(ctx)
	ns := fmt.Sprintf("labeltest-%d", time.Now().UnixNano())
	key := ns + "|nova"
	article := func(name, typ string) graph.ArticleGraph {
		id := ns + "/" + name
		nova := graph.Entity{Key: key, Name: "Nova", Type: typ}
		other := graph.Entity{Key: ns + "|" + name, Name: "X " + name, Type: "Person"}
		return graph.ArticleGraph{
			Article:  graph.Article{ID: id, Path: id, SHA256: strings.Repeat("ab", 32), Title: name},
			Entities: []graph.Entity{other, nova},
			Edges:    []graph.Edge{{Subject: other.Key, Object: key, Type: "PRAISE", Lemma: "praise", Sentence: "X praised Nova.", Article: id}},
		}
	}
	gs := []graph.ArticleGraph{article("a.txt", "Organization"), article("b.txt", "Other"), article("c.txt", "Organization")}
	defer func() {
		for _, g := range gs {
			_ = s.RetractArticle(ctx, g.Article.ID)
		}
	}()
	query := func(q string) []string {
		t.Helper()
		var out []string
		err := s.Query(ctx, q, map[string]any{"key": key}, false, func(_ []string, v []any) error { out = append(out, fmt.Sprint(v...)); return nil })
		if err != nil {
			t.Fatalf("Query %s: %v", q, err)
		}
		slices.Sort(out)
		return out
	}
	check := func(step string, want []string) {
		t.Helper()
		if got := query(`MATCH (e {key: $key}) RETURN e.type, labels(e), COUNT { (e)<-[:PRAISE]-() }`); !slices.Equal(got, want) {
			t.Errorf("%s: node (type, labels, edges) = %q, want %q", step, got, want)
		}
	}
	for _, g := range []graph.ArticleGraph{gs[1], gs[0], gs[2]} { // the minority type first
		if err := s.ReplaceArticle(ctx, g); err != nil {
			t.Fatalf("ReplaceArticle: %v", err)
		}
	}
	check("A, B, C written", []string{"Organization[Entity Organization] 3"})
	if got, want := query(`MATCH (a:Article)-[m:MENTIONS]->({key: $key}) RETURN a.title, m.type`),
		[]string{"a.txtOrganization", "b.txtOther", "c.txtOrganization"}; !slices.Equal(got, want) {
		t.Errorf("MENTIONS types: got %q, want %q", got, want)
	}
	for _, id := range []string{gs[2].Article.ID, gs[0].Article.ID} {
		if err := s.RetractArticle(ctx, id); err != nil {
			t.Fatalf("RetractArticle: %v", err)
		}
	}
	check("A and C retracted", []string{"Other[Entity Other] 1"})
}

// TestTypedKeysRefused: the check Open runs finds a type-prefixed key of an
// older kgb and says what to do. The old node lives in a transaction that
// is rolled back, so other tests sharing the database never see it.
func TestTypedKeysRefused(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	defer s.Close(ctx)
	old := fmt.Sprintf("person:typedkeys-%d|ada vance", time.Now().UnixNano())
	rollback := errors.New("rollback")
	var found string
	err := neo4j.WriteTx(s, ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		found = ""
		if err := neo4j.RunTx(ctx, tx, `CREATE (:Entity:Person {key: $key, name: "Ada Vance", type: "Person"})`, map[string]any{"key": old}, nil); err != nil {
			return err
		}
		if err := neo4j.RunTx(ctx, tx, neo4j.TypedKeyQuery, nil, func(r *driver.Record) error {
			found, _ = r.Values[0].(string)
			return nil
		}); err != nil {
			return err
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatalf("transaction: %v", err)
	}
	if !strings.Contains(found, ":") {
		t.Fatalf("check found %q, want a type-prefixed key", found)
	}
	err = neo4j.TypedKeyError(found)
	if !errors.Is(err, neo4j.ErrTypedKeys) || !strings.Contains(err.Error(), "ingest into an empty database") {
		t.Errorf("error = %v, want ErrTypedKeys saying to ingest into an empty database", err)
	}
	if neo4j.TypedKeyError("") != nil {
		t.Error("no old key found, yet an error")
	}
}
