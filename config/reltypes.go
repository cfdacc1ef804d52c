package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/kgb-dev/kgb/graph"
)

// LoadRelationTypes reads a relation_types file: a YAML mapping of relation
// lemmas to relationship types,
//
//	"hold a phone conversation with": CALL
//	criticise: CRITICIZE
//
// Every type is validated (^[A-Z][A-Z0-9_]*$). An empty path returns nil:
// types are then derived from the lemmas.
func LoadRelationTypes(path string) (*graph.RelationTypes, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Key: "relation_types", Msg: "cannot read file", Err: err}
	}
	m := map[string]string{}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		return nil, &Error{Key: "relation_types", Msg: fmt.Sprintf("%s is not a YAML mapping of lemma: TYPE", path), Err: err}
	}
	rt, err := graph.NewRelationTypes(m)
	if err != nil {
		return nil, &Error{Key: "relation_types", Msg: path, Err: err}
	}
	return rt, nil
}
