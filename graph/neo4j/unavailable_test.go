package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
	"github.com/kgb-dev/kgb/ingest"
)

// cutProxy forwards TCP connections to the test Neo4j until cut, which
// drops every connection and stops listening: to kgb the server has died
// (connection reset, then connection refused) while the real server rolls
// back whatever transaction was open.
type cutProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(u, c); u.Close() }()
			go func() { _, _ = io.Copy(c, u); c.Close() }()
		}
	}()
	t.Cleanup(p.cut)
	return p
}

func (p *cutProxy) cut() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// cutAfter is the real store; after its n-th successful batch write it
// cuts the proxy, as if Neo4j died in the middle of the ingest.
type cutAfter struct {
	*neo4j.Store
	n     int
	proxy *cutProxy
	cutAt time.Time
}

func (c *cutAfter) ReplaceArticles(ctx context.Context, gs []graph.ArticleGraph) error {
	if err := c.Store.ReplaceArticles(ctx, gs); err != nil {
		return err
	}
	if c.n--; c.n == 0 {
		c.proxy.cut()
		c.cutAt = time.Now()
	}
	return nil
}

// TestIngestStopsWhenNeo4jDies: when Neo4j goes away mid-ingest, the run
// fails within 60 s with one error that says the store is unreachable (not
// one failure per article), nothing is half-written, and running the same
// ingest again completes the graph.
func TestIngestStopsWhenNeo4jDies(t *testing.T) {
	cfg := testConfig(t)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCutProxy(t, u.Host)
	viaProxy := cfg
	viaProxy.URI = u.Scheme + "://" + proxy.ln.Addr().String()
	ctx := context.Background()
	st, err := neo4j.Open(ctx, viaProxy)
	if err != nil {
		t.Fatalf("Open through the proxy: %v", err)
	}
	defer st.Close(ctx)

	ns := fmt.Sprintf("dies-%d", time.Now().UnixNano())
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ns), 0o755); err != nil {
		t.Fatal(err)
	}
	const articles = 60
	for i := range articles {
		text := fmt.Sprintf("Harbour talks %d\n\nMara Lind%d met Oskar Berg%d in Tallinn on Monday. "+
			"Lind%d later criticised the Baltic Ferry Company for the delays. Berg%d praised the port authority.\n", i, i, i, i, i)
		if err := os.WriteFile(filepath.Join(root, ns, fmt.Sprintf("%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	direct := openStore(t)
	defer direct.Close(ctx)
	defer func() {
		for i := range articles {
			_ = direct.RetractArticle(ctx, fmt.Sprintf("%s/%03d.txt", ns, i))
		}
	}()

	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := ingest.Options{Roots: []string{root}, Workers: 1, BatchArticles: 5, RelationTypes: graph.DefaultRelationTypes()}
	cut := &cutAfter{Store: st, n: 2, proxy: proxy}
	_, err = ingest.Run(ctx, cut, ex, opts)
	waited := time.Since(cut.cutAt)
	if cut.cutAt.IsZero() {
		t.Fatalf("the proxy was never cut (err %v)", err)
	}
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("ingest.Run error %v, want one wrapping graph.ErrUnavailable", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "cannot reach Neo4j") || !strings.Contains(msg, "run the same command again") {
		t.Errorf("error message %q should say Neo4j is unreachable and how to resume", msg)
	}
	if waited > 60*time.Second {
		t.Errorf("the run failed %v after Neo4j died, want within 60 s", waited)
	}
	t.Logf("failed %v after the cut: %v", waited.Round(time.Millisecond), err)

	// Nothing half-written: every stored article has all the edges it lists.
	count := func() (stored int64) {
		t.Helper()
		err := direct.Query(ctx, `MATCH (a:Article) WHERE a.id STARTS WITH $ns
RETURN count(a), sum(size(a.edge_ids)), sum(COUNT { MATCH ()-[r]->() WHERE r.article = a.id })`,
			map[string]any{"ns": ns + "/"}, false, func(_ []string, v []any) error {
				stored = v[0].(int64)
				if v[1] != v[2] {
					t.Errorf("%d articles list %v edges but %v are stored", stored, v[1], v[2])
				}
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		return stored
	}
	stored := count()
	if stored < 10 || stored >= articles {
		t.Errorf("%d articles stored after the cut, want the two batches written before it (10) and not all %d", stored, articles)
	}
	// A rerun resumes: the stored articles are unchanged, the rest new.
	sum, err := ingest.Run(ctx, direct, ex, opts)
	if err != nil {
		t.Fatalf("rerun: %v", err)
	}
	if int64(sum.Articles.Unchanged) != stored || sum.Articles.New != articles-int(stored) {
		t.Errorf("rerun: %d unchanged, %d new; want %d and %d", sum.Articles.Unchanged, sum.Articles.New, stored, articles-int(stored))
	}
	if n := count(); n != articles {
		t.Errorf("after the rerun %d articles are stored, want %d", n, articles)
	}
}
