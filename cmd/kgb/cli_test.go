package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// runCLI runs kgb with args through cobra, as main does, with no Neo4j
// configured in the environment, and returns the exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	for _, k := range []string{"NEO4J_URI", "KGB_NEO4J_URI", "NEO4J_PASSWORD", "KGB_NEO4J_PASSWORD", "KGB_STORE"} {
		t.Setenv(k, "")
	}
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	ctx := context.Background()
	code = exitCode(ctx, root.ExecuteContext(ctx), &errOut)
	return code, out.String(), errOut.String()
}

// TestURIMistakesAreUsageErrors: a bad port or a password in a --neo4j-uri
// flag exits 2 with a message that does not print the password.
func TestURIMistakesAreUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "--store", "neo4j", "--neo4j-uri", "bolt://127.0.0.1:99999", "examples"}, `port "99999"`},
		{[]string{"query", "--neo4j-uri", "bolt://127.0.0.1:7x87", "RETURN 1"}, "port"},
		{[]string{"config", "show", "--neo4j-uri", "neo4j://neo4j:hunter2@db:7687"}, "command line"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, tc.want)
			}
			if strings.Contains(stderr, "hunter2") {
				t.Errorf("stderr shows the password: %q", stderr)
			}
		})
	}
}

// TestConfigShowJSONTypes: numbers print as JSON numbers.
func TestConfigShowJSONTypes(t *testing.T) {
	code, stdout, stderr := runCLI(t, "config", "show", "--json", "--workers", "3")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Settings []struct {
			Key   string `json:"key"`
			Value any    `json:"value"`
		} `json:"settings"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	for _, s := range out.Settings {
		if s.Key == "workers" {
			if n, ok := s.Value.(float64); !ok || n != 3 {
				t.Errorf("workers = %#v, want the number 3", s.Value)
			}
			return
		}
	}
	t.Errorf("no workers setting in %s", stdout)
}

// TestURIPasswordIsUsed: a password inside NEO4J_URI authenticates against
// the (auth-on) test Neo4j instead of being silently dropped.
func TestURIPasswordIsUsed(t *testing.T) {
	cfg := queryTestConfig(t)
	if cfg.Password == "" {
		t.Skip("the test Neo4j runs without authentication")
	}
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(cfg.Username, cfg.Password)
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs([]string{"query", "--format", "csv", "RETURN 7 AS n"})
	t.Setenv("NEO4J_PASSWORD", "")
	t.Setenv("KGB_NEO4J_PASSWORD", "")
	t.Setenv("KGB_NEO4J_URI", "")
	t.Setenv("NEO4J_URI", u.String())
	ctx := context.Background()
	if code := exitCode(ctx, root.ExecuteContext(ctx), &errOut); code != exitOK || out.String() != "n\n7\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	if strings.Contains(errOut.String(), cfg.Password) {
		t.Errorf("stderr shows the password")
	}
}
