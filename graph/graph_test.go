package graph

import (
	"errors"
	"maps"
	"testing"
)

func TestEntityKey(t *testing.T) {
	tests := []struct{ name, typ, want string }{
		{"Vladimir Putin", "Person", "vladimir putin"},
		{"  Vladimir   PUTIN ", "Person", "vladimir putin"},
		{"The U.S.", "Place", "u.s."},
		{"Ukraine\u2019s", "Place", "ukraine's"},
		{"Jordan", "Place", "jordan"}, // one name, one key, whatever the type
		{"Jordan", "Person", "jordan"},
		{"Jordan", "Other", "jordan"},
		{"AT&T", "Organization", "at&t"},
		{"Coca-Cola (company)", "Organization", "coca-cola company"},
		{"Re: Yukos", "Other", "re yukos"},       // a named key never holds ':'
		{"ﬁnance", "Concept", "concept:finance"}, // NFKC folds the ligature
		{"Jordan", "Concept", "concept:jordan"},  // concepts keep their own key space
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.typ, func(t *testing.T) {
			if got := EntityKey(tt.name, tt.typ); got != tt.want {
				t.Errorf("EntityKey(%q, %q) = %q, want %q", tt.name, tt.typ, got, tt.want)
			}
		})
	}
}

func TestPreferType(t *testing.T) {
	tests := []struct {
		name   string
		counts map[string]int
		want   string
	}{
		{"majority", map[string]int{"Organization": 140, "Other": 35}, "Organization"},
		{"Other weighs a third", map[string]int{"Other": 5, "Person": 2}, "Person"},
		{"three times as many Others", map[string]int{"Other": 7, "Person": 2}, "Other"},
		{"a club typed Other mostly", map[string]int{"Other": 97, "Organization": 37, "Person": 10}, "Organization"},
		{"an event with two stray Organizations", map[string]int{"Other": 32, "Organization": 2}, "Other"},
		{"tie after weighting prefers the specific type", map[string]int{"Other": 3, "Place": 1}, "Place"},
		{"tie prefers Organization to Other", map[string]int{"Organization": 1, "Other": 1}, "Organization"},
		{"tie prefers Person", map[string]int{"Place": 2, "Person": 2, "Organization": 2, "Other": 2}, "Person"},
		{"tie prefers Place to Other", map[string]int{"Other": 4, "Place": 4}, "Place"},
		{"tie: unranked labels after Place, by name, before Other", map[string]int{"Work": 1, "Event": 1, "Other": 1}, "Event"},
		{"zero and negative counts ignored", map[string]int{"Person": 0, "Place": -1, "Other": 1}, "Other"},
		{"none", map[string]int{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Map order varies between runs: repeat so an order dependence shows.
			for range 20 {
				if got := PreferType(maps.All(tt.counts)); got != tt.want {
					t.Fatalf("PreferType(%v) = %q, want %q", tt.counts, got, tt.want)
				}
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
		Entities: []Entity{{Key: "a", Name: "A", Type: "Person"}, {Key: "b", Name: "B", Type: "Person"}, {Key: "concept:c", Name: "c", Type: "Concept"}},
		Edges:    []Edge{{Subject: "a", Object: "b", Type: "MEET"}},
	}
	tests := []struct {
		name    string
		mutate  func(g *ArticleGraph)
		wantErr bool
		invalid bool // errors.Is(err, ErrInvalidType)
		format  bool // errors.Is(err, ErrKeyFormat)
	}{
		{"valid", func(*ArticleGraph) {}, false, false, false},
		{"no id", func(g *ArticleGraph) { g.Article.ID = "" }, true, false, false},
		{"empty key", func(g *ArticleGraph) { g.Entities[0].Key = "" }, true, false, false},
		{"bad label", func(g *ArticleGraph) { g.Entities[0].Type = "Person`) DETACH DELETE n" }, true, true, false},
		{"bad type", func(g *ArticleGraph) { g.Edges[0].Type = "MEET]->() DELETE" }, true, true, false},
		{"lowercase type", func(g *ArticleGraph) { g.Edges[0].Type = "meet" }, true, true, false},
		{"dangling edge", func(g *ArticleGraph) { g.Edges[0].Object = "c" }, true, false, false},
		{"reserved label", func(g *ArticleGraph) { g.Entities[0].Type = "Entity" }, true, true, false},
		{"type-prefixed key of an older kgb", func(g *ArticleGraph) {
			g.Entities[0].Key, g.Edges[0].Subject = "person:a", "person:a"
		}, true, false, true},
		{"concept key without its prefix", func(g *ArticleGraph) { g.Entities[2].Key = "c" }, true, false, true},
		{"named entity in the concept key space", func(g *ArticleGraph) { g.Entities[2].Type = "Other" }, true, false, true},
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
			if tt.format && !errors.Is(err, ErrKeyFormat) {
				t.Errorf("error %v does not wrap ErrKeyFormat", err)
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
