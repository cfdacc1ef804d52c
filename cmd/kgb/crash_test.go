package main

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/ingest/testcorpus"
)

// buildKGB compiles the kgb binary into a temporary folder.
func buildKGB(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kgb")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// kgbEnv is an environment without kgb or Neo4j settings, so the binary
// uses only the flags the test gives it.
func kgbEnv(t *testing.T) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "KGB_") && !strings.HasPrefix(kv, "NEO4J_") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			env = append(env, kv)
		}
	}
	return append(env, "XDG_CONFIG_HOME="+t.TempDir())
}

func dumpDB(t *testing.T, path string) string {
	t.Helper()
	s, err := embedded.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	if err := s.Verify(context.Background()); err != nil {
		t.Fatalf("%s is inconsistent: %v", path, err)
	}
	d, err := testcorpus.Dump(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func countArticles(t *testing.T, path string) int {
	t.Helper()
	s, err := embedded.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	n := 0
	if err := s.ArticleIDs(context.Background(), "", func(string) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// killAfterWritten starts cmd, a `kgb ingest --log-level debug`, and sends
// it SIGKILL once its log says n articles were written (each committed batch
// logs its articles as "written"). It returns how many were and cmd.Wait's
// error: an *exec.ExitError for a killed process, nil if kgb finished first.
func killAfterWritten(t *testing.T, cmd *exec.Cmd, n int) (int, error) {
	t.Helper()
	return signalAfterWritten(t, cmd, n, syscall.SIGKILL)
}

// signalAfterWritten is killAfterWritten with any signal.
func signalAfterWritten(t *testing.T, cmd *exec.Cmd, n int, sig os.Signal) (int, error) {
	t.Helper()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	written := 0
	for sc.Scan() {
		if strings.Contains(sc.Text(), "msg=written") {
			if written++; written == n {
				_ = cmd.Process.Signal(sig)
				break
			}
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	return written, cmd.Wait()
}

// TestIngestSurvivesSIGKILLAndSIGINT kills `kgb ingest` (SIGKILL) mid-run,
// reruns it, and checks the graph equals one clean run's: same entities,
// same edges with the same evidence. Then the same with Ctrl-C (SIGINT),
// which must also print the summary and exit 130.
func TestIngestSurvivesSIGKILLAndSIGINT(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the kgb binary")
	}
	bin := buildKGB(t)
	corpus := t.TempDir()
	const articles = 200
	if _, err := testcorpus.Write(corpus, 42, articles); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	env := kgbEnv(t)
	runKGB := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, args...)
		cmd.Dir = work
		cmd.Env = env
		return cmd
	}

	clean := filepath.Join(work, "clean.db")
	if out, err := runKGB("ingest", "--quiet", "--db", clean, corpus).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	want := dumpDB(t, clean)

	crashed := filepath.Join(work, "crashed.db")
	var killedAt int
	for attempt := 1; ; attempt++ {
		// Small batches and debug logs: each committed batch logs its
		// articles as "written"; kill after some are, long before the end.
		cmd := runKGB("ingest", "--db", crashed, "--log-level", "debug", "--batch-articles", "2", "--workers", "1", corpus)
		written, err := killAfterWritten(t, cmd, 20)
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
			killedAt = countArticles(t, crashed)
			break
		}
		if attempt == 3 {
			t.Fatalf("kgb finished before it could be killed (err %v, %d written)", err, written)
		}
		os.Remove(crashed)
		time.Sleep(100 * time.Millisecond)
	}
	if killedAt == 0 || killedAt >= articles {
		t.Fatalf("killed run left %d articles, want some but not all", killedAt)
	}
	t.Logf("SIGKILL left %d of %d articles", killedAt, articles)

	out, err := runKGB("ingest", "--json", "--db", crashed, corpus).Output()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `"unchanged":`+strconv.Itoa(killedAt)) {
		t.Errorf("rerun summary %s: want %d unchanged (what the killed run wrote)", out, killedAt)
	}
	if got := dumpDB(t, crashed); got != want {
		t.Errorf("killed + rerun graph differs from a clean run:\n%s", firstDiff(got, want))
	}

	// Ctrl-C: stop taking files, print the summary, exit 130; a rerun continues.
	interrupted := filepath.Join(work, "interrupted.db")
	cmd := runKGB("ingest", "--json", "--db", interrupted, "--log-level", "debug", "--batch-articles", "2", "--workers", "1", corpus)
	var stdout strings.Builder
	cmd.Stdout = &stdout
	_, err = signalAfterWritten(t, cmd, 20, os.Interrupt)
	if cmd.ProcessState.ExitCode() != exitInterrupted {
		t.Fatalf("after SIGINT kgb exited %d (%v), want %d; stdout %s", cmd.ProcessState.ExitCode(), err, exitInterrupted, stdout.String())
	}
	if !strings.Contains(stdout.String(), `"interrupted":true`) {
		t.Errorf("no interrupted summary on stdout: %q", stdout.String())
	}
	n := countArticles(t, interrupted)
	if n == 0 || n >= articles {
		t.Errorf("interrupted run left %d articles, want some but not all", n)
	}
	if out, err := runKGB("ingest", "--quiet", "--db", interrupted, corpus).CombinedOutput(); err != nil {
		t.Fatalf("rerun after SIGINT: %v\n%s", err, out)
	}
	if got := dumpDB(t, interrupted); got != want {
		t.Errorf("interrupted + rerun graph differs from a clean run:\n%s", firstDiff(got, want))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "got:  " + al[i] + "\nwant: " + bl[i]
		}
	}
	return "lengths differ"
}
