package neo4j_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgb-dev/kgb/graph/neo4j"
	"github.com/kgb-dev/kgb/graph/neo4j/neo4jtest"
)

// TestWriteRetriesDeadlock makes two write transactions lock two nodes in
// opposite orders: Neo4j breaks the deadlock by failing one, the driver
// re-runs it whole, both commit, and the retry is counted as a deadlock.
func TestWriteRetriesDeadlock(t *testing.T) {
	nc := neo4jtest.Config(t, "the deadlock retry test")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := neo4j.Open(ctx, nc)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	a := fmt.Sprintf("kgb-deadlock-test-a-%d", time.Now().UnixNano())
	b := a + "-b"
	q := func(ctx context.Context, tx driver.ManagedTransaction, cypher string, key string) error {
		return neo4j.RunTx(ctx, tx, cypher, map[string]any{"key": key}, nil)
	}
	if err := neo4j.WriteTx(s, ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		return neo4j.RunTx(ctx, tx, "UNWIND $keys AS k CREATE (:KgbRetryTest {key: k, n: 0})", map[string]any{"keys": []string{a, b}}, nil)
	}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = neo4j.WriteTx(s, context.Background(), func(ctx context.Context, tx driver.ManagedTransaction) error {
			return neo4j.RunTx(ctx, tx, "MATCH (n:KgbRetryTest) WHERE n.key IN $keys DELETE n", map[string]any{"keys": []string{a, b}}, nil)
		})
	}()

	before := s.Retries()
	const incr = "MATCH (n:KgbRetryTest {key: $key}) SET n.n = n.n + 1"
	var both sync.WaitGroup // both first locks are held
	both.Add(2)
	var once [2]sync.Once
	lockBoth := func(i int, first, second string) func(context.Context, driver.ManagedTransaction) error {
		return func(ctx context.Context, tx driver.ManagedTransaction) error {
			if err := q(ctx, tx, incr, first); err != nil {
				return err
			}
			// Only the first attempts wait for each other; a retry runs through.
			once[i].Do(func() { both.Done(); both.Wait() })
			return q(ctx, tx, incr, second)
		}
	}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Go(func() { errs[0] = neo4j.WriteTx(s, ctx, lockBoth(0, a, b)) })
	wg.Go(func() { errs[1] = neo4j.WriteTx(s, ctx, lockBoth(1, b, a)) })
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("transaction %d: %v", i, err)
		}
	}
	got := s.Retries().Sub(before)
	t.Logf("retries: %+v", got)
	if got.Deadlock < 1 {
		t.Errorf("retries %+v: want at least one deadlock", got)
	}
	// Each transaction committed exactly once: both counters are 2.
	var ns []int64
	if err := neo4j.ReadTx(s, ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		return neo4j.RunTx(ctx, tx, "MATCH (n:KgbRetryTest) WHERE n.key IN $keys RETURN n.n ORDER BY n.key", map[string]any{"keys": []string{a, b}},
			func(r *driver.Record) error { ns = append(ns, r.Values[0].(int64)); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	if len(ns) != 2 || ns[0] != 2 || ns[1] != 2 {
		t.Errorf("counters = %v, want [2 2]: a retried transaction was half-applied or applied twice", ns)
	}
}
