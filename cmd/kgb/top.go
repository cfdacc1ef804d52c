package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
)

// topOptions are the settings of `kgb top`.
type topOptions struct {
	DB   string         // embedded store directory, when Cfg is nil
	Cfg  *config.Config // the configured store (embedded or Neo4j); nil = DB
	N    int            // rows per table
	All  bool           // rank Concept entities too
	JSON bool
}

func newTopCmd() *cobra.Command {
	opts := topOptions{N: 10}
	cmd := &cobra.Command{
		Use:   "top",
		Short: "List the most connected entities and the most frequent relations",
		Long: `top summarises the graph (the embedded store, or Neo4j with --store neo4j):
how many articles, entities and evidence edges it holds, the named entities
(people, organisations, places, ...) with the most evidence edges, and the
relationship types with the most evidence. Concept entities (common nouns
such as "people" or "talks") are ranked too with --all.`,
		Example: `  kgb top
  kgb top -n 25 --all
  kgb top --db /data/news.db --json
  kgb top --store neo4j --neo4j-uri bolt://127.0.0.1:7687`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			opts.Cfg = cfg
			return runTop(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().IntVarP(&opts.N, "number", "n", opts.N, "rows per list")
	cmd.Flags().BoolVar(&opts.All, "all", false, `rank Concept entities ("people", "talks") too, not only named ones`)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print as JSON")
	addReadConfigFlags(cmd)
	return cmd
}

type topEntity struct {
	Entity   graph.Entity `json:"entity"`
	Degree   int          `json:"degree"`
	Articles int          `json:"articles"`
}

type topResult struct {
	Articles  int                   `json:"articles"`
	Entities  int                   `json:"entities"`
	Edges     int                   `json:"edges"`
	Top       []topEntity           `json:"top_entities"`
	Relations []graph.RelationCount `json:"top_relations"`
}

func runTop(ctx context.Context, opts topOptions, w io.Writer) error {
	if opts.N <= 0 {
		return usagef("-n must be at least 1, got %d", opts.N)
	}
	s, where, err := openExplorer(ctx, opts.DB, opts.Cfg)
	if err != nil {
		return err
	}
	defer s.Close(context.WithoutCancel(ctx))
	st, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	ents, err := s.TopEntities(ctx, opts.N, opts.All)
	if err != nil {
		return err
	}
	rels, err := s.TopRelations(ctx, opts.N)
	if err != nil {
		return err
	}
	res := topResult{Articles: st.Articles, Entities: st.Entities, Edges: st.Edges, Top: []topEntity{}, Relations: rels}
	for _, e := range ents {
		res.Top = append(res.Top, topEntity{e.Entity, e.Degree, e.Articles})
	}
	if res.Relations == nil {
		res.Relations = []graph.RelationCount{}
	}
	if opts.JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	fmt.Fprintf(w, "%s: %d article(s), %d entit(ies), %d evidence edge(s)\n", where, st.Articles, st.Entities, st.Edges)
	if st.Entities == 0 {
		_, err := fmt.Fprintln(w, "the graph is empty: run `kgb ingest PATH` first")
		return err
	}
	if opts.All {
		fmt.Fprintln(w, "\nMost connected entities")
	} else {
		fmt.Fprintln(w, "\nMost connected named entities (--all adds concepts)")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tENTITY\tTYPE\tEDGES\tARTICLES")
	for i, e := range res.Top {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%d\t%d\n", i+1, oneLine(e.Entity.Name, 50), e.Entity.Type, e.Degree, e.Articles)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nMost frequent relations")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tRELATION\tEVIDENCE")
	for i, r := range res.Relations {
		fmt.Fprintf(tw, "  %d\t%s\t%d\n", i+1, r.Type, r.Evidence)
	}
	return tw.Flush()
}
