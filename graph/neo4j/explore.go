package neo4j

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgb-dev/kgb/graph"
)

// The exploration read side (graph.Explorer) for `kgb show`, `kgb path` and
// `kgb top --store neo4j`: the same answers as the embedded store, computed
// with read-only Cypher. Evidence edges are the relationships between two
// :Entity and :Concept nodes; MENTIONS link articles to them.

var _ graph.Explorer = (*Store)(nil)

// maxPathHops bounds ShortestPath's MaxHops: the bound is written into the
// Cypher pattern (a number, never text), as variable-length bounds cannot be
// parameters.
const maxPathHops = 15

const entityCols = `e.key, e.name, e.type, e.aliases, e.titles`

// limitParam turns "0 = all" into a LIMIT value.
func limitParam(n int) int64 {
	if n <= 0 {
		return math.MaxInt64
	}
	return int64(n)
}

// Lookup finds entities as embedded.Store.Lookup does: key (or canonical
// name normalised), then name or alias case-insensitively, then prefix.
func (s *Store) Lookup(ctx context.Context, query string, limit int) ([]graph.Match, error) {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil, graph.ErrEmptyQuery
	}
	keys := append([]string{q, strings.ToLower(q)}, graph.TypedQueryKeys(q)...)
	norm := graph.NormalizeName(q)
	params := map[string]any{"keys": keys, "norm": []string{norm, graph.ConceptKeyPrefix + norm}, "q": strings.ToLower(q), "limit": limitParam(limit)}
	var out []graph.Match
	err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		out = nil
		return run(ctx, tx, `MATCH (e:Entity|Concept)
WITH e, [n IN [e.name] + coalesce(e.aliases, []) | toLower(n)] AS names
WITH e, CASE
  WHEN e.key IN $keys OR (e.key IN $norm AND toLower(e.name) = $q) THEN 0
  WHEN $q IN names THEN 1
  WHEN any(n IN names WHERE n STARTS WITH $q) THEN 2
END AS kind
WHERE kind IS NOT NULL
WITH e, kind, COUNT { (e)-[r]-(:Entity|Concept) WHERE type(r) <> 'MENTIONS' } AS degree
ORDER BY kind, degree DESC, e.key
LIMIT $limit
RETURN `+entityCols+`, kind, degree, COUNT { (e)<-[:MENTIONS]-(:Article) } AS articles`, params, func(r *driver.Record) error {
			v := r.Values
			out = append(out, graph.Match{Entity: entityOf(v), Kind: graph.MatchKind(num(v[5])), Degree: int(num(v[6])), Articles: int(num(v[7]))})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: look up %q: %w", query, err)
	}
	return out, nil
}

// Neighbours groups key's evidence edges as embedded.Store.Neighbours does.
func (s *Store) Neighbours(ctx context.Context, key string, limit int) ([]graph.Neighbour, error) {
	var out []graph.Neighbour
	err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		out = nil
		return run(ctx, tx, `MATCH (x:Entity|Concept {key: $key})-[r]-(e:Entity|Concept)
WHERE type(r) <> 'MENTIONS'
WITH e, type(r) AS typ, startNode(r) = x AS out, r ORDER BY r.article, r.sentence_index
WITH e, typ, out, count(r) AS evidence, count(DISTINCT r.article) AS articles, head(collect(r)) AS sample
RETURN `+entityCols+`, typ, out, evidence, articles, sample.predicate, sample.sentence, sample.article
ORDER BY evidence DESC, typ, e.key, out DESC
LIMIT $limit`, map[string]any{"key": key, "limit": limitParam(limit)}, func(r *driver.Record) error {
			v := r.Values
			d := graph.In
			if b, _ := v[6].(bool); b {
				d = graph.Out
			}
			out = append(out, graph.Neighbour{Entity: entityOf(v), Type: str(v[5]), Direction: d, Evidence: int(num(v[7])),
				Articles: int(num(v[8])), Predicate: str(v[9]), Sample: str(v[10]), SampleArticle: str(v[11])})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: neighbours of %s: %w", key, err)
	}
	return out, nil
}

// ShortestPath finds a shortest chain of evidence edges between two entity
// keys, ignoring direction, through named entities only unless
// o.ViaConcepts (Concept entities are those whose key starts "concept:").
func (s *Store) ShortestPath(ctx context.Context, from, to string, o graph.PathOptions) ([]graph.Hop, error) {
	hops := o.MaxHops
	if hops <= 0 {
		hops = graph.DefaultMaxHops
	}
	if hops > maxPathHops {
		return nil, fmt.Errorf("path search: at most %d hops on Neo4j, got %d", maxPathHops, hops)
	}
	var path []graph.Hop
	var ends int
	err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		path, ends = nil, 0
		if err := run(ctx, tx, `MATCH (e:Entity|Concept) WHERE e.key IN [$from, $to] RETURN count(e)`, map[string]any{"from": from, "to": to},
			func(r *driver.Record) error { ends = int(num(r.Values[0])); return nil }); err != nil {
			return err
		}
		if from == to || ends < 2 {
			return nil
		}
		// The hop bound is an integer from this function, not text.
		cypher := fmt.Sprintf(`MATCH (a:Entity|Concept {key: $from}), (b:Entity|Concept {key: $to})
MATCH p = shortestPath((a)-[*..%d]-(b))
WHERE all(r IN relationships(p) WHERE type(r) <> 'MENTIONS')
  AND all(n IN nodes(p)[1..-1] WHERE (n:Entity OR n:Concept) AND ($via OR NOT n.key STARTS WITH 'concept:'))
RETURN [n IN nodes(p) | [n.key, n.name, n.type, n.aliases, n.titles]] AS ns,
       [r IN relationships(p) | [type(r), startNode(r).key, r.predicate, r.sentence, r.article]] AS rs`, hops)
		return run(ctx, tx, cypher, map[string]any{"from": from, "to": to, "via": o.ViaConcepts}, func(r *driver.Record) error {
			ns, _ := r.Values[0].([]any)
			rs, _ := r.Values[1].([]any)
			if len(ns) != len(rs)+1 {
				return errors.New("malformed path")
			}
			for i, raw := range rs {
				rel, _ := raw.([]any)
				a, _ := ns[i].([]any)
				b, _ := ns[i+1].([]any)
				if len(rel) < 5 || len(a) < 5 || len(b) < 5 {
					return errors.New("malformed path")
				}
				fe, te := entityOf(a), entityOf(b)
				path = append(path, graph.Hop{From: fe, To: te, Type: str(rel[0]), Forward: str(rel[1]) == fe.Key,
					Predicate: str(rel[2]), Sentence: str(rel[3]), Article: str(rel[4])})
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: path %s → %s: %w", from, to, err)
	}
	if ends < 2 && from != to {
		return nil, fmt.Errorf("neo4j: path %s → %s: unknown entity", from, to)
	}
	if path == nil && from != to {
		return nil, fmt.Errorf("%w between %s and %s within %d hops", graph.ErrNoPath, from, to, hops)
	}
	return path, nil
}

// TopEntities returns the n entities with the most evidence edges, ties by
// key; named entities only unless all.
func (s *Store) TopEntities(ctx context.Context, n int, all bool) ([]graph.EntityCount, error) {
	if n <= 0 {
		return nil, nil
	}
	var out []graph.EntityCount
	err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		out = nil
		return run(ctx, tx, `MATCH (e:Entity|Concept) WHERE $all OR NOT e.key STARTS WITH 'concept:'
WITH e, COUNT { (e)-[r]-(:Entity|Concept) WHERE type(r) <> 'MENTIONS' } AS degree
ORDER BY degree DESC, e.key
LIMIT $n
RETURN `+entityCols+`, degree, COUNT { (e)<-[:MENTIONS]-(:Article) } AS articles`, map[string]any{"all": all, "n": int64(n)}, func(r *driver.Record) error {
			v := r.Values
			out = append(out, graph.EntityCount{Entity: entityOf(v), Degree: int(num(v[5])), Articles: int(num(v[6]))})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: top entities: %w", err)
	}
	return out, nil
}

// TopRelations returns the n most frequent relationship types of evidence
// edges (all when n <= 0), most evidence first.
func (s *Store) TopRelations(ctx context.Context, n int) ([]graph.RelationCount, error) {
	var out []graph.RelationCount
	err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		out = nil
		return run(ctx, tx, `MATCH (:Entity|Concept)-[r]->(:Entity|Concept) WHERE type(r) <> 'MENTIONS'
RETURN type(r) AS t, count(*) AS c`, nil, func(r *driver.Record) error {
			out = append(out, graph.RelationCount{Type: str(r.Values[0]), Evidence: int(num(r.Values[1]))})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: top relations: %w", err)
	}
	slices.SortFunc(out, func(a, b graph.RelationCount) int {
		return cmp.Or(cmp.Compare(b.Evidence, a.Evidence), cmp.Compare(a.Type, b.Type))
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// Stats counts articles, entities and evidence edges (from Neo4j's count
// store: all relationships less the MENTIONS).
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	var st graph.Stats
	err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		return run(ctx, tx, `CALL { MATCH (a:Article) RETURN count(a) AS articles }
CALL { MATCH (e:Entity|Concept) RETURN count(e) AS entities }
CALL { MATCH ()-[r]->() RETURN count(r) AS rels }
CALL { MATCH ()-[m:MENTIONS]->() RETURN count(m) AS mentions }
RETURN articles, entities, rels - mentions`, nil, func(r *driver.Record) error {
			st = graph.Stats{Articles: int(num(r.Values[0])), Entities: int(num(r.Values[1])), Edges: int(num(r.Values[2]))}
			return nil
		})
	})
	if err != nil {
		return graph.Stats{}, fmt.Errorf("neo4j: stats: %w", err)
	}
	return st, nil
}
