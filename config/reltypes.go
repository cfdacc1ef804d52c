package config

import (
	"github.com/kgb-dev/kgb/graph"
)

// LoadRelationTypes returns the relation-type mapping used by ingest: kgb's
// shipped defaults (graph/data/relation-types.yaml) overlaid with the
// relation_types file at path, whose entries win. A file maps lemmas to
// types, or types to lists of phrases:
//
//	"hold a phone conversation with": CALL
//	CRITICIZE: [criticise, criticize, attack]
//
// Every type is validated (^[A-Z][A-Z0-9_]*$). An empty path returns the
// shipped defaults alone.
func LoadRelationTypes(path string) (*graph.RelationTypes, error) {
	rt, err := graph.LoadRelationTypes(path)
	if err != nil {
		return nil, &Error{Key: "relation_types", Msg: "cannot load " + quoteOrDefault(path), Err: err}
	}
	return rt, nil
}

func quoteOrDefault(path string) string {
	if path == "" {
		return "the built-in relation types"
	}
	return "\"" + path + "\""
}
