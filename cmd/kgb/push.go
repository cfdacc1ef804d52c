package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
)

// pushOptions are the settings of `kgb push`.
type pushOptions struct {
	DB    string // embedded store directory (the source)
	Batch int    // articles per destination write; 0 = 64
	Force bool   // rewrite articles the destination already has with the same SHA-256
	Prune bool   // retract destination articles the source does not hold
	// Progress, when set, receives a line every ProgressEvery (default 5s).
	Progress      io.Writer
	ProgressEvery time.Duration
}

func newPushCmd() *cobra.Command {
	var opts pushOptions
	cmd := &cobra.Command{
		Use:   "push",
		Short: "Copy the embedded graph into the configured Neo4j",
		Long: `push copies every article of the embedded store (--db, default ./kgb.db) with
its entities, MENTIONS and evidence edges into Neo4j (neo4j.uri / NEO4J_URI),
batch by batch (--batch-articles per write). Each article replaces what Neo4j
held for it, so pushing twice gives the same graph, and an interrupted push
can simply be run again. Articles Neo4j already holds with the same SHA-256
are skipped unless --force is given (use it after re-extracting with a newer
kgb). Articles already in Neo4j but not in the embedded store are left
alone, unless --prune is given: then they are retracted, so Neo4j ends up
holding exactly the embedded graph.

Start locally with the embedded store, move to Neo4j when you need it.`,
		Example: `  NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=secret kgb push
  kgb push --db news.db --neo4j-uri bolt://db:7687 --neo4j-database news
  kgb push --batch-articles 200 --force
  kgb push --prune          # mirror: also retract what kgb.db no longer holds`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			if cfg.Neo4j.URI == "" {
				return usagef("kgb push needs a Neo4j: set --neo4j-uri, NEO4J_URI or neo4j.uri in kgb.yaml")
			}
			opts.DB, opts.Batch = cfg.DB, cfg.BatchArticles
			ctx := cmd.Context()
			src, err := openEmbeddedReadOnly(ctx, opts.DB)
			if err != nil {
				return err
			}
			defer src.Close(ctx)
			dst, err := openPushDestination(ctx, cfg)
			if err != nil {
				return err
			}
			defer dst.Close(context.WithoutCancel(ctx))
			opts.Progress = cmd.ErrOrStderr()
			return runPush(ctx, opts, src, dst, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "rewrite every article, even those Neo4j holds unchanged")
	cmd.Flags().BoolVar(&opts.Prune, "prune", false, "retract articles Neo4j holds that the embedded store does not")
	config.AddFlagsFor(cmd.Flags(), "db", "batch_articles", "neo4j.uri", "neo4j.username", "neo4j.database", "neo4j.batch_size", "relation_types", "log.format", "log.level")
	return cmd
}

// openPushDestination opens the store push writes to: the configured Neo4j.
func openPushDestination(ctx context.Context, cfg *config.Config) (graph.Store, error) {
	return openNeo4j(ctx, cfg)
}

// pushSummary counts what a push copied.
type pushSummary struct {
	Articles, Edges, Mentions int
	Unchanged                 int // skipped: the destination has the same SHA-256
	Pruned                    int // retracted from the destination (opts.Prune)
	Elapsed                   time.Duration
}

// pushSource is what push reads: every article graph, and whether an
// article id is held (for --prune).
type pushSource interface {
	graph.Reader
	ArticleHash(ctx context.Context, id string) (string, bool, error)
}

// runPush copies every article graph of src into dst in batches (one
// ReplaceArticles call each when dst is a graph.BatchStore), skipping
// articles dst holds with the same SHA-256 unless opts.Force; with
// opts.Prune it then retracts the articles of dst that src does not hold.
// On interruption the batches written stay written; a rerun completes the
// copy.
func runPush(ctx context.Context, opts pushOptions, src pushSource, dst graph.Store, w io.Writer) error {
	sum, err := push(ctx, opts, src, dst)
	if err != nil {
		return fmt.Errorf("push (after %d articles): %w", sum.Articles, err)
	}
	rate := float64(sum.Articles) / max(sum.Elapsed.Seconds(), 1e-9)
	pruned := ""
	if opts.Prune {
		pruned = fmt.Sprintf("; %d article(s) pruned", sum.Pruned)
	}
	_, err = fmt.Fprintf(w, "pushed %d article(s), %d mention(s), %d evidence edge(s) from %s in %s (%.0f articles/s); %d unchanged article(s) skipped%s\n",
		sum.Articles, sum.Mentions, sum.Edges, opts.DB, sum.Elapsed.Round(time.Millisecond), rate, sum.Unchanged, pruned)
	return err
}

func push(ctx context.Context, opts pushOptions, src pushSource, dst graph.Store) (pushSummary, error) {
	start := time.Now()
	var sum pushSummary
	size := opts.Batch
	if size <= 0 {
		size = 64
	}
	batch := make([]graph.ArticleGraph, 0, size)
	every := opts.ProgressEvery
	if every <= 0 {
		every = 5 * time.Second
	}
	lastReport := start
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		var err error
		if bs, ok := dst.(graph.BatchStore); ok {
			err = bs.ReplaceArticles(ctx, batch)
		} else {
			for _, g := range batch {
				if err = dst.ReplaceArticle(ctx, g); err != nil {
					break
				}
			}
		}
		if err != nil {
			return err
		}
		for _, g := range batch {
			sum.Articles++
			sum.Mentions += len(g.Entities)
			sum.Edges += len(g.Edges)
		}
		batch = batch[:0]
		if opts.Progress != nil && time.Since(lastReport) >= every {
			lastReport = time.Now()
			fmt.Fprintf(opts.Progress, "push: %d article(s) written, %d unchanged, %.0f articles/s\n",
				sum.Articles, sum.Unchanged, float64(sum.Articles)/time.Since(start).Seconds())
		}
		return nil
	}
	err := src.ArticleGraphs(ctx, func(g graph.ArticleGraph) error {
		if !opts.Force {
			h, ok, err := dst.ArticleHash(ctx, g.Article.ID)
			if err != nil {
				return err
			}
			if ok && h == g.Article.SHA256 {
				sum.Unchanged++
				return nil
			}
		}
		batch = append(batch, g)
		if len(batch) >= size {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil && opts.Prune {
		// ArticleIDs calls fn outside its read transactions: retracting
		// the id it was given is allowed.
		err = dst.ArticleIDs(ctx, "", func(id string) error {
			_, held, err := src.ArticleHash(ctx, id)
			if err != nil || held {
				return err
			}
			if err := dst.RetractArticle(ctx, id); err != nil {
				return err
			}
			sum.Pruned++
			return nil
		})
	}
	sum.Elapsed = time.Since(start)
	return sum, err
}
