package graph

import (
	"errors"
	"testing"
)

func TestEntityKey(t *testing.T) {
	tests := []struct{ name, typ, want string }{
		{"Vladimir Putin", "Person", "person:vladimir putin"},
		{"  Vladimir   PUTIN ", "Person", "person:vladimir putin"},
		{"The U.S.", "Place", "place:u.s."},
		{"Ukraine\u2019s", "Place", "place:ukraine's"},
		{"Jordan", "Place", "place:jordan"},
		{"Jordan", "Person", "person:jordan"},
		{"AT&T", "Organization", "organization:at&t"},
		{"Coca-Cola (company)", "Organization", "organization:coca-cola company"},
		{"ﬁnance", "Concept", "concept:finance"}, // NFKC folds the ligature
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.typ, func(t *testing.T) {
			if got := EntityKey(tt.name, tt.typ); got != tt.want {
				t.Errorf("EntityKey(%q, %q) = %q, want %q", tt.name, tt.typ, got, tt.want)
			}
		})
	}
}

func TestDefaultRelationType(t *testing.T) {
	tests := []struct{ lemma, want string }{
		{"call", "CALL"},
		{"speak with", "SPEAK_WITH"},
		{"  hold   talks with ", "HOLD_TALKS_WITH"},
		{"criticize", "CRITICIZE"},
		{"'}) DETACH DELETE n //", "DETACH_DELETE_N"},
		{"`x`", "X"},
		{"2nd place", "R_2ND_PLACE"},
		{"", "RELATED_TO"},
		{"ünïcödé", "N_C_D"},
		{"!!!", "RELATED_TO"},
	}
	for _, tt := range tests {
		t.Run(tt.lemma, func(t *testing.T) {
			got := DefaultRelationType(tt.lemma)
			if got != tt.want {
				t.Errorf("DefaultRelationType(%q) = %q, want %q", tt.lemma, got, tt.want)
			}
			if !ValidType(got) {
				t.Errorf("DefaultRelationType(%q) = %q is not a valid type", tt.lemma, got)
			}
		})
	}
}

func FuzzDefaultRelationType(f *testing.F) {
	for _, s := range []string{"call", "speak with", "`a`-[:X]->()", "9", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := DefaultRelationType(s); !ValidType(got) {
			t.Fatalf("DefaultRelationType(%q) = %q, not a valid type", s, got)
		}
		_ = EntityKey(s, "Person")
	})
}

func TestCheckArticleGraph(t *testing.T) {
	ok := ArticleGraph{
		Article:  Article{ID: "a.txt"},
		Entities: []Entity{{Key: "person:a", Name: "A", Type: "Person"}, {Key: "person:b", Name: "B", Type: "Person"}},
		Edges:    []Edge{{Subject: "person:a", Object: "person:b", Type: "MEET"}},
	}
	tests := []struct {
		name    string
		mutate  func(g *ArticleGraph)
		wantErr bool
		invalid bool // errors.Is(err, ErrInvalidType)
	}{
		{"valid", func(*ArticleGraph) {}, false, false},
		{"no id", func(g *ArticleGraph) { g.Article.ID = "" }, true, false},
		{"empty key", func(g *ArticleGraph) { g.Entities[0].Key = "" }, true, false},
		{"bad label", func(g *ArticleGraph) { g.Entities[0].Type = "Person`) DETACH DELETE n" }, true, true},
		{"bad type", func(g *ArticleGraph) { g.Edges[0].Type = "MEET]->() DELETE" }, true, true},
		{"lowercase type", func(g *ArticleGraph) { g.Edges[0].Type = "meet" }, true, true},
		{"dangling edge", func(g *ArticleGraph) { g.Edges[0].Object = "person:c" }, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := ok
			g.Entities = append([]Entity(nil), ok.Entities...)
			g.Edges = append([]Edge(nil), ok.Edges...)
			tt.mutate(&g)
			err := CheckArticleGraph(g)
			if (err != nil) != tt.wantErr {
				t.Fatalf("CheckArticleGraph() error = %v, wantErr %v", err, tt.wantErr)
			}
			if tt.invalid && !errors.Is(err, ErrInvalidType) {
				t.Errorf("error %v does not wrap ErrInvalidType", err)
			}
		})
	}
}

func TestRelationTypesMapping(t *testing.T) {
	rt, err := NewRelationTypes(map[string]string{"Hold a Phone  conversation with": "CALL"})
	if err != nil {
		t.Fatal(err)
	}
	if got := rt.Type("hold a phone conversation with"); got != "CALL" {
		t.Errorf("mapped lemma: got %q, want CALL", got)
	}
	if got := rt.Type("meet"); got != GeneralRelationType {
		t.Errorf("unmapped lemma: got %q, want %s", got, GeneralRelationType)
	}
	var zero *RelationTypes
	if got := zero.TypeFor("meet", "met"); got != GeneralRelationType {
		t.Errorf("nil mapping: got %q, want %s", got, GeneralRelationType)
	}
	var te *TypeError
	if _, err := NewRelationTypes(map[string]string{"x": "bad type"}); !errors.As(err, &te) || !errors.Is(err, ErrInvalidType) {
		t.Errorf("invalid type accepted or wrong error: %v", err)
	}
}
