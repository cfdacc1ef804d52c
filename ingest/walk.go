package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// fileEntry is a file found by the walk.
type fileEntry struct {
	Root   string // the root as given
	Path   string // path to open
	Rel    string // the article id: the root's name, then the slash-separated path inside it
	Size   int64
	Format format
}

// walkFunc receives what the walk finds, in lexical order. Exactly one of
// its callbacks runs per file; a non-nil error stops the walk.
type walkFuncs struct {
	File func(fileEntry) error
	// Skip reports a file or folder that is deliberately not read.
	Skip func(path, reason string) error
	// Fail reports a file or folder that could not be read. rel is the
	// unreadable path relative to its root, dir whether it is a folder (its
	// whole subtree is unknown, so --prune must leave it alone).
	Fail func(path, rel string, dir bool, reason string) error
}

// walker walks ingest roots, following symlinks and detecting loops.
type walker struct {
	hidden  bool
	exclude []string // glob patterns (see Excluded)
	fn      walkFuncs
}

// DefaultExclude are the files of a corpus that are not articles: its
// README, licence and the like. Options.Exclude nil means these.
var DefaultExclude = []string{"README*", "READ.ME", "LICENSE*", "LICENCE*", "COPYING*", "NOTICE*", "CHANGELOG*",
	"CHANGES*", "CONTRIBUTING*", "AUTHORS*", "CITATION*"}

// Excluded returns the first pattern that excludes a file or folder, "" if
// none. A pattern (path.Match syntax, case-insensitive) matches the name
// ("README*") or, when it has a slash, the path inside the root
// ("drafts/*.txt"); a matching folder is skipped whole.
func Excluded(patterns []string, name, relInRoot string) string {
	name, relInRoot = strings.ToLower(name), strings.ToLower(relInRoot)
	for _, p := range patterns {
		lp := strings.ToLower(p)
		target := name
		if strings.Contains(lp, "/") {
			target = relInRoot
		}
		if ok, _ := path.Match(lp, target); ok {
			return p
		}
	}
	return ""
}

// CheckExclude reports the first malformed pattern.
func CheckExclude(patterns []string) error {
	for _, p := range patterns {
		if _, err := path.Match(p, ""); err != nil || strings.TrimSpace(p) == "" {
			return fmt.Errorf("--exclude %q is not a valid glob pattern (e.g. 'README*', 'drafts/*')", p)
		}
	}
	return nil
}

// walkRoot walks one root: a folder (recursively) or a single file. Ids
// (fileEntry.Rel) are qualified by the root's name (see RootName).
func (w *walker) walkRoot(ctx context.Context, root string) error {
	fi, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("ingest root %s: %w", root, err)
	}
	name, _, err := RootName(root)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return w.file(root, root, name, fi)
	}
	return w.dir(ctx, root, root, name, []os.FileInfo{fi})
}

// RootName returns the article id prefix of an ingest root, and the root's
// real location (absolute, symlinks resolved). A folder's ids are its name
// and the path inside it: folder bbc/politics gives "politics/001.txt",
// whatever the current directory and however the folder is reached, so the
// same folder is always the same articles and two folders with different
// names never share an id. A single file's id is its folder's name and its
// own: "politics/001.txt" for bbc/politics/001.txt, the same article as when
// the folder is ingested.
func RootName(root string) (id, real string, err error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", "", fmt.Errorf("ingest root %s: %w", root, err)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", "", fmt.Errorf("ingest root %s: %w", root, err)
	}
	name := func(p string) string {
		b := filepath.Base(p)
		if b == string(filepath.Separator) || b == "." || b == "" || strings.HasSuffix(b, ":\\") {
			return "_"
		}
		return b
	}
	if fi.IsDir() {
		return name(abs), abs, nil
	}
	return name(filepath.Dir(abs)) + "/" + filepath.Base(abs), abs, nil
}

func (w *walker) dir(ctx context.Context, root, dir, rel string, ancestors []os.FileInfo) error {
	ents, err := os.ReadDir(dir)
	if err != nil && len(ents) == 0 {
		return w.fn.Fail(dir, rel, true, "cannot list folder: "+describeErr(err))
	}
	for _, de := range ents {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := de.Name()
		p := filepath.Join(dir, name)
		r := name
		if rel != "" {
			r = rel + "/" + name
		}
		if !w.hidden && strings.HasPrefix(name, ".") {
			continue // hidden: silently ignored unless --hidden
		}
		if pat := Excluded(w.exclude, name, inRoot(r)); pat != "" {
			if err := w.fn.Skip(p, "excluded by pattern "+strconv.Quote(pat)+" (not an article; see --exclude)"); err != nil {
				return err
			}
			continue
		}
		fi, err := os.Stat(p) // follows symlinks
		if err != nil {
			reason := describeErr(err)
			if de.Type()&fs.ModeSymlink != 0 {
				if errors.Is(err, syscall.ELOOP) {
					reason = "symlink loop: " + reason
				} else if errors.Is(err, fs.ErrNotExist) {
					target, _ := os.Readlink(p)
					reason = "broken symlink to " + target
				}
				if err := w.fn.Skip(p, reason); err != nil {
					return err
				}
				continue
			}
			if err := w.fn.Fail(p, r, de.IsDir(), reason); err != nil {
				return err
			}
			continue
		}
		if fi.IsDir() {
			if a := loopsTo(fi, ancestors); a >= 0 {
				if err := w.fn.Skip(p, fmt.Sprintf("symlink loop: %s leads back to its ancestor folder %s", p, ancestorPath(dir, len(ancestors)-1-a))); err != nil {
					return err
				}
				continue
			}
			if err := w.dir(ctx, root, p, r, append(ancestors, fi)); err != nil {
				return err
			}
			continue
		}
		if err := w.file(root, p, r, fi); err != nil {
			return err
		}
	}
	if err != nil {
		// ReadDir returned some entries and an error: report the rest.
		return w.fn.Fail(dir, rel, true, "folder listed only in part: "+describeErr(err))
	}
	return nil
}

func (w *walker) file(root, p, rel string, fi os.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return w.fn.Skip(p, "not a regular file ("+fi.Mode().Type().String()+")")
	}
	f := formatOf(p)
	if f == formatNone {
		ext := filepath.Ext(p)
		if ext == "" {
			ext = "no extension"
		}
		return w.fn.Skip(p, "unsupported format ("+ext+"); kgb reads .txt, .md, .html, .htm, .json and .jsonl")
	}
	return w.fn.File(fileEntry{Root: root, Path: p, Rel: rel, Size: fi.Size(), Format: f})
}

// loopsTo returns the index of the ancestor fi is, or -1.
func loopsTo(fi os.FileInfo, ancestors []os.FileInfo) int {
	for i, a := range ancestors {
		if os.SameFile(fi, a) {
			return i
		}
	}
	return -1
}

func ancestorPath(dir string, up int) string {
	for range up {
		dir = filepath.Dir(dir)
	}
	return dir
}

// describeErr turns a file-system error into a short reason without the
// repeated path: "permission denied", "no such file or directory".
func describeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	}
	return err.Error()
}

// inRoot strips the root's name from an id-style path: "bbc/sport/1.txt"
// → "sport/1.txt".
func inRoot(rel string) string {
	if _, after, ok := strings.Cut(rel, "/"); ok {
		return after
	}
	return rel
}
