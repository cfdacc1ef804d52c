package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/graph/export"
	"github.com/kgb-dev/kgb/graph/storetest"
)

// sampleDB writes storetest.Sample() to a new embedded file and closes it.
func sampleDB(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kgb.db")
	s, err := embedded.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceArticles(ctx, storetest.Sample()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunShow(t *testing.T) {
	db := sampleDB(t)
	ctx := context.Background()
	for _, tc := range []struct {
		query string
		want  []string // lines (trimmed of trailing spaces) that must appear, in order
	}{
		{"Northwind", []string{
			"Northwind Labs (Organization)  [northwind labs]",
			"  aliases: Northwind",
			"  3 evidence edge(s), mentioned in 1 article(s)",
			`  -[BUY]->     Harbor Cloud (Organization)  2         "Northwind Labs agreed to buy Harbor Cloud for $2bn, its biggest deal." [business/deal.txt]`,
			`  <-[PRAISE]-  Tomas Reyes (Person)         1         "Tomas Reyes praised Northwind, calling the firm "bold"." [business/deal.txt]`,
		}},
		{"person:ada vance", []string{
			"Ada Vance (Person)  [ada vance]",
			"  titles:  Prime Minister",
		}},
		{"harbor", []string{
			"Harbor Cloud (Organization)  [harbor cloud]",
			`  also matching "Harbor Cloud" by prefix: Harbor City FC (Organization) [harbor city fc]`,
		}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			var out bytes.Buffer
			if err := runShow(ctx, showOptions{DB: db}, tc.query, &out); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(out.String(), "\n")
			for i := range lines {
				lines[i] = strings.TrimRight(lines[i], " ")
			}
			at := 0
			for _, w := range tc.want {
				found := false
				for ; at < len(lines); at++ {
					if lines[at] == w {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("output lacks (in order) %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestRunShowJSON(t *testing.T) {
	db := sampleDB(t)
	var out bytes.Buffer
	if err := runShow(context.Background(), showOptions{DB: db, JSON: true, Limit: 1}, "Vance", &out); err != nil {
		t.Fatal(err)
	}
	var res showResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	if res.Entity.Key != "ada vance" || res.Match != "alias" || res.Degree != 3 || len(res.Neighbours) != 1 {
		t.Errorf("show --json = %+v", res)
	}
	if n := res.Neighbours[0]; n.Direction != "out" || n.Sample == "" || n.Evidence != 1 {
		t.Errorf("neighbour = %+v", n)
	}
}

func TestRunShowErrors(t *testing.T) {
	db := sampleDB(t)
	ctx := context.Background()
	var nf *notFoundError
	if err := runShow(ctx, showOptions{DB: db}, "Zanzibar", &bytes.Buffer{}); !errors.As(err, &nf) {
		t.Errorf("unknown entity: %v, want *notFoundError", err)
	}
	var ue *usageError
	if err := runShow(ctx, showOptions{DB: db}, "   ", &bytes.Buffer{}); !errors.As(err, &ue) {
		t.Errorf("blank name: %v, want a usage error", err)
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if err := runShow(ctx, showOptions{DB: missing}, "x", &bytes.Buffer{}); !errors.As(err, &ue) || !strings.Contains(err.Error(), "kgb ingest") {
		t.Errorf("missing db: %v, want a usage error mentioning kgb ingest", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("show created the missing database file")
	}
	notDB := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notDB, []byte("hello"), 0o644)
	if err := runShow(ctx, showOptions{DB: notDB}, "x", &bytes.Buffer{}); !errors.As(err, &ue) || !errors.Is(err, embedded.ErrNotKGB) {
		t.Errorf("not a database: %v", err)
	}
}

func TestRunPath(t *testing.T) {
	db := sampleDB(t)
	ctx := context.Background()
	var out bytes.Buffer
	if err := runPath(ctx, pathOptions{DB: db}, "Lisbon", "harbor cloud", &out); err != nil {
		t.Fatal(err)
	}
	want := `Lisbon (Place) → Harbor Cloud (Organization): 4 hop(s)
  Lisbon <-[MEET_IN]- Ada Vance
      "Prime Minister Ada Vance met President Tomas Reyes in Lisbon on Monday." [politics/summit.txt]
  Ada Vance -[MEET]-> Tomas Reyes
      "Prime Minister Ada Vance met President Tomas Reyes in Lisbon on Monday." [politics/summit.txt]
  Tomas Reyes -[PRAISE]-> Northwind Labs
      "Tomas Reyes praised Northwind, calling the firm "bold"." [business/deal.txt]
  Northwind Labs -[BUY]-> Harbor Cloud
      "Northwind Labs agreed to buy Harbor Cloud for $2bn, its biggest deal." [business/deal.txt]
`
	if out.String() != want {
		t.Errorf("path output:\n%s\nwant:\n%s", out.String(), want)
	}
	for _, tc := range []struct {
		name string
		a, b string
		opts pathOptions
		want error
	}{
		{"not connected", "Ada Vance", "Harbor City FC", pathOptions{DB: db}, embedded.ErrNoPath},
		{"too far", "Lisbon", "Harbor Cloud", pathOptions{DB: db, MaxHops: 2}, embedded.ErrNoPath},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := runPath(ctx, tc.opts, tc.a, tc.b, &bytes.Buffer{}); !errors.Is(err, tc.want) {
				t.Errorf("runPath = %v, want %v", err, tc.want)
			}
		})
	}
	var nf *notFoundError
	if err := runPath(ctx, pathOptions{DB: db}, "Ada Vance", "Nobody Here", &bytes.Buffer{}); !errors.As(err, &nf) {
		t.Errorf("unknown B: %v", err)
	}
	out.Reset()
	if err := runPath(ctx, pathOptions{DB: db, JSON: true}, "Vance", "Reyes", &out); err != nil {
		t.Fatal(err)
	}
	var res struct{ Hops []pathHop }
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || len(res.Hops) != 1 || res.Hops[0].Type != "MEET" || !res.Hops[0].Forward {
		t.Errorf("path --json = %s (%v)", out.String(), err)
	}
}

func FuzzRunPathArgs(f *testing.F) {
	db := sampleDB(f)
	ctx := context.Background()
	f.Add("Ada Vance", "Harbor Cloud")
	f.Add("person:", ":")
	f.Add("\x00", "lisbon")
	f.Add("'}) DETACH DELETE n //", "`x`")
	f.Fuzz(func(t *testing.T, a, b string) {
		var out bytes.Buffer
		err := runPath(ctx, pathOptions{DB: db, MaxHops: 4}, a, b, &out)
		var nf *notFoundError
		var ue *usageError
		switch {
		case err == nil:
			if !strings.Contains(out.String(), "hop(s)") {
				t.Fatalf("no hop count in %q", out.String())
			}
		case errors.As(err, &nf), errors.As(err, &ue), errors.Is(err, embedded.ErrNoPath):
		default:
			t.Fatalf("runPath(%q, %q): unexpected error %v", a, b, err)
		}
	})
}

func TestRunTop(t *testing.T) {
	db := sampleDB(t)
	ctx := context.Background()
	var out bytes.Buffer
	if err := runTop(ctx, topOptions{DB: db, N: 2}, &out); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		": 4 article(s), 8 entit(ies), 7 evidence edge(s)",
		"  1  Ada Vance       Person        3      1",
		"  2  Northwind Labs  Organization  3      1",
		"  1  BUY       2",
		"  2  BEAT      1",
	} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("top output lacks %q:\n%s", w, out.String())
		}
	}
	if strings.Contains(out.String(), "Harbor Cloud") {
		t.Errorf("-n 2 printed a third entity:\n%s", out.String())
	}
	out.Reset()
	if err := runTop(ctx, topOptions{DB: db, N: 3, JSON: true}, &out); err != nil {
		t.Fatal(err)
	}
	var res topResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || len(res.Top) != 3 || len(res.Relations) != 3 || res.Edges != 7 {
		t.Errorf("top --json = %s (%v)", out.String(), err)
	}
	var ue *usageError
	if err := runTop(ctx, topOptions{DB: db, N: 0}, &out); !errors.As(err, &ue) {
		t.Errorf("-n 0: %v", err)
	}
	// An empty store says so.
	empty := filepath.Join(t.TempDir(), "empty.db")
	s, err := embedded.Open(ctx, empty)
	if err != nil {
		t.Fatal(err)
	}
	s.Close(ctx)
	out.Reset()
	if err := runTop(ctx, topOptions{DB: empty, N: 5}, &out); err != nil || !strings.Contains(out.String(), "graph is empty") {
		t.Errorf("empty store: %v\n%s", err, out.String())
	}
}

// TestRunPushEmbeddedToEmbedded pushes into a second embedded store (any
// graph.Store works as the destination) and checks the copy is complete and
// that pushing again changes nothing.
func TestRunPushEmbeddedToEmbedded(t *testing.T) {
	ctx := context.Background()
	src, err := embedded.OpenReadOnly(ctx, sampleDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close(ctx)
	dst, err := embedded.Open(ctx, filepath.Join(t.TempDir(), "dst.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close(ctx)
	jsonl := func(r graph.Reader) string {
		var b bytes.Buffer
		if _, err := export.JSONL(ctx, r, &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, tc := range []struct {
		opts pushOptions
		want string
	}{
		{pushOptions{DB: "src.db", Batch: 3}, "pushed 4 article(s), 9 mention(s), 7 evidence edge(s) from src.db"},
		{pushOptions{DB: "src.db", Batch: 3}, "pushed 0 article(s), 0 mention(s), 0 evidence edge(s) from src.db"},
		{pushOptions{DB: "src.db", Batch: 2, Force: true}, "pushed 4 article(s), 9 mention(s), 7 evidence edge(s) from src.db"},
	} {
		var out, progress bytes.Buffer
		tc.opts.Progress, tc.opts.ProgressEvery = &progress, time.Nanosecond
		defer func() {
			if tc.opts.Force && !strings.Contains(progress.String(), "push: 4 article(s) written, 0 unchanged") {
				t.Errorf("progress lines: %q", progress.String())
			}
		}()
		if err := runPush(ctx, tc.opts, src, dst, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), tc.want) {
			t.Errorf("push %+v: %s, want %s", tc.opts, out.String(), tc.want)
		}
		if !tc.opts.Force && strings.Contains(tc.want, "pushed 0") && !strings.Contains(out.String(), "4 unchanged") {
			t.Errorf("second push did not report 4 unchanged articles: %s", out.String())
		}
		if got, want := jsonl(dst), jsonl(src); got != want {
			t.Errorf("push %+v: destination differs from source:\n%s\n---\n%s", tc.opts, got, want)
		}
		if err := dst.Verify(ctx); err != nil {
			t.Error(err)
		}
	}
	// An article changed in the source (new hash) is pushed again.
	edited := storetest.Sample()[2]
	edited.Article.SHA256 = "0ddba11"
	edited.Edges = edited.Edges[:0]
	srcW, err := embedded.Open(ctx, filepath.Join(t.TempDir(), "src2.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer srcW.Close(ctx)
	if err := srcW.ReplaceArticles(ctx, append(storetest.Sample(), edited)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runPush(ctx, pushOptions{DB: "src2.db"}, srcW, dst, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "pushed 1 article(s), 2 mention(s), 0 evidence edge(s)") {
		t.Errorf("push after an edit: %s", out.String())
	}
	if got, want := jsonl(dst), jsonl(srcW); got != want {
		t.Errorf("destination differs from the edited source:\n%s\n---\n%s", got, want)
	}

	// An article only the destination holds stays without --prune, and is
	// retracted with it, leaving the destination equal to the source.
	gone := storetest.Sample()[0]
	gone.Article.ID, gone.Article.SHA256 = "gone/old.txt", "5ca1ab1e"
	for i := range gone.Edges {
		gone.Edges[i].Article = gone.Article.ID
	}
	if err := dst.ReplaceArticle(ctx, gone); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		prune bool
		want  string
		same  bool
	}{
		{false, "4 unchanged article(s) skipped\n", false},
		{true, "4 unchanged article(s) skipped; 1 article(s) pruned\n", true},
		{true, "4 unchanged article(s) skipped; 0 article(s) pruned\n", true},
	} {
		out.Reset()
		if err := runPush(ctx, pushOptions{DB: "src2.db", Prune: tc.prune}, srcW, dst, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(out.String(), tc.want) {
			t.Errorf("push prune=%v: %q, want it to end %q", tc.prune, out.String(), tc.want)
		}
		if same := jsonl(dst) == jsonl(srcW); same != tc.same {
			t.Errorf("push prune=%v: destination equal to source = %v, want %v", tc.prune, same, tc.same)
		}
		if err := dst.Verify(ctx); err != nil {
			t.Error(err)
		}
	}

	// Interrupted: nothing is pushed, the error says why.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := runPush(cctx, pushOptions{}, src, dst, &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled push: %v", err)
	}
}

func TestRunExport(t *testing.T) {
	ctx := context.Background()
	s, err := embedded.OpenReadOnly(ctx, sampleDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	dir := t.TempDir()
	for _, tc := range []struct {
		opts    exportOptions
		summary string
	}{
		{exportOptions{Format: "neo4j-admin", Out: filepath.Join(dir, "import")}, "exported 4 article(s), 8 entit(ies), 7 evidence edge(s) as neo4j-admin"},
		{exportOptions{Format: "graphml", Out: filepath.Join(dir, "g.graphml")}, "exported 4 article(s), 8 entit(ies), 7 evidence edge(s) as graphml"},
		{exportOptions{Format: "jsonl", Out: filepath.Join(dir, "g.jsonl")}, "exported 4 article(s), 9 mention(s), 7 evidence edge(s) as jsonl"},
	} {
		t.Run(tc.opts.Format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := runExport(ctx, tc.opts, s, &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stderr.String(), tc.summary) {
				t.Errorf("stderr = %q, want %q", stderr.String(), tc.summary)
			}
			if _, err := os.Stat(tc.opts.Out); err != nil {
				t.Error(err)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	if err := runExport(ctx, exportOptions{Format: "jsonl", Out: "-"}, s, &stdout, &stderr); err != nil || strings.Count(stdout.String(), "\n") != 4 {
		t.Errorf("jsonl to stdout: %v, %d lines", err, strings.Count(stdout.String(), "\n"))
	}
	for _, opts := range []exportOptions{
		{Format: "", Out: "x"},
		{Format: "csv", Out: "x"},
		{Format: "graphml", Out: ""},
		{Format: "neo4j-admin", Out: filepath.Join(dir, "import")}, // exists, not empty
		{Format: "neo4j-admin", Out: "-"},
	} {
		var ue *usageError
		if err := runExport(ctx, opts, s, &stdout, &stderr); !errors.As(err, &ue) {
			t.Errorf("runExport(%+v) = %v, want a usage error", opts, err)
		}
	}
}
