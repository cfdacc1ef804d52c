package graph

import (
	"context"
	"errors"
	"strings"
)

// Explorer is the read side of `kgb show`, `kgb path` and `kgb top`. Both
// stores implement it (embedded.Store, neo4j.Store), so the commands give
// the same answers whichever store holds the graph.
type Explorer interface {
	// Lookup finds entities by key, name or alias (case-insensitive), then
	// by name prefix; best kind first, better connected first within a
	// kind. At most limit matches (all when limit <= 0).
	Lookup(ctx context.Context, query string, limit int) ([]Match, error)
	// Neighbours groups key's evidence edges by relationship type,
	// direction and other entity, most evidence first; at most limit groups
	// (all when limit <= 0).
	Neighbours(ctx context.Context, key string, limit int) ([]Neighbour, error)
	// ShortestPath finds a shortest chain of evidence edges between two
	// entity keys, ignoring direction; ErrNoPath (wrapped) when there is none.
	ShortestPath(ctx context.Context, from, to string, o PathOptions) ([]Hop, error)
	// TopEntities returns the n entities with the most evidence edges;
	// named entities only unless all is true (Concept entities too).
	TopEntities(ctx context.Context, n int, all bool) ([]EntityCount, error)
	// TopRelations returns the n most frequent relationship types (all
	// when n <= 0).
	TopRelations(ctx context.Context, n int) ([]RelationCount, error)
	// Stats counts articles, entities and evidence edges.
	Stats(ctx context.Context) (Stats, error)
}

// MatchKind ranks how an entity matched a lookup; lower is better.
type MatchKind int

// Match kinds, best first.
const (
	MatchKey    MatchKind = iota // the query is the entity's key, or its canonical name normalised
	MatchAlias                   // the query equals one of its names or aliases (case-insensitive)
	MatchPrefix                  // one of its names or aliases starts with the query
)

func (k MatchKind) String() string {
	switch k {
	case MatchKey:
		return "key"
	case MatchAlias:
		return "alias"
	case MatchPrefix:
		return "prefix"
	}
	return "unknown"
}

// Match is one entity found by Lookup.
type Match struct {
	Entity   Entity
	Kind     MatchKind
	Degree   int // evidence edges touching the entity
	Articles int // articles mentioning it
}

// ErrEmptyQuery is returned by Lookup for a blank query.
var ErrEmptyQuery = errors.New("empty entity name")

// Direction of an edge relative to the entity a query is about.
type Direction int

// Directions.
const (
	Out Direction = iota // entity -[type]-> other
	In                   // other -[type]-> entity
)

func (d Direction) String() string {
	if d == In {
		return "in"
	}
	return "out"
}

// Neighbour is one (relation type, direction, other entity) group of
// evidence edges around an entity.
type Neighbour struct {
	Entity        Entity // the other end
	Type          string // relationship type
	Direction     Direction
	Evidence      int    // number of evidence edges in the group
	Articles      int    // distinct articles among them
	Predicate     string // surface relation of the sample
	Sample        string // one evidence sentence
	SampleArticle string // the article it comes from
}

// Hop is one step of a path: From and To are adjacent, linked by an
// evidence edge of Type that points From→To when Forward, To→From otherwise.
type Hop struct {
	From, To  Entity
	Type      string
	Forward   bool
	Predicate string
	Sentence  string
	Article   string
}

// ErrNoPath is returned by ShortestPath when the entities are not connected
// within the hop limit.
var ErrNoPath = errors.New("no path")

// DefaultMaxHops bounds ShortestPath when MaxHops <= 0.
const DefaultMaxHops = 6

// PathOptions tune ShortestPath.
type PathOptions struct {
	MaxHops int // longest path searched, in edges; 0 = DefaultMaxHops
	// ViaConcepts lets paths pass through Concept entities ("people",
	// "home"), which otherwise link almost everything to everything.
	// The ends of the path may always be concepts.
	ViaConcepts bool
}

// EntityCount is an entity with its connectivity.
type EntityCount struct {
	Entity   Entity `json:"entity"`
	Degree   int    `json:"degree"`   // evidence edges touching it
	Articles int    `json:"articles"` // articles mentioning it
}

// RelationCount is a relationship type with its number of evidence edges.
type RelationCount struct {
	Type     string `json:"type"`
	Evidence int    `json:"evidence"`
}

// Stats counts what a store holds.
type Stats struct {
	Articles, Entities, Edges int
}

// IsConcept reports whether an entity key names a Concept (a common noun
// phrase such as "people" or "talks") rather than a named entity.
func IsConcept(key string) bool {
	return len(key) > len(ConceptKeyPrefix) && strings.HasPrefix(key, ConceptKeyPrefix)
}

// TypedQueryKeys returns, for Lookup, the keys a "type:name" query names:
// "concept:talks" the concept, "person:ada vance" (the form of older kgb
// keys) the named entity "ada vance", whatever its type. Nil for other
// queries.
func TypedQueryKeys(q string) []string {
	i := strings.IndexByte(q, ':')
	if i <= 0 || i >= len(q)-1 {
		return nil
	}
	typ, name := strings.TrimSpace(q[:i]), q[i+1:]
	if strings.EqualFold(typ, ConceptType) {
		return []string{EntityKey(name, ConceptType)}
	}
	return []string{NormalizeName(name)}
}
