package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/ingest"
)

// showOptions are the settings of `kgb show`.
type showOptions struct {
	DB    string         // embedded store directory, when Cfg is nil
	Cfg   *config.Config // the configured store (embedded or Neo4j); nil = DB
	Limit int            // neighbour groups shown; 0 = all
	JSON  bool
	Width int // sample sentence width in runes; 0 = 100
}

func newShowCmd() *cobra.Command {
	opts := showOptions{Limit: 25}
	cmd := &cobra.Command{
		Use:   "show ENTITY",
		Short: "Show an entity of the graph with its neighbours and evidence",
		Long: `show finds ENTITY in the embedded graph (by key such as "ada vance" or
"concept:talks", by name or alias, case-insensitively, or by name prefix — in
that order of preference, better connected entities first; "person:ada vance"
finds the entity named Ada Vance whatever its type) and lists its neighbours: the
relationship type, its direction, the other entity, how many pieces of
evidence support it and one evidence sentence.

It reads the embedded store (--db, default ./kgb.db) without a server, or
Neo4j with --store neo4j (or when neo4j.uri / NEO4J_URI is set).`,
		Example: `  kgb ingest examples/articles
  kgb show "Helen Marsh"
  kgb show marsh --limit 10
  kgb show "tobias weber" --json
  kgb show "Tony Blair" --db /data/bbc.db
  kgb show "Helen Marsh" --store neo4j --neo4j-uri bolt://127.0.0.1:7687`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			opts.Cfg = cfg
			return runShow(cmd.Context(), opts, args[0], cmd.OutOrStdout())
		},
	}
	cmd.Flags().IntVarP(&opts.Limit, "limit", "n", opts.Limit, "neighbour groups shown (0 = all)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print as JSON")
	addReadConfigFlags(cmd)
	return cmd
}

// showResult is what `kgb show --json` prints.
type showResult struct {
	Entity       graph.Entity    `json:"entity"`
	Match        string          `json:"match"` // key, alias or prefix
	Degree       int             `json:"degree"`
	Articles     int             `json:"articles"`
	Neighbours   []showNeighbour `json:"neighbours"`
	OtherMatches []graph.Entity  `json:"other_matches,omitempty"`
}

type showNeighbour struct {
	Direction     string       `json:"direction"` // out: ENTITY -[type]-> other; in: other -[type]-> ENTITY
	Type          string       `json:"type"`
	Entity        graph.Entity `json:"entity"`
	Evidence      int          `json:"evidence"`
	Articles      int          `json:"articles"`
	Predicate     string       `json:"predicate"`
	Sample        string       `json:"sample"`
	SampleArticle string       `json:"sample_article"`
}

func runShow(ctx context.Context, opts showOptions, query string, w io.Writer) error {
	s, _, err := openExplorer(ctx, opts.DB, opts.Cfg)
	if err != nil {
		return err
	}
	defer s.Close(context.WithoutCancel(ctx))
	m, others, err := resolveEntity(ctx, s, query)
	if err != nil {
		return err
	}
	ns, err := s.Neighbours(ctx, m.Entity.Key, opts.Limit)
	if err != nil {
		return err
	}
	res := showResult{Entity: m.Entity, Match: m.Kind.String(), Degree: m.Degree, Articles: m.Articles, Neighbours: []showNeighbour{}}
	for _, n := range ns {
		res.Neighbours = append(res.Neighbours, showNeighbour{Direction: n.Direction.String(), Type: n.Type, Entity: n.Entity,
			Evidence: n.Evidence, Articles: n.Articles, Predicate: n.Predicate, Sample: n.Sample, SampleArticle: n.SampleArticle})
	}
	for _, o := range others {
		res.OtherMatches = append(res.OtherMatches, o.Entity)
	}
	if opts.JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	return printShow(w, opts, res, ns)
}

func printShow(w io.Writer, opts showOptions, res showResult, ns []graph.Neighbour) error {
	width := opts.Width
	if width <= 0 {
		width = 100
	}
	e := res.Entity
	fmt.Fprintf(w, "%s  [%s]\n", entityLabel(e.Name, e.Type), e.Key)
	if len(e.Aliases) > 0 {
		fmt.Fprintf(w, "  aliases: %s\n", oneLine(strings.Join(e.Aliases, "; "), 0))
	}
	if len(e.Titles) > 0 {
		fmt.Fprintf(w, "  titles:  %s\n", oneLine(strings.Join(e.Titles, "; "), 0))
	}
	fmt.Fprintf(w, "  %d evidence edge(s), mentioned in %d article(s)\n", res.Degree, res.Articles)
	if len(res.OtherMatches) > 0 {
		var names []string
		for _, o := range res.OtherMatches {
			names = append(names, fmt.Sprintf("%s [%s]", entityLabel(o.Name, o.Type), o.Key))
		}
		fmt.Fprintf(w, "  also matching %q by %s: %s\n", e.Name, res.Match, strings.Join(names, ", "))
	}
	if len(ns) == 0 {
		_, err := fmt.Fprintln(w, "\n  no relations (only mentioned)")
		return err
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  RELATION\tENTITY\tEVIDENCE\tSAMPLE")
	for _, n := range ns {
		rel := "-[" + n.Type + "]->"
		if n.Direction == graph.In {
			rel = "<-[" + n.Type + "]-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s [%s]\n", rel, oneLine(entityLabel(n.Entity.Name, n.Entity.Type), 40), n.Evidence,
			quoteSample(n.Sample, width), ingest.SafeName(n.SampleArticle))
	}
	return tw.Flush()
}

func quoteSample(s string, width int) string { return "\"" + oneLine(s, width) + "\"" }
