package neo4j_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
	"github.com/kgb-dev/kgb/graph/storetest"
)

// testURI returns the Bolt URI of the test Neo4j from KGB_TEST_NEO4J_URI
// (exported by scripts/test.sh after scripts/neo4j-local.sh start). Without
// it the test skips loudly, or fails under CI=true.
func testURI(t *testing.T) string {
	t.Helper()
	uri := os.Getenv("KGB_TEST_NEO4J_URI")
	if uri == "" {
		msg := "KGB_TEST_NEO4J_URI is not set: Neo4j integration tests need a real Neo4j " +
			"(run scripts/test.sh, or `scripts/neo4j-local.sh start` and export KGB_TEST_NEO4J_URI=bolt://127.0.0.1:7687)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip("!!! SKIPPED: " + msg)
	}
	return uri
}

func testConfig(t *testing.T) neo4j.Config {
	return neo4j.Config{
		URI:      testURI(t),
		Username: os.Getenv("KGB_TEST_NEO4J_USERNAME"),
		Password: os.Getenv("KGB_TEST_NEO4J_PASSWORD"),
	}
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
