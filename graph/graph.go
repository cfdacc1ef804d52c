// Package graph holds kgb's graph model (entities, articles, evidence edges)
// and the Store contract that every backend (embedded file, Neo4j) fulfils.
//
// It knows nothing of NLP: the ingest pipeline converts extracted triples into
// an ArticleGraph and hands it to a Store.
package graph

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ConceptType is the Type of concept nodes: common-noun phrases ("talks",
// "oil prices") as opposed to named entities. In Neo4j they are labelled
// :Concept alone, named entities :Entity:<Type>, so that MATCH (e:Entity)
// means named entities.
const ConceptType = "Concept"

// Entity is a node: one real-world thing, identified by Key. A named entity
// or, when Type is ConceptType, a concept.
type Entity struct {
	Key     string   `json:"key"`               // normalised canonical name (EntityKey); "concept:" + phrase for concepts; unique
	Name    string   `json:"name"`              // canonical display name
	Type    string   `json:"type"`              // Person, Organization, Place, Other, Concept; also the node's label (Entity:<Type>, or Concept alone). Written: the type this article gives it; read: the node's type, decided over all articles (PreferType)
	Aliases []string `json:"aliases,omitempty"` // surface forms seen for it
	Titles  []string `json:"titles,omitempty"`  // titles seen with it ("President")
}

// Article is a source document.
type Article struct {
	ID          string    `json:"id"`                     // ingest root's folder name + path inside it ("politics/001.txt")
	Path        string    `json:"path"`                   // path as read
	SHA256      string    `json:"sha256"`                 // hex SHA-256 of the raw file content
	Title       string    `json:"title"`                  //
	Date        string    `json:"date,omitempty"`         // publication date when known
	IngestedAt  time.Time `json:"ingested_at"`            //
	DuplicateOf string    `json:"duplicate_of,omitempty"` // id of the article with the same content, if any
}

// Edge is one piece of evidence that Subject relates to Object.
// There is one Edge per (article, sentence, triple): edges are never merged
// across articles, so an article's facts can be retracted exactly.
type Edge struct {
	Subject       string  `json:"subject"`        // Entity.Key
	Object        string  `json:"object"`         // Entity.Key
	Type          string  `json:"type"`           // relationship type, matches ValidType
	Predicate     string  `json:"predicate"`      // surface relation text
	Lemma         string  `json:"lemma"`          // normalised relation
	Article       string  `json:"article"`        // Article.ID
	Sentence      string  `json:"sentence"`       // the evidence sentence
	SentenceIndex int     `json:"sentence_index"` //
	Start         int     `json:"start"`          // byte offset of the evidence (subject..object) in the article text
	End           int     `json:"end"`            //
	Confidence    float64 `json:"confidence"`     // in [0,1]
	Negated       bool    `json:"negated"`        //
	Modality      string  `json:"modality,omitempty"`
	ReportedBy    string  `json:"reported_by,omitempty"`
}

// ArticleGraph is everything one article contributes to the graph: the article
// node, the entities it mentions (MENTIONS edges) and its evidence edges.
// Every Edge's Subject and Object must be the Key of an entry in Entities.
type ArticleGraph struct {
	Article  Article  `json:"article"`
	Entities []Entity `json:"entities"`
	Edges    []Edge   `json:"edges"`
}

// Store is a graph backend. Implementations must be safe for concurrent use.
//
// Contract, shared by every backend and checked by the same tests:
//   - ReplaceArticle writes an article's graph all-or-nothing and replaces
//     whatever that article contributed before: its old edges and MENTIONS are
//     removed, so re-writing the same ArticleGraph is idempotent and an edited
//     article leaves no stale facts. Entities are merged by Key; their aliases
//     and titles accumulate. Each article's mention of an entity records the
//     type that article gives it (the first entry of the key in its Entities),
//     and a named entity's stored type is PreferType over the mentions of all
//     the articles holding it, recomputed by every write that touches it, so
//     it does not depend on the order articles were written in.
//   - RetractArticle removes the article node, its MENTIONS and its evidence
//     edges. Retracting an unknown id is not an error.
//   - After either call, entities left with no evidence edge and no MENTIONS
//     are removed; entities still used by other articles are kept.
//   - ArticleHash returns the stored SHA-256 of an article, found=false when
//     the store has no such article. An empty hash with found=true never occurs.
//   - Close releases resources; the Store must not be used afterwards.
type Store interface {
	ReplaceArticle(ctx context.Context, g ArticleGraph) error
	RetractArticle(ctx context.Context, id string) error
	ArticleHash(ctx context.Context, id string) (sha256 string, found bool, err error)
	// ArticleIDs calls fn for every stored article id that starts with prefix
	// ("" for all), in no particular order; it stops at the first error fn returns.
	ArticleIDs(ctx context.Context, prefix string, fn func(id string) error) error
	Close(ctx context.Context) error
}

var validType = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// ErrInvalidType is wrapped by errors about relationship types or labels that
// do not match ^[A-Z][A-Z0-9_]*$ (or ^[A-Z][A-Za-z0-9]*$ for labels).
var ErrInvalidType = errors.New("invalid relationship type or label")

// ErrKeyFormat is wrapped by errors about entity keys outside their key
// space: a named entity's key with a ':' (older kgb versions prefixed keys
// with the type, "person:ada"), a concept's key without "concept:".
var ErrKeyFormat = errors.New("entity key in the wrong format")

// ValidType reports whether t may be used as a relationship type.
func ValidType(t string) bool { return len(t) <= 64 && validType.MatchString(t) }

var validLabel = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)

// ValidLabel reports whether l may be used as a node label ("Person").
func ValidLabel(l string) bool { return len(l) <= 64 && validLabel.MatchString(l) }

// CheckArticleGraph validates g before it is written: ids, keys, labels,
// relationship types and that every edge's ends are listed entities.
func CheckArticleGraph(g ArticleGraph) error {
	if g.Article.ID == "" {
		return errors.New("article has no id")
	}
	keys := make(map[string]bool, len(g.Entities))
	for _, e := range g.Entities {
		if e.Key == "" {
			return fmt.Errorf("article %s: entity %q has an empty key", g.Article.ID, e.Name)
		}
		if !ValidLabel(e.Type) {
			return fmt.Errorf("article %s: entity %q: label %q: %w", g.Article.ID, e.Name, e.Type, ErrInvalidType)
		}
		if e.Type == "Entity" || e.Type == "Article" {
			return fmt.Errorf("article %s: entity %q: label %q is reserved: %w", g.Article.ID, e.Name, e.Type, ErrInvalidType)
		}
		if e.Type == ConceptType && !IsConcept(e.Key) {
			return fmt.Errorf("article %s: concept %q: key %q does not start with %q: %w", g.Article.ID, e.Name, e.Key, ConceptKeyPrefix, ErrKeyFormat)
		}
		if e.Type != ConceptType && strings.ContainsRune(e.Key, ':') {
			return fmt.Errorf("article %s: entity %q: key %q has a ':' (named entities are keyed by name alone; a type prefix is an older kgb's key): %w",
				g.Article.ID, e.Name, e.Key, ErrKeyFormat)
		}
		keys[e.Key] = true
	}
	for _, ed := range g.Edges {
		if !ValidType(ed.Type) {
			return fmt.Errorf("article %s: edge %q: %w", g.Article.ID, ed.Type, ErrInvalidType)
		}
		if !keys[ed.Subject] || !keys[ed.Object] {
			return fmt.Errorf("article %s: edge %s references an entity not in the article's entity list", g.Article.ID, ed.Type)
		}
	}
	return nil
}

// ErrUnavailable is wrapped by store errors that mean the store itself
// cannot be reached (a database server that died or is unreachable), as
// opposed to a problem with the article written: retrying other articles is
// pointless, and the ingest pipeline stops at once.
var ErrUnavailable = errors.New("store unavailable")

// BatchStore is implemented by stores that can write several articles in one
// round trip. ReplaceArticles has ReplaceArticle's contract for each article
// and is all-or-nothing for the whole slice.
type BatchStore interface {
	Store
	ReplaceArticles(ctx context.Context, gs []ArticleGraph) error
}

// ArticleLookup is implemented by stores that can return a stored article
// node (without its edges). Ingest uses it in place of ArticleHash to learn,
// in the same read, whether an unchanged article was stored as a duplicate
// (DuplicateOf) whose original may since have changed or gone.
type ArticleLookup interface {
	Article(ctx context.Context, id string) (a Article, found bool, err error)
}

// Reader streams a store's whole content, for exports and `kgb push`.
// Callbacks run sequentially; returning an error stops the walk and is
// returned. An empty store calls fn zero times and returns nil.
type Reader interface {
	// ArticleGraphs calls fn with each stored article's graph: the article,
	// the entities it mentions and its evidence edges.
	ArticleGraphs(ctx context.Context, fn func(ArticleGraph) error) error
	// Entities calls fn once per stored entity.
	Entities(ctx context.Context, fn func(Entity) error) error
}
