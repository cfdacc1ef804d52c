package embedded_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
)

// TestCrashHelper is not a test: TestSIGKILLLeavesCommittedState runs the
// test binary with KGB_CRASH_DB set, and this writes articles there until
// it is killed.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv("KGB_CRASH_DB")
	if path == "" {
		t.Skip("helper process for TestSIGKILLLeavesCommittedState")
	}
	ctx := context.Background()
	s, err := embedded.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; ; i++ {
		var gs []graph.ArticleGraph
		for j := range 8 {
			// Rewrites of earlier ids too, so the kill can hit a replace.
			gs = append(gs, benchArticle(r, fmt.Sprintf("a/%05d.txt", (i*8+j)%400)))
		}
		if err := s.ReplaceArticles(ctx, gs); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if i == 3 {
			fmt.Println("writing") // tell the parent writes are under way
		}
	}
}

// TestSIGKILLLeavesCommittedState kills a writing process at random moments
// and checks that the file reopens with a consistent graph: no half-written
// article, indexes and counters in agreement (Verify).
func TestSIGKILLLeavesCommittedState(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns writer processes")
	}
	path := filepath.Join(t.TempDir(), "kgb.db")
	ctx := context.Background()
	for round := range 4 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.timeout=2m")
		cmd.Env = append(os.Environ(), "KGB_CRASH_DB="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 7)
		if _, err := stdout.Read(buf); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: helper did not start writing: %v\n%s", round, err, stderr.String())
		}
		time.Sleep(time.Duration(20+round*37) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		s, err := embedded.Open(ctx, path)
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		if err := s.Verify(ctx); err != nil {
			t.Errorf("round %d: %v", round, err)
		}
		n := 0
		err = s.ArticleGraphs(ctx, func(g graph.ArticleGraph) error {
			n++
			if len(g.Edges) != 40 || len(g.Entities) != 30 {
				return fmt.Errorf("article %s has %d edges and %d entities, want 40 and 30", g.Article.ID, len(g.Edges), len(g.Entities))
			}
			return nil
		})
		if err != nil || n == 0 {
			t.Errorf("round %d: %d articles: %v", round, n, err)
		}
		if err := s.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
}
