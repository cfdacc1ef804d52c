package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	mk := func(rel, content string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("b/one.txt", "x")
	mk("a/two.MD", "x")
	mk("a/photo.jpg", "x")
	mk(".hidden/three.txt", "x")
	mk("a/.four.txt", "x")
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "linked.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range []struct{ target, name string }{
		{"..", "a/up"},     // loops back to the root
		{"self", "a/self"}, // points at itself
		{"/nonexistent/file.txt", "a/broken.txt"},
		{outside, "c"}, // a folder elsewhere: followed
	} {
		if err := os.Symlink(l.target, filepath.Join(dir, l.name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "a", "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, hidden := range []bool{false, true} {
		var files, skips []string
		w := walker{hidden: hidden, fn: walkFuncs{
			File: func(e fileEntry) error {
				if want := filepath.Base(dir) + "/"; !strings.HasPrefix(e.Rel, want) {
					t.Errorf("id %q does not start with the root's name %q", e.Rel, want)
				}
				files = append(files, inRoot(e.Rel)+":"+e.Format.String())
				return nil
			},
			Skip: func(p, reason string) error {
				rel, _ := filepath.Rel(dir, p)
				skips = append(skips, rel+": "+reason)
				return nil
			},
			Fail: func(p, rel string, isDir bool, reason string) error { t.Errorf("fail %s: %s", p, reason); return nil },
		}}
		if err := w.walkRoot(context.Background(), dir); err != nil {
			t.Fatal(err)
		}
		want := "a/two.MD:markdown b/one.txt:text c/linked.html:html"
		if hidden {
			want = ".hidden/three.txt:text a/.four.txt:text " + want
		}
		if got := strings.Join(files, " "); got != want {
			t.Errorf("hidden=%v: files %q, want %q", hidden, got, want)
		}
		all := strings.Join(skips, "\n")
		for _, w := range []string{
			"a/broken.txt: broken symlink to /nonexistent/file.txt",
			"a/photo.jpg: unsupported format (.jpg)",
			"a/pipe.txt: not a regular file",
			"a/self: symlink loop",
			"a/up: symlink loop: " + filepath.Join(dir, "a", "up") + " leads back to its ancestor folder " + dir,
		} {
			if !strings.Contains(all, w) {
				t.Errorf("hidden=%v: skips lack %q:\n%s", hidden, w, all)
			}
		}
	}
}
