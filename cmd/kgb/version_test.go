package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionText(t *testing.T) {
	vcs := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "3c646dd0123"}, {Key: "vcs.time", Value: "2026-12-04T16:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	noVCS := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}
	plat := runtime.GOOS + "/" + runtime.GOARCH
	for _, tc := range []struct {
		name, v, c string
		bi         *debug.BuildInfo
		want       []string
		not        []string
	}{
		{"vcs stamped", "", "", vcs, []string{"kgb (devel) (commit 3c646dd0123-dirty, 2026-12-04T16:00:00Z), go1.26.0 " + plat + "\n"}, []string{"build with"}},
		{"-buildvcs=false", "", "", noVCS, []string{"kgb (devel) (commit not recorded), go1.26.0 " + plat, "built without version control", "-X main.commit=$(git rev-parse HEAD)"}, nil},
		{"ldflags", "v1.2.0", "abcdef1", noVCS, []string{"kgb v1.2.0 (commit abcdef1), go1.26.0 " + plat + "\n"}, []string{"build with"}},
		{"no build info", "", "", nil, []string{"kgb (devel) (commit not recorded), " + runtime.Version()}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := versionText(tc.v, tc.c, tc.bi)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("has %q:\n%s", w, got)
				}
			}
		})
	}
}

// TestVersionBuildCommand: the README's -ldflags build command stamps the
// version and commit into a -buildvcs=false build.
func TestVersionBuildCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kgb")
	}
	bin := filepath.Join(t.TempDir(), "kgb")
	build := exec.Command("go", "build", "-buildvcs=false", "-ldflags", "-X main.version=v9.9.9-test -X main.commit=feedface", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "kgb v9.9.9-test (commit feedface), go") {
		t.Errorf("kgb version = %q, %v", out, err)
	}
}
