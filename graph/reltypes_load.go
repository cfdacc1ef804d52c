package graph

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed data/relation-types.yaml
var defaultRelationTypesYAML []byte

// DefaultRelationTypesYAML returns the shipped relation-type mapping file,
// a starting point for users' own files.
func DefaultRelationTypesYAML() []byte { return bytes.Clone(defaultRelationTypesYAML) }

var defaultRelationTypes = sync.OnceValues(func() (map[string]string, error) {
	return ParseRelationTypes(defaultRelationTypesYAML, "built-in relation types")
})

// DefaultRelationTypes returns the shipped mapping (graph/data/relation-types.yaml):
// call, phone, "hold a phone conversation with" → CALL; meet → MEET;
// criticize, criticise → CRITICIZE; speak with → SPEAK_WITH; and more.
func DefaultRelationTypes() *RelationTypes {
	m, err := defaultRelationTypes()
	if err != nil {
		panic(err) // the embedded file is checked by TestDefaultRelationTypes
	}
	rt, err := NewRelationTypes(m)
	if err != nil {
		panic(err)
	}
	return rt
}

// LoadRelationTypes returns the shipped mapping overlaid with the file at
// path (its entries win); path "" gives the shipped mapping alone.
func LoadRelationTypes(path string) (*RelationTypes, error) {
	m, err := defaultRelationTypes()
	if err != nil {
		return nil, err
	}
	merged := make(map[string]string, len(m))
	for k, v := range m {
		merged[k] = v
	}
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("relation types: %w", err)
		}
		user, err := ParseRelationTypes(data, path)
		if err != nil {
			return nil, err
		}
		for k, v := range user {
			merged[k] = v
		}
	}
	return NewRelationTypes(merged)
}

// RelationTypesError reports a problem in a relation-type mapping file.
type RelationTypesError struct {
	File string // file name as given
	Line int    // 1-based, 0 when unknown
	Msg  string
	Err  error // *TypeError for an invalid type, else nil or the YAML error
}

func (e *RelationTypesError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": " + e.Msg)
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *RelationTypesError) Unwrap() error { return e.Err }

// ParseRelationTypes reads a mapping file: a YAML mapping from relationship
// type to a phrase or a list of phrases, or from a phrase to a type; both
// forms may be mixed:
//
//	CALL: [call, phone, hold a phone conversation with]
//	MEET: meet
//	hold talks with: SPEAK_WITH
//
// and returns phrase → type with phrases folded (lower case, single spaces).
// Types must satisfy ValidType; a phrase listed under two types is an error.
// name is used in error messages.
func ParseRelationTypes(data []byte, name string) (map[string]string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &RelationTypesError{File: name, Msg: "not valid YAML", Err: err}
	}
	out := map[string]string{}
	if len(doc.Content) == 0 {
		return out, nil // empty file
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &RelationTypesError{File: name, Line: root.Line,
			Msg: "want a mapping from relationship type to phrases, e.g. \"CALL: [call, phone]\""}
	}
	line := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		typ := k.Value
		var phrases []string
		switch {
		case k.Kind == yaml.ScalarNode && !ValidType(typ) && v.Kind == yaml.ScalarNode && ValidType(v.Value):
			// The flat form "lemma: TYPE".
			typ, phrases = v.Value, []string{k.Value}
		case k.Kind != yaml.ScalarNode || !ValidType(typ):
			return nil, &RelationTypesError{File: name, Line: k.Line, Msg: "bad relationship type",
				Err: &TypeError{Type: typ, Context: "mapping key"}}
		case v.Kind == yaml.ScalarNode:
			phrases = []string{v.Value}
		case v.Kind == yaml.SequenceNode:
			for _, p := range v.Content {
				if p.Kind != yaml.ScalarNode {
					return nil, &RelationTypesError{File: name, Line: p.Line, Msg: fmt.Sprintf("%s: phrases must be strings", typ)}
				}
				phrases = append(phrases, p.Value)
			}
		default:
			return nil, &RelationTypesError{File: name, Line: v.Line, Msg: fmt.Sprintf("%s: want a phrase or a list of phrases", typ)}
		}
		for _, p := range phrases {
			f := foldLemma(p)
			if f == "" {
				return nil, &RelationTypesError{File: name, Line: v.Line, Msg: fmt.Sprintf("%s: empty phrase", typ)}
			}
			if prev, ok := out[f]; ok && prev != typ {
				return nil, &RelationTypesError{File: name, Line: v.Line,
					Msg: fmt.Sprintf("phrase %q is mapped to both %s (line %d) and %s", p, prev, line[f], typ)}
			}
			out[f] = typ
			line[f] = v.Line
		}
	}
	return out, nil
}

// TypeFor returns the relationship type of a relation: the mapped type of
// its lemma, else of its surface text (so that files may list phrases as
// written, "held a phone conversation with"), else the general type.
func (rt *RelationTypes) TypeFor(lemma, surface string) string {
	if rt != nil {
		if t, ok := rt.byLemma[foldLemma(lemma)]; ok {
			return t
		}
		if t, ok := rt.byLemma[foldLemma(surface)]; ok {
			return t
		}
	}
	return rt.General()
}

// Phrases returns the mapped phrases of type typ, sorted.
func (rt *RelationTypes) Phrases(typ string) []string {
	var out []string
	if rt != nil {
		for p, t := range rt.byLemma {
			if t == typ {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return out
}
