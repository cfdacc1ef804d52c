package export_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph/export"
	"github.com/kgb-dev/kgb/graph/storetest"
)

// TestNeo4jAdminImportRuns runs the generated import.sh with a real
// neo4j-admin (Neo4j 5) into a fresh, temporary NEO4J_HOME and checks that
// every node and relationship was imported. Set KGB_TEST_NEO4J_ADMIN to a
// neo4j-admin executable (or a wrapper running org.neo4j.cli.AdminTool from
// scripts/neo4j's classpath) to run it; it is skipped otherwise.
func TestNeo4jAdminImportRuns(t *testing.T) {
	admin := os.Getenv("KGB_TEST_NEO4J_ADMIN")
	if admin == "" {
		t.Skip("KGB_TEST_NEO4J_ADMIN not set: no neo4j-admin to run import.sh with")
	}
	s := sampleStore(t, storetest.Sample())
	dir := filepath.Join(t.TempDir(), "import")
	sum, err := export.Neo4jAdmin(context.Background(), s, dir)
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "conf"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "conf", "neo4j.conf"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(dir, "import.sh"), "neo4j")
	cmd.Env = append(os.Environ(), "NEO4J_ADMIN="+admin, "NEO4J_HOME="+home, "NEO4J_CONF="+filepath.Join(home, "conf"))
	cmd.Dir = home // neo4j-admin writes import.report into its working directory
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("import.sh: %v\n%s", err, out)
	}
	nodes := sum.Entities + sum.Articles
	rels := sum.Edges + sum.Mentions
	for _, re := range []string{`IMPORT DONE`, `\b` + strconv.Itoa(nodes) + ` nodes`, `\b` + strconv.Itoa(rels) + ` relationships`} {
		if !regexp.MustCompile(re).Match(out) {
			t.Errorf("import output lacks %s:\n%s", re, out)
		}
	}
}
