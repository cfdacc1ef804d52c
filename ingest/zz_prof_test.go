package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/ingest"
)

func TestZZProf(t *testing.T) {
	dir := os.Getenv("ZZDIR")
	if dir == "" {
		t.Skip()
	}
	s, _ := embedded.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	ex, _ := sharedExtractor()
	sum, err := ingest.Run(context.Background(), s, ex, ingest.Options{Roots: []string{dir}})
	t.Logf("err %v new %d", err, sum.Articles.New)
	s.Close(context.Background())
}
