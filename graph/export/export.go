// Package export writes a kgb graph, read from any graph.Reader (the
// embedded store or Neo4j), in formats other tools load:
//
//   - neo4j-admin: node and relationship CSV files with separate header
//     files, plus import.sh running `neo4j-admin database import full` (the
//     fastest way to load millions of facts into a new Neo4j database) and
//     constraints.cypher to run once the database is started.
//   - graphml: one GraphML document (entities as nodes, evidence edges as
//     edges, attributes declared with <key>), for Gephi, yEd, Cytoscape.
//   - jsonl: one graph.ArticleGraph JSON object per line, the exact data a
//     store's ReplaceArticle takes; ReadJSONL reads it back.
//
// Writers produce output in the order the Reader gives it; the embedded
// store reads in key order, so its exports are byte-for-byte reproducible.
// File outputs are written to a temporary name and renamed into place when
// complete, so an interrupted export leaves no half-written file.
package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kgb-dev/kgb/graph"
)

// Format names, as given to `kgb export --format`.
const (
	FormatNeo4jAdmin = "neo4j-admin"
	FormatGraphML    = "graphml"
	FormatJSONL      = "jsonl"
)

// Formats lists the supported format names.
func Formats() []string { return []string{FormatNeo4jAdmin, FormatGraphML, FormatJSONL} }

// Summary counts what an export wrote.
type Summary struct {
	Articles int      `json:"articles"`
	Entities int      `json:"entities"`
	Edges    int      `json:"edges"`    // evidence edges
	Mentions int      `json:"mentions"` // article → entity MENTIONS
	Files    []string `json:"files"`    // paths written ("-" for standard output)
	Warnings []string `json:"warnings,omitempty"`
}

// FormatError reports an unknown format name.
type FormatError struct{ Format string }

func (e *FormatError) Error() string {
	return fmt.Sprintf("unknown export format %q (want one of %s)", e.Format, strings.Join(Formats(), ", "))
}

// OutputError reports an output path that cannot be used as asked.
type OutputError struct {
	Path   string
	Reason string
}

func (e *OutputError) Error() string { return "output " + e.Path + ": " + e.Reason }

// CheckFormat returns a *FormatError for an unknown format.
func CheckFormat(format string) error {
	if !slices.Contains(Formats(), format) {
		return &FormatError{Format: format}
	}
	return nil
}

// writeFileAtomic writes path through fn: into a temporary file in the same
// directory, renamed over path only when fn and the flush succeeded.
func writeFileAtomic(path string, fn func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fn(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// prepareDir checks that dir is absent or empty and returns a fresh
// temporary sibling directory to write into; commit renames it to dir.
func prepareDir(dir string) (tmp string, commit func() error, cleanup func(), err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return "", nil, nil, fmt.Errorf("output %s: %w", dir, err)
	case len(entries) > 0:
		return "", nil, nil, &OutputError{Path: dir, Reason: "directory exists and is not empty; remove it or choose another --out"}
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", nil, nil, fmt.Errorf("output %s: %w", dir, err)
	}
	tmp, err = os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-*")
	if err != nil {
		return "", nil, nil, fmt.Errorf("output %s: %w", dir, err)
	}
	commit = func() error {
		if err := os.Chmod(tmp, 0o755); err != nil {
			return err
		}
		// An empty directory is replaced; a non-empty one was refused above.
		if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("output %s: %w", dir, err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("output %s: %w", dir, err)
		}
		return nil
	}
	cleanup = func() { os.RemoveAll(tmp) }
	return tmp, commit, cleanup, nil
}

// ctxWriter fails writes once ctx is done, so a long export stops promptly
// on Ctrl-C.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// Write exports r in format to out: a directory for neo4j-admin, a file for
// graphml and jsonl (written atomically). stdout receives graphml or jsonl
// when out is "-".
func Write(ctx context.Context, r graph.Reader, format, out string, stdout io.Writer) (Summary, error) {
	if err := CheckFormat(format); err != nil {
		return Summary{}, err
	}
	if out == "" {
		return Summary{}, &OutputError{Path: out, Reason: "no output given"}
	}
	if format == FormatNeo4jAdmin {
		if out == "-" {
			return Summary{}, &OutputError{Path: out, Reason: "neo4j-admin writes several files: give a directory"}
		}
		return Neo4jAdmin(ctx, r, out)
	}
	write := JSONL
	if format == FormatGraphML {
		write = GraphML
	}
	if out == "-" {
		sum, err := write(ctx, r, stdout)
		sum.Files = []string{"-"}
		return sum, err
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return Summary{}, &OutputError{Path: out, Reason: "is a directory; " + format + " writes one file (e.g. --out graph." + format + ")"}
	}
	var sum Summary
	err := writeFileAtomic(out, func(w io.Writer) error {
		var err error
		sum, err = write(ctx, r, w)
		return err
	})
	if err == nil {
		sum.Files = []string{out}
	}
	return sum, err
}
