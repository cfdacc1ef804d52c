package embedded

import (
	"iter"
	"slices"
	"strings"

	"github.com/kgb-dev/kgb/graph"
)

// typeCounts are an entity's mention counts by type (how many of the
// articles mentioning it give it each type), sorted by type. Most entities
// have one or two, so a slice costs a fraction of a map in the entity
// cache. Committed counts are never modified in place (plus copies).
type typeCounts []typeCount

type typeCount struct {
	t string
	n int
}

func compareTypeCount(a typeCount, t string) int { return strings.Compare(a.t, t) }

// add adds n to type t's count in place (the counts of a transaction's
// delta, owned by it); counts may go to zero or below.
func (c *typeCounts) add(t string, n int) {
	i, found := slices.BinarySearchFunc(*c, t, compareTypeCount)
	if found {
		(*c)[i].n += n
		return
	}
	*c = slices.Insert(*c, i, typeCount{t: t, n: n})
}

// changes reports whether a delta changes any count.
func (c typeCounts) changes() bool {
	return slices.ContainsFunc(c, func(x typeCount) bool { return x.n != 0 })
}

// plus returns c with the delta d applied, without the types left at zero
// or below; c is not modified.
func (c typeCounts) plus(d typeCounts) typeCounts {
	out := slices.Clone(c)
	for _, x := range d {
		out.add(x.t, x.n)
	}
	out = slices.DeleteFunc(out, func(x typeCount) bool { return x.n <= 0 })
	if len(out) == 0 {
		return nil
	}
	return out
}

// all yields (type, count) pairs, for graph.PreferType.
func (c typeCounts) all() iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for _, x := range c {
			if !yield(x.t, x.n) {
				return
			}
		}
	}
}

// clone copies c with its strings, the kgb labels shared (see entCache.put).
func (c typeCounts) clone() typeCounts {
	if c == nil {
		return nil
	}
	out := make(typeCounts, len(c))
	for i, x := range c {
		out[i] = typeCount{t: internType(x.t), n: x.n}
	}
	return out
}

// internType returns the kgb type constant equal to t, or a copy of t.
func internType(t string) string {
	for _, k := range graph.TypeOrder {
		if t == k {
			return k
		}
	}
	if t == graph.ConceptType {
		return graph.ConceptType
	}
	return strings.Clone(t)
}
