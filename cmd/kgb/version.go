package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Set by release builds (the README's build command):
//
//	go build -ldflags "-X main.version=$(git describe --tags --always --dirty) -X main.commit=$(git rev-parse HEAD)" ./cmd/kgb
//
// Otherwise they come from the Go build info (vcs.revision, stamped by
// `go build` in a git checkout unless -buildvcs=false).
var (
	version = ""
	commit  = ""
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print kgb's version, commit and Go toolchain",
		Example: "  kgb version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVersion(cmd.OutOrStdout())
		},
	}
}

func runVersion(w io.Writer) error {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	_, err := io.WriteString(w, versionText(version, commit, bi))
	return err
}

// versionText renders `kgb version` from the -ldflags values and the build
// info (nil when there is none): version, commit (with -dirty and the commit
// time when known), the module's dependency-free identity and the Go
// toolchain and platform, and, when no commit is known, how to get one.
func versionText(v, c string, bi *debug.BuildInfo) string {
	dirty, when := false, ""
	goVersion := runtime.Version()
	if bi != nil {
		if v == "" {
			v = bi.Main.Version
		}
		if bi.GoVersion != "" {
			goVersion = bi.GoVersion
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if c == "" {
					c = s.Value
				}
			case "vcs.modified":
				dirty = s.Value == "true"
			case "vcs.time":
				when = s.Value
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "kgb %s", v)
	switch {
	case c != "":
		if dirty {
			c += "-dirty"
		}
		fmt.Fprintf(&b, " (commit %s", c)
		if when != "" {
			fmt.Fprintf(&b, ", %s", when)
		}
		b.WriteString(")")
	default:
		b.WriteString(" (commit not recorded)")
	}
	fmt.Fprintf(&b, ", %s %s/%s\n", goVersion, runtime.GOOS, runtime.GOARCH)
	if c == "" {
		b.WriteString("this binary was built without version control information (go build -buildvcs=false, or outside a git checkout);\n" +
			"build with: go build -ldflags \"-X main.version=$(git describe --tags --always --dirty) -X main.commit=$(git rev-parse HEAD)\" ./cmd/kgb\n")
	}
	return b.String()
}
