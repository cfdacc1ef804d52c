package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
)

const secret = "s3cr3t-Pa55word-never-shown"

// closedPort returns a loopback port with nothing listening on it.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestOpenUnreachable(t *testing.T) {
	port := closedPort(t)
	for _, uri := range []string{
		fmt.Sprintf("bolt://127.0.0.1:%d", port),
		fmt.Sprintf("neo4j://127.0.0.1:%d", port),
		fmt.Sprintf("bolt://neo4j:%s@127.0.0.1:%d", secret, port), // password in the URI
	} {
		t.Run(uri[:5], func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			s, err := neo4j.Open(ctx, neo4j.Config{URI: uri, Username: "neo4j", Password: secret})
			if err == nil {
				s.Close(ctx)
				t.Fatalf("Open(%s) succeeded with nothing listening", uri)
			}
			var ce *neo4j.ConnectError
			if !errors.As(err, &ce) {
				t.Fatalf("Open error %T %q, want a *neo4j.ConnectError", err, err)
			}
			msg := err.Error()
			want := fmt.Sprintf("cannot reach Neo4j at %s://127.0.0.1:%d: ", strings.SplitN(uri, ":", 2)[0], port)
			for _, w := range []string{want, "start it with `docker compose up -d` or `scripts/neo4j-local.sh start`"} {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, secret) {
				t.Errorf("message %q shows the password", msg)
			}
			if strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") {
				t.Errorf("message %q is not one line", msg)
			}
		})
	}
}

func TestOpenBadConfig(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		cfg  neo4j.Config
		want string
	}{
		{neo4j.Config{}, "no URI configured"},
		{neo4j.Config{URI: "http://neo4j:" + secret + "@localhost:7474"}, "scheme must be bolt"},
		{neo4j.Config{URI: "bolt://localhost:7687", BatchSize: -1}, "batch size -1"},
	} {
		_, err := neo4j.Open(ctx, tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%+v) = %v, want an error containing %q", tc.cfg.URI, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("error %q shows the password", err)
		}
	}
}

// TestOpenWrongPassword needs a server with auth enabled: scripts/test.sh
// can start one with NEO4J_LOCAL_PASSWORD and export KGB_TEST_NEO4J_PASSWORD.
func TestOpenWrongPassword(t *testing.T) {
	cfg := testConfig(t)
	if cfg.Password == "" {
		t.Skip("!!! SKIPPED: the test Neo4j has auth disabled (set NEO4J_LOCAL_PASSWORD for scripts/neo4j-local.sh and KGB_TEST_NEO4J_PASSWORD to test refused credentials)")
	}
	if cfg.Username == "" {
		cfg.Username = "neo4j"
	}
	cfg.Password = secret
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := neo4j.Open(ctx, cfg)
	if err == nil {
		s.Close(ctx)
		t.Fatal("Open with a wrong password succeeded")
	}
	var ae *neo4j.AuthError
	if !errors.As(err, &ae) {
		t.Fatalf("Open error %T %q, want a *neo4j.AuthError", err, err)
	}
	if msg := err.Error(); strings.Contains(msg, secret) || !strings.Contains(msg, "refused the credentials of user") {
		t.Errorf("message %q: want the refusal, never the password", msg)
	}
}

func TestOpenTwiceKeepsSchema(t *testing.T) {
	// Open creates the schema idempotently: a second Open on the same
	// database must succeed and the constraints must exist once.
	a := openStore(t)
	defer a.Close(context.Background())
	b := openStore(t)
	defer b.Close(context.Background())
	var names []string
	err := b.Query(context.Background(), "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'kgb_' RETURN name ORDER BY name", nil, false,
		func(_ []string, v []any) error { names = append(names, v[0].(string)); return nil })
	if err != nil {
		t.Fatalf("SHOW CONSTRAINTS: %v", err)
	}
	if want := []string{"kgb_article_id", "kgb_concept_key", "kgb_entity_key"}; !slices.Equal(names, want) {
		t.Errorf("constraints %q, want %q", names, want)
	}
}

func TestQuery(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	defer s.Close(ctx)
	ns := fmt.Sprintf("querytest-%d", time.Now().UnixNano())

	// Parameters arrive as values, never as Cypher.
	hostile := `'}) DETACH DELETE n //` + " `x` $y"
	var got []any
	err := s.Query(ctx, "RETURN $s AS s, $n AS n, $l AS l", map[string]any{"s": hostile, "n": int64(7), "l": []any{"a", 1.5}}, false,
		func(keys []string, v []any) error {
			if !slices.Equal(keys, []string{"s", "n", "l"}) {
				t.Errorf("keys %q", keys)
			}
			got = v
			return nil
		})
	if err != nil {
		t.Fatalf("Query: %v", err)
	}
	if got[0] != hostile || got[1] != int64(7) || fmt.Sprint(got[2]) != "[a 1.5]" {
		t.Errorf("values %#v", got)
	}

	// Read-only by default: a write fails and leaves nothing.
	create := "CREATE (:QueryTest {ns: $ns})"
	if err := s.Query(ctx, create, map[string]any{"ns": ns}, false, func([]string, []any) error { return nil }); err == nil {
		t.Fatal("a write statement succeeded in a read-only query")
	}
	count := func() int64 {
		var n int64
		if err := s.Query(ctx, "MATCH (q:QueryTest {ns: $ns}) RETURN count(q)", map[string]any{"ns": ns}, false,
			func(_ []string, v []any) error { n = v[0].(int64); return nil }); err != nil {
			t.Fatalf("count: %v", err)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("the refused write left %d nodes", n)
	}
	if err := s.Query(ctx, create, map[string]any{"ns": ns}, true, func([]string, []any) error { return nil }); err != nil {
		t.Fatalf("write query: %v", err)
	}
	if n := count(); n != 1 {
		t.Fatalf("write query created %d nodes, want 1", n)
	}
	// A callback error stops the stream and rolls back the write.
	stop := errors.New("stop")
	rows := 0
	err = s.Query(ctx, "MATCH (q:QueryTest {ns: $ns}) DELETE q WITH count(*) AS deleted UNWIND range(1, 5000) AS i RETURN i",
		map[string]any{"ns": ns}, true, func([]string, []any) error { rows++; return stop })
	if !errors.Is(err, stop) || rows != 1 {
		t.Errorf("Query with a failing callback: %v after %d rows", err, rows)
	}
	if n := count(); n != 1 {
		t.Errorf("the stopped write query was committed: %d nodes left, want 1", n)
	}
	if err := s.Query(ctx, "MATCH (q:QueryTest {ns: $ns}) DELETE q", map[string]any{"ns": ns}, true, func([]string, []any) error { return nil }); err != nil {
		t.Fatalf("clean up: %v", err)
	}
	// Empty results still deliver the column names.
	var keys []string
	if err := s.QueryStream(ctx, "MATCH (q:QueryTest {ns: $ns}) RETURN q.ns AS ns, 1 AS one", map[string]any{"ns": ns}, false,
		func(k []string) error { keys = k; return nil }, func([]any) error { t.Error("row from an empty result"); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(keys, []string{"ns", "one"}) {
		t.Errorf("keys of an empty result %q", keys)
	}
}

// TestModel checks the stored shape that users query and Browser shows:
// labels, properties, MENTIONS and evidence edges, with hostile text kept
// literally in names, aliases and sentences.
func TestModel(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	defer s.Close(ctx)
	ns := fmt.Sprintf("modeltest-%d", time.Now().UnixNano())
	evil := "Dr. `Back`Tick'}) DETACH DELETE n //"
	p := graph.Entity{Key: ns + "|evil", Name: evil, Type: "Person", Aliases: []string{evil + " alias"}, Titles: []string{"Dr."}}
	o := graph.Entity{Key: ns + "|acme", Name: "Acme", Type: "Organization"}
	g := graph.ArticleGraph{
		Article:  graph.Article{ID: ns + "/a.txt", Path: "/x/" + ns + "/a.txt", SHA256: strings.Repeat("ab", 32), Title: evil, IngestedAt: time.Now()},
		Entities: []graph.Entity{p, o},
		Edges: []graph.Edge{{Subject: p.Key, Object: o.Key, Type: "CRITICIZE", Predicate: "criticised", Lemma: "criticize",
			Sentence: evil + " criticised Acme.", SentenceIndex: 2, Start: 10, End: 50, Confidence: 0.75, Negated: true, Modality: "may"}},
	}
	if err := s.ReplaceArticle(ctx, g); err != nil {
		t.Fatalf("ReplaceArticle: %v", err)
	}
	defer s.RetractArticle(ctx, g.Article.ID)

	type row = []any
	var rows []row
	err := s.Query(ctx, `MATCH (a:Article {id: $id})-[:MENTIONS]->(e:Entity)
OPTIONAL MATCH (e)-[r]->(x:Entity)
RETURN a.title, labels(e), e.name, e.type, e.aliases, e.titles, type(r), r.predicate, r.lemma, r.article, r.sentence,
       r.sentence_index, r.start, r.end, r.confidence, r.negated, r.modality, r.reported_by, x.name
ORDER BY e.key`, map[string]any{"id": g.Article.ID}, false, func(_ []string, v []any) error { rows = append(rows, v); return nil })
	if err != nil {
		t.Fatalf("Query: %v", err)
	}
	want := []string{
		fmt.Sprint(row{evil, []any{"Entity", "Organization"}, "Acme", "Organization", []any{}, []any{}, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil}),
		fmt.Sprint(row{evil, []any{"Entity", "Person"}, evil, "Person", []any{evil + " alias"}, []any{"Dr."}, "CRITICIZE", "criticised", "criticize",
			g.Article.ID, evil + " criticised Acme.", int64(2), int64(10), int64(50), 0.75, true, "may", nil, "Acme"}),
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %v", len(rows), len(want), rows)
	}
	for i := range rows {
		if got := fmt.Sprint(rows[i]); got != want[i] {
			t.Errorf("row %d:\n got %s\nwant %s", i, got, want[i])
		}
	}
}

func TestMain(m *testing.M) {
	if os.Getenv("KGB_TEST_NEO4J_URI") == "" {
		fmt.Fprintln(os.Stderr, "!!! graph/neo4j: KGB_TEST_NEO4J_URI is not set: the Neo4j integration tests will SKIP (run scripts/test.sh)")
	}
	os.Exit(m.Run())
}

// TestReaderPaging walks more articles and entities than one page of the
// readers holds: every one must come exactly once.
func TestReaderPaging(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	defer s.Close(ctx)
	ns := fmt.Sprintf("pagingtest-%d", time.Now().UnixNano())
	const articles, entities = 1105, 1205
	var gs []graph.ArticleGraph
	ents := make([]graph.Entity, entities)
	for i := range ents {
		ents[i] = graph.Entity{Key: fmt.Sprintf("concept:%s|%05d", ns, i), Name: fmt.Sprint(i), Type: "Concept"}
	}
	for i := range articles {
		a, b := ents[i%entities], ents[(i*7+1)%entities]
		g := graph.ArticleGraph{Article: graph.Article{ID: fmt.Sprintf("%s/%05d.txt", ns, i), SHA256: fmt.Sprintf("%064d", i)},
			Entities: []graph.Entity{a, b},
			Edges:    []graph.Edge{{Subject: a.Key, Object: b.Key, Type: "LINK", Sentence: "s", Confidence: 1}}}
		if i == 0 {
			g.Entities = ents // the first article mentions them all
		}
		gs = append(gs, g)
	}
	if err := s.ReplaceArticles(ctx, gs); err != nil {
		t.Fatalf("ReplaceArticles: %v", err)
	}
	defer func() {
		for _, g := range gs {
			if err := s.RetractArticle(ctx, g.Article.ID); err != nil {
				t.Fatal(err)
			}
		}
	}()
	seen := map[string]int{}
	if err := s.ArticleIDs(ctx, ns+"/", func(id string) error { seen[id]++; return nil }); err != nil {
		t.Fatal(err)
	}
	graphs := map[string]int{}
	edges := 0
	if err := s.ArticleGraphs(ctx, func(g graph.ArticleGraph) error {
		if strings.HasPrefix(g.Article.ID, ns+"/") {
			graphs[g.Article.ID]++
			edges += len(g.Edges)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	keys := map[string]int{}
	if err := s.Entities(ctx, func(e graph.Entity) error {
		if strings.Contains(e.Key, ns+"|") {
			keys[e.Key]++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]map[string]int{"ArticleIDs": seen, "ArticleGraphs": graphs, "Entities": keys} {
		want := articles
		if name == "Entities" {
			want = entities
		}
		if len(m) != want {
			t.Errorf("%s gave %d distinct items, want %d", name, len(m), want)
		}
		for k, n := range m {
			if n != 1 {
				t.Errorf("%s gave %s %d times", name, k, n)
			}
		}
	}
	if edges != articles {
		t.Errorf("ArticleGraphs gave %d edges, want %d", edges, articles)
	}
}
