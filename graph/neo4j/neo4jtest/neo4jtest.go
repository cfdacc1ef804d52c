// Package neo4jtest gives integration tests the real Neo4j that
// scripts/test.sh starts (scripts/neo4j-local.sh) and exports as
// KGB_TEST_NEO4J_URI, with KGB_TEST_NEO4J_USERNAME/PASSWORD when auth is on.
//
// Without a URI a test skips with a loud message on a developer machine and
// fails under CI=true, so CI can never pass with the database tests unrun.
package neo4jtest

import (
	"os"
	"testing"

	"github.com/kgb-dev/kgb/graph/neo4j"
)

// Config returns the test Neo4j's connection settings, or skips (fails under
// CI=true) when none is configured. what names the test for the message.
func Config(tb testing.TB, what string) neo4j.Config {
	tb.Helper()
	uri := os.Getenv("KGB_TEST_NEO4J_URI")
	if uri == "" {
		msg := "KGB_TEST_NEO4J_URI is not set: " + what + " needs a real Neo4j " +
			"(run scripts/test.sh, or `scripts/neo4j-local.sh start` and export KGB_TEST_NEO4J_URI=bolt://127.0.0.1:7687)"
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip("!!! SKIPPED: " + msg)
	}
	return neo4j.Config{
		URI:      uri,
		Username: os.Getenv("KGB_TEST_NEO4J_USERNAME"),
		Password: os.Getenv("KGB_TEST_NEO4J_PASSWORD"),
	}
}
