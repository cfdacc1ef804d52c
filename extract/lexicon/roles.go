package lexicon

import (
	"fmt"
	"strings"
	"sync"
)

// EntityType is the kind of a named entity. Its values are the type names
// extraction writes (Span.Type) and the graph labels them with.
type EntityType string

// Entity types.
const (
	Person       EntityType = "Person"
	Organization EntityType = "Organization"
	Place        EntityType = "Place"
	Other        EntityType = "Other"   // a proper name of unknown kind
	Concept      EntityType = "Concept" // a common-noun argument ("talks", "the war")
)

// ParseEntityType returns the type named s, or an error.
func ParseEntityType(s string) (EntityType, error) {
	switch t := EntityType(s); t {
	case Person, Organization, Place, Other, Concept:
		return t, nil
	}
	return "", fmt.Errorf("unknown entity type %q (want Person, Organization, Place, Other or Concept)", s)
}

// ParseRoles reads a role-noun table: lines "noun<TAB>type"; "#" starts a
// comment line.
func ParseRoles(data []byte) (map[string]EntityType, error) {
	nouns, err := parseNouns(data, "roles", false)
	if err != nil {
		return nil, err
	}
	out := make(map[string]EntityType, len(nouns))
	for w, a := range nouns {
		out[w] = a.Type
	}
	return out, nil
}

// DefaultRoles returns the embedded role-noun table (data/roles.tsv).
var DefaultRoles = sync.OnceValues(func() (map[string]EntityType, error) {
	b, err := File("roles.tsv")
	if err != nil {
		return nil, err
	}
	return ParseRoles(b)
})

// ParseWords reads a word list: one entry per line (several words allowed),
// lower-cased; "#" starts a comment line.
func ParseWords(data []byte) map[string]bool {
	out := map[string]bool{}
	for _, line := range dataLines(data) {
		out[strings.Join(strings.Fields(strings.ToLower(line)), " ")] = true
	}
	return out
}

// DefaultStaffNouns returns the embedded staff nouns (data/staff.txt): a
// name right before one is an organisation ("Wolves chairman").
var DefaultStaffNouns = sync.OnceValues(func() (map[string]bool, error) {
	b, err := File("staff.txt")
	if err != nil {
		return nil, err
	}
	return ParseWords(b), nil
})

// Anaphor is what a generic anaphor ("the company", "the bank") may refer
// back to: an entity of Type, and, when Evidence is set, only one that
// shows it is one: EvidenceName, the noun heads its name ("the bank": Bank
// of England or Commercial Bank, not Reuters); EvidenceCountry, a country of the
// gazetteer ("the country": France, not Paris).
type Anaphor struct {
	Type     EntityType
	Evidence string
}

// Anaphor evidence kinds (see Anaphor).
const (
	EvidenceName    = "name"
	EvidenceCountry = "country"
)

// ParseAnaphors reads an anaphor table: noun<TAB>type[<TAB>evidence].
func ParseAnaphors(data []byte) (map[string]Anaphor, error) {
	return parseNouns(data, "anaphors", true)
}

// parseNouns reads the lines of a noun table (what names it in errors):
// noun<TAB>type, and a third field, evidence, where withEvidence. Nouns
// are lower-cased; the type is a named entity's, not Concept.
func parseNouns(data []byte, what string, withEvidence bool) (map[string]Anaphor, error) {
	want, most := "noun<TAB>type", 2
	if withEvidence {
		want, most = "noun<TAB>type[<TAB>evidence]", 3
	}
	out := map[string]Anaphor{}
	for n, line := range dataLines(data) {
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > most || f[0] == "" {
			return nil, fmt.Errorf("%s line %d: want %s: %q", what, n+1, want, line)
		}
		t, err := ParseEntityType(f[1])
		if err != nil || t == Concept {
			return nil, fmt.Errorf("%s line %d: %q is no entity type", what, n+1, f[1])
		}
		a := Anaphor{Type: t}
		if len(f) == 3 {
			switch f[2] {
			case EvidenceName, EvidenceCountry:
				a.Evidence = f[2]
			default:
				return nil, fmt.Errorf("%s line %d: evidence %q is neither %q nor %q", what, n+1, f[2], EvidenceName, EvidenceCountry)
			}
		}
		out[strings.ToLower(f[0])] = a
	}
	return out, nil
}

// DefaultAnaphors returns the embedded generic anaphors (data/anaphors.tsv):
// "the company" refers back to the most recent organisation, "the bank"
// to the most recent one with Bank in its name.
var DefaultAnaphors = sync.OnceValues(func() (map[string]Anaphor, error) {
	b, err := File("anaphors.tsv")
	if err != nil {
		return nil, err
	}
	return ParseAnaphors(b)
})
