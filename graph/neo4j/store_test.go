package neo4j_test

import (
	"context"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
	"github.com/kgb-dev/kgb/graph/neo4j/neo4jtest"
	"github.com/kgb-dev/kgb/graph/storetest"
)

// testURI returns the Bolt URI of the test Neo4j (see neo4jtest.Config).
func testURI(t *testing.T) string {
	t.Helper()
	return testConfig(t).URI
}

func testConfig(t *testing.T) neo4j.Config {
	t.Helper()
	return neo4jtest.Config(t, "the Neo4j store's integration tests")
}

func openStore(t *testing.T) *neo4j.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := neo4j.Open(ctx, testConfig(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestStoreContract(t *testing.T) {
	testURI(t)
	storetest.Run(t, func(t *testing.T) graph.Store { return openStore(t) })
}

// TestStoreContractSmallBatches runs the contract with one row per
// statement, so that every chunking path is taken.
func TestStoreContractSmallBatches(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 1
	storetest.Run(t, func(t *testing.T) graph.Store {
		s, err := neo4j.Open(context.Background(), cfg)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return s
	})
}

// TestExplorerContract: kgb show/path/top read Neo4j through the same
// explore contract as the embedded store.
func TestExplorerContract(t *testing.T) {
	s := openStore(t)
	t.Cleanup(func() { s.Close(context.Background()) }) // after RunExplore's clean-up
	storetest.RunExplore(t, s)
}
