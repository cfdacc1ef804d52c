package main

import (
	"context"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph/neo4j/neo4jtest"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// browseTestDriver connects to the test Neo4j from KGB_TEST_NEO4J_URI (set by
// scripts/test.sh). Without it the test skips loudly, or fails under CI=true.
func browseTestDriver(t *testing.T) driver.DriverWithContext {
	t.Helper()
	nc := neo4jtest.Config(t, "the Cypher escaping test")
	auth := driver.NoAuth()
	if nc.Username != "" {
		auth = driver.BasicAuth(nc.Username, nc.Password, "")
	}
	d, err := driver.NewDriverWithContext(nc.URI, auth)
	if err != nil {
		t.Fatalf("driver: %v", err)
	}
	t.Cleanup(func() { _ = d.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := d.VerifyConnectivity(ctx); err != nil {
		t.Fatalf("cannot reach the test Neo4j at %s: %v", nc.URI, err)
	}
	return d
}

// TestCypherStringNeo4j checks cypherString against Neo4j's own parser: each
// literal must evaluate to exactly the name, and the neighbourhood query built
// around it must be one valid read-only statement.
func TestCypherStringNeo4j(t *testing.T) {
	d := browseTestDriver(t)
	names := []string{
		"Helen Marsh", "O'Brien", `a\b`, `\`, `\'`, "AT&T #1", `\&`, `a\u0027b`, `\\u0027`, `\\\u0027`,
		`'}) DETACH DELETE n //`, "`x` y", `"quoted"`, "a\nb\tc", "Zoë Ångström 😀", "100% + more", "x/*y*/z",
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			lit, err := cypherString(name)
			if err != nil {
				t.Fatal(err)
			}
			res, err := driver.ExecuteQuery(ctx, d, "RETURN "+lit+" AS v, "+lit+" = $name AS same",
				map[string]any{"name": name}, driver.EagerResultTransformer,
				driver.ExecuteQueryWithReadersRouting())
			if err != nil {
				t.Fatalf("RETURN %s: %v", lit, err)
			}
			if len(res.Records) != 1 {
				t.Fatalf("RETURN %s: %d records", lit, len(res.Records))
			}
			v, _ := res.Records[0].Get("v")
			if v != name {
				t.Errorf("Neo4j reads %s as %q, want %q", lit, v, name)
			}

			q, err := neighbourhoodCypher(name, 2, 10)
			if err != nil {
				t.Fatal(err)
			}
			// Read routing: a write smuggled into the query would be refused.
			if _, err := driver.ExecuteQuery(ctx, d, q, nil, driver.EagerResultTransformer,
				driver.ExecuteQueryWithReadersRouting()); err != nil {
				t.Fatalf("neighbourhood query for %q failed: %v\n%s", name, err, q)
			}
		})
	}
}
