package evaldata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoot(t *testing.T) {
	abs := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Dir(filepath.Dir(wd)) // internal/evaldata -> repository root
	tests := []struct {
		name, env, want string
	}{
		{"unset: ../shared beside the repository", "", filepath.Join(repo, "..", "shared")},
		{"absolute", abs, abs},
		{"relative to the repository root", "testdata/eval", filepath.Join(repo, "testdata", "eval")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvVar, tc.env)
			got, err := Root()
			if err != nil {
				t.Fatal(err)
			}
			if got != filepath.Clean(tc.want) {
				t.Errorf("Root() = %q, want %q", got, filepath.Clean(tc.want))
			}
		})
	}
}

func TestPathFound(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "eval", "carb"), 0o755); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "eval", "carb", "dev.txt")
	if err := os.WriteFile(want, []byte("A sentence .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvVar, dir)
	if got := Path(t, "eval/carb/dev.txt"); got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
}

// recorder is a testing.TB that records Skip and Fatal instead of ending
// the goroutine, so the missing-data branches can be checked.
type recorder struct {
	testing.TB
	skipped, failed string
}

type stop struct{}

func (r *recorder) Helper()               {}
func (r *recorder) Skip(args ...any)      { r.skipped = fmt.Sprint(args...); panic(stop{}) }
func (r *recorder) Fatal(args ...any)     { r.failed = fmt.Sprint(args...); panic(stop{}) }
func (r *recorder) Fatalf(string, ...any) { panic("unexpected Fatalf") }

func callPath(r *recorder, rel string) (p string) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(stop); !ok {
				panic(v)
			}
		}
	}()
	return Path(r, rel)
}

func TestPathMissing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvVar, dir)
	for _, ci := range []string{"", "true"} {
		t.Run("CI="+ci, func(t *testing.T) {
			t.Setenv("CI", ci)
			r := &recorder{TB: t}
			if p := callPath(r, "eval/carb/dev.txt"); p != "" {
				t.Fatalf("Path returned %q for a missing file", p)
			}
			msg := r.skipped
			if ci == "true" {
				msg = r.failed
				if r.skipped != "" {
					t.Errorf("skipped under CI=true: %s", r.skipped)
				}
			} else if r.failed != "" {
				t.Errorf("failed outside CI: %s", r.failed)
			}
			if !strings.Contains(msg, "eval/carb/dev.txt") || !strings.Contains(msg, EnvVar) {
				t.Errorf("message %q should name the file and %s", msg, EnvVar)
			}
		})
	}
}
