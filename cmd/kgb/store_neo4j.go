package main

import (
	"context"
	"errors"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
)

// openNeo4j opens the Neo4j store. TEMPORARY until graph/neo4j compiles.
func openNeo4j(ctx context.Context, cfg *config.Config) (graph.Store, error) {
	return nil, errors.New("neo4j store: not wired yet")
}
