package neo4j

import (
	"context"
	"fmt"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgb-dev/kgb/graph"
)

// Page sizes of the streaming readers. Each page is read in its own
// retried read transaction; callbacks run between pages, outside any
// transaction, so a retry never calls them twice.
const (
	idPage      = 1000
	articlePage = 100
	entityPage  = 1000
)

// ArticleHash returns the stored SHA-256 of article id.
func (s *Store) ArticleHash(ctx context.Context, id string) (string, bool, error) {
	var hash string
	err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		hash = ""
		return run(ctx, tx, `MATCH (a:Article {id: $id}) RETURN a.sha256`, map[string]any{"id": id}, func(r *driver.Record) error {
			hash, _ = r.Values[0].(string)
			return nil
		})
	})
	if err != nil {
		return "", false, fmt.Errorf("neo4j: article hash of %s: %w", id, err)
	}
	return hash, hash != "", nil
}

// ArticleIDs calls fn for every stored article id starting with prefix, in
// id order.
func (s *Store) ArticleIDs(ctx context.Context, prefix string, fn func(id string) error) error {
	after := "" // ids and keys are never empty: "" sorts before all
	for {
		var ids []string
		err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
			ids = ids[:0]
			return run(ctx, tx, `MATCH (a:Article)
WHERE a.id STARTS WITH $prefix AND a.id > $after
RETURN a.id ORDER BY a.id LIMIT $n`,
				map[string]any{"prefix": prefix, "after": after, "n": idPage},
				func(r *driver.Record) error {
					id, _ := r.Values[0].(string)
					ids = append(ids, id)
					return nil
				})
		})
		if err != nil {
			return fmt.Errorf("neo4j: list articles: %w", err)
		}
		for _, id := range ids {
			if err := fn(id); err != nil {
				return err
			}
		}
		if len(ids) < idPage {
			return nil
		}
		after = ids[len(ids)-1]
	}
}

// ArticleGraphs calls fn with each stored article's graph, in id order. An
// article's edges come in the order they were written.
func (s *Store) ArticleGraphs(ctx context.Context, fn func(graph.ArticleGraph) error) error {
	after := "" // ids and keys are never empty: "" sorts before all
	for {
		var page []graph.ArticleGraph
		err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
			var err error
			page, err = readArticlePage(ctx, tx, after)
			return err
		})
		if err != nil {
			return fmt.Errorf("neo4j: read articles: %w", err)
		}
		for _, g := range page {
			if err := fn(g); err != nil {
				return err
			}
		}
		if len(page) < articlePage {
			return nil
		}
		after = page[len(page)-1].Article.ID
	}
}

type edgeRef struct {
	article string
	index   int
}

func readArticlePage(ctx context.Context, tx driver.ManagedTransaction, after string) ([]graph.ArticleGraph, error) {
	var page []graph.ArticleGraph
	byID := map[string]int{}
	var refs []map[string]any
	where := map[string]edgeRef{}
	err := run(ctx, tx, `MATCH (a:Article) WHERE a.id > $after
RETURN a.id, a.path, a.sha256, a.title, a.date, a.ingested_at, a.duplicate_of,
       a.edge_ids, a.edge_subjects, a.edge_objects
ORDER BY a.id LIMIT $n`, map[string]any{"after": after, "n": articlePage}, func(r *driver.Record) error {
		v := r.Values
		a := graph.Article{
			ID:          str(v[0]),
			Path:        str(v[1]),
			SHA256:      str(v[2]),
			Title:       str(v[3]),
			Date:        str(v[4]),
			DuplicateOf: str(v[6]),
		}
		if t, ok := v[5].(time.Time); ok {
			a.IngestedAt = t.UTC()
		}
		ids, _ := v[7].([]any)
		subs, _ := v[8].([]any)
		objs, _ := v[9].([]any)
		n := min(len(ids), len(subs), len(objs))
		for i := range n {
			eid := str(ids[i])
			where[eid] = edgeRef{article: a.ID, index: i}
			refs = append(refs, map[string]any{"s": subs[i], "o": objs[i], "eid": eid})
		}
		byID[a.ID] = len(page)
		page = append(page, graph.ArticleGraph{Article: a, Edges: make([]graph.Edge, n)})
		return nil
	})
	if err != nil || len(page) == 0 {
		return nil, err
	}
	ids := make([]string, len(page))
	for i, g := range page {
		ids[i] = g.Article.ID
	}
	err = run(ctx, tx, `UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(e)
RETURN id, e.key, e.name, e.type, e.aliases, e.titles ORDER BY id, e.key`, map[string]any{"ids": ids}, func(r *driver.Record) error {
		i, ok := byID[str(r.Values[0])]
		if !ok {
			return nil
		}
		page[i].Entities = append(page[i].Entities, entityOf(r.Values[1:]))
		return nil
	})
	if err != nil {
		return nil, err
	}
	found := map[string]bool{}
	for _, c := range chunks(refs, 1000) {
		err = run(ctx, tx, `UNWIND $rows AS row
MATCH (s:Entity|Concept {key: row.s})-[r]->(o:Entity|Concept {key: row.o})
WHERE r.eid = row.eid
RETURN r.eid, type(r), s.key, o.key, properties(r)`, map[string]any{"rows": c}, func(r *driver.Record) error {
			eid := str(r.Values[0])
			ref, ok := where[eid]
			if !ok || found[eid] {
				return nil
			}
			found[eid] = true
			props, _ := r.Values[4].(map[string]any)
			page[byID[ref.article]].Edges[ref.index] = graph.Edge{
				Subject:       str(r.Values[2]),
				Object:        str(r.Values[3]),
				Type:          str(r.Values[1]),
				Predicate:     str(props["predicate"]),
				Lemma:         str(props["lemma"]),
				Article:       str(props["article"]),
				Sentence:      str(props["sentence"]),
				SentenceIndex: int(num(props["sentence_index"])),
				Start:         int(num(props["start"])),
				End:           int(num(props["end"])),
				Confidence:    flt(props["confidence"]),
				Negated:       props["negated"] == true,
				Modality:      str(props["modality"]),
				ReportedBy:    str(props["reported_by"]),
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Drop references to edges that no longer exist (removed by hand).
	for i := range page {
		kept := page[i].Edges[:0]
		for _, e := range page[i].Edges {
			if e.Type != "" {
				kept = append(kept, e)
			}
		}
		if len(kept) == 0 {
			kept = nil
		}
		page[i].Edges = kept
	}
	return page, nil
}

// Entities calls fn once per stored entity: the named entities in key
// order, then the concepts in key order.
func (s *Store) Entities(ctx context.Context, fn func(graph.Entity) error) error {
	for _, q := range []string{
		`MATCH (e:Entity) WHERE e.key > $after
RETURN e.key, e.name, e.type, e.aliases, e.titles ORDER BY e.key LIMIT $n`,
		`MATCH (e:Concept) WHERE e.key > $after
RETURN e.key, e.name, e.type, e.aliases, e.titles ORDER BY e.key LIMIT $n`,
	} {
		if err := s.entities(ctx, q, fn); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) entities(ctx context.Context, q string, fn func(graph.Entity) error) error {
	after := "" // ids and keys are never empty: "" sorts before all
	for {
		var page []graph.Entity
		err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
			page = page[:0]
			return run(ctx, tx, q,
				map[string]any{"after": after, "n": entityPage}, func(r *driver.Record) error {
					page = append(page, entityOf(r.Values))
					return nil
				})
		})
		if err != nil {
			return fmt.Errorf("neo4j: read entities: %w", err)
		}
		for _, e := range page {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(page) < entityPage {
			return nil
		}
		after = page[len(page)-1].Key
	}
}

// entityOf reads key, name, type, aliases, titles.
func entityOf(v []any) graph.Entity {
	return graph.Entity{Key: str(v[0]), Name: str(v[1]), Type: str(v[2]), Aliases: strs(v[3]), Titles: strs(v[4])}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	l, _ := v.([]any)
	if len(l) == 0 {
		return nil
	}
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func num(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case float64:
		return int64(n)
	}
	return 0
}

func flt(v any) float64 {
	switch n := v.(type) {
	case float64:
		return n
	case int64:
		return float64(n)
	}
	return 0
}

// read runs work in a retried managed read transaction.
func (s *Store) read(ctx context.Context, work func(context.Context, driver.ManagedTransaction) error) error {
	sess := s.session(ctx, driver.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteRead(ctx, func(tx driver.ManagedTransaction) (any, error) {
		return nil, work(ctx, tx)
	})
	return err
}

// Query runs one Cypher statement with parameters and streams its records
// to fn (keys, then values in key order), without buffering the result. The
// transaction is read-only unless write is true; a write statement in a
// read-only transaction fails. Query is not retried: fn may have seen rows.
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any, write bool, fn func(keys []string, values []any) error) error {
	var keys []string
	return s.QueryStream(ctx, cypher, params, write,
		func(k []string) error { keys = k; return nil },
		func(values []any) error { return fn(keys, values) })
}

// QueryStream is Query with the column names delivered once, before any
// row, even when the result is empty.
func (s *Store) QueryStream(ctx context.Context, cypher string, params map[string]any, write bool,
	header func(keys []string) error, row func(values []any) error) error {
	mode := driver.AccessModeRead
	if write {
		mode = driver.AccessModeWrite
	}
	sess := s.session(ctx, mode)
	defer sess.Close(context.WithoutCancel(ctx))
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		return fmt.Errorf("neo4j: begin transaction: %w", err)
	}
	defer tx.Close(context.WithoutCancel(ctx)) // rolls back unless committed
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return fmt.Errorf("neo4j: %w", err)
	}
	keys, err := res.Keys()
	if err != nil {
		return fmt.Errorf("neo4j: %w", err)
	}
	if err := header(keys); err != nil {
		return err
	}
	for res.Next(ctx) {
		if err := row(res.Record().Values); err != nil {
			return err
		}
	}
	if err := res.Err(); err != nil {
		return fmt.Errorf("neo4j: %w", err)
	}
	if _, err := res.Consume(ctx); err != nil {
		return fmt.Errorf("neo4j: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("neo4j: commit: %w", err)
	}
	return nil
}
