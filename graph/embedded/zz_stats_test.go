package embedded

import (
	"context"
	"os"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestZZStats(t *testing.T) {
	p := os.Getenv("KGB_STATS_DB")
	if p == "" {
		t.Skip()
	}
	s, err := OpenReadOnly(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	s.db.View(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			st := tx.Bucket(b).Stats()
			t.Logf("%-10s keys %8d depth %d leaf pages %6d (+%d overflow) alloc %6.1f MB inuse %6.1f MB branch %d", b, st.KeyN, st.Depth, st.LeafPageN, st.LeafOverflowN, float64(st.LeafAlloc+st.BranchAlloc)/1e6, float64(st.LeafInuse+st.BranchInuse)/1e6, st.BranchPageN)
		}
		t.Logf("tx size %.1f MB", float64(tx.Size())/1e6)
		return nil
	})
}
