package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/graph"
)

// ExploreStore is a store that kgb show/path/top can read.
type ExploreStore interface {
	graph.Store
	graph.Explorer
}

// RunExplore checks a store's graph.Explorer against the same expectations
// for every backend. It writes a small graph whose names all start with a
// token unique to the run, so that it can share a database (the test Neo4j)
// with other tests: graph-wide answers (top lists, stats) are checked for
// this graph's part only. The articles are retracted at the end.
//
//	A -MEET-> T -PRAISE-> N =BUY=> H     (N BUY H twice)
//	A -SAY-> talks (a Concept) <-DISCUSS- Q
func RunExplore(t *testing.T, s ExploreStore) {
	t.Helper()
	ctx := context.Background()
	tok := "Zx" + strings.ReplaceAll(runID()[len("storetest-"):], "-", "")[8:22]
	key := func(typ, name string) string { return graph.EntityKey(tok+" "+name, typ) }
	ent := func(name, typ string, aliases ...string) graph.Entity {
		var al []string
		for _, a := range aliases {
			al = append(al, tok+" "+a)
		}
		return graph.Entity{Key: key(typ, name), Name: tok + " " + name, Type: typ, Aliases: al}
	}
	a := ent("Ada Vance", "Person", "Premier Vance")
	tm := ent("Tomas Reyes", "Person")
	n := ent("Northwind Labs", "Organization")
	h := ent("Harbor Cloud", "Organization")
	q := ent("Quiet Lee", "Person")
	talks := ent("talks", "Concept")
	e := func(s graph.Entity, typ, pred string, o graph.Entity, art, sentence string, i int) graph.Edge {
		return graph.Edge{Subject: s.Key, Object: o.Key, Type: typ, Predicate: pred, Lemma: strings.ToLower(typ), Article: art,
			Sentence: sentence, SentenceIndex: i, Start: 0, End: len(sentence), Confidence: 0.8}
	}
	id := func(name string) string { return strings.ToLower(tok) + "/" + name }
	art := func(name string, ents []graph.Entity, edges ...graph.Edge) graph.ArticleGraph {
		return graph.ArticleGraph{Article: graph.Article{ID: id(name), Path: name, SHA256: fakeSHA(tok + name), Title: name, IngestedAt: ingestedAt},
			Entities: ents, Edges: edges}
	}
	gs := []graph.ArticleGraph{
		art("summit.txt", []graph.Entity{a, tm, talks},
			e(a, "MEET", "met", tm, id("summit.txt"), "Ada met Tomas.", 0),
			e(a, "SAY", "said", talks, id("summit.txt"), "Ada said the talks went well.", 1)),
		art("deal.txt", []graph.Entity{tm, n, h},
			e(tm, "PRAISE", "praised", n, id("deal.txt"), "Tomas praised Northwind.", 0),
			e(n, "BUY", "agreed to buy", h, id("deal.txt"), "Northwind agreed to buy Harbor.", 1),
			e(n, "BUY", "bought", h, id("deal.txt"), "Northwind bought Harbor.", 2)),
		art("quiet.txt", []graph.Entity{q, talks}, e(q, "DISCUSS", "discussed", talks, id("quiet.txt"), "Lee discussed the talks.", 0)),
	}
	for _, g := range gs {
		if err := s.ReplaceArticle(ctx, g); err != nil {
			t.Fatalf("write %s: %v", g.Article.ID, err)
		}
	}
	t.Cleanup(func() {
		for _, g := range gs {
			_ = s.RetractArticle(context.Background(), g.Article.ID)
		}
	})

	t.Run("lookup", func(t *testing.T) {
		for _, tc := range []struct {
			query string
			kind  graph.MatchKind
			want  string
		}{
			{a.Key, graph.MatchKey, a.Key},
			{strings.ToUpper(a.Name), graph.MatchKey, a.Key},
			{tok + " premier vance", graph.MatchAlias, a.Key},
			{tok + " Northw", graph.MatchPrefix, n.Key},
		} {
			ms, err := s.Lookup(ctx, tc.query, 5)
			if err != nil || len(ms) == 0 {
				t.Fatalf("Lookup(%q) = %v, %v", tc.query, ms, err)
			}
			if ms[0].Entity.Key != tc.want || ms[0].Kind != tc.kind {
				t.Errorf("Lookup(%q) = %s by %s, want %s by %s", tc.query, ms[0].Entity.Key, ms[0].Kind, tc.want, tc.kind)
			}
		}
		ms, err := s.Lookup(ctx, a.Name, 1)
		if err != nil || len(ms) != 1 || ms[0].Degree != 2 || ms[0].Articles != 1 || ms[0].Entity.Name != a.Name || ms[0].Entity.Type != "Person" {
			t.Errorf("Lookup(Ada) = %+v, %v; want degree 2, 1 article", ms, err)
		}
		if ms, err := s.Lookup(ctx, tok+" nobody at all", 5); err != nil || len(ms) != 0 {
			t.Errorf("Lookup(nobody) = %v, %v", ms, err)
		}
		if _, err := s.Lookup(ctx, "  ", 5); !errors.Is(err, graph.ErrEmptyQuery) {
			t.Errorf("Lookup(blank) = %v, want ErrEmptyQuery", err)
		}
	})

	t.Run("neighbours", func(t *testing.T) {
		ns, err := s.Neighbours(ctx, n.Key, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(ns) != 2 {
			t.Fatalf("Neighbours(Northwind) = %+v, want 2 groups", ns)
		}
		if g := ns[0]; g.Type != "BUY" || g.Direction != graph.Out || g.Entity.Key != h.Key || g.Evidence != 2 || g.Articles != 1 ||
			g.SampleArticle != id("deal.txt") || !strings.Contains(g.Sample, "Northwind") || g.Predicate == "" {
			t.Errorf("first group %+v, want BUY -> Harbor with 2 evidence", g)
		}
		if g := ns[1]; g.Type != "PRAISE" || g.Direction != graph.In || g.Entity.Key != tm.Key || g.Evidence != 1 {
			t.Errorf("second group %+v, want PRAISE <- Tomas", g)
		}
		if ns, err := s.Neighbours(ctx, n.Key, 1); err != nil || len(ns) != 1 {
			t.Errorf("limit 1: %d groups, %v", len(ns), err)
		}
	})

	t.Run("path", func(t *testing.T) {
		p, err := s.ShortestPath(ctx, a.Key, h.Key, graph.PathOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, hop := range p {
			got = append(got, hop.From.Key+" "+hop.Type+" "+hop.To.Key)
			if !hop.Forward || hop.Sentence == "" || hop.Article == "" {
				t.Errorf("hop %+v: want forward with evidence", hop)
			}
		}
		if want := []string{a.Key + " MEET " + tm.Key, tm.Key + " PRAISE " + n.Key, n.Key + " BUY " + h.Key}; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("path %v, want %v", got, want)
		}
		back, err := s.ShortestPath(ctx, h.Key, tm.Key, graph.PathOptions{})
		if err != nil || len(back) != 2 || back[0].Forward || back[0].From.Key != h.Key {
			t.Errorf("backward path %+v, %v; want 2 hops against the edges", back, err)
		}
		if _, err := s.ShortestPath(ctx, a.Key, q.Key, graph.PathOptions{}); !errors.Is(err, graph.ErrNoPath) {
			t.Errorf("through a concept without ViaConcepts: %v, want ErrNoPath", err)
		}
		if p, err := s.ShortestPath(ctx, a.Key, q.Key, graph.PathOptions{ViaConcepts: true}); err != nil || len(p) != 2 {
			t.Errorf("with ViaConcepts: %d hops, %v; want 2", len(p), err)
		}
		if _, err := s.ShortestPath(ctx, a.Key, h.Key, graph.PathOptions{MaxHops: 2}); !errors.Is(err, graph.ErrNoPath) {
			t.Errorf("MaxHops 2: %v, want ErrNoPath", err)
		}
		if p, err := s.ShortestPath(ctx, a.Key, a.Key, graph.PathOptions{}); err != nil || len(p) != 0 {
			t.Errorf("to itself: %v, %v", p, err)
		}
	})

	t.Run("top", func(t *testing.T) {
		ours := func(all bool) []string {
			es, err := s.TopEntities(ctx, 1_000_000, all)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, ec := range es {
				if strings.HasPrefix(ec.Entity.Name, tok) {
					out = append(out, strings.TrimPrefix(ec.Entity.Name, tok+" ")+":"+itoa(ec.Degree))
				}
			}
			return out
		}
		// Degree, then key: Northwind 3; Ada, Harbor, Tomas 2 (person: < organization:? keys sort by type first).
		named := strings.Join(ours(false), " ")
		if strings.Contains(named, "talks") || !strings.HasPrefix(named, "Northwind Labs:3 ") || !strings.Contains(named, "Quiet Lee:1") {
			t.Errorf("named top = %s; want Northwind first, Quiet Lee present, no concept", named)
		}
		if all := strings.Join(ours(true), " "); !strings.Contains(all, "talks:2") {
			t.Errorf("top with concepts = %s, want talks:2", all)
		}
		rels, err := s.TopRelations(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for i, r := range rels {
			found = found || r.Type == "BUY" && r.Evidence >= 2
			if i > 0 && rels[i-1].Evidence < r.Evidence {
				t.Errorf("relations not sorted: %v", rels)
			}
		}
		if !found {
			t.Errorf("TopRelations = %v, want BUY with at least 2", rels)
		}
		st, err := s.Stats(ctx)
		if err != nil || st.Articles < 3 || st.Entities < 6 || st.Edges < 6 {
			t.Errorf("Stats = %+v, %v; want at least 3 articles, 6 entities, 6 edges", st, err)
		}
	})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
