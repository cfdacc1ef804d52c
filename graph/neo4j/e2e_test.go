package neo4j_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
	"github.com/kgb-dev/kgb/ingest"
)

// TestEndToEndExamples ingests examples/articles/ with the real extractor
// and ingest pipeline into the real Neo4j, then checks the graph users see:
// entities and their labels, relationship types, evidence on every edge,
// MENTIONS, the sample queries of scripts/browser/queries.cypher, and that
// re-ingesting changes nothing.
//
// The articles are copied under a unique folder so their ids cannot clash
// with other tests sharing the database; entities are shared by design, so
// every check is scoped through this run's articles. Expectations are kept
// loose enough to survive extraction improvements (no exact triple lists).
func TestEndToEndExamples(t *testing.T) {
	st := openStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	defer st.Close(context.Background())

	ns := fmt.Sprintf("e2e-%d", time.Now().UnixNano())
	root := t.TempDir()
	texts := map[string]string{} // article id → text
	files, err := filepath.Glob("../../examples/articles/*.txt")
	if err != nil || len(files) < 5 {
		t.Fatalf("examples/articles: %v, %d files", err, len(files))
	}
	if err := os.MkdirAll(filepath.Join(root, ns), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, ns, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
		texts[ns+"/"+filepath.Base(f)] = string(b)
	}
	defer func() {
		for id := range texts {
			if err := st.RetractArticle(context.Background(), id); err != nil {
				t.Errorf("clean up %s: %v", id, err)
			}
		}
	}()

	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	opts := ingest.Options{Roots: []string{filepath.Join(root, ns)}, Workers: 2, RelationTypes: graph.DefaultRelationTypes()}
	sum, err := ingest.Run(ctx, st, ex, opts)
	if err != nil {
		t.Fatalf("ingest.Run: %v", err)
	}
	if len(sum.Failures) > 0 || sum.Articles.New != len(texts) {
		t.Fatalf("ingest: %d new of %d, failures %v", sum.Articles.New, len(texts), sum.Failures)
	}

	q := func(cypher string, params map[string]any) [][]any {
		t.Helper()
		var rows [][]any
		if err := st.Query(ctx, cypher, params, false, func(_ []string, v []any) error { rows = append(rows, v); return nil }); err != nil {
			t.Fatalf("query %q: %v", cypher, err)
		}
		return rows
	}
	p := map[string]any{"ns": ns + "/"}

	// Articles and MENTIONS: every article is stored with its hash and
	// mentions at least two entities.
	for _, r := range q(`MATCH (a:Article) WHERE a.id STARTS WITH $ns
RETURN a.id, a.sha256, a.title, COUNT { (a)-[:MENTIONS]->(:Entity) }`, p) {
		id, sha, title, n := r[0].(string), r[1].(string), r[2].(string), r[3].(int64)
		if _, ok := texts[id]; !ok {
			t.Errorf("unexpected article %s", id)
		}
		if len(sha) != 64 || title == "" || n < 2 {
			t.Errorf("article %s: sha256 %q, title %q, %d MENTIONS", id, sha, title, n)
		}
	}

	// Entities the articles are about, with their type as second label.
	labels := map[string][]any{}
	for _, r := range q(`MATCH (a:Article)-[:MENTIONS]->(e:Entity) WHERE a.id STARTS WITH $ns
RETURN DISTINCT e.name, labels(e)`, p) {
		labels[r[0].(string)] = r[1].([]any)
	}
	for _, name := range []string{"Helen Marsh", "Tobias Weber", "Samuel Okafor", "Priya Raman", "Ingrid Dahl"} {
		if l := labels[name]; !slices.Contains(l, "Person") || !slices.Contains(l, "Entity") {
			t.Errorf("%s: labels %v, want :Entity:Person (entities: %v)", name, l, labels)
		}
	}
	if l := labels["Northwind Semiconductors"]; !slices.Contains(l, "Entity") || len(l) != 2 {
		t.Errorf("Northwind Semiconductors: labels %v, want :Entity and one type label", l)
	}

	// Evidence on every edge of these articles: sentence from the article,
	// offsets inside it, a confidence, both ends mentioned by the article.
	edges := q(`MATCH (s:Entity)-[r]->(o:Entity) WHERE r.article STARTS WITH $ns
RETURN s.name, type(r), o.name, r.article, r.sentence, r.start, r.end, r.confidence, r.predicate, r.lemma,
       EXISTS { (:Article {id: r.article})-[:MENTIONS]->(s) } AND EXISTS { (:Article {id: r.article})-[:MENTIONS]->(o) }`, p)
	if len(edges) < 10 {
		t.Fatalf("only %d evidence edges from 5 articles", len(edges))
	}
	types := map[string]bool{}
	pairs := map[string]bool{}
	for _, r := range edges {
		s, typ, o, art, sent := r[0].(string), r[1].(string), r[2].(string), r[3].(string), r[4].(string)
		start, end, conf := r[5].(int64), r[6].(int64), r[7].(float64)
		text, ok := texts[art]
		switch {
		case !ok:
			t.Errorf("edge %s-%s->%s: unknown article %q", s, typ, o, art)
		case !graph.ValidType(typ):
			t.Errorf("edge type %q is not valid", typ)
		case strings.TrimSpace(sent) == "" || !strings.Contains(text, sent):
			t.Errorf("edge %s-%s->%s: sentence %q is not from %s", s, typ, o, sent, art)
		case start < 0 || end <= start || end > int64(len(text)):
			t.Errorf("edge %s-%s->%s: offsets %d..%d outside %s (%d bytes)", s, typ, o, start, end, art, len(text))
		case conf <= 0 || conf > 1:
			t.Errorf("edge %s-%s->%s: confidence %v", s, typ, o, conf)
		case r[8].(string) == "" || r[9].(string) == "":
			t.Errorf("edge %s-%s->%s: empty predicate or lemma", s, typ, o)
		case r[10] != true:
			t.Errorf("edge %s-%s->%s: an end is not mentioned by %s", s, typ, o, art)
		}
		types[typ] = true
		pairs[s+"|"+typ+"|"+o] = true
	}
	marshWeber := false
	for k := range pairs {
		f := strings.Split(k, "|")
		if (f[0] == "Helen Marsh" && f[2] == "Tobias Weber") || (f[0] == "Tobias Weber" && f[2] == "Helen Marsh") {
			marshWeber = true
		}
	}
	if !marshWeber {
		t.Errorf("no edge between Helen Marsh and Tobias Weber; edges: %v", pairs)
	}
	// The mapping file's types for the clearest sentences.
	for _, want := range []string{"Samuel Okafor|CRITICIZE|Priya Raman", "Helen Marsh|MEET|Tobias Weber"} {
		if !pairs[want] {
			t.Errorf("missing edge %s; edges: %v", want, pairs)
		}
	}
	if !types["CALL"] {
		t.Errorf("no CALL edge (\"held a phone conversation with\"); types %v", types)
	}

	// The sample queries of queries.cypher run and find what they should.
	src, err := os.ReadFile("../../scripts/browser/queries.cypher")
	if err != nil {
		t.Fatal(err)
	}
	stmts := neo4j.SplitStatements(string(src))
	if len(stmts) < 5 {
		t.Fatalf("queries.cypher has %d statements", len(stmts))
	}
	params := map[string]any{"name": "Helen Marsh", "a": "Helen Marsh", "b": "Tobias Weber", "article": ns + "/summit.txt"}
	results := map[string][]map[string]any{}
	for _, s := range stmts {
		title, _, _ := strings.Cut(s.Comment, "\n")
		var rows []map[string]any
		err := st.Query(ctx, s.Text, params, false, func(keys []string, v []any) error {
			m := map[string]any{}
			for i, k := range keys {
				m[k] = v[i]
			}
			rows = append(rows, m)
			return nil
		})
		if err != nil {
			t.Errorf("queries.cypher line %d (%s): %v", s.Line, title, err)
		}
		results[title] = rows
	}
	has := func(title string, match func(map[string]any) bool) {
		t.Helper()
		rows, ok := results[title]
		if !ok {
			t.Errorf("queries.cypher has no query titled %q", title)
			return
		}
		if !slices.ContainsFunc(rows, match) {
			t.Errorf("query %q: no expected row in %v", title, rows)
		}
	}
	has("An entity's neighbourhood with the evidence sentences", func(r map[string]any) bool {
		return r["other"] == "Tobias Weber" && r["article"] == ns+"/summit.txt" && r["sentence"] != ""
	})
	has("The shortest path between two people (evidence edges only, not articles)", func(r map[string]any) bool {
		return r["hops"] == int64(1)
	})
	has("The most connected entities (evidence edges, and articles mentioning them)", func(r map[string]any) bool {
		return r["entity"] != nil && r["edges"].(int64) > 0
	})
	has("Who criticised whom, with the evidence", func(r map[string]any) bool {
		return r["critic"] == "Samuel Okafor" && r["criticised"] == "Priya Raman" && r["article"] == ns+"/criticism.txt"
	})
	has("Who met or called whom", func(r map[string]any) bool {
		return r["person"] == "Helen Marsh" && r["relation"] == "MEET" && r["other"] == "Tobias Weber"
	})
	has("Every fact from one article, in sentence order", func(r map[string]any) bool {
		return r["subject"] == "Helen Marsh" && r["object"] == "Tobias Weber" && r["sentence_index"] == int64(1)
	})
	has("The entities one article mentions", func(r map[string]any) bool {
		return r["entity"] == "Helen Marsh"
	})
	has("Relationship types by number of evidence edges", func(r map[string]any) bool {
		return r["relation"] == "MEET" && r["edges"].(int64) >= 1
	})

	// Ingest again, forced: the same graph, counted through our articles.
	count := func() []any {
		return q(`MATCH (a:Article) WHERE a.id STARTS WITH $ns
OPTIONAL MATCH (a)-[m:MENTIONS]->(e:Entity)
WITH count(DISTINCT a) AS articles, count(m) AS mentions, count(DISTINCT e) AS entities
CALL { MATCH (:Entity)-[r]->(:Entity) WHERE r.article STARTS WITH $ns RETURN count(r) AS edges }
RETURN articles, mentions, entities, edges`, p)[0]
	}
	before := count()
	opts.Force = true
	if _, err := ingest.Run(ctx, st, ex, opts); err != nil {
		t.Fatalf("second ingest.Run: %v", err)
	}
	if after := count(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("re-ingest changed the graph: %v → %v (articles, mentions, entities, edges)", before, after)
	}
}
