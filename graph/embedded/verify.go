package embedded

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/kgb-dev/kgb/graph"
)

// Verify checks the database's internal consistency: every edge belongs to a
// stored article, the adjacency and name indexes match the edges and
// entities, each entity's reference count, degree and type counts match a
// recount and its type is graph.PreferType of those counts, and each
// relationship type's count matches a recount. It reads the whole database
// in one transaction; it is a repair-time and test-time check, not for hot
// paths. All problems found are joined in the returned error.
func (s *Store) Verify(ctx context.Context) error {
	var problems []error
	bad := func(format string, args ...any) {
		if len(problems) < 50 {
			problems = append(problems, fmt.Errorf(format, args...))
		}
	}
	err := s.db.View(func(tx *kvTx) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		refs := map[string]int{}
		degree := map[string]int{}
		types := map[string]map[string]int{} // entity key → type → articles giving it
		rels := map[string]int{}
		wantAdj := map[string]bool{}
		edgeCount := map[string]int{}
		artNo := map[uint64]string{} // article number → id

		err := tx.Bucket(bArticles).ForEach(func(k, v []byte) error {
			var rec articleRec
			if err := json.Unmarshal(v, &rec); err != nil {
				bad("article %q: %w", k, err)
				return nil
			}
			if rec.Article.ID != string(k) {
				bad("article %q stored under key %q", rec.Article.ID, k)
			}
			if len(rec.Types) != len(rec.Mentions) {
				bad("article %q: %d mentions but %d mention types", k, len(rec.Mentions), len(rec.Types))
			}
			for i, m := range rec.Mentions {
				refs[m]++
				if i < len(rec.Types) {
					if types[m] == nil {
						types[m] = map[string]int{}
					}
					types[m][rec.Types[i]]++
				}
			}
			edgeCount[string(k)] = rec.Edges
			if other, dup := artNo[rec.No]; dup {
				bad("articles %q and %q share number %d", other, k, rec.No)
			}
			artNo[rec.No] = string(k)
			if got := tx.Bucket(bArtNos).Get(idBytes(rec.No)); string(got) != string(k) {
				bad("article %q: number %d maps to %q", k, rec.No, got)
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bArtNos).ForEach(func(k, v []byte) error {
			if len(k) != 8 || artNo[binary.BigEndian.Uint64(k)] != string(v) {
				bad("stale article number %x → %q", k, v)
			}
			return nil
		})
		if err != nil {
			return err
		}
		seenEdges := map[string]int{}
		res := newResolver(tx)
		wantSents := map[string]bool{}
		err = tx.Bucket(bEdges).ForEach(func(k, v []byte) error {
			if len(k) != 12 {
				bad("malformed edge key %q", k)
				return nil
			}
			no, i := binary.BigEndian.Uint64(k), int(binary.BigEndian.Uint32(k[8:]))
			id, ok := artNo[no]
			if !ok {
				bad("edge %d of unknown article #%d", i, no)
			}
			seenEdges[id]++
			ev, err := decodeEdge(v, id)
			if err != nil {
				bad("edge %d of %q: %w", i, id, err)
				return nil
			}
			for _, eid := range []uint64{ev.subj, ev.obj} {
				key, err := res.key(eid)
				if err != nil {
					bad("edge %d of %q: %w", i, id, err)
					continue
				}
				degree[key]++
			}
			rels[ev.e.Type]++
			sk := string(sentKey(no, ev.sent))
			if tx.Bucket(bSentences).Get([]byte(sk)) == nil {
				bad("edge %d of %q: sentence %d is not stored", i, id, ev.sent)
			}
			wantSents[sk] = true
			wantAdj[string(adjKey(ev.subj, dirOut, ev.obj, ev.e.Type, no, i))] = true
			wantAdj[string(adjKey(ev.obj, dirIn, ev.subj, ev.e.Type, no, i))] = true
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bSentences).ForEach(func(k, _ []byte) error {
			if !wantSents[string(k)] {
				bad("sentence %q used by no edge", k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for id, n := range edgeCount {
			if seenEdges[id] != n {
				bad("article %q records %d edges, %d stored", id, n, seenEdges[id])
			}
		}
		err = tx.Bucket(bAdj).ForEach(func(k, _ []byte) error {
			if !wantAdj[string(k)] {
				bad("stale adjacency entry %q", k)
			}
			delete(wantAdj, string(k))
			return nil
		})
		if err != nil {
			return err
		}
		for k := range wantAdj {
			bad("missing adjacency entry %q", k)
		}
		wantNames := map[string]byte{}
		ids := map[uint64]string{}
		err = tx.Bucket(bEntKeys).ForEach(func(k, v []byte) error {
			key := string(k)
			if len(v) != 8 {
				bad("entity %q has a corrupt id %q", key, v)
				return nil
			}
			id := binary.BigEndian.Uint64(v)
			if other, dup := ids[id]; dup {
				bad("entities %q and %q share id %d", other, key, id)
			}
			ids[id] = key
			er, ok, err := getEntityByID(tx, id)
			if err != nil {
				bad("entity %q: %w", k, err)
				return nil
			}
			if !ok {
				bad("entity %q (#%d) has no record", key, id)
				return nil
			}
			if er.Entity.Key != key {
				bad("entity #%d: record says %q, entkeys says %q", id, er.Entity.Key, key)
			}
			if tx.Bucket(bCounts).Get(idBytes(id)) == nil {
				bad("entity %q has no counters", key)
			}
			if er.Refs != refs[key] || er.Degree != degree[key] {
				bad("entity %q: refs %d degree %d, recount gives %d and %d", key, er.Refs, er.Degree, refs[key], degree[key])
			}
			if er.Refs <= 0 {
				bad("entity %q is stored with no article mentioning it", key)
			}
			_, _, stored := decodeCountsTypes(tx.Bucket(bCounts).Get(idBytes(id)))
			if !maps.Equal(maps.Collect(stored.all()), types[key]) {
				bad("entity %q: type counts %v, recount gives %v", key, stored, types[key])
			}
			if t := graph.PreferType(maps.All(types[key])); t != "" && er.Entity.Type != t {
				bad("entity %q: type %s, its articles' types %v give %s", key, er.Entity.Type, types[key], t)
			}
			for n, kind := range entityNames(er.Entity) {
				wantNames[string(nameKey(n, key))] = kind
			}
			delete(refs, key)
			delete(degree, key)
			return nil
		})
		if err != nil {
			return err
		}
		for _, b := range [][]byte{bEntities, bCounts} {
			err = tx.Bucket(b).ForEach(func(k, _ []byte) error {
				if len(k) != 8 {
					bad("%s: malformed key %q", b, k)
				} else if _, ok := ids[binary.BigEndian.Uint64(k)]; !ok {
					bad("%s: entity #%d is in no entkeys entry", b, binary.BigEndian.Uint64(k))
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		for _, k := range slices.Sorted(maps.Keys(refs)) {
			bad("entity %q is mentioned but not stored", k)
		}
		for k := range degree {
			if _, mentioned := refs[k]; !mentioned {
				bad("entity %q has edges but is not stored", k)
			}
		}
		err = tx.Bucket(bNames).ForEach(func(k, v []byte) error {
			kind, ok := wantNames[string(k)]
			switch {
			case !ok:
				bad("stale name entry %q", k)
			case len(v) != 1 || v[0] != kind:
				bad("name entry %q has kind %q, want %q", k, v, kind)
			}
			delete(wantNames, string(k))
			return nil
		})
		if err != nil {
			return err
		}
		for k := range wantNames {
			bad("missing name entry %q", k)
		}
		err = tx.Bucket(bRelTypes).ForEach(func(k, v []byte) error {
			n, _ := binary.Uvarint(v)
			if int(n) != rels[string(k)] {
				bad("relation type %s: count %d, recount gives %d", k, n, rels[string(k)])
			}
			delete(rels, string(k))
			return nil
		})
		if err != nil {
			return err
		}
		for k, n := range rels {
			bad("relation type %s: %d edges but no count", k, n)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("verify %s: %w", s.path, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("verify %s: %w", s.path, errors.Join(problems...))
	}
	return nil
}
