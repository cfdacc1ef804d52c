// Package evaldata locates the evaluation data and corpora that some tests
// and benchmarks read at run time (CaRB dev, the seed article, the BBC
// corpus, the reference scorers). They are not in the repository: they live
// in the folder named by KGB_EVAL_DATA, by default ../shared next to the
// repository root. A relative KGB_EVAL_DATA is taken from the repository
// root, as scripts/carb-floor.sh and scripts/kg-floor.sh do.
//
// A test that needs a missing file skips with a loud message on a developer
// machine and fails under CI=true, so CI can never pass with them unrun.
package evaldata

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// EnvVar names the variable holding the evaluation data folder.
const EnvVar = "KGB_EVAL_DATA"

// Default is the folder used when EnvVar is unset, relative to the
// repository root.
const Default = "../shared"

// Root returns the evaluation data folder: $KGB_EVAL_DATA, or ../shared
// beside the repository root, resolved against the repository root (found
// from the working directory by looking for go.mod). It does not check that
// the folder exists.
func Root() (string, error) {
	dir := os.Getenv(EnvVar)
	if dir == "" {
		dir = Default
	}
	if filepath.IsAbs(dir) {
		return filepath.Clean(dir), nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, dir), nil
}

// repoRoot walks up from the working directory (a package folder under go
// test) to the folder holding go.mod.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("evaldata: working directory: %w", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("evaldata: %w", err)
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("evaldata: no go.mod above %s", wd)
		}
	}
}

// Path returns the path of rel (slash-separated, e.g. "eval/carb/dev.txt")
// inside the evaluation data folder when it exists. Otherwise it skips tb
// with a loud message naming the variable, or fails it under CI=true.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	root, err := Root()
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		msg := fmt.Sprintf("%s is missing (%v): set %s to the evaluation data folder (default %s beside the repository)",
			rel, err, EnvVar, Default)
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip("!!! SKIPPED: " + msg)
	}
	return p
}
