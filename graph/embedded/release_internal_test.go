//go:build linux

package embedded

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/kgb-dev/kgb/graph"
)

func rssFileKB(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "RssFile:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// TestReleaseMappingDropsResidentPages checks that releaseMapping really
// takes the file mapping's pages out of the resident set, and that the data
// reads back intact afterwards.
func TestReleaseMappingDropsResidentPages(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "kgb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	// About 40 MB of edges.
	for b := 0; b < 40; b++ {
		var gs []graph.ArticleGraph
		for a := 0; a < 20; a++ {
			e := graph.Entity{Key: fmt.Sprintf("person:p%d", a), Name: "P", Type: "Person"}
			g := graph.ArticleGraph{Article: graph.Article{ID: fmt.Sprintf("%03d/%03d", b, a), SHA256: "ab"}, Entities: []graph.Entity{e}}
			for i := 0; i < 50; i++ {
				g.Edges = append(g.Edges, graph.Edge{Subject: e.Key, Object: e.Key, Type: "SAY", Sentence: strings.Repeat("x", 1000)})
			}
			gs = append(gs, g)
		}
		if err := s.ReplaceArticles(ctx, gs); err != nil {
			t.Fatal(err)
		}
	}
	// Touch every page through the mapping.
	if err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bEdges).ForEach(func(k, v []byte) error { return nil })
	}); err != nil {
		t.Fatal(err)
	}
	before := rssFileKB(t)
	s.releaseMapping()
	after := rssFileKB(t)
	t.Logf("RssFile %d kB → %d kB", before, after)
	if before-after < 20_000 {
		t.Errorf("releaseMapping freed %d kB of %d kB resident, want at least 20 MB", before-after, before)
	}
	if err := s.Verify(ctx); err != nil {
		t.Error(err)
	}
}
