package neo4j

import (
	"context"
	"fmt"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgb-dev/kgb/graph"
)

var _ graph.ArticleLookup = (*Store)(nil)

// Article returns the stored article node with this id (graph.ArticleLookup),
// in one read like ArticleHash.
func (s *Store) Article(ctx context.Context, id string) (graph.Article, bool, error) {
	var a graph.Article
	var found bool
	err := s.read(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		a, found = graph.Article{}, false
		return run(ctx, tx, `MATCH (a:Article {id: $id})
RETURN a.id, a.path, a.sha256, a.title, a.date, a.ingested_at, a.duplicate_of`, map[string]any{"id": id}, func(r *driver.Record) error {
			v := r.Values
			a = graph.Article{ID: str(v[0]), Path: str(v[1]), SHA256: str(v[2]), Title: str(v[3]), Date: str(v[4]), DuplicateOf: str(v[6])}
			if t, ok := v[5].(time.Time); ok {
				a.IngestedAt = t.UTC()
			}
			found = a.SHA256 != ""
			return nil
		})
	})
	if err != nil {
		return graph.Article{}, false, fmt.Errorf("neo4j: article %s: %w", id, err)
	}
	return a, found, nil
}
