package ingest

import (
	"maps"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/graph"
)

// toGraph converts an extraction result into the article's graph: one
// entity per key (aliases are the surface texts seen, titles accumulated;
// a named entity's key is its name alone, so spans of one name typed
// differently are one entity, whose type in this article is the one most
// of its spans have, ties broken as graph.PreferType does),
// one MENTIONS entry per entity, one edge per triple whose Start/End cover
// the evidence from the first to the last of subject, relation and object
// (or the sentence when those offsets are unusable).
func toGraph(a graph.Article, text string, res *extract.Result, rt *graph.RelationTypes) graph.ArticleGraph {
	g := graph.ArticleGraph{Article: a}
	index := map[string]int{}      // entity key → position in g.Entities
	keys := map[[2]string]string{} // (name, type) → key: spans repeat, keying is not cheap
	var spans []int                // g.Entities[i]'s spans so far
	var types []map[string]int     // g.Entities[i]'s spans by type, once two types are seen
	add := func(sp extract.Span) (string, bool) {
		typ := sp.Type
		if !graph.ValidLabel(typ) {
			typ = extract.TypeOther
		}
		key, ok := keys[[2]string{sp.Name, typ}]
		if !ok {
			key = graph.EntityKey(sp.Name, typ)
			if key == graph.EntityKey("", typ) { // nothing left of the name
				key = ""
			}
			keys[[2]string{sp.Name, typ}] = key
		}
		if key == "" {
			return "", false
		}
		i, ok := index[key]
		if !ok {
			i = len(g.Entities)
			index[key] = i
			g.Entities = append(g.Entities, graph.Entity{Key: key, Name: sp.Name, Type: typ})
			spans = append(spans, 0)
			types = append(types, nil)
		}
		e := &g.Entities[i]
		if types[i] == nil && typ != e.Type {
			types[i] = map[string]int{e.Type: spans[i]}
		}
		if types[i] != nil {
			types[i][typ]++
		}
		spans[i]++
		if !sp.Anaphor { // "he", "the chancellor": no name of the entity
			e.Aliases = addUnique(e.Aliases, sp.Text)
		}
		for _, t := range sp.Titles {
			e.Titles = addUnique(e.Titles, t)
		}
		return key, true
	}
	for _, sp := range res.Entities {
		add(sp)
	}
	for _, t := range res.Triples {
		subj, ok1 := add(t.Subject)
		obj, ok2 := add(t.Object)
		if !ok1 || !ok2 {
			continue
		}
		start, end := evidence(t, len(text))
		g.Edges = append(g.Edges, graph.Edge{
			Subject:       subj,
			Object:        obj,
			Type:          rt.TypeFor(t.Relation.Lemma, t.Relation.Text),
			Predicate:     t.Relation.Text,
			Lemma:         t.Relation.Lemma,
			Article:       a.ID,
			Sentence:      t.Sentence,
			SentenceIndex: t.SentenceIndex,
			Start:         start,
			End:           end,
			Confidence:    t.Confidence,
			Negated:       t.Relation.Negated,
			Modality:      t.Relation.Modality,
			ReportedBy:    t.ReportedBy,
		})
	}
	for i := range g.Entities {
		if types[i] != nil {
			g.Entities[i].Type = graph.PreferType(maps.All(types[i]))
		}
	}
	return g
}

// evidence returns the byte range covering a triple's subject, relation and
// object, falling back to its sentence.
func evidence(t extract.Triple, n int) (start, end int) {
	start, end = -1, -1
	for _, r := range [][2]int{{t.Subject.Start, t.Subject.End}, {t.Relation.Start, t.Relation.End}, {t.Object.Start, t.Object.End}} {
		if r[0] < 0 || r[1] <= r[0] || r[1] > n {
			continue
		}
		if start < 0 || r[0] < start {
			start = r[0]
		}
		if r[1] > end {
			end = r[1]
		}
	}
	if start < 0 {
		start, end = t.SentenceStart, min(t.SentenceStart+len(t.Sentence), n)
	}
	return start, end
}

func addUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
