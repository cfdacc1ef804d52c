package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/ingest"
)

// pathOptions are the settings of `kgb path`.
type pathOptions struct {
	DB          string         // embedded store directory, when Cfg is nil
	Cfg         *config.Config // the configured store (embedded or Neo4j); nil = DB
	MaxHops     int            // 0 = graph.DefaultMaxHops
	ViaConcepts bool           // allow Concept entities inside the path
	JSON        bool
}

func newPathCmd() *cobra.Command {
	var opts pathOptions
	cmd := &cobra.Command{
		Use:   "path A B",
		Short: "Show the shortest chain of evidence connecting two entities",
		Long: `path finds A and B in the graph (the embedded store, or Neo4j with --store neo4j) (as ` + "`kgb show`" + ` does: key, name or
alias, then prefix) and prints a shortest connection between them, following
evidence edges in either direction, with one evidence sentence per hop.
Paths do not pass through Concept entities (common nouns such as "people"
that link nearly everything) unless --via-concepts is given.

Exits 1 when they are not connected within --max-hops.`,
		Example: `  kgb ingest examples/articles
  kgb path "Tobias Weber" "Ingrid Dahl"
  kgb path weber dahl --max-hops 3 --json
  kgb path "helen marsh" "concept:trade agreement"
  kgb path "Tony Blair" Arsenal --via-concepts --db bbc.db`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			opts.Cfg = cfg
			return runPath(cmd.Context(), opts, args[0], args[1], cmd.OutOrStdout())
		},
	}
	cmd.Flags().IntVar(&opts.MaxHops, "max-hops", graph.DefaultMaxHops, "longest path searched, in edges")
	cmd.Flags().BoolVar(&opts.ViaConcepts, "via-concepts", false, `let the path pass through Concept entities ("people", "talks")`)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print as JSON")
	addReadConfigFlags(cmd)
	return cmd
}

// pathHop is one hop as `kgb path --json` prints it.
type pathHop struct {
	From      graph.Entity `json:"from"`
	To        graph.Entity `json:"to"`
	Type      string       `json:"type"`
	Forward   bool         `json:"forward"` // the edge points from → to
	Predicate string       `json:"predicate"`
	Sentence  string       `json:"sentence"`
	Article   string       `json:"article"`
}

func runPath(ctx context.Context, opts pathOptions, a, b string, w io.Writer) error {
	if opts.MaxHops < 0 {
		return usagef("--max-hops must be positive, got %d", opts.MaxHops)
	}
	s, _, err := openExplorer(ctx, opts.DB, opts.Cfg)
	if err != nil {
		return err
	}
	defer s.Close(context.WithoutCancel(ctx))
	from, _, err := resolveEntity(ctx, s, a)
	if err != nil {
		return err
	}
	to, _, err := resolveEntity(ctx, s, b)
	if err != nil {
		return err
	}
	hops, err := s.ShortestPath(ctx, from.Entity.Key, to.Entity.Key, graph.PathOptions{MaxHops: opts.MaxHops, ViaConcepts: opts.ViaConcepts})
	if errors.Is(err, graph.ErrNoPath) {
		maxHops := opts.MaxHops
		if maxHops <= 0 {
			maxHops = graph.DefaultMaxHops
		}
		hint := " (try a larger --max-hops)"
		if !opts.ViaConcepts {
			hint = " (try --via-concepts or a larger --max-hops)"
		}
		return fmt.Errorf("%w between %s and %s within %d hops%s", graph.ErrNoPath,
			entityLabel(from.Entity.Name, from.Entity.Type), entityLabel(to.Entity.Name, to.Entity.Type), maxHops, hint)
	}
	if err != nil {
		return err
	}
	if opts.JSON {
		out := struct {
			From graph.Entity `json:"from"`
			To   graph.Entity `json:"to"`
			Hops []pathHop    `json:"hops"`
		}{from.Entity, to.Entity, []pathHop{}}
		for _, h := range hops {
			out.Hops = append(out.Hops, pathHop{h.From, h.To, h.Type, h.Forward, h.Predicate, h.Sentence, h.Article})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	fmt.Fprintf(w, "%s → %s: %d hop(s)\n", entityLabel(from.Entity.Name, from.Entity.Type), entityLabel(to.Entity.Name, to.Entity.Type), len(hops))
	for _, h := range hops {
		rel := "-[" + h.Type + "]->"
		if !h.Forward {
			rel = "<-[" + h.Type + "]-"
		}
		fmt.Fprintf(w, "  %s %s %s\n", h.From.Name, rel, h.To.Name)
		if _, err := fmt.Fprintf(w, "      %s [%s]\n", quoteSample(h.Sentence, 120), ingest.SafeName(h.Article)); err != nil {
			return err
		}
	}
	return nil
}
