package graph

import (
	"cmp"
	"iter"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ConceptKeyPrefix starts every concept's key: concepts have a key space of
// their own, so that a common-noun phrase ("talks") never merges with a
// name.
const ConceptKeyPrefix = "concept:"

// EntityKey returns the unique key of an entity: for a named entity (every
// type but Concept) its canonical name normalised (Unicode NFKC, case-folded,
// punctuation other than word-internal ' - & . removed, spaces collapsed),
// whatever its type, so that one name is one node across a corpus whose
// articles type it differently ("Yukos" an Organization here, Other there;
// the node's type is then decided by the store, see PreferType). Concepts
// are keyed "concept:" + normalised phrase. A named key never contains ':'
// (NormalizeName drops it), so the two key spaces cannot meet, and a key
// with a type prefix ("person:ada") is one written by an older kgb.
func EntityKey(name, typ string) string {
	if typ == ConceptType {
		return ConceptKeyPrefix + NormalizeName(name)
	}
	return NormalizeName(name)
}

// typeRank is the fixed order that breaks ties between types given to one
// name equally often: the specific types first (Person, Organization,
// Place), then any other label, Other last.
var typeRank = map[string]int{"Person": 0, "Organization": 1, "Place": 2, "Other": 4}

// TypeRank returns t's place in the tie-break order of PreferType (lower
// wins): Person 0, Organization 1, Place 2, any other label 3 (then by
// name), Other 4.
func TypeRank(t string) int {
	if r, ok := typeRank[t]; ok {
		return r
	}
	return 3
}

// TypeOrder lists the labels with a fixed rank, in PreferType's tie-break
// order, for stores that rank types in their query language.
var TypeOrder = []string{"Person", "Organization", "Place", "Other"}

// CompareTypes orders two types given equally often: negative when a is
// preferred.
func CompareTypes(a, b string) int {
	return cmp.Or(cmp.Compare(TypeRank(a), TypeRank(b)), strings.Compare(a, b))
}

// PreferType decides a named entity's type from how often each type was
// given to it (by the articles mentioning it, or the spans of one article),
// as (type, count) pairs (maps.All of a map, say): the type with the most
// weight wins, where Other -- the extractor's "no evidence of a kind" --
// weighs a third of a specific type (OtherWeight), so "Chelsea" typed
// Organization 37 times and Other 97 times is an Organization, while "World
// Cup" (Other 32, Organization 2) stays Other; ties go to the type
// CompareTypes prefers (Person, Organization, Place, other labels by name,
// Other last). Types with a count ≤ 0 are ignored; "" when none is left.
// The result depends on the counts only, never on the order they come in.
func PreferType(counts iter.Seq2[string, int]) string {
	best, n := "", 0
	for t, c := range counts {
		if c <= 0 {
			continue
		}
		if t != OtherType {
			c *= OtherWeight
		}
		if c > n || c == n && CompareTypes(t, best) < 0 {
			best, n = t, c
		}
	}
	return best
}

// OtherType is the type the extractor gives a name it found no kind for.
const OtherType = "Other"

// OtherWeight is how many Other mentions one mention of a specific type
// outweighs in PreferType (and in the Neo4j store's recount).
const OtherWeight = 3

// quoteFolder maps typographic quotes to ASCII ones; built once, safe for concurrent use.
var quoteFolder = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"")

// NormalizeName normalises a display name for keying: "The  U.S." → "u.s.",
// "Ukraine’s" → "ukraine's".
func NormalizeName(name string) string {
	s := norm.NFKC.String(name)
	s = quoteFolder.Replace(s)
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-' || r == '&' || r == '.':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), "the "), " .")
}
