package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
)

// Helpers shared by every command that reads kgb's configuration or opens
// the configured graph store.

// addConfigFlags registers --config, --verbose and one flag per
// configuration key (see kgb.example.yaml) on cmd.
func addConfigFlags(cmd *cobra.Command) { config.AddFlags(cmd.Flags()) }

// readFlagKeys are the configuration keys of the commands that read a store
// (show, path, top, export): which store, and how to reach it.
var readFlagKeys = []string{"store", "db", "neo4j.uri", "neo4j.username", "neo4j.database", "log.format", "log.level"}

// addReadConfigFlags registers --config, --verbose and readFlagKeys' flags.
func addReadConfigFlags(cmd *cobra.Command) { config.AddFlagsFor(cmd.Flags(), readFlagKeys...) }

// loadConfig loads the configuration from defaults, kgb.yaml, the
// environment and cmd's flags. Mistakes are usage errors (exit 2).
func loadConfig(cmd *cobra.Command) (*config.Config, error) {
	cfg, err := config.Load(config.Options{Flags: cmd.Flags()})
	if err != nil {
		return nil, &usageError{err: err}
	}
	return cfg, nil
}

// newLogger returns the slog logger configured by log.format and log.level,
// writing to w.
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.Log.Level)) // validated by config
	ho := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, ho))
	}
	return slog.New(slog.NewTextHandler(w, ho))
}

// openStore opens the configured store: the embedded database (cfg.DB) or Neo4j.
func openStore(ctx context.Context, cfg *config.Config) (graph.Store, error) {
	switch cfg.Store {
	case config.StoreNeo4j:
		return openNeo4j(ctx, cfg)
	default:
		s, err := embedded.Open(ctx, cfg.DB)
		if err != nil {
			if errors.Is(err, embedded.ErrNotKGB) || errors.Is(err, embedded.ErrSchema) {
				return nil, &usageError{err: fmt.Errorf("embedded store (db = %s): %w", cfg.DB, err)}
			}
			return nil, fmt.Errorf("embedded store: %w", err)
		}
		return s, nil
	}
}

// isTerminal reports whether w is a terminal (for progress bars).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
