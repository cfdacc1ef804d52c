package embedded

import (
	"cmp"
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kgb-dev/kgb/graph"
)

// The exploration types are graph's (graph.Explorer), named here too.
type (
	MatchKind     = graph.MatchKind
	Match         = graph.Match
	Direction     = graph.Direction
	Neighbour     = graph.Neighbour
	Hop           = graph.Hop
	PathOptions   = graph.PathOptions
	EntityCount   = graph.EntityCount
	RelationCount = graph.RelationCount
	Stats         = graph.Stats
)

// Match kinds and directions (graph's).
const (
	MatchKey    = graph.MatchKey
	MatchAlias  = graph.MatchAlias
	MatchPrefix = graph.MatchPrefix
	Out         = graph.Out
	In          = graph.In
)

// DefaultMaxHops bounds ShortestPath when MaxHops <= 0.
const DefaultMaxHops = graph.DefaultMaxHops

// Errors of the exploration methods (graph's).
var (
	ErrEmptyQuery = graph.ErrEmptyQuery
	ErrNoPath     = graph.ErrNoPath
)

var _ graph.Explorer = (*Store)(nil)

// maxPrefixScan bounds the names index entries a prefix lookup reads.
const maxPrefixScan = 10000

// Lookup finds entities by name: exact key matches first ("vladimir putin",
// "Vladimir Putin" whose normalised form is the key, "concept:talks", or the
// older "person:vladimir putin"),
// then entities with that name or alias, then names starting with the query;
// within a kind, better connected entities first. At most limit matches
// (all when limit <= 0).
func (s *Store) Lookup(ctx context.Context, query string, limit int) ([]Match, error) {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil, ErrEmptyQuery
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	best := map[string]Match{}
	err := s.db.View(func(tx *kvTx) error {
		names := tx.Bucket(bNames)
		add := func(key string, kind MatchKind) error {
			if m, ok := best[key]; ok && m.Kind <= kind {
				return nil
			}
			er, ok, err := getEntity(tx, key)
			if err != nil || !ok {
				return err
			}
			best[key] = Match{Entity: er.Entity, Kind: kind, Degree: er.Degree, Articles: er.Refs}
			return nil
		}
		for _, k := range []string{q, strings.ToLower(q)} {
			if err := add(k, MatchKey); err != nil {
				return err
			}
		}
		norm := indexName(q)
		for _, k := range graph.TypedQueryKeys(q) {
			if err := add(k, MatchKey); err != nil {
				return err
			}
		}
		c := names.Cursor()
		prefix := []byte(norm)
		scanned := 0
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix) && scanned < maxPrefixScan; k, v = c.Next() {
			scanned++
			sep := slices.Index(k, 0)
			if sep < 0 {
				continue
			}
			name, key := string(k[:sep]), string(k[sep+1:])
			kind := MatchPrefix
			if name == norm {
				kind = MatchAlias
				if len(v) == 1 && v[0] == 'n' && (key == norm || key == graph.ConceptKeyPrefix+norm) {
					kind = MatchKey
				}
			}
			if err := add(key, kind); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up %q: %w", query, err)
	}
	out := make([]Match, 0, len(best))
	for _, m := range best {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(b.Degree, a.Degree), cmp.Compare(a.Entity.Key, b.Entity.Key))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// Entity returns the stored entity with this key.
func (s *Store) Entity(ctx context.Context, key string) (graph.Entity, bool, error) {
	if err := ctx.Err(); err != nil {
		return graph.Entity{}, false, err
	}
	var er entityRec
	var ok bool
	err := s.db.View(func(tx *kvTx) error {
		var err error
		er, ok, err = getEntity(tx, key)
		return err
	})
	return er.Entity, ok, err
}

// Neighbours returns key's neighbours grouped by relation type, direction
// and other entity, most evidence first. At most limit groups (all when
// limit <= 0). An unknown key gives no neighbours and no error.
func (s *Store) Neighbours(ctx context.Context, key string, limit int) ([]Neighbour, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Neighbour
	err := s.db.View(func(tx *kvTx) error {
		type groupKey struct {
			dir   byte
			other uint64
			typ   string
		}
		idx := map[groupKey]int{}
		arts := map[groupKey]map[uint64]bool{}
		samples := map[groupKey]adjEntry{}
		self, ok, err := getEntity(tx, key)
		if err != nil || !ok {
			return err
		}
		prefix := idBytes(self.ID)
		c := tx.Bucket(bAdj).Cursor()
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			a, ok := parseAdj(k[len(prefix):])
			if !ok {
				return fmt.Errorf("corrupt adjacency key for %s", key)
			}
			gk := groupKey{a.dir, a.other, a.typ}
			i, seen := idx[gk]
			if !seen {
				i = len(out)
				idx[gk] = i
				d := Out
				if a.dir == dirIn {
					d = In
				}
				out = append(out, Neighbour{Type: a.typ, Direction: d})
				arts[gk] = map[uint64]bool{}
				samples[gk] = a
			}
			out[i].Evidence++
			arts[gk][a.article] = true
		}
		edges := tx.Bucket(bEdges)
		res := newResolver(tx)
		for gk, i := range idx {
			out[i].Articles = len(arts[gk])
			if er, ok, err := getEntityByID(tx, gk.other); err != nil {
				return err
			} else if ok {
				out[i].Entity = er.Entity
			} else {
				return fmt.Errorf("adjacency names unknown entity #%d", gk.other)
			}
			a := samples[gk]
			if raw := edges.Get(edgeKey(a.article, a.index)); raw != nil {
				art := res.article(a.article)
				ev, err := decodeEdge(raw, art)
				if err != nil {
					return err
				}
				out[i].Sample, out[i].Predicate, out[i].SampleArticle = res.sentence(a.article, ev.sent), ev.e.Predicate, art
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("neighbours of %s: %w", key, err)
	}
	slices.SortFunc(out, func(a, b Neighbour) int {
		return cmp.Or(cmp.Compare(b.Evidence, a.Evidence), cmp.Compare(a.Type, b.Type),
			cmp.Compare(a.Entity.Key, b.Entity.Key), cmp.Compare(a.Direction, b.Direction))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// maxVisited bounds the entities one ShortestPath search visits.
const maxVisited = 2_000_000

// ShortestPath finds a shortest chain of evidence edges between two entity
// keys, ignoring edge direction (breadth-first search over the adjacency
// index, outgoing edges first). from == to gives an empty path.
func (s *Store) ShortestPath(ctx context.Context, from, to string, o PathOptions) ([]Hop, error) {
	maxHops := o.MaxHops
	if maxHops <= 0 {
		maxHops = DefaultMaxHops
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var path []Hop
	err := s.db.View(func(tx *kvTx) error {
		var ends [2]uint64
		for i, k := range []string{from, to} {
			if er, ok, err := getEntity(tx, k); err != nil {
				return err
			} else if !ok {
				return fmt.Errorf("unknown entity %q", k)
			} else {
				ends[i] = er.ID
			}
		}
		if from == to {
			return nil
		}
		fromID, toID := ends[0], ends[1]
		res := newResolver(tx)
		type via struct {
			prev uint64
			a    adjEntry
		}
		parent := map[uint64]via{fromID: {}}
		frontier := []uint64{fromID}
		adj := tx.Bucket(bAdj).Cursor()
		found := false
		for depth := 0; depth < maxHops && len(frontier) > 0 && !found; depth++ {
			var next []uint64
			for _, n := range frontier {
				if err := ctx.Err(); err != nil {
					return err
				}
				// Outgoing edges first, so that paths read forward when they can.
				for _, dir := range []byte{dirOut, dirIn} {
					prefix := append(idBytes(n), dir)
					base := len(prefix) - 1
					for k, _ := adj.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = adj.Next() {
						a, ok := parseAdj(k[base:])
						if !ok {
							return fmt.Errorf("corrupt adjacency key for entity #%d", n)
						}
						if _, seen := parent[a.other]; seen {
							continue
						}
						if a.other != toID && !o.ViaConcepts {
							k, err := res.key(a.other)
							if err != nil {
								return err
							}
							if graph.IsConcept(k) {
								continue
							}
						}
						parent[a.other] = via{prev: n, a: a}
						if a.other == toID {
							found = true
							break
						}
						next = append(next, a.other)
						if len(parent) > maxVisited {
							return fmt.Errorf("path search visited more than %d entities; give a smaller --max-hops", maxVisited)
						}
					}
					if found {
						break
					}
				}
				if found {
					break
				}
			}
			frontier = next
		}
		if !found {
			return ErrNoPath
		}
		edges := tx.Bucket(bEdges)
		for cur := toID; cur != fromID; {
			v := parent[cur]
			h := Hop{Type: v.a.typ, Forward: v.a.dir == dirOut, Article: res.article(v.a.article)}
			fe, _, err := getEntityByID(tx, v.prev)
			if err != nil {
				return err
			}
			te, _, err := getEntityByID(tx, cur)
			if err != nil {
				return err
			}
			h.From, h.To = fe.Entity, te.Entity
			if raw := edges.Get(edgeKey(v.a.article, v.a.index)); raw != nil {
				ev, err := decodeEdge(raw, h.Article)
				if err != nil {
					return err
				}
				h.Predicate, h.Sentence = ev.e.Predicate, res.sentence(v.a.article, ev.sent)
			}
			path = append(path, h)
			cur = v.prev
		}
		slices.Reverse(path)
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrNoPath) {
			return nil, fmt.Errorf("%w between %s and %s within %d hops", ErrNoPath, from, to, maxHops)
		}
		return nil, fmt.Errorf("path %s → %s: %w", from, to, err)
	}
	return path, nil
}

type entityHeap []EntityCount

func (h entityHeap) Len() int           { return len(h) }
func (h entityHeap) Less(i, j int) bool { return lessCount(h[i], h[j]) }

// lessCount orders by degree, then reverse key (the heap keeps the largest).
func lessCount(a, b EntityCount) bool {
	return cmp.Or(cmp.Compare(a.Degree, b.Degree), cmp.Compare(b.Entity.Key, a.Entity.Key)) < 0
}
func (h entityHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *entityHeap) Push(x any)   { *h = append(*h, x.(EntityCount)) }
func (h *entityHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// TopEntities returns the n entities with the most evidence edges (ties by
// key), most connected first: named entities only, Concept entities too
// when all is true.
func (s *Store) TopEntities(ctx context.Context, n int, all bool) ([]EntityCount, error) {
	if n <= 0 {
		return nil, nil
	}
	h := &entityHeap{}
	err := s.db.View(func(tx *kvTx) error {
		c := tx.Bucket(bCounts).Cursor()
		i := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if i++; i%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			refs, degree := decodeCounts(v)
			if h.Len() == n && degree < (*h)[0].Degree {
				continue // cannot enter: skip reading its key
			}
			if len(k) != 8 {
				return fmt.Errorf("corrupt counters key %q", k)
			}
			raw := tx.Bucket(bEntities).Get(k)
			key, ok := entityKeyOf(raw)
			if !ok {
				return fmt.Errorf("counters for unknown entity #%d", binary.BigEndian.Uint64(k))
			}
			if !all && graph.IsConcept(key) {
				continue
			}
			ec := EntityCount{Entity: graph.Entity{Key: key}, Degree: degree, Articles: refs}
			if h.Len() == n && !lessCount((*h)[0], ec) {
				continue
			}
			heap.Push(h, ec)
			if h.Len() > n {
				heap.Pop(h)
			}
		}
		for i := range *h {
			er, _, err := getEntity(tx, (*h)[i].Entity.Key)
			if err != nil {
				return err
			}
			(*h)[i].Entity = er.Entity
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("top entities: %w", err)
	}
	out := make([]EntityCount, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(EntityCount)
	}
	return out, nil
}

// TopRelations returns the n most frequent relationship types (all when
// n <= 0), most evidence first.
func (s *Store) TopRelations(ctx context.Context, n int) ([]RelationCount, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []RelationCount
	err := s.db.View(func(tx *kvTx) error {
		return tx.Bucket(bRelTypes).ForEach(func(k, v []byte) error {
			c, _ := binary.Uvarint(v)
			out = append(out, RelationCount{Type: string(k), Evidence: int(c)})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("top relations: %w", err)
	}
	slices.SortFunc(out, func(a, b RelationCount) int {
		return cmp.Or(cmp.Compare(b.Evidence, a.Evidence), cmp.Compare(a.Type, b.Type))
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// Stats returns the number of articles, entities and evidence edges.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	var st Stats
	err := s.db.View(func(tx *kvTx) error {
		var err1, err2, err3 error
		st.Articles, err1 = tx.Bucket(bArticles).Count()
		st.Entities, err2 = tx.Bucket(bEntities).Count()
		st.Edges, err3 = tx.Bucket(bEdges).Count()
		return errors.Join(err1, err2, err3)
	})
	return st, err
}
