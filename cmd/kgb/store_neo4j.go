package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
)

// openNeo4j opens the Neo4j store described by cfg.Neo4j. Connection and
// authentication failures come back as *neo4j.ConnectError / *neo4j.AuthError
// (fatal, exit 1) with the URI shown without any password.
func openNeo4j(ctx context.Context, cfg *config.Config) (graph.Store, error) {
	rt, err := config.LoadRelationTypes(cfg.RelationTypes)
	if err != nil {
		return nil, &usageError{err: err}
	}
	s, err := neo4j.Open(ctx, neo4j.Config{
		URI:           cfg.Neo4j.URI,
		Username:      cfg.Neo4j.Username,
		Password:      cfg.Neo4j.Password,
		Database:      cfg.Neo4j.Database,
		BatchSize:     cfg.Neo4j.BatchSize,
		RelationTypes: rt,
	})
	if errors.Is(err, neo4j.ErrTypedKeys) {
		return nil, &usageError{err: fmt.Errorf("open neo4j store: %w", err)}
	}
	if err != nil {
		return nil, fmt.Errorf("open neo4j store: %w", err)
	}
	return s, nil
}
