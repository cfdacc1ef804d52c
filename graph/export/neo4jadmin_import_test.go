package export_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/export"
	"github.com/kgb-dev/kgb/graph/neo4j"
	"github.com/kgb-dev/kgb/graph/storetest"
)

// TestNeo4jAdminImportRuns runs the generated import.sh with a real
// neo4j-admin (Neo4j 5) into a fresh, temporary NEO4J_HOME and checks that
// every node and relationship was imported; then it starts Neo4j on the
// imported database (scripts/neo4j-local.sh) and checks that kgb's store can
// update it: re-writing the articles duplicates nothing, and an edited
// article loses exactly its stale edge. Set KGB_TEST_NEO4J_ADMIN to a
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
	updateImported(ctx, t, home, nodes, rels)
}

// updateImported starts Neo4j on the database imported into home and
// re-writes the sample through kgb's Neo4j store.
func updateImported(ctx context.Context, t *testing.T, home string, nodes, rels int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	env := append(os.Environ(), "NEO4J_LOCAL_PORT="+port, "NEO4J_LOCAL_DIR="+t.TempDir(), "NEO4J_LOCAL_DATA="+home, "NEO4J_LOCAL_HEAP=512m")
	local := func(cmd string) {
		c := exec.CommandContext(ctx, "bash", "../../scripts/neo4j-local.sh", cmd)
		c.Env = env
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("neo4j-local.sh %s: %v\n%s", cmd, err, out)
		}
	}
	local("start")
	defer local("stop")
	st, err := neo4j.Open(ctx, neo4j.Config{URI: "bolt://127.0.0.1:" + port})
	if err != nil {
		t.Fatalf("open the imported database: %v", err)
	}
	defer st.Close(context.Background())
	count := func() (n, r int64) {
		t.Helper()
		err := st.Query(ctx, `MATCH (n) RETURN count(n), COUNT { ()-[]->() }`, nil, false, func(_ []string, v []any) error {
			n, r = v[0].(int64), v[1].(int64)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return n, r
	}
	if n, r := count(); n != int64(nodes) || r != int64(rels) {
		t.Fatalf("imported database holds %d nodes, %d relationships; want %d, %d", n, r, nodes, rels)
	}
	sample := storetest.Sample()
	if err := st.ReplaceArticles(ctx, sample); err != nil {
		t.Fatalf("re-writing the imported articles: %v", err)
	}
	if n, r := count(); n != int64(nodes) || r != int64(rels) {
		t.Errorf("after re-writing the same articles: %d nodes, %d relationships; want %d, %d (nothing duplicated)", n, r, nodes, rels)
	}
	var edited graph.ArticleGraph
	for _, g := range sample {
		if len(g.Edges) > 1 {
			edited = g
			break
		}
	}
	if edited.Article.ID == "" {
		t.Fatal("the sample has no article with two edges")
	}
	edited.Edges = edited.Edges[1:]
	edited.Article.SHA256 = strings.Repeat("e", 64)
	if err := st.ReplaceArticle(ctx, edited); err != nil {
		t.Fatalf("editing an imported article: %v", err)
	}
	if _, r := count(); r != int64(rels)-1 {
		t.Errorf("after dropping one edge of an imported article: %d relationships, want %d", r, rels-1)
	}
	var concepts, conceptEntities int64
	err = st.Query(ctx, `RETURN COUNT { (c:Concept) }, COUNT { (c:Concept:Entity) }`, nil, false, func(_ []string, v []any) error {
		concepts, conceptEntities = v[0].(int64), v[1].(int64)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if concepts == 0 || conceptEntities != 0 {
		t.Errorf("imported concepts: %d :Concept, %d also :Entity; want some, none", concepts, conceptEntities)
	}
}
