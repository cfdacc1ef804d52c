package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph/neo4j/neo4jtest"

	"github.com/kgb-dev/kgb/graph/neo4j"
)

func TestParseParams(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want map[string]any
		err  string
	}{
		{in: nil, want: map[string]any{}},
		{in: []string{"name=Helen Marsh", "limit=10", "f=0.5", "b=true", "z=null"},
			want: map[string]any{"name": "Helen Marsh", "limit": int64(10), "f": 0.5, "b": true, "z": nil}},
		{in: []string{`s="42"`, `l=["a",1]`, `m={"k":[2]}`, "$p=x=y", "e="},
			want: map[string]any{"s": "42", "l": []any{"a", int64(1)}, "m": map[string]any{"k": []any{int64(2)}}, "p": "x=y", "e": ""}},
		{in: []string{"t=1 2", "u=[1", "v=99999999999999999999"},
			want: map[string]any{"t": "1 2", "u": "[1", "v": 1e20}},
		{in: []string{"novalue"}, err: "want name=value"},
		{in: []string{"=x"}, err: "want name=value"},
		{in: []string{"a=1", "a=2"}, err: "given twice"},
	} {
		got, err := parseParams(tc.in)
		if tc.err != "" {
			var ue *usageError
			if err == nil || !strings.Contains(err.Error(), tc.err) || !errors.As(err, &ue) {
				t.Errorf("parseParams(%q) = %v, %v; want usage error %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseParams(%q) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
}

func TestQueryUsage(t *testing.T) {
	ctx := context.Background()
	cfg := neo4j.Config{URI: "bolt://127.0.0.1:1"}
	for _, tc := range []struct {
		opts queryOptions
		args []string
		want string
	}{
		{queryOptions{Format: "xml"}, []string{"RETURN 1"}, "--format"},
		{queryOptions{Format: "table"}, nil, "give a Cypher statement"},
		{queryOptions{Format: "table", File: "x.cypher"}, []string{"RETURN 1"}, "not both"},
		{queryOptions{Format: "table", File: filepath.Join(t.TempDir(), "missing.cypher")}, nil, "--file"},
		{queryOptions{Format: "table", Params: []string{"bad"}}, []string{"RETURN 1"}, "name=value"},
	} {
		err := runQuery(ctx, tc.opts, cfg, tc.args, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
		var ue *usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("runQuery(%+v, %q) = %v, want a usage error about %q", tc.opts, tc.args, err, tc.want)
		}
	}
}

func TestQueryUnreachable(t *testing.T) {
	const pw = "hunter2-do-not-print"
	var stdout, stderr bytes.Buffer
	err := runQuery(context.Background(), queryOptions{Format: "table"}, neo4j.Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: pw},
		[]string{"RETURN 1"}, strings.NewReader(""), &stdout, &stderr)
	var ce *neo4j.ConnectError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *neo4j.ConnectError", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "cannot reach Neo4j at bolt://127.0.0.1:1") ||
		!strings.Contains(msg, "scripts/neo4j-local.sh start") || strings.Contains(msg, pw) {
		t.Errorf("message %q", msg)
	}
	if code := exitCode(context.Background(), err, &stderr); code != exitFatal {
		t.Errorf("exit code %d, want %d", code, exitFatal)
	}
}

func queryTestConfig(t *testing.T) neo4j.Config {
	t.Helper()
	return neo4jtest.Config(t, "kgb query's integration tests")
}

func TestQueryFormats(t *testing.T) {
	cfg := queryTestConfig(t)
	ctx := context.Background()
	const q = `UNWIND $rows AS r RETURN r[0] AS name, r[1] AS n, $flag AS flag, [r[1], 0.5] AS list, null AS nothing`
	params := []string{`rows=[["Helen Marsh", 1], ["O'Brien, \"Jr\"\tx", 22]]`, "flag=true"}
	for _, tc := range []struct {
		format, want string
	}{
		{"table", "name             n   flag  list      nothing\n" +
			"Helen Marsh      1   true  [1,0.5]   null\n" +
			"O'Brien, \"Jr\" x  22  true  [22,0.5]  null\n"},
		{"json", `{"name":"Helen Marsh","n":1,"flag":true,"list":[1,0.5],"nothing":null}` + "\n" +
			`{"name":"O'Brien, \"Jr\"\tx","n":22,"flag":true,"list":[22,0.5],"nothing":null}` + "\n"},
		{"csv", "name,n,flag,list,nothing\n" +
			"Helen Marsh,1,true,\"[1,0.5]\",\n" +
			"\"O'Brien, \"\"Jr\"\"\tx\",22,true,\"[22,0.5]\",\n"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runQuery(ctx, queryOptions{Format: tc.format, Params: params}, cfg, []string{q}, strings.NewReader(""), &stdout, &stderr)
			if err != nil {
				t.Fatalf("runQuery: %v (stderr %s)", err, stderr.String())
			}
			if stdout.String() != tc.want {
				t.Errorf("output:\n%s\nwant:\n%s", stdout.String(), tc.want)
			}
		})
	}
	// An empty result still prints the header.
	var stdout bytes.Buffer
	if err := runQuery(ctx, queryOptions{Format: "csv"}, cfg, []string{"MATCH (n:NoSuchLabelKgb) RETURN n.name AS name, 1 AS one"},
		strings.NewReader(""), &stdout, &bytes.Buffer{}); err != nil || stdout.String() != "name,one\n" {
		t.Errorf("empty result: %q, %v; want just the header", stdout.String(), err)
	}
}

func TestQueryFileAndWrite(t *testing.T) {
	cfg := queryTestConfig(t)
	ctx := context.Background()
	ns := fmt.Sprintf("kgb-query-test-%d", time.Now().UnixNano())
	script := filepath.Join(t.TempDir(), "q.cypher")
	src := "// make one\nCREATE (:KgbQueryTest {ns: $ns, text: 'a;b'});\n\n// count them\nMATCH (q:KgbQueryTest {ns: $ns}) RETURN count(q) AS n, q.text AS text;\n"
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p := []string{"ns=" + ns}

	// Read-only by default: the script's CREATE fails with a hint, nothing is written.
	var stdout, stderr bytes.Buffer
	err := runQuery(ctx, queryOptions{Format: "csv", File: script, Params: p}, cfg, nil, strings.NewReader(""), &stdout, &stderr)
	var ue *usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "--write") || !strings.Contains(err.Error(), "statement 1 (line 2)") {
		t.Fatalf("read-only run of a writing script: %v, want a usage error pointing at --write", err)
	}
	count := func() string {
		var out bytes.Buffer
		if err := runQuery(ctx, queryOptions{Format: "csv", Params: p}, cfg, []string{"MATCH (q:KgbQueryTest {ns: $ns}) RETURN count(q) AS n"},
			strings.NewReader(""), &out, &bytes.Buffer{}); err != nil {
			t.Fatalf("count: %v", err)
		}
		return out.String()
	}
	if got := count(); got != "n\n0\n" {
		t.Fatalf("the refused write left nodes: %q", got)
	}

	stdout.Reset()
	stderr.Reset()
	if err := runQuery(ctx, queryOptions{Format: "csv", File: script, Params: p, Write: true}, cfg, nil, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("--write --file: %v", err)
	}
	if want := "\nn,text\n1,a;b\n"; stdout.String() != want {
		t.Errorf("script output %q, want %q", stdout.String(), want)
	}
	for _, w := range []string{"statement 1 (line 2): make one", "statement 2 (line 5): count them"} {
		if !strings.Contains(stderr.String(), w) {
			t.Errorf("stderr %q lacks %q", stderr.String(), w)
		}
	}
	// --file - reads standard input.
	stdout.Reset()
	if err := runQuery(ctx, queryOptions{Format: "json", File: "-", Params: p, Write: true}, cfg, nil,
		strings.NewReader("MATCH (q:KgbQueryTest {ns: $ns}) DELETE q RETURN count(*) AS deleted"), &stdout, &bytes.Buffer{}); err != nil {
		t.Fatalf("--file -: %v", err)
	}
	if stdout.String() != "{\"deleted\":1}\n" {
		t.Errorf("delete output %q", stdout.String())
	}
	if got := count(); got != "n\n0\n" {
		t.Errorf("after delete: %q", got)
	}
	// Errors in the statement are usage errors with the server's reason.
	err = runQuery(ctx, queryOptions{Format: "table"}, cfg, []string{"MATC (n) RETURN n"}, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "SyntaxError") {
		t.Errorf("syntax error: %v", err)
	}
}

// TestQueryRefusesBeyondReads: without --write, LOAD CSV and server-changing
// procedures are refused before anything reaches Neo4j (even an unreachable
// one), and with --write the test server itself refuses to read local files.
func TestQueryRefusesBeyondReads(t *testing.T) {
	ctx := context.Background()
	unreachable := neo4j.Config{URI: "bolt://127.0.0.1:1"}
	for _, q := range []string{
		"LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
		"load /* x */ csv from 'file:///etc/passwd' as l return l",
		"CALL db.clearQueryCaches()",
		"CALL `db`.clearQueryCaches",
	} {
		t.Run(q, func(t *testing.T) {
			err := runQuery(ctx, queryOptions{Format: "table"}, unreachable, []string{q}, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
			var ue *usageError
			var ne *neo4j.NotReadOnlyError
			if !errors.As(err, &ue) || !errors.As(err, &ne) || !strings.Contains(err.Error(), "--write") {
				t.Fatalf("runQuery(%q) = %v, want a usage error naming --write", q, err)
			}
		})
	}
	// A script is checked whole before its first statement runs.
	script := filepath.Join(t.TempDir(), "q.cypher")
	if err := os.WriteFile(script, []byte("RETURN 1;\n\nCALL db.clearQueryCaches();\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	err := runQuery(ctx, queryOptions{Format: "table", File: script}, unreachable, nil, strings.NewReader(""), &stdout, &bytes.Buffer{})
	if !errors.As(err, new(*neo4j.NotReadOnlyError)) || !strings.Contains(err.Error(), "statement 2 (line 3)") || stdout.Len() != 0 {
		t.Errorf("script: %v, output %q; want statement 2 refused and nothing run", err, stdout.String())
	}

	cfg := queryTestConfig(t)
	err = runQuery(ctx, queryOptions{Format: "csv", Write: true}, cfg, []string{"LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l[0] AS f LIMIT 1"},
		strings.NewReader(""), &stdout, &bytes.Buffer{})
	if err == nil || strings.Contains(stdout.String(), "root") {
		t.Fatalf("--write LOAD CSV of /etc/passwd: err %v, output %q; the test server must refuse file URLs", err, stdout.String())
	}
	if !strings.Contains(err.Error(), "allow_csv_import_from_file_urls") {
		t.Errorf("LOAD CSV refused for another reason: %v", err)
	}
}
