package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/graph/neo4j"
)

// exploreGraph is a small graph whose names start with tok, so that it can
// share the test Neo4j with other tests.
func exploreGraph(tok string) []graph.ArticleGraph {
	ent := func(name, typ string) graph.Entity {
		return graph.Entity{Key: graph.EntityKey(tok+" "+name, typ), Name: tok + " " + name, Type: typ}
	}
	ada, lee, acme, talks := ent("Ada Stone", "Person"), ent("Lee Park", "Person"), ent("Acme Rail", "Organization"), ent("talks", "Concept")
	mia := ent("Mia Holt", "Person")
	edge := func(s graph.Entity, typ string, o graph.Entity, art, sent string, i int) graph.Edge {
		return graph.Edge{Subject: s.Key, Object: o.Key, Type: typ, Predicate: strings.ToLower(typ), Lemma: strings.ToLower(typ),
			Article: art, Sentence: sent, SentenceIndex: i, End: len(sent), Confidence: 0.8}
	}
	a1, a2 := strings.ToLower(tok)+"/one.txt", strings.ToLower(tok)+"/two.txt"
	return []graph.ArticleGraph{
		{Article: graph.Article{ID: a1, SHA256: strings.Repeat("a", 64), Title: "One"}, Entities: []graph.Entity{ada, lee, talks, acme},
			Edges: []graph.Edge{edge(ada, "MEET", lee, a1, "Ada met Lee.", 0), edge(ada, "SAY", talks, a1, "Ada said the talks went on.", 1),
				edge(lee, "SAY", talks, a1, "Lee said the talks ended.", 2), edge(talks, "INVOLVE", acme, a1, "The talks involved Acme.", 3)}},
		{Article: graph.Article{ID: a2, SHA256: strings.Repeat("b", 64), Title: "Two"}, Entities: []graph.Entity{lee, acme, mia, talks},
			Edges: []graph.Edge{edge(lee, "JOIN", acme, a2, "Lee joined Acme Rail.", 0), edge(mia, "SAY", talks, a2, "Mia said the talks failed.", 1)}},
	}
}

// TestExploreCommandsOnNeo4j: kgb show, path and top with --store neo4j
// read Neo4j (not the embedded store) and print what they print for the
// same graph in the embedded store.
func TestExploreCommandsOnNeo4j(t *testing.T) {
	nc := queryTestConfig(t)
	ctx := context.Background()
	tok := fmt.Sprintf("Qz%d", time.Now().UnixNano()%1_000_000_000)
	gs := exploreGraph(tok)

	st, err := neo4j.Open(ctx, nc)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	defer func() {
		for _, g := range gs {
			st.RetractArticle(ctx, g.Article.ID)
		}
	}()
	if err := st.ReplaceArticles(ctx, gs); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "kgb.db")
	es, err := embedded.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := es.ReplaceArticles(ctx, gs); err != nil {
		t.Fatal(err)
	}
	es.Close(ctx)

	run := func(args ...string) (int, string, string) {
		t.Helper()
		for k, v := range map[string]string{"NEO4J_URI": "", "KGB_NEO4J_URI": "", "KGB_STORE": "", "KGB_NEO4J_PASSWORD": "", "NEO4J_PASSWORD": nc.Password} {
			t.Setenv(k, v)
		}
		root := newRootCmd()
		var out, errOut bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&errOut)
		root.SetArgs(args)
		return exitCode(ctx, root.ExecuteContext(ctx), &errOut), out.String(), errOut.String()
	}
	neo := []string{"--store", "neo4j", "--neo4j-uri", nc.URI, "--db", filepath.Join(t.TempDir(), "absent.db")}
	if nc.Username != "" {
		neo = append(neo, "--neo4j-username", nc.Username)
	}
	emb := []string{"--db", db}
	for _, args := range [][]string{
		{"show", tok + " Lee Park"},
		{"show", "--json", tok + " ada"},
		{"path", tok + " Ada Stone", tok + " Acme Rail"},
		{"path", "--via-concepts", "--json", tok + " Ada Stone", tok + " Mia Holt"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, got, stderr := run(append(args, neo...)...)
			if code != exitOK {
				t.Fatalf("neo4j: exit %d: %s", code, stderr)
			}
			code, want, stderr := run(append(args, emb...)...)
			if code != exitOK {
				t.Fatalf("embedded: exit %d: %s", code, stderr)
			}
			if got != want || !strings.Contains(got, tok) {
				t.Errorf("Neo4j prints\n%s\nthe embedded store\n%s", got, want)
			}
		})
	}
	// Without --via-concepts, Ada reaches Acme through Lee (2 hops), never through "talks",
	// and Mia not at all.
	if code, _, _ := run(append([]string{"path", tok + " Ada Stone", tok + " Mia Holt"}, neo...)...); code != exitFatal {
		t.Errorf("path to Mia without --via-concepts: exit %d, want %d", code, exitFatal)
	}
	if _, out, _ := run(append([]string{"path", tok + " Ada Stone", tok + " Acme Rail"}, neo...)...); !strings.Contains(out, "2 hop(s)") || strings.Contains(out, " talks ") {
		t.Errorf("path: %s", out)
	}

	// top: named entities by default, concepts with --all; keys lower case.
	_, out, stderr := run(append([]string{"top", "--json", "-n", "100000"}, neo...)...)
	var res struct {
		Top []struct {
			Entity graph.Entity `json:"entity"`
			Degree int          `json:"degree"`
		} `json:"top_entities"`
		Relations []map[string]any `json:"top_relations"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("top --json: %v\n%s%s", err, out, stderr)
	}
	names := map[string]int{}
	for _, e := range res.Top {
		if strings.HasPrefix(e.Entity.Name, tok) {
			names[strings.TrimPrefix(e.Entity.Name, tok+" ")] = e.Degree
		}
	}
	if names["Lee Park"] != 3 || names["Ada Stone"] != 2 || names["Acme Rail"] != 2 {
		t.Errorf("named top %v, want Lee Park 3, Ada Stone 2, Acme Rail 2", names)
	}
	if _, ok := names["talks"]; ok {
		t.Errorf("top without --all ranks the concept: %v", names)
	}
	if len(res.Relations) == 0 || res.Relations[0]["type"] == nil || res.Relations[0]["evidence"] == nil {
		t.Errorf("top_relations keys: %v, want lower-case type and evidence", res.Relations)
	}
	_, out, _ = run(append([]string{"top", "--all", "-n", "100000"}, neo...)...)
	if !strings.Contains(out, tok+" talks") || !strings.Contains(out, "Most connected entities") {
		t.Errorf("top --all lacks the concept:\n%s", out)
	}
}

// TestExploreHelpListsOnlyItsFlags: the --help of commands that only read a
// store does not list ingest's flags.
func TestExploreHelpListsOnlyItsFlags(t *testing.T) {
	for _, cmd := range []string{"show", "path", "top", "export", "push"} {
		t.Run(cmd, func(t *testing.T) {
			code, out, stderr := runCLI(t, cmd, "--help")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, bad := range []string{"--workers", "--max-file-size", "--hidden", "--batch-articles", "--json-text-fields", "--aliases"} {
				if strings.Contains(out, bad) && !(cmd == "push" && bad == "--batch-articles") {
					t.Errorf("%s --help lists %s", cmd, bad)
				}
			}
			for _, good := range []string{"--db", "--neo4j-uri", "--config"} {
				if !strings.Contains(out, good) {
					t.Errorf("%s --help lacks %s", cmd, good)
				}
			}
		})
	}
}
