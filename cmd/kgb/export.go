package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/export"
)

// exportOptions are the settings of `kgb export`.
type exportOptions struct {
	Format string // neo4j-admin, graphml or jsonl
	Out    string // directory (neo4j-admin) or file; "-" = stdout for graphml/jsonl
}

func newExportCmd() *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export --format neo4j-admin|graphml|jsonl --out DIR|FILE",
		Short: "Export the graph for neo4j-admin import, Gephi/yEd (GraphML) or as JSON lines",
		Long: `export writes the whole graph of the configured store (the embedded file by
default, Neo4j with --store neo4j or when neo4j.uri is set) in one of:

  neo4j-admin  a directory of node and relationship CSV files with header
               files, import.sh (runs neo4j-admin database import full: the
               fastest way to load millions of facts into a new Neo4j) and
               constraints.cypher. --out must be absent or empty.
  graphml      one GraphML file: entities as nodes, evidence edges as
               directed edges with all their properties (Gephi, yEd).
  jsonl        one article graph per line (article, mentioned entities,
               evidence edges), the same JSON as the store's input.

Output appears only once complete: an interrupted export leaves nothing.`,
		Example: `  kgb export --format neo4j-admin --out ./import && ./import/import.sh
  kgb export --format graphml --out graph.graphml
  kgb export --format jsonl --out - | head -1
  kgb export --store neo4j --neo4j-uri bolt://localhost:7687 --format jsonl --out backup.jsonl`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			if err := checkExportOptions(opts); err != nil {
				return err
			}
			ctx := cmd.Context()
			r, closeFn, err := openExportSource(ctx, cfg)
			if err != nil {
				return err
			}
			defer closeFn()
			return runExport(ctx, opts, r, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "", "output format: "+strings.Join(export.Formats(), ", "))
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", `output directory (neo4j-admin) or file ("-" = standard output)`)
	addReadConfigFlags(cmd)
	return cmd
}

func checkExportOptions(opts exportOptions) error {
	if opts.Format == "" {
		return usagef("--format is required: %s", strings.Join(export.Formats(), ", "))
	}
	if err := export.CheckFormat(opts.Format); err != nil {
		return &usageError{err: err}
	}
	if opts.Out == "" {
		return usagef("--out is required (a directory for neo4j-admin, a file or - for %s)", opts.Format)
	}
	return nil
}

// openExportSource opens the configured store as a graph.Reader.
func openExportSource(ctx context.Context, cfg *config.Config) (graph.Reader, func(), error) {
	if cfg.Store == config.StoreNeo4j {
		s, err := openNeo4j(ctx, cfg)
		if err != nil {
			return nil, nil, err
		}
		closeFn := func() { s.Close(context.WithoutCancel(ctx)) }
		r, ok := s.(graph.Reader)
		if !ok {
			closeFn()
			return nil, nil, errors.New("the Neo4j store cannot be read for export")
		}
		return r, closeFn, nil
	}
	s, err := openEmbeddedReadOnly(ctx, cfg.DB)
	if err != nil {
		return nil, nil, err
	}
	return s, func() { s.Close(ctx) }, nil
}

func runExport(ctx context.Context, opts exportOptions, r graph.Reader, stdout, stderr io.Writer) error {
	if err := checkExportOptions(opts); err != nil {
		return err
	}
	sum, err := export.Write(ctx, r, opts.Format, opts.Out, stdout)
	if err != nil {
		var oe *export.OutputError
		if errors.As(err, &oe) {
			return &usageError{err: err}
		}
		return err
	}
	for _, w := range sum.Warnings {
		fmt.Fprintln(stderr, "kgb: warning:", w)
	}
	where := opts.Out
	if where == "-" {
		where = "standard output"
	}
	counts := fmt.Sprintf("%d entit(ies)", sum.Entities)
	if opts.Format == export.FormatJSONL { // JSONL does not count distinct entities
		counts = fmt.Sprintf("%d mention(s)", sum.Mentions)
	}
	_, err = fmt.Fprintf(stderr, "exported %d article(s), %s, %d evidence edge(s) as %s to %s\n",
		sum.Articles, counts, sum.Edges, opts.Format, where)
	return err
}
