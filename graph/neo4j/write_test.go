package neo4j

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kgb-dev/kgb/graph"
)

// TestPlanRuns checks how a batch is split into the runs of whole articles
// that one cypherWriteArticles statement writes each.
func TestPlanRuns(t *testing.T) {
	// article makes an article graph with n edges between two entities.
	article := func(id string, n int) graph.ArticleGraph {
		g := graph.ArticleGraph{Article: graph.Article{ID: id, SHA256: fmt.Sprintf("%064d", n)}}
		if n > 0 {
			g.Entities = []graph.Entity{{Key: "ann kell", Name: "Ann Kell", Type: "Person"}, {Key: "rivertown", Name: "Rivertown", Type: "Place"}}
		}
		for i := range n {
			g.Edges = append(g.Edges, graph.Edge{Subject: "ann kell", Object: "rivertown", Type: "VISIT", Lemma: "visit",
				Sentence: fmt.Sprintf("Ann Kell went to Rivertown, visit %d.", i), SentenceIndex: i})
		}
		return g
	}
	for _, tc := range []struct {
		name  string
		batch int
		gs    []graph.ArticleGraph
		want  [][]string // article ids of each run
		edges []int      // evidence edges of each run
	}{
		{"all in one run", 10, []graph.ArticleGraph{article("b", 3), article("a", 4)}, [][]string{{"a", "b"}}, []int{7}},
		{"exactly full", 7, []graph.ArticleGraph{article("a", 3), article("b", 4)}, [][]string{{"a", "b"}}, []int{7}},
		{"split between articles", 6, []graph.ArticleGraph{article("a", 3), article("b", 4), article("c", 2)}, [][]string{{"a"}, {"b", "c"}}, []int{3, 6}},
		{"an article larger than the batch is alone", 2, []graph.ArticleGraph{article("a", 1), article("b", 5), article("c", 1)}, [][]string{{"a"}, {"b"}, {"c"}}, []int{1, 5, 1}},
		{"articles without edges join the current run", 1, []graph.ArticleGraph{article("a", 0), article("b", 1), article("c", 0)}, [][]string{{"a", "b", "c"}}, []int{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plan(tc.gs)
			if err != nil {
				t.Fatal(err)
			}
			runs := p.runs(tc.batch)
			var ids [][]string
			var edges []int
			for _, r := range runs {
				ids = append(ids, r.ids)
				edges = append(edges, r.edges)
			}
			if !slices.EqualFunc(ids, tc.want, slices.Equal) || !slices.Equal(edges, tc.edges) {
				t.Errorf("runs(%d) = %v with %v edges, want %v with %v", tc.batch, ids, edges, tc.want, tc.edges)
			}
		})
	}
}
