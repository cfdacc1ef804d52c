package extract

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// kgUserAlias is the canonical entity a user alias resolves to.
type kgUserAlias struct {
	Name string
	Type string // optional: Person, Organization, Place, Other, Concept
}

// ErrAliases is wrapped by every aliases-file error.
var ErrAliases = errors.New("invalid aliases file")

// parseUserAliases parses an aliases.yaml file. Three forms may be mixed:
//
//	Kremlin: Russia                      # alias: canonical name
//	Donald Trump: [The Donald, POTUS]    # canonical name: list of aliases
//	Acme Corp:                           # canonical name with a type
//	  type: Organization
//	  aliases: [Acme, ACME Inc]
//
// Keys are matched case-insensitively after collapsing spaces and dropping a
// leading "the". The canonical name maps to itself so that its type applies.
func parseUserAliases(b []byte) (map[string]kgUserAlias, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAliases, err)
	}
	out := map[string]kgUserAlias{}
	if len(root.Content) == 0 {
		return out, nil // empty file
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%w: line %d: want a mapping of names (\"Kremlin: Russia\")", ErrAliases, doc.Line)
	}
	add := func(alias string, u kgUserAlias, line int) error {
		k := kgFoldKey(alias)
		if k == "" {
			return fmt.Errorf("%w: line %d: empty name", ErrAliases, line)
		}
		if prev, ok := out[k]; ok && prev.Name != u.Name {
			return fmt.Errorf("%w: line %d: %q is already an alias of %q", ErrAliases, line, alias, prev.Name)
		}
		out[k] = u
		return nil
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%w: line %d: a name must be a plain string", ErrAliases, k.Line)
		}
		key := strings.TrimSpace(k.Value)
		switch v.Kind {
		case yaml.ScalarNode:
			canon := strings.TrimSpace(v.Value)
			if canon == "" {
				return nil, fmt.Errorf("%w: line %d: %q has no canonical name", ErrAliases, v.Line, key)
			}
			if err := add(key, kgUserAlias{Name: canon}, k.Line); err != nil {
				return nil, err
			}
		case yaml.SequenceNode:
			u := kgUserAlias{Name: key}
			if err := add(key, u, k.Line); err != nil {
				return nil, err
			}
			for _, a := range v.Content {
				if a.Kind != yaml.ScalarNode {
					return nil, fmt.Errorf("%w: line %d: aliases of %q must be strings", ErrAliases, a.Line, key)
				}
				if err := add(a.Value, u, a.Line); err != nil {
					return nil, err
				}
			}
		case yaml.MappingNode:
			u := kgUserAlias{Name: key}
			var aliases []*yaml.Node
			for j := 0; j+1 < len(v.Content); j += 2 {
				f, fv := v.Content[j], v.Content[j+1]
				switch f.Value {
				case "type":
					t, err := kgParseEntityType(fv.Value)
					if err != nil {
						return nil, fmt.Errorf("%w: line %d: %w", ErrAliases, fv.Line, err)
					}
					u.Type = t
				case "aliases":
					if fv.Kind != yaml.SequenceNode {
						return nil, fmt.Errorf("%w: line %d: aliases of %q must be a list", ErrAliases, fv.Line, key)
					}
					aliases = fv.Content
				default:
					return nil, fmt.Errorf("%w: line %d: unknown kgField %q (want type, aliases)", ErrAliases, f.Line, f.Value)
				}
			}
			if err := add(key, u, k.Line); err != nil {
				return nil, err
			}
			for _, a := range aliases {
				if a.Kind != yaml.ScalarNode {
					return nil, fmt.Errorf("%w: line %d: aliases of %q must be strings", ErrAliases, a.Line, key)
				}
				if err := add(a.Value, u, a.Line); err != nil {
					return nil, err
				}
			}
		default:
			return nil, fmt.Errorf("%w: line %d: unsupported value for %q", ErrAliases, v.Line, key)
		}
	}
	return out, nil
}

func kgParseEntityType(s string) (string, error) {
	for _, t := range []string{TypePerson, TypeOrganization, TypePlace, TypeOther, TypeConcept} {
		if strings.EqualFold(s, t) {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown type %q (want Person, Organization, Place, Other or Concept)", s)
}
