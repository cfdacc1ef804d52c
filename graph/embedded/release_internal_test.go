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
	// About 40 MB of evidence sentences (distinct, so each is stored).
	for b := 0; b < 40; b++ {
		var gs []graph.ArticleGraph
		for a := 0; a < 20; a++ {
			e := graph.Entity{Key: fmt.Sprintf("person:p%d", a), Name: "P", Type: "Person"}
			g := graph.ArticleGraph{Article: graph.Article{ID: fmt.Sprintf("%03d/%03d", b, a), SHA256: "ab"}, Entities: []graph.Entity{e}}
			for i := 0; i < 50; i++ {
				g.Edges = append(g.Edges, graph.Edge{Subject: e.Key, Object: e.Key, Type: "SAY", Sentence: strings.Repeat("x", 1000) + strconv.Itoa(i)})
			}
			gs = append(gs, g)
		}
		if err := s.ReplaceArticles(ctx, gs); err != nil {
			t.Fatal(err)
		}
	}
	// Touch every page through the mapping.
	if err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bSentences).ForEach(func(k, v []byte) error { return nil })
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

// TestReleaseDuringWrites releases the mapping continuously, from another
// goroutine, while batches are written (with their in-transaction releases)
// and read back: every read must see intact data and the file must verify.
func TestReleaseDuringWrites(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "kgb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	stop := s.releaseWhile()
	stopped := false
	defer func() {
		if !stopped {
			stop()
		}
	}()
	sentence := strings.Repeat("y", 700)
	for b := 0; b < 30; b++ {
		var gs []graph.ArticleGraph
		for a := 0; a < 20; a++ {
			var ents []graph.Entity
			for e := 0; e < 10; e++ {
				k := fmt.Sprintf("person:p%d", (a*7+e*13+b)%500)
				ents = append(ents, graph.Entity{Key: k, Name: k[len("person:"):], Type: "Person", Aliases: []string{fmt.Sprintf("alias %d", b)}})
			}
			g := graph.ArticleGraph{Article: graph.Article{ID: fmt.Sprintf("%03d/%03d", b%25, a), SHA256: fmt.Sprintf("%x", b)}, Entities: ents}
			for i := 0; i < 60; i++ {
				g.Edges = append(g.Edges, graph.Edge{Subject: ents[i%10].Key, Object: ents[(i+3)%10].Key, Type: "MEET", Sentence: sentence})
			}
			gs = append(gs, g)
		}
		// Batches 25..29 replace articles of batches 0..4: deletions too.
		if err := s.ReplaceArticles(ctx, gs); err != nil {
			t.Fatal(err)
		}
		sha, ok, err := s.ArticleHash(ctx, gs[7].Article.ID)
		if err != nil || !ok || sha != gs[7].Article.SHA256 {
			t.Fatalf("ArticleHash(%s) = %q, %v, %v; want %q", gs[7].Article.ID, sha, ok, err, gs[7].Article.SHA256)
		}
		nb, err := s.Neighbours(ctx, "person:p0", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range nb {
			if n.Sample != sentence {
				t.Fatalf("neighbour sample of %s reads %.20q…, want the stored sentence", n.Entity.Key, n.Sample)
			}
		}
	}
	stop()
	stopped = true
	if fi, err := os.Stat(s.Path()); err != nil || fi.Size() < releaseMinSize {
		t.Fatalf("file too small to exercise releases: %v %v", fi.Size(), err)
	}
	if err := s.Verify(ctx); err != nil {
		t.Error(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 500 || st.Edges != 500*60 {
		t.Errorf("stats %+v, want 500 articles and %d edges", st, 500*60)
	}
}
