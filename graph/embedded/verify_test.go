package embedded_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/graph/storetest"
)

// verifyingStore runs Verify before closing, so every contract subtest also
// checks the file's indexes and counters.
type verifyingStore struct {
	*embedded.Store
	t *testing.T
}

func (v verifyingStore) Close(ctx context.Context) error {
	if err := v.Verify(ctx); err != nil {
		v.t.Errorf("after %s: %v", v.t.Name(), err)
	}
	return v.Store.Close(ctx)
}

func TestContractKeepsIndexesConsistent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kgb.db")
	storetest.Run(t, func(t *testing.T) graph.Store {
		s, err := embedded.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return verifyingStore{s, t}
	})
}
