package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/ingest"
)

type timedStore struct {
	*embedded.Store
	ns atomic.Int64
}

func (s *timedStore) ReplaceArticles(ctx context.Context, gs []graph.ArticleGraph) error {
	t := time.Now()
	defer func() { s.ns.Add(int64(time.Since(t))) }()
	return s.Store.ReplaceArticles(ctx, gs)
}

type timedEx struct {
	ex *extract.Extractor
	ns atomic.Int64
}

func (e *timedEx) Extract(ctx context.Context, doc, text string) (*extract.Result, error) {
	t := time.Now()
	defer func() { e.ns.Add(int64(time.Since(t))) }()
	return e.ex.Extract(ctx, doc, text)
}

func TestZZProf(t *testing.T) {
	dir := os.Getenv("ZZDIR")
	if dir == "" {
		t.Skip()
	}
	s, _ := embedded.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	ts := &timedStore{Store: s}
	ex, _ := sharedExtractor()
	te := &timedEx{ex: ex}
	start := time.Now()
	sum, err := ingest.Run(context.Background(), ts, te, ingest.Options{Roots: []string{dir}})
	t.Logf("err %v total %v extract %v store %v new %d", err, time.Since(start), time.Duration(te.ns.Load()), time.Duration(ts.ns.Load()), sum.Articles.New)
}
