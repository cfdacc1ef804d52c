package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph/neo4j/neo4jtest"

	"github.com/spf13/pflag"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/ingest"
)

// testConfig loads a configuration from flag args only: no file, no
// environment, so the machine's NEO4J_URI cannot redirect a test.
func testConfig(t *testing.T, args ...string) *config.Config {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	config.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(config.Options{Flags: fs, WorkDir: t.TempDir(), LookupEnv: func(string) (string, bool) { return "", false }})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func put(t *testing.T, dir, rel string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := map[string]string{
		"good/one.txt":    "Port deal signed\n\nMayor Lina Ortiz met Karl Svensson in Porto on Monday.\n",
		"good/two.md":     "# Bank news\n\nCrestline Bank hired Amara Nwosu as its new adviser.\n",
		"good/three.html": "<html><title>Air</title><body><p>Orion Airlines bought Atlas Shipping.</p></body></html>",
		"good/four.json":  `{"title": "Energy", "text": "Meridian Energy signed a deal with Silverlake Foods."}`,
	}
	for rel, text := range good {
		put(t, dir, rel, []byte(text))
	}
	// Bad or odd inputs, with the reason each must get.
	put(t, dir, "bad/empty.txt", nil)
	put(t, dir, "bad/binary.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	put(t, dir, "bad/nul.txt", []byte("Helen Marsh met\x00Tobias Weber."))
	put(t, dir, "bad/latin1.txt", []byte("Caf\xE9 news\n\nZo\xEB Mart\xEDn met Andr\xE9s N\xFA\xF1ez in Bogot\xE1.\n"))
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "Ferry\n\nSøren Holm met Ingrid Dahl in Tromsø.\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	put(t, dir, "bad/utf16.txt", utf16)
	put(t, dir, "bad/one-line-10mb.txt", bytes.Repeat([]byte("The mayor met the council. "), 10<<20/27+1))
	put(t, dir, "bad/malformed.json", []byte("{\"title\": \"x\",\n \"text\": \"Acme bought Beta.\"\n"))
	put(t, dir, "bad/scripts.html", []byte(`<html><head><script>var s = "Acme bought Beta.";</script></head><body><script>alert(1)</script><style>p{}</style></body></html>`))
	put(t, dir, "bad/vanishes.txt", []byte("Laura Chen met Marcus Reid.\n"))
	if err := os.Symlink(".", filepath.Join(dir, "bad", "loop")); err != nil {
		t.Fatal(err)
	}
	unreadable := put(t, dir, "bad/unreadable.txt", []byte("Nadia Petrova met Oscar Lindqvist.\n"))
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	asRoot := os.Geteuid() == 0
	if asRoot {
		// root reads mode-000 files, so the case cannot be produced here.
		t.Log("running as root: the chmod 000 file is readable and is checked as a good file instead")
	}

	ingestBeforeRead = func(p string) {
		if filepath.Base(p) == "vanishes.txt" {
			os.Remove(p)
		}
	}
	t.Cleanup(func() { ingestBeforeRead = nil })

	db := filepath.Join(t.TempDir(), "kgb.db")
	cfg := testConfig(t, "--db", db, "--workers", "2")
	var stdout, stderr bytes.Buffer
	err := runIngest(context.Background(), ingestOptions{JSON: true}, cfg, []string{dir}, &stdout, &stderr)
	if code := exitCode(context.Background(), err, &stderr); code != exitPartial {
		t.Fatalf("exit code %d (err %v), want %d; stderr: %s", code, err, exitPartial, stderr.String())
	}
	var sum ingest.Summary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		t.Fatalf("summary is not JSON: %v\n%s", err, stdout.String())
	}
	reasons := map[string]string{}
	for _, p := range append(append(sum.Failures, sum.Skips...), sum.Warnings...) {
		rel, _ := filepath.Rel(dir, p.Path)
		reasons[filepath.ToSlash(rel)] += p.Reason + ";"
	}
	want := map[string]string{
		"bad/empty.txt":         "empty file",
		"bad/binary.txt":        "binary file: NUL byte at offset 8",
		"bad/nul.txt":           "binary file: NUL byte at offset 15",
		"bad/latin1.txt":        "decoded as Windows-1252",
		"bad/one-line-10mb.txt": "larger than max_file_size 8.0 MiB",
		"bad/malformed.json":    "malformed JSON",
		"bad/scripts.html":      "no visible text",
		"bad/vanishes.txt":      "vanished between the folder walk and the read",
		"bad/loop":              "symlink loop",
	}
	if !asRoot {
		want["bad/unreadable.txt"] = "permission denied"
	}
	for rel, w := range want {
		if !strings.Contains(reasons[rel], w) {
			t.Errorf("%s: reason %q, want one containing %q", rel, reasons[rel], w)
		}
	}
	wantFailed := 5 // binary, nul, 10 MB, malformed, vanished
	if !asRoot {
		wantFailed++
	}
	if sum.Articles.Failed != wantFailed || len(sum.Failures) != wantFailed {
		t.Errorf("failed = %d (%d listed), want %d: %+v", sum.Articles.Failed, len(sum.Failures), wantFailed, sum.Failures)
	}
	wantNew := len(good) + 2 // + latin1, utf16
	if asRoot {
		wantNew++ // unreadable.txt was readable
	}
	if sum.Articles.New != wantNew {
		t.Errorf("new = %d, want %d (every good file ingested)", sum.Articles.New, wantNew)
	}

	s, err := embedded.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	// Ids start with the root folder's name.
	for rel := range good {
		if _, found, err := s.ArticleHash(context.Background(), filepath.Base(dir)+"/"+rel); err != nil || !found {
			t.Errorf("good file %s not in the store (%v)", rel, err)
		}
	}
	for _, rel := range []string{"bad/latin1.txt", "bad/utf16.txt"} {
		if _, found, _ := s.ArticleHash(context.Background(), filepath.Base(dir)+"/"+rel); !found {
			t.Errorf("%s not in the store", rel)
		}
	}
	if err := s.Verify(context.Background()); err != nil {
		t.Errorf("store inconsistent: %v", err)
	}
}

func TestIngestUsageErrors(t *testing.T) {
	tests := []struct {
		name  string
		opts  ingestOptions
		paths []string
		want  string
	}{
		{"missing path", ingestOptions{}, []string{"/nonexistent/articles"}, "no such file"},
		{"bad shard", ingestOptions{Shard: "3/3"}, []string{"."}, "want i/n with 0 <= i < n"},
		{"shard not a number", ingestOptions{Shard: "a/b"}, []string{"."}, "--shard"},
		{"prune on a file", ingestOptions{Prune: true}, []string{"ingest.go"}, "--prune needs folders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(t, "--db", filepath.Join(t.TempDir(), "kgb.db"))
			var out, errOut bytes.Buffer
			err := runIngest(context.Background(), tt.opts, cfg, tt.paths, &out, &errOut)
			var ue *usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a usage error containing %q", err, tt.want)
			}
			if code := exitCode(context.Background(), err, &errOut); code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
		})
	}
}

func TestConfigShowMasksPassword(t *testing.T) {
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	config.AddFlags(fs)
	if err := fs.Parse([]string{"--workers", "3"}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NEO4J_URI": "neo4j://db.example:7687", "NEO4J_PASSWORD": "hunter2"}
	cfg, err := config.Load(config.Options{Flags: fs, WorkDir: t.TempDir(), LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }})
	if err != nil {
		t.Fatal(err)
	}
	for _, asJSON := range []bool{false, true} {
		var out bytes.Buffer
		if err := runConfigShow(configShowOptions{JSON: asJSON}, cfg, &out); err != nil {
			t.Fatal(err)
		}
		s := out.String()
		if strings.Contains(s, "hunter2") {
			t.Errorf("config show leaks the password:\n%s", s)
		}
		for _, w := range []string{"neo4j.password", "****", "env NEO4J_PASSWORD", "flag --workers", "neo4j://db.example:7687", "default (neo4j.uri is set)"} {
			if !strings.Contains(s, w) {
				t.Errorf("config show (json=%v) lacks %q:\n%s", asJSON, w, s)
			}
		}
	}
}

// TestIngestIntoNeo4j runs `kgb ingest` against the real Neo4j started by
// scripts/test.sh (KGB_TEST_NEO4J_URI). Article ids carry a unique folder
// name so that other tests sharing the database are not disturbed; the
// test retracts its articles at the end.
func TestIngestIntoNeo4j(t *testing.T) {
	nc := neo4jtest.Config(t, "kgb ingest into Neo4j")
	uri := nc.URI
	root := t.TempDir()
	ns := fmt.Sprintf("ingest-test-%d", time.Now().UnixNano())
	put(t, root, ns+"/summit.txt", []byte("Harbour summit\n\nPrime Minister Helen Marsh met Chancellor Tobias Weber in Halifax on Tuesday.\nWeber praised Marsh for her patience.\n"))
	put(t, root, ns+"/deal.txt", []byte("Chip deal\n\nNorthwind Semiconductors agreed to buy Bluefield Systems for $4 billion.\n"))
	put(t, root, ns+"/copy.txt", []byte("Chip deal\n\nNorthwind Semiconductors agreed to buy Bluefield Systems for $4 billion.\n"))
	args := []string{"--store", "neo4j", "--neo4j-uri", uri}
	if nc.Username != "" {
		args = append(args, "--neo4j-username", nc.Username)
	}
	env := map[string]string{"NEO4J_PASSWORD": nc.Password}
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	config.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(config.Options{Flags: fs, WorkDir: t.TempDir(), LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ingestJSON := func() ingest.Summary {
		t.Helper()
		var out, errOut bytes.Buffer
		// The folder ns is the root: its articles are ns/summit.txt, ...
		if err := runIngest(ctx, ingestOptions{JSON: true}, cfg, []string{filepath.Join(root, ns)}, &out, &errOut); err != nil {
			t.Fatalf("ingest into Neo4j: %v\n%s", err, errOut.String())
		}
		var sum ingest.Summary
		if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
			t.Fatal(err)
		}
		return sum
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	t.Cleanup(func() {
		for _, f := range []string{"summit.txt", "deal.txt", "copy.txt"} {
			s.RetractArticle(ctx, ns+"/"+f)
		}
	})

	sum := ingestJSON()
	if sum.Articles != (ingest.Counts{New: 2, Duplicate: 1}) || sum.Triples == 0 {
		t.Fatalf("first run: %+v, %d triples", sum.Articles, sum.Triples)
	}
	var ids []string
	if err := s.ArticleIDs(ctx, ns+"/", func(id string) error { ids = append(ids, id); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 {
		t.Errorf("Neo4j holds %v, want the 3 articles", ids)
	}
	if sum := ingestJSON(); sum.Articles != (ingest.Counts{Unchanged: 3}) {
		t.Errorf("rerun: %+v, want 3 unchanged", sum.Articles)
	}
}
