package storetest

import (
	"time"

	"github.com/kgb-dev/kgb/graph"
)

// Sample returns a small hand-written graph (fictional people and firms)
// for tests of exporters and exploration commands: four articles, one a
// duplicate with no facts; a connected component Ada Vance – Tomas Reyes –
// Northwind Labs – Harbor Cloud plus a separate one (two football clubs);
// sentences with commas, quotes, a newline and a semicolon in an alias.
// Every call returns fresh slices.
func Sample() []graph.ArticleGraph {
	at := time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
	ent := func(name, typ string, aliases, titles []string) graph.Entity {
		return graph.Entity{Key: graph.EntityKey(name, typ), Name: name, Type: typ, Aliases: aliases, Titles: titles}
	}
	ada := ent("Ada Vance", "Person", []string{"Prime Minister Ada Vance", "Vance"}, []string{"Prime Minister"})
	tomas := ent("Tomas Reyes", "Person", []string{"President Tomas Reyes", "Reyes"}, []string{"President"})
	lisbon := ent("Lisbon", "Place", nil, nil)
	talks := ent("talks", "Concept", nil, nil)
	northwind := ent("Northwind Labs", "Organization", []string{"Northwind"}, nil)
	harbor := ent("Harbor Cloud", "Organization", nil, nil)
	fc := ent("Harbor City FC", "Organization", []string{"Harbor City"}, nil)
	rovers := ent("Lisbon Rovers", "Organization", []string{"Rovers; the Greens"}, nil)

	e := func(s graph.Entity, typ, pred, lemma string, o graph.Entity, article, sentence string, si, start int, conf float64) graph.Edge {
		return graph.Edge{Subject: s.Key, Object: o.Key, Type: typ, Predicate: pred, Lemma: lemma, Article: article,
			Sentence: sentence, SentenceIndex: si, Start: start, End: start + len(sentence), Confidence: conf}
	}
	const s1 = "Prime Minister Ada Vance met President Tomas Reyes in Lisbon on Monday."
	const s2 = "Vance said the talks with Reyes were \"useful, if long\"."
	const s3 = "Northwind Labs agreed to buy Harbor Cloud for $2bn, its biggest deal."
	const s4 = "Tomas Reyes praised Northwind,\ncalling the firm \"bold\"."
	const s5 = "Harbor City FC beat Lisbon Rovers 2-1; the Greens did not score until late."

	summit := graph.ArticleGraph{
		Article: graph.Article{ID: "politics/summit.txt", Path: "news/politics/summit.txt",
			SHA256: "5a0c2f4be1d5ab3e8c61f33a0b7d1c7e0f6b9a2d4c3e5f7a8b9c0d1e2f3a4b5c", Title: "Leaders meet in Lisbon",
			Date: "2026-02-02", IngestedAt: at},
		Entities: []graph.Entity{ada, tomas, lisbon, talks},
		Edges: []graph.Edge{
			e(ada, "MEET", "met", "meet", tomas, "politics/summit.txt", s1, 0, 0, 0.92),
			e(ada, "MEET_IN", "met in", "meet in", lisbon, "politics/summit.txt", s1, 0, 0, 0.61),
			{Subject: ada.Key, Object: talks.Key, Type: "SAY", Predicate: "said", Lemma: "say", Article: "politics/summit.txt",
				Sentence: s2, SentenceIndex: 1, Start: len(s1) + 1, End: len(s1) + 1 + len(s2), Confidence: 0.55,
				Modality: "", ReportedBy: "Ada Vance"},
		},
	}
	deal := graph.ArticleGraph{
		Article: graph.Article{ID: "business/deal.txt", Path: "news/business/deal.txt",
			SHA256: "b1e2d3c4a5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", Title: "Northwind to buy Harbor Cloud",
			IngestedAt: at},
		Entities: []graph.Entity{northwind, harbor, tomas},
		Edges: []graph.Edge{
			e(northwind, "BUY", "agreed to buy", "buy", harbor, "business/deal.txt", s3, 0, 0, 0.88),
			e(tomas, "PRAISE", "praised", "praise", northwind, "business/deal.txt", s4, 1, len(s3)+1, 0.74),
			{Subject: northwind.Key, Object: harbor.Key, Type: "BUY", Predicate: "will not buy", Lemma: "buy",
				Article: "business/deal.txt", Sentence: "Northwind will not buy Harbor Cloud's debt.", SentenceIndex: 2,
				Start: 200, End: 243, Confidence: 0.4, Negated: true, Modality: "will"},
		},
	}
	final := graph.ArticleGraph{
		Article: graph.Article{ID: "sport/final.txt", Path: "news/sport/final.txt",
			SHA256: "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00", Title: "Harbor City win the final",
			IngestedAt: at},
		Entities: []graph.Entity{fc, rovers},
		Edges: []graph.Edge{
			e(fc, "BEAT", "beat", "beat", rovers, "sport/final.txt", s5, 0, 0, 0.9),
		},
	}
	dup := graph.ArticleGraph{
		Article: graph.Article{ID: "politics/summit-copy.txt", Path: "news/politics/summit-copy.txt",
			SHA256: summit.Article.SHA256, Title: summit.Article.Title, IngestedAt: at, DuplicateOf: "politics/summit.txt"},
	}
	return []graph.ArticleGraph{summit, deal, final, dup}
}
