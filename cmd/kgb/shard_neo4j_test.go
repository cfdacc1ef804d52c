package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
	"github.com/kgb-dev/kgb/graph/neo4j/neo4jtest"
	"github.com/kgb-dev/kgb/ingest"
	"github.com/kgb-dev/kgb/ingest/testcorpus"
)

// shardTest runs the built kgb binary against the test Neo4j. The test
// database is shared with other tests running at the same time, so every
// proper name and every article id of its corpus carries a token unique to
// the run, and the comparisons look only at the run's own articles.
type shardTest struct {
	t      *testing.T
	bin    string
	env    []string
	root   string // ingest root; articles are under root/<token>/
	token  string
	nc     neo4j.Config
	corpus int // article files written (with the copies)
}

const shardArticles = 160 // plus 6 copies

func newShardTest(t *testing.T) *shardTest {
	nc := neo4jtest.Config(t, "the concurrent shard tests")
	if testing.Short() {
		t.Skip("builds the kgb binary and runs it against Neo4j")
	}
	st := &shardTest{t: t, bin: buildKGB(t), root: t.TempDir(), nc: nc}
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for range 6 {
		st.token += string(rune('a' + r.IntN(26)))
	}
	st.env = append(kgbEnv(t), "NEO4J_URI="+nc.URI, "NEO4J_USERNAME="+nc.Username, "NEO4J_PASSWORD="+nc.Password)
	st.writeCorpus()
	t.Cleanup(st.retract)
	return st
}

var capitalised = regexp.MustCompile(`\b([A-Z][a-z]+)\b`)

// writeCorpus writes synthetic articles whose capitalised words end in the
// run's token ("Helen Marsh" → "Helenqwerty Marshqwerty"), plus exact
// copies of six of them under other names: duplicate pairs.
func (st *shardTest) writeCorpus() {
	dir := filepath.Join(st.root, st.token)
	var texts []string
	for i := range shardArticles {
		_, text := testcorpus.Article(99, i)
		text = capitalised.ReplaceAllString(text, "${1}"+st.token)
		texts = append(texts, text)
		writeTestFile(st.t, filepath.Join(dir, fmt.Sprintf("topic-%d", i%5), fmt.Sprintf("%03d.txt", i)), text)
	}
	for i := range 6 {
		writeTestFile(st.t, filepath.Join(dir, "copies", fmt.Sprintf("copy-%d.txt", i)), texts[i*17])
	}
	st.corpus = shardArticles + 6
}

func writeTestFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (st *shardTest) cmd(args ...string) *exec.Cmd {
	cmd := exec.Command(st.bin, args...)
	cmd.Dir = st.root
	cmd.Env = st.env
	return cmd
}

// ingestArgs are the arguments of a run: one worker and, for shards, small
// batches, so that the shards' transactions interleave many times.
func (st *shardTest) ingestArgs(sharded bool, extra ...string) []string {
	args := []string{"ingest", "--store", "neo4j", "--json", "--workers", "1"}
	if sharded {
		args = append(args, "--batch-articles", "4")
	}
	return append(append(args, extra...), st.root)
}

// ingest runs one kgb ingest to the end and returns its summary; env is
// added to the environment.
func (st *shardTest) ingest(args []string, env ...string) ingest.Summary {
	st.t.Helper()
	cmd := st.cmd(args...)
	cmd.Env = slices.Concat(st.env, env) // never append to the shared st.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		st.t.Fatalf("kgb %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var sum ingest.Summary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		st.t.Fatalf("summary of kgb %s: %v\n%s", strings.Join(args, " "), err, stdout.String())
	}
	if sum.Articles.Failed != 0 {
		st.t.Fatalf("kgb %s: %d articles failed: %+v", strings.Join(args, " "), sum.Articles.Failed, sum.Failures)
	}
	return sum
}

// concurrently runs shards 0..n-1 at the same time, the shard coming from
// the environment as a Kubernetes Indexed Job gives it, and returns their
// summaries.
func (st *shardTest) concurrently(n int) []ingest.Summary {
	st.t.Helper()
	sums := make([]ingest.Summary, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			sums[i] = st.ingest(st.ingestArgs(true), fmt.Sprintf("JOB_COMPLETION_INDEX=%d", i), fmt.Sprintf("KGB_SHARD_COUNT=%d", n))
		})
	}
	wg.Wait()
	return sums
}

// graphState is the run's part of the graph: the canonical export of its
// articles and the counts of its nodes and relationships.
type graphState struct {
	hash                                string
	lines                               []string
	articles, entities, mentions, edges int
}

// state exports the graph with `kgb export --format jsonl` and keeps the
// run's articles, canonically: lines sorted, ingestion times dropped,
// entities and edges sorted. Entities without the token are shared with
// other tests, whose articles may add aliases at any time: only their key
// and type are kept.
func (st *shardTest) state() graphState {
	st.t.Helper()
	cmd := st.cmd("export", "--store", "neo4j", "--format", "jsonl", "--out", "-")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		st.t.Fatalf("kgb export: %v\n%s", err, stderr.String())
	}
	var s graphState
	ents := map[string]bool{}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var g graph.ArticleGraph
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			st.t.Fatalf("export line: %v", err)
		}
		if !strings.Contains(g.Article.ID, st.token) {
			continue
		}
		g.Article.IngestedAt = time.Time{}
		for i, e := range g.Entities {
			ents[e.Key] = true
			if !strings.Contains(e.Key, st.token) {
				g.Entities[i] = graph.Entity{Key: e.Key, Type: e.Type}
				continue
			}
			slices.Sort(g.Entities[i].Aliases)
			slices.Sort(g.Entities[i].Titles)
		}
		slices.SortFunc(g.Entities, func(a, b graph.Entity) int { return strings.Compare(a.Key, b.Key) })
		slices.SortFunc(g.Edges, func(a, b graph.Edge) int {
			x, _ := json.Marshal(a)
			y, _ := json.Marshal(b)
			return bytes.Compare(x, y)
		})
		b, err := json.Marshal(g)
		if err != nil {
			st.t.Fatal(err)
		}
		s.lines = append(s.lines, string(b))
		s.articles++
		s.mentions += len(g.Entities)
		s.edges += len(g.Edges)
	}
	if err := sc.Err(); err != nil {
		st.t.Fatal(err)
	}
	s.entities = len(ents)
	slices.Sort(s.lines)
	h := sha256.Sum256([]byte(strings.Join(s.lines, "\n")))
	s.hash = hex.EncodeToString(h[:])
	return s
}

// mixedTypes counts the run's entities whose MENTIONS carry two types or more.
func (st *shardTest) mixedTypes() int64 {
	st.t.Helper()
	ctx := context.Background()
	s, err := neo4j.Open(ctx, st.nc)
	if err != nil {
		st.t.Fatal(err)
	}
	defer s.Close(ctx)
	var n int64
	err = s.Query(ctx, `MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WHERE a.id CONTAINS $token
WITH e, count(DISTINCT m.type) AS types WHERE types > 1 RETURN count(e)`, map[string]any{"token": "/" + st.token + "/"}, false,
		func(_ []string, v []any) error { n, _ = v[0].(int64); return nil })
	if err != nil {
		st.t.Fatal(err)
	}
	return n
}

// retract removes the run's articles (and the entities only they used).
func (st *shardTest) retract() {
	ctx := context.Background()
	s, err := neo4j.Open(ctx, st.nc)
	if err != nil {
		st.t.Errorf("cleanup: %v", err)
		return
	}
	defer s.Close(ctx)
	var ids []string
	if err := s.ArticleIDs(ctx, "", func(id string) error {
		if strings.Contains(id, st.token) {
			ids = append(ids, id)
		}
		return nil
	}); err != nil {
		st.t.Errorf("cleanup: %v", err)
	}
	for _, id := range ids {
		if err := s.RetractArticle(ctx, id); err != nil {
			st.t.Errorf("cleanup: %v", err)
		}
	}
}

// compare fails unless got is want, showing the first differing line.
func (st *shardTest) compare(what string, got, want graphState) {
	st.t.Helper()
	st.t.Logf("%s: %d articles, %d entities, %d mentions, %d evidence edges, export sha256 %s",
		what, got.articles, got.entities, got.mentions, got.edges, got.hash)
	if got.hash == want.hash {
		return
	}
	st.t.Errorf("%s: the graph differs from one process's: %d/%d/%d/%d articles/entities/mentions/edges, want %d/%d/%d/%d",
		what, got.articles, got.entities, got.mentions, got.edges, want.articles, want.entities, want.mentions, want.edges)
	for i := range max(len(got.lines), len(want.lines)) {
		var g, w string
		if i < len(got.lines) {
			g = got.lines[i]
		}
		if i < len(want.lines) {
			w = want.lines[i]
		}
		if g != w {
			at := 0
			for at < min(len(g), len(w)) && g[at] == w[at] {
				at++
			}
			from := max(0, at-300)
			st.t.Errorf("first difference, line %d, byte %d:\n got: ...%.600s\nwant: ...%.600s", i, at, g[from:], w[from:])
			return
		}
	}
}

// TestShardsIntoOneNeo4j checks that n kgb ingest processes writing into
// one Neo4j at the same time build exactly the graph one process builds,
// with each duplicate pair extracted once; and that a shard killed with
// SIGKILL mid-run and rerun leaves the same graph too.
func TestShardsIntoOneNeo4j(t *testing.T) {
	st := newShardTest(t)

	start := time.Now()
	one := st.ingest(st.ingestArgs(false))
	t.Logf("one process: %s", time.Since(start).Round(time.Millisecond))
	if one.Articles.New+one.Articles.Duplicate != st.corpus || one.Articles.Duplicate != 6 {
		t.Fatalf("one process: %+v, want %d articles with 6 duplicates", one.Articles, st.corpus)
	}
	want := st.state()
	st.compare("one process", want, want)
	// The comparisons cover the type decision only if some name is typed
	// differently by different articles.
	if n := st.mixedTypes(); n == 0 {
		t.Fatal("no entity of the corpus has MENTIONS of two types: the shard comparison would not cover its type")
	} else {
		t.Logf("one process: %d entities typed differently by their articles", n)
	}
	if want.articles != st.corpus || want.edges == 0 {
		t.Fatalf("one process left %d articles and %d edges, want %d articles and some edges", want.articles, want.edges, st.corpus)
	}
	st.retract()
	if after := st.state(); after.articles != 0 {
		t.Fatalf("%d articles left after the cleanup", after.articles)
	}

	t.Run("4 concurrent shards", func(t *testing.T) {
		defer st.retract()
		start := time.Now()
		sums := st.concurrently(4)
		t.Logf("4 concurrent shards: %s", time.Since(start).Round(time.Millisecond))
		var c ingest.Counts
		retries := 0
		for i, s := range sums {
			if s.Shard != fmt.Sprintf("%d/4", i) {
				t.Errorf("shard %d's summary says shard %q", i, s.Shard)
			}
			if s.OtherShards+s.Articles.New+s.Articles.Duplicate != st.corpus {
				t.Errorf("shard %d: %d new + %d duplicate + %d left to other shards, want %d", i, s.Articles.New, s.Articles.Duplicate, s.OtherShards, st.corpus)
			}
			c.New += s.Articles.New
			c.Duplicate += s.Articles.Duplicate
			retries += s.RetriesTotal
			t.Logf("shard %d: %d new, %d duplicate, %d other shards, store retries %+v", i, s.Articles.New, s.Articles.Duplicate, s.OtherShards, s.Retries)
		}
		if c.New != one.Articles.New || c.Duplicate != one.Articles.Duplicate {
			t.Errorf("shards extracted %d articles and recorded %d duplicates; one process %d and %d (each duplicate pair must be extracted once)",
				c.New, c.Duplicate, one.Articles.New, one.Articles.Duplicate)
		}
		t.Logf("store retries over the 4 shards: %d", retries)
		st.compare("4 concurrent shards", st.state(), want)
	})

	t.Run("a shard killed and rerun", func(t *testing.T) {
		defer st.retract()
		// Shards 0, 2, 3 run to the end while shard 1 is killed once it
		// has committed some batches, long before its end.
		var wg sync.WaitGroup
		for _, i := range []int{0, 2, 3} {
			wg.Go(func() { st.ingest(st.ingestArgs(true, "--shard", fmt.Sprintf("%d/4", i))) })
		}
		cmd := st.cmd(st.ingestArgs(true, "--shard", "1/4", "--log-level", "debug")...)
		written, err := killAfterWritten(t, cmd, 6)
		wg.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("shard 1 was not killed by SIGKILL (%d articles written): %v", written, err)
		}
		partial := st.state()
		t.Logf("shard 1 killed after %d articles were written: %d of %d articles in the graph", written, partial.articles, st.corpus)
		if partial.articles >= st.corpus {
			t.Fatalf("shard 1 finished before it was killed; the test needs a bigger corpus")
		}
		rerun := st.ingest(st.ingestArgs(true, "--shard", "1/4"))
		if rerun.Articles.Unchanged == 0 {
			t.Errorf("the rerun of shard 1 found none of the killed run's articles: %+v", rerun.Articles)
		}
		st.compare("shards with shard 1 killed and rerun", st.state(), want)
	})
}
