package ingest

import (
	"testing"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/graph"
)

// TestToGraphOneEntityPerName: spans of one name typed differently within
// an article are one entity, typed as most of its spans are (ties as
// graph.PreferType breaks them); the same words as a concept stay apart.
func TestToGraphOneEntityPerName(t *testing.T) {
	span := func(name, typ string) extract.Span { return extract.Span{Name: name, Type: typ, Text: name} }
	tests := []struct {
		name  string
		spans []extract.Span
		want  map[string]string // key → type
	}{
		{"one type", []extract.Span{span("Corvane", "Organization"), span("Corvane", "Organization")},
			map[string]string{"corvane": "Organization"}},
		{"majority after a minority first", []extract.Span{span("Corvane", "Other"), span("Corvane", "Organization"), span("Corvane", "Organization")},
			map[string]string{"corvane": "Organization"}},
		{"majority Other", []extract.Span{span("Corvane", "Other"), span("Corvane", "Person"), span("Corvane", "Other")},
			map[string]string{"corvane": "Other"}},
		{"tie goes to the specific type", []extract.Span{span("Corvane", "Other"), span("Corvane", "Place")},
			map[string]string{"corvane": "Place"}},
		{"a concept of the same words stays apart", []extract.Span{span("Corvane", "Person"), span("corvane", graph.ConceptType)},
			map[string]string{"corvane": "Person", "concept:corvane": graph.ConceptType}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &extract.Result{Entities: tt.spans}
			res.Triples = []extract.Triple{{Subject: tt.spans[0], Object: tt.spans[len(tt.spans)-1],
				Relation: extract.Relation{Lemma: "meet", Text: "met"}, Sentence: "s"}}
			g := toGraph(graph.Article{ID: "a.txt"}, "s", res, nil)
			got := map[string]string{}
			for _, e := range g.Entities {
				if _, dup := got[e.Key]; dup {
					t.Errorf("key %q listed twice", e.Key)
				}
				got[e.Key] = e.Type
			}
			if len(got) != len(tt.want) {
				t.Fatalf("entities %v, want %v", got, tt.want)
			}
			for k, typ := range tt.want {
				if got[k] != typ {
					t.Errorf("entity %q typed %q, want %q (all: %v)", k, got[k], typ, got)
				}
			}
			if err := graph.CheckArticleGraph(g); err != nil {
				t.Errorf("CheckArticleGraph: %v", err)
			}
		})
	}
}
