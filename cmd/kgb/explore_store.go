package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/graph/neo4j"
)

// Helpers shared by the exploration commands (show, path, top) and by
// push and export, which read the embedded store.

// openEmbeddedReadOnly opens the embedded database for reading. One kgb at
// a time opens it: another one (an ingest, say) makes this wait a moment,
// then fail with embedded.ErrLocked. A missing or foreign database is a
// usage error (exit 2) telling what to do.
func openEmbeddedReadOnly(ctx context.Context, path string) (*embedded.Store, error) {
	s, err := embedded.OpenReadOnly(ctx, path)
	if err != nil {
		if errors.Is(err, embedded.ErrNotFound) || errors.Is(err, embedded.ErrNotKGB) || errors.Is(err, embedded.ErrSchema) {
			return nil, &usageError{err: fmt.Errorf("embedded store: %w", err)}
		}
		return nil, fmt.Errorf("embedded store: %w", err)
	}
	return s, nil
}

// explorer is a store that show, path and top read: the embedded store or Neo4j.
type explorer interface {
	graph.Explorer
	Close(ctx context.Context) error
}

// openExplorer opens the store show, path and top read: Neo4j when cfg says
// store neo4j, else the embedded database at db (cfg.DB when cfg is set).
// where names it for headers: the embedded directory or the Neo4j URI.
func openExplorer(ctx context.Context, db string, cfg *config.Config) (s explorer, where string, err error) {
	if cfg != nil && cfg.Store == config.StoreNeo4j {
		st, err := openNeo4j(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		ns, ok := st.(*neo4j.Store)
		if !ok {
			st.Close(context.WithoutCancel(ctx))
			return nil, "", fmt.Errorf("store %T cannot be explored", st)
		}
		return ns, config.MaskURI(cfg.Neo4j.URI), nil
	}
	if cfg != nil {
		db = cfg.DB
	}
	es, err := openEmbeddedReadOnly(ctx, db)
	if err != nil {
		return nil, "", err
	}
	return es, db, nil
}

// resolveEntity finds the entity a user named, by key, name, alias or name
// prefix (graph.Explorer.Lookup). It returns the best match and the other
// matches of the same kind, so callers can say the name was ambiguous.
func resolveEntity(ctx context.Context, s graph.Explorer, query string) (graph.Match, []graph.Match, error) {
	ms, err := s.Lookup(ctx, query, 10)
	if errors.Is(err, graph.ErrEmptyQuery) {
		return graph.Match{}, nil, &usageError{err: errors.New("empty entity name")}
	}
	if err != nil {
		return graph.Match{}, nil, err
	}
	if len(ms) == 0 {
		return graph.Match{}, nil, &notFoundError{what: "entity", name: query}
	}
	var same []graph.Match
	for _, m := range ms[1:] {
		if m.Kind == ms[0].Kind {
			same = append(same, m)
		}
	}
	return ms[0], same, nil
}

// notFoundError reports a name that matches nothing in the store (exit 1).
type notFoundError struct{ what, name string }

func (e *notFoundError) Error() string {
	return fmt.Sprintf("no %s matches %q (try `kgb top` to see what the graph holds)", e.what, e.name)
}

// oneLine flattens s to one line of at most max runes, for tables.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); max > 0 && len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

func entityLabel(name, typ string) string {
	if typ == "" {
		return name
	}
	return name + " (" + typ + ")"
}

// exactArgs is cobra.ExactArgs returning a usage error (exit 2).
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %d argument(s), got %d (usage: kgb %s)", cmd.Name(), n, len(args), cmd.Use)
		}
		return nil
	}
}
