package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
)

// topOptions are the settings of `kgb top`.
type topOptions struct {
	DB   string // embedded store directory
	N    int    // rows per table
	JSON bool
}

func newTopCmd() *cobra.Command {
	opts := topOptions{N: 10}
	cmd := &cobra.Command{
		Use:   "top",
		Short: "List the most connected entities and the most frequent relations",
		Long: `top summarises the embedded graph: how many articles, entities and evidence
edges it holds, the entities with the most evidence edges, and the
relationship types with the most evidence.`,
		Example: `  kgb top
  kgb top -n 25
  kgb top --db /data/news.db --json`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			opts.DB = cfg.DB
			return runTop(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().IntVarP(&opts.N, "number", "n", opts.N, "rows per list")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print as JSON")
	addConfigFlags(cmd)
	return cmd
}

type topEntity struct {
	Entity   graph.Entity `json:"entity"`
	Degree   int          `json:"degree"`
	Articles int          `json:"articles"`
}

type topResult struct {
	Articles  int                      `json:"articles"`
	Entities  int                      `json:"entities"`
	Edges     int                      `json:"edges"`
	Top       []topEntity              `json:"top_entities"`
	Relations []embedded.RelationCount `json:"top_relations"`
}

func runTop(ctx context.Context, opts topOptions, w io.Writer) error {
	if opts.N <= 0 {
		return usagef("-n must be at least 1, got %d", opts.N)
	}
	s, err := openEmbeddedReadOnly(ctx, opts.DB)
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	st, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	ents, err := s.TopEntities(ctx, opts.N)
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
		res.Relations = []embedded.RelationCount{}
	}
	if opts.JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	fmt.Fprintf(w, "%s: %d article(s), %d entit(ies), %d evidence edge(s)\n", opts.DB, st.Articles, st.Entities, st.Edges)
	if st.Entities == 0 {
		_, err := fmt.Fprintln(w, "the graph is empty: run `kgb ingest PATH` first")
		return err
	}
	fmt.Fprintln(w, "\nMost connected entities")
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
