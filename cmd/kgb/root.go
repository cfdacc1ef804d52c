package main

import (
	"github.com/spf13/cobra"
)

// newRootCmd builds the kgb command tree. Each subcommand lives in its own
// file as newXCmd() plus a runX(ctx, opts, ...) function testable without cobra.
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "kgb",
		Short: "kgb builds a knowledge graph from folders of news articles",
		Long: `kgb reads news articles, extracts who did what to whom as
(subject, relation, object) triples with evidence, and stores them as a graph:
in an embedded database file by default, or in Neo4j.

Exit codes: 0 ok, 1 fatal error, 2 usage or configuration error,
3 some inputs failed (the rest were processed), 130 interrupted.`,
		Example: `  kgb extract examples/articles/summit.txt
  kgb ingest examples/articles
  kgb version`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{err: err}
	})
	root.AddCommand(newVersionCmd())
	for _, add := range subcommands {
		root.AddCommand(add())
	}
	return root
}
