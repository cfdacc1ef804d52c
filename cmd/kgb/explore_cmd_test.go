package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestExploreCommandsWiring runs the subcommands through cobra: flags,
// argument checks and exit codes.
func TestExploreCommandsWiring(t *testing.T) {
	db := sampleDB(t)
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"show", "--db", db, "Northwind"}, exitOK, "Northwind Labs (Organization)"},
		{[]string{"show", "--db", db}, exitUsage, ""},
		{[]string{"show", "--db", db, "Nobody At All"}, exitFatal, ""},
		{[]string{"path", "--db", db, "Lisbon", "Harbor Cloud", "--max-hops", "5"}, exitOK, "4 hop(s)"},
		{[]string{"path", "--db", db, "Lisbon"}, exitUsage, ""},
		{[]string{"top", "--db", db, "-n", "1"}, exitOK, "Ada Vance"},
		{[]string{"top", "--db", db, "extra"}, exitUsage, ""},
		{[]string{"export", "--db", db, "--format", "jsonl", "--out", "-"}, exitOK, `"id":"business/deal.txt"`},
		{[]string{"export", "--db", db, "--format", "yaml", "--out", "-"}, exitUsage, ""},
		{[]string{"show", "--db", db + ".missing", "x"}, exitUsage, ""},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Setenv("NEO4J_URI", "")
			t.Setenv("KGB_NEO4J_URI", "")
			root := newRootCmd()
			var out, errOut bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&errOut)
			root.SetArgs(tc.args)
			ctx := context.Background()
			code := exitCode(ctx, root.ExecuteContext(ctx), &errOut)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr %s", code, tc.code, errOut.String())
			}
			if !strings.Contains(out.String(), tc.out) {
				t.Errorf("stdout lacks %q:\n%s", tc.out, out.String())
			}
		})
	}
}
