package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/ingest"
	"github.com/kgb-dev/kgb/ingest/testcorpus"
)

// BenchmarkPipeline ingests 200 synthetic articles into a fresh embedded
// store per iteration (extraction, conversion, batched writes), and then
// reruns over the unchanged folder: compare the two to see what skipping
// unchanged articles saves.
func BenchmarkPipeline(b *testing.B) {
	dir := b.TempDir()
	if _, err := testcorpus.Write(dir, 1, 200); err != nil {
		b.Fatal(err)
	}
	ex, err := sharedExtractor()
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, _ error) error {
		if fi != nil && !fi.IsDir() {
			bytes += fi.Size()
		}
		return nil
	})
	open := func(b *testing.B) *embedded.Store {
		s, err := embedded.Open(context.Background(), filepath.Join(b.TempDir(), "kgb.db"))
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	b.Run("new", func(b *testing.B) {
		b.SetBytes(bytes)
		for b.Loop() {
			b.StopTimer()
			s := open(b)
			b.StartTimer()
			if _, err := ingest.Run(context.Background(), s, ex, ingest.Options{Roots: []string{dir}}); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			s.Close(context.Background())
			b.StartTimer()
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		s := open(b)
		defer s.Close(context.Background())
		if _, err := ingest.Run(context.Background(), s, ex, ingest.Options{Roots: []string{dir}}); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(bytes)
		for b.Loop() {
			sum, err := ingest.Run(context.Background(), s, ex, ingest.Options{Roots: []string{dir}})
			if err != nil || sum.Articles.Unchanged != 200 {
				b.Fatalf("%v %+v", err, sum.Articles)
			}
		}
	})
}
