package embedded

import (
	"strings"

	"github.com/kgb-dev/kgb/graph"
)

// entCacheMax bounds the entity cache: about 200 bytes an entry, so a few
// MB whatever the size of the graph.
const entCacheMax = 32 << 10

// cachedEnt is an entity as committed: its id, counters and merged data.
// Its slices are never modified (mergeEntity replaces them).
type cachedEnt struct {
	id           uint64
	refs, degree int
	types        typeCounts // mention counts by type; never modified (apply copies it to change it)
	e            graph.Entity
}

// entCache keeps the committed state of recently written entities, so that
// a write transaction need not read (and decode) the entity key, record and
// counters of the entities most articles mention. Only write transactions
// use it, under kvDB's writer lock; it is updated after a commit succeeds,
// so it never holds state a failed transaction wrote. When full, it drops
// an arbitrary eighth of its entries (Go's map order): frequently
// mentioned entities come back at their next mention.
type entCache struct {
	m   map[string]*cachedEnt
	max int // 0 disables the cache
}

func newEntCache(max int) *entCache { return &entCache{m: make(map[string]*cachedEnt), max: max} }

func (c *entCache) get(key string) *cachedEnt { return c.m[key] }

// put stores e under key. It copies the entity's strings: those of an
// extracted graph are often slices of the whole article's text, which the
// cache must not keep alive.
func (c *entCache) put(key string, e *cachedEnt) {
	if c.max <= 0 {
		return
	}
	key = strings.Clone(key)
	e.e = graph.Entity{Key: key, Name: strings.Clone(e.e.Name), Type: strings.Clone(e.e.Type),
		Aliases: cloneStrings(e.e.Aliases), Titles: cloneStrings(e.e.Titles)}
	e.types = e.types.clone()
	if _, ok := c.m[key]; !ok && len(c.m) >= c.max {
		drop := max(c.max/8, 1)
		for k := range c.m {
			delete(c.m, k)
			if drop--; drop == 0 {
				break
			}
		}
	}
	c.m[key] = e
}

func (c *entCache) remove(key string) { delete(c.m, key) }

func cloneStrings(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}
