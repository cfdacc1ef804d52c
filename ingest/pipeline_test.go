package ingest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/extract"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/ingest"
	"github.com/kgb-dev/kgb/ingest/testcorpus"
)

// The extractor loads its models once per test binary.
var sharedExtractor = sync.OnceValues(func() (*extract.Extractor, error) {
	return extract.New(extract.Options{})
})

// countingExtractor runs the real extractor and counts the calls, to prove
// that unchanged and duplicate articles skip NLP.
type countingExtractor struct {
	ex    *extract.Extractor
	calls atomic.Int64
}

func (c *countingExtractor) Extract(ctx context.Context, doc, text string) (*extract.Result, error) {
	c.calls.Add(1)
	return c.ex.Extract(ctx, doc, text)
}

func newExtractor(t *testing.T) *countingExtractor {
	t.Helper()
	ex, err := sharedExtractor()
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	return &countingExtractor{ex: ex}
}

func openStore(t *testing.T, path string) *embedded.Store {
	t.Helper()
	s, err := embedded.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

func writeFile(t *testing.T, dir, rel string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t *testing.T, s graph.Store, ex ingest.Extractor, opts ingest.Options) *ingest.Summary {
	t.Helper()
	sum, err := ingest.Run(context.Background(), s, ex, opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return sum
}

func checkCounts(t *testing.T, sum *ingest.Summary, want ingest.Counts) {
	t.Helper()
	if sum.Articles != want {
		b, _ := json.MarshalIndent(sum, "", "  ")
		t.Fatalf("articles = %+v, want %+v\nsummary: %s", sum.Articles, want, b)
	}
}

// graphs maps each stored article's id, without the root's name that
// starts it (local), to its graph.
func graphs(t *testing.T, r graph.Reader) map[string]graph.ArticleGraph {
	t.Helper()
	out := map[string]graph.ArticleGraph{}
	if err := r.ArticleGraphs(context.Background(), func(g graph.ArticleGraph) error {
		out[local(g.Article.ID)] = g
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// local strips the root's name from an article id: "001/a/b.txt" → "a/b.txt".
func local(id string) string {
	_, rest, _ := strings.Cut(id, "/")
	return rest
}

// Dump renders a store canonically (see testcorpus.Dump).
func Dump(t *testing.T, r graph.Reader) string {
	t.Helper()
	d, err := testcorpus.Dump(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r > 0xFFFF {
			panic("BMP only")
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestFormatsAndEncodings(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "plain.txt", []byte("Port deal signed\n\nMayor Lina Ortiz met Karl Svensson in Porto on Monday.\n"))
	writeFile(t, dir, "notes/brief.md", []byte("# Bank chief resigns\n\nCrestline Bank chief executive **Amara Nwosu** met [Rafael Costa](https://example.org) in Dublin.\n"))
	writeFile(t, dir, "web/page.html", []byte(`<html><head><title>Airline expands</title><script>var x = "Nobody bought Nothing Inc.";</script></head>
<body><nav>Home | World</nav><article><h1>Airline expands</h1><p>Orion Airlines bought Atlas Shipping for $40 million.</p></article><footer>(c) Example</footer></body></html>`))
	writeFile(t, dir, "feeds/one.json", []byte(`{"id": "x1", "title": "Energy talks", "body": "Meridian Energy signed a deal with Silverlake Foods on Friday.", "date": "2024-02-02"}`))
	writeFile(t, dir, "feeds/many.jsonl", []byte(`{"id": "a", "headline": "Court case", "text": "Northwind Semiconductors sued Bluefield Systems in Geneva."}`+"\n\n"+
		`{"id": "b", "title": "Visit", "content": "Kenji Watanabe visited Osaka with Lucia Ferreira last week."}`+"\n"))
	writeFile(t, dir, "feeds/list.json", []byte(`[{"text": "Nadia Petrova praised Harbour Group for its results."}, {"text": "Oscar Lindqvist met Priya Raman in Oslo."}]`))
	writeFile(t, dir, "enc/latin1.txt", []byte("Caf\xE9 owners meet\n\nZo\xEB Mart\xEDn met Andr\xE9s N\xFA\xF1ez in Bogot\xE1 on Friday.\n"))
	writeFile(t, dir, "enc/utf16.txt", utf16LE("Ferry link\n\nMayor Søren Holm met Ingrid Dahl in Tromsø on Tuesday.\n"))
	writeFile(t, dir, "enc/bom.txt", []byte("\xEF\xBB\xBFHotel sale\n\nRiverside United hired Tomas Varga as its new adviser.\n"))
	writeFile(t, dir, "image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"))
	writeFile(t, dir, ".git/config.txt", []byte("Hidden Person met Other Person in Secret City.\n"))
	writeFile(t, dir, "sub/.draft.txt", []byte("Hidden Person met Other Person in Secret City.\n"))

	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	ex := newExtractor(t)
	sum := run(t, s, ex, ingest.Options{Roots: []string{dir}, Workers: 2})
	checkCounts(t, sum, ingest.Counts{New: 11, Skipped: 1})
	if len(sum.Skips) != 1 || !strings.Contains(sum.Skips[0].Reason, "unsupported format (.png)") {
		t.Errorf("skips = %+v, want image.png as an unsupported format", sum.Skips)
	}
	if len(sum.Warnings) != 1 || !strings.HasSuffix(sum.Warnings[0].Path, "latin1.txt") || !strings.Contains(sum.Warnings[0].Reason, "Windows-1252") {
		t.Errorf("warnings = %+v, want latin1.txt decoded as Windows-1252", sum.Warnings)
	}
	if sum.Files != 9 || sum.Bytes == 0 || sum.Triples == 0 || sum.Sentences < 11 {
		t.Errorf("files %d, bytes %d, sentences %d, triples %d", sum.Files, sum.Bytes, sum.Sentences, sum.Triples)
	}

	gs := graphs(t, s)
	want := map[string]struct{ title, sentence string }{
		"plain.txt":          {"Port deal signed", "Lina Ortiz"},
		"notes/brief.md":     {"Bank chief resigns", "Amara Nwosu met Rafael Costa in Dublin"},
		"web/page.html":      {"Airline expands", "Orion Airlines bought Atlas Shipping"},
		"feeds/one.json":     {"Energy talks", "Meridian Energy"},
		"feeds/many.jsonl#a": {"Court case", "Northwind Semiconductors sued"},
		"feeds/many.jsonl#b": {"Visit", "Kenji Watanabe"},
		"feeds/list.json#1":  {"", "Nadia Petrova"},
		"feeds/list.json#2":  {"", "Oscar Lindqvist"},
		"enc/latin1.txt":     {"Café owners meet", "Zoë Martín met Andrés Núñez in Bogotá"},
		"enc/utf16.txt":      {"Ferry link", "Søren Holm met Ingrid Dahl in Tromsø"},
		"enc/bom.txt":        {"Hotel sale", "Riverside United hired Tomas Varga"},
	}
	if len(gs) != len(want) {
		t.Errorf("stored %d articles, want %d: %v", len(gs), len(want), slices.Sorted(mapsKeys(gs)))
	}
	for id, w := range want {
		g, ok := gs[id]
		if !ok {
			t.Errorf("article %s not stored", id)
			continue
		}
		if g.Article.Title != w.title {
			t.Errorf("%s: title %q, want %q", id, g.Article.Title, w.title)
		}
		if len(g.Article.SHA256) != 64 {
			t.Errorf("%s: sha256 %q", id, g.Article.SHA256)
		}
		found := false
		for _, e := range g.Edges {
			if strings.Contains(e.Sentence, w.sentence) {
				found = true
			}
			if e.Article != g.Article.ID || local(e.Article) != id || e.End <= e.Start || !graph.ValidType(e.Type) {
				t.Errorf("%s: bad edge %+v", id, e)
			}
		}
		if !found {
			t.Errorf("%s: no edge with evidence %q; edges: %+v", id, w.sentence, g.Edges)
		}
		for _, e := range g.Edges {
			if strings.Contains(e.Sentence, "Nobody") || strings.Contains(e.Sentence, "Secret City") {
				t.Errorf("%s: edge from invisible or hidden text: %q", id, e.Sentence)
			}
		}
	}
	if d := gs["feeds/one.json"].Article.Date; d != "2024-02-02" {
		t.Errorf("json date = %q", d)
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestIncrementalRuns(t *testing.T) {
	dir := t.TempDir()
	rels, err := testcorpus.Write(dir, 7, 6)
	if err != nil {
		t.Fatal(err)
	}
	// An exact copy of article 0 under another name: a duplicate.
	orig, _ := os.ReadFile(filepath.Join(dir, rels[0]))
	writeFile(t, dir, "copies/same-as-0.txt", orig)

	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	ex := newExtractor(t)
	opts := ingest.Options{Roots: []string{dir}, Workers: 2, BatchArticles: 3}

	sum := run(t, s, ex, opts)
	checkCounts(t, sum, ingest.Counts{New: 6, Duplicate: 1})
	if ex.calls.Load() != 6 {
		t.Errorf("extractor ran %d times, want 6 (the duplicate is not extracted)", ex.calls.Load())
	}
	gs := graphs(t, s)
	// Walk order is lexical: "copies/..." comes before "sub-0/...", so the
	// copy is the first seen and the original is its duplicate.
	dup := gs[rels[0]]
	if local(dup.Article.DuplicateOf) != "copies/same-as-0.txt" || len(dup.Edges) != 0 {
		t.Errorf("duplicate article = %+v with %d edges, want duplicate_of copies/same-as-0.txt and no edges", dup.Article, len(dup.Edges))
	}
	if len(gs["copies/same-as-0.txt"].Edges) == 0 {
		t.Errorf("the first copy has no edges")
	}
	first := Dump(t, s)

	// Same folder from another working directory: same ids, all unchanged, no NLP.
	ex.calls.Store(0)
	t.Chdir(dir)
	sum = run(t, s, ex, ingest.Options{Roots: []string{"."}, Workers: 2})
	checkCounts(t, sum, ingest.Counts{Unchanged: 7})
	if n := ex.calls.Load(); n != 0 {
		t.Errorf("unchanged rerun ran the extractor %d times", n)
	}
	if Dump(t, s) != first {
		t.Errorf("an unchanged rerun changed the graph")
	}

	// Edit one article: it alone is re-extracted and its old facts are gone.
	edited := "Harbour pact revised\n\nKarl Svensson criticised Mirela Ionescu over the harbour pact.\n"
	writeFile(t, dir, rels[1], []byte(edited))
	ex.calls.Store(0)
	sum = run(t, s, ex, opts)
	checkCounts(t, sum, ingest.Counts{Changed: 1, Unchanged: 6})
	if n := ex.calls.Load(); n != 1 {
		t.Errorf("edit rerun ran the extractor %d times, want 1", n)
	}
	g := graphs(t, s)[rels[1]]
	if g.Article.Title != "Harbour pact revised" || len(g.Edges) == 0 {
		t.Fatalf("edited article: %+v, %d edges", g.Article, len(g.Edges))
	}
	for _, e := range g.Edges {
		if !strings.Contains(edited, e.Sentence) {
			t.Errorf("stale edge from the old version: %q", e.Sentence)
		}
	}

	// Remove a file: kept without --prune, retracted with it.
	if err := os.Remove(filepath.Join(dir, rels[2])); err != nil {
		t.Fatal(err)
	}
	sum = run(t, s, ex, opts)
	checkCounts(t, sum, ingest.Counts{Unchanged: 6})
	if _, ok := graphs(t, s)[rels[2]]; !ok {
		t.Errorf("article removed without --prune")
	}
	opts.Prune = true
	sum = run(t, s, ex, opts)
	checkCounts(t, sum, ingest.Counts{Unchanged: 6, Pruned: 1})
	if _, ok := graphs(t, s)[rels[2]]; ok {
		t.Errorf("--prune left the removed article")
	}

	// A file that cannot be read now is not gone: --prune keeps its last
	// good version.
	writeFile(t, dir, rels[3], []byte("corrupted\x00\x00"))
	sum = run(t, s, ex, opts)
	checkCounts(t, sum, ingest.Counts{Unchanged: 5, Failed: 1})
	if _, ok := graphs(t, s)[rels[3]]; !ok {
		t.Errorf("--prune retracted an article whose file failed to read")
	}
	if err := s.Verify(context.Background()); err != nil {
		t.Errorf("store inconsistent after the runs: %v", err)
	}
}

func TestShardsPartitionTheCorpus(t *testing.T) {
	dir := t.TempDir()
	if _, err := testcorpus.Write(dir, 11, 16); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i := range 6 {
		_, text := testcorpus.Article(12, i)
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("r%d", i), "text": text})
		lines = append(lines, string(b))
	}
	writeFile(t, dir, "feed.jsonl", []byte(strings.Join(lines, "\n")))
	ex := newExtractor(t)

	whole := openStore(t, filepath.Join(t.TempDir(), "whole.db"))
	sum := run(t, whole, ex, ingest.Options{Roots: []string{dir}, Workers: 2})
	checkCounts(t, sum, ingest.Counts{New: 22})
	all := graphs(t, whole)

	const n = 3
	shared := openStore(t, filepath.Join(t.TempDir(), "shared.db"))
	owner := map[string]int{}
	for i := range n {
		own := openStore(t, filepath.Join(t.TempDir(), fmt.Sprintf("shard%d.db", i)))
		sum := run(t, own, ex, ingest.Options{Roots: []string{dir}, Workers: 2, Shard: i, Shards: n})
		if sum.Articles.Failed != 0 || sum.Shard != fmt.Sprintf("%d/%d", i, n) {
			t.Fatalf("shard %d: %+v", i, sum)
		}
		for _, g := range graphs(t, own) {
			id := g.Article.ID
			if prev, dup := owner[id]; dup {
				t.Errorf("article %s is in shards %d and %d", id, prev, i)
			}
			owner[id] = i
			if !ingest.InShard(id, i, n) {
				t.Errorf("article %s processed by shard %d but hashes elsewhere", id, i)
			}
		}
		// All shards into one store, with --prune: no shard prunes another's articles.
		run(t, shared, ex, ingest.Options{Roots: []string{dir}, Workers: 2, Shard: i, Shards: n, Prune: true})
	}
	for _, g := range all {
		if _, ok := owner[g.Article.ID]; !ok {
			id := g.Article.ID
			t.Errorf("article %s is in no shard", id)
		}
	}
	if len(owner) != len(all) {
		t.Errorf("shards hold %d articles, the whole run %d", len(owner), len(all))
	}
	if Dump(t, shared) != Dump(t, whole) {
		t.Errorf("three shards into one store differ from one unsharded run")
	}
}

func TestLargeFilesRefused(t *testing.T) {
	dir := t.TempDir()
	// A sparse 100 MB file: refused from its size without being read.
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	writeFile(t, dir, "ok.txt", []byte("Small one\n\nLaura Chen met Marcus Reid in Geneva.\n"))
	long := `{"id":"big","text":"` + strings.Repeat("word ", 300_000) + `"}`
	writeFile(t, dir, "feed.jsonl", []byte(`{"id":"small","text":"Amara Nwosu met Kenji Watanabe."}`+"\n"+long+"\n"))
	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	sum := run(t, s, newExtractor(t), ingest.Options{Roots: []string{dir}, MaxFileSize: 1 << 20})
	checkCounts(t, sum, ingest.Counts{New: 2, Failed: 2})
	reasons := map[string]string{}
	for _, p := range sum.Failures {
		reasons[filepath.Base(p.Path)] = p.Reason
	}
	if r := reasons["huge.txt"]; !strings.Contains(r, "100.0 MiB, larger than max_file_size 1.0 MiB") {
		t.Errorf("huge.txt reason = %q", r)
	}
	if r := reasons["feed.jsonl#2"]; !strings.Contains(r, "line 2 is 1.4 MiB, larger than max_file_size") {
		t.Errorf("long jsonl line reason = %q (all: %v)", r, reasons)
	}
}

func TestInterruptLeavesNothingHalfWritten(t *testing.T) {
	dir := t.TempDir()
	if _, err := testcorpus.Write(dir, 5, 40); err != nil {
		t.Fatal(err)
	}
	ex := newExtractor(t)
	clean := openStore(t, filepath.Join(t.TempDir(), "clean.db"))
	run(t, clean, ex, ingest.Options{Roots: []string{dir}, Workers: 2})

	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	ctx, cancel := context.WithCancel(context.Background())
	stopper := &cancelAfter{ex: ex, n: 10, cancel: cancel}
	sum, err := ingest.Run(ctx, s, stopper, ingest.Options{Roots: []string{dir}, Workers: 2, BatchArticles: 4})
	if err == nil || !sum.Interrupted {
		t.Fatalf("interrupted run: err %v, summary %+v", err, sum)
	}
	done := sum.Articles.New
	if done == 0 || done >= 40 {
		t.Errorf("interrupted run wrote %d articles, want some but not all", done)
	}
	if err := s.Verify(context.Background()); err != nil {
		t.Fatalf("store inconsistent after the interrupt: %v", err)
	}
	sum = run(t, s, ex, ingest.Options{Roots: []string{dir}, Workers: 2})
	checkCounts(t, sum, ingest.Counts{New: 40 - done, Unchanged: done})
	if Dump(t, s) != Dump(t, clean) {
		t.Errorf("interrupted + rerun graph differs from a clean run")
	}
}

// cancelAfter cancels the run's context when its n-th extraction starts,
// as Ctrl-C would.
type cancelAfter struct {
	ex     ingest.Extractor
	n      int64
	calls  atomic.Int64
	cancel context.CancelFunc
}

func (c *cancelAfter) Extract(ctx context.Context, doc, text string) (*extract.Result, error) {
	if c.calls.Add(1) == c.n {
		c.cancel()
	}
	return c.ex.Extract(ctx, doc, text)
}

// brokenStore is an embedded store whose disk "fails" on every write, to
// check that the pipeline stops with the store's error instead of failing
// every article or hanging.
type brokenStore struct{ *embedded.Store }

var errDiskFull = errors.New("write kgb.db: no space left on device")

func (b brokenStore) ReplaceArticle(context.Context, graph.ArticleGraph) error    { return errDiskFull }
func (b brokenStore) ReplaceArticles(context.Context, []graph.ArticleGraph) error { return errDiskFull }

func TestStoreFailureStopsTheRun(t *testing.T) {
	dir := t.TempDir()
	if _, err := testcorpus.Write(dir, 3, 30); err != nil {
		t.Fatal(err)
	}
	s := brokenStore{openStore(t, filepath.Join(t.TempDir(), "kgb.db"))}
	done := make(chan struct{})
	var sum *ingest.Summary
	var err error
	go func() {
		defer close(done)
		sum, err = ingest.Run(context.Background(), s, newExtractor(t), ingest.Options{Roots: []string{dir}, Workers: 2, BatchArticles: 2})
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("Run hangs after the store failed")
	}
	if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "store keeps failing") {
		t.Fatalf("err = %v, want the store's error; summary %+v", err, sum)
	}
	if sum.Articles.New != 0 || sum.Articles.Failed > 3 {
		t.Errorf("articles %+v: want nothing written and the run stopped after 3 failed writes", sum.Articles)
	}
}

func TestLongArticleIsExtractedInChunks(t *testing.T) {
	var b strings.Builder
	b.WriteString("A very long digest\n\n")
	for i := 0; b.Len() < 60<<10; i++ {
		_, text := testcorpus.Article(99, i)
		b.WriteString(text + "\n")
	}
	text := b.String()
	dir := t.TempDir()
	writeFile(t, dir, "digest.txt", []byte(text))
	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	ex := newExtractor(t)
	sum := run(t, s, ex, ingest.Options{Roots: []string{dir}, ChunkSize: 16 << 10})
	checkCounts(t, sum, ingest.Counts{New: 1})
	if n := ex.calls.Load(); n < 4 {
		t.Errorf("a %d KiB article was extracted in %d call(s), want chunks of at most 16 KiB", len(text)>>10, n)
	}
	g := graphs(t, s)["digest.txt"]
	if len(g.Edges) < 100 {
		t.Fatalf("only %d edges from %d sentences", len(g.Edges), sum.Sentences)
	}
	maxIndex := 0
	for _, e := range g.Edges {
		if e.Start < 0 || e.End > len(text) || e.Start >= e.End || !strings.Contains(e.Sentence, text[e.Start:e.End]) {
			t.Fatalf("edge evidence [%d,%d) is not inside its sentence %q", e.Start, e.End, e.Sentence)
		}
		maxIndex = max(maxIndex, e.SentenceIndex)
	}
	if maxIndex >= sum.Sentences || maxIndex < sum.Sentences/2 {
		t.Errorf("sentence indices run to %d of %d sentences: not shifted across chunks", maxIndex, sum.Sentences)
	}
}

func TestHiddenFilesNeedTheFlag(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "seen.txt", []byte("Seen\n\nLaura Chen met Marcus Reid in Geneva.\n"))
	writeFile(t, dir, ".drafts/draft.txt", []byte("Draft\n\nNadia Petrova met Oscar Lindqvist in Oslo.\n"))
	writeFile(t, dir, "sub/.notes.md", []byte("# Notes\n\nAmara Nwosu met Kenji Watanabe.\n"))
	ex := newExtractor(t)
	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	checkCounts(t, run(t, s, ex, ingest.Options{Roots: []string{dir}}), ingest.Counts{New: 1})
	checkCounts(t, run(t, s, ex, ingest.Options{Roots: []string{dir}, Hidden: true}), ingest.Counts{New: 2, Unchanged: 1})
	if _, ok := graphs(t, s)[".drafts/draft.txt"]; !ok {
		t.Errorf("--hidden did not ingest .drafts/draft.txt")
	}
}

func TestJSONLEncodingsAndBadLines(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "u16.jsonl", utf16LE(`{"id":"1","text":"Søren Holm met Ingrid Dahl in Tromsø."}`+"\r\n"+`{"id":"2","text":"Laura Chen met Marcus Reid in Geneva."}`+"\r\n"))
	writeFile(t, dir, "mixed.jsonl", []byte("{\"id\":\"ok\",\"text\":\"Zo\xEB Mart\xEDn met Andr\xE9s N\xFA\xF1ez in Bogot\xE1.\"}\n"+
		`{"id":"broken","text": }`+"\n"+
		`{"id":"empty","text":""}`+"\n"+
		"\xEF\xBB\xBF\n"+ // a stray BOM line: not JSON
		`{"id":"nul","text":"a`+"\x00"+`b"}`+"\n"))
	s := openStore(t, filepath.Join(t.TempDir(), "kgb.db"))
	sum := run(t, s, newExtractor(t), ingest.Options{Roots: []string{dir}})
	checkCounts(t, sum, ingest.Counts{New: 3, Failed: 4})
	gs := graphs(t, s)
	for id, want := range map[string]string{"u16.jsonl#1": "Søren Holm", "u16.jsonl#2": "Laura Chen", "mixed.jsonl#ok": "Zoë Martín"} {
		g, ok := gs[id]
		if !ok {
			t.Errorf("%s not stored (have %v)", id, slices.Sorted(mapsKeys(gs)))
			continue
		}
		found := false
		for _, e := range g.Edges {
			found = found || strings.Contains(e.Sentence, want)
		}
		if !found {
			t.Errorf("%s: no edge mentioning %q: %+v", id, want, g.Edges)
		}
	}
	reasons := ""
	for _, f := range sum.Failures {
		reasons += filepath.Base(f.Path) + ": " + f.Reason + "\n"
	}
	for _, w := range []string{"mixed.jsonl#2: line 2: malformed JSON", "mixed.jsonl#empty: line 3: no text", "mixed.jsonl#4: line 4: malformed JSON", "mixed.jsonl#5: binary data: NUL byte on line 5"} {
		if !strings.Contains(reasons, w) {
			t.Errorf("failures lack %q:\n%s", w, reasons)
		}
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0].Reason, "line 1 is not valid UTF-8") {
		t.Errorf("warnings = %+v", sum.Warnings)
	}
}
