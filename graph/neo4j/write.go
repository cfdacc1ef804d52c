package neo4j

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgb-dev/kgb/graph"
)

// ReplaceArticle writes g in one transaction, replacing whatever the article
// contributed before (see graph.Store).
func (s *Store) ReplaceArticle(ctx context.Context, g graph.ArticleGraph) error {
	return s.ReplaceArticles(ctx, []graph.ArticleGraph{g})
}

// ReplaceArticles writes every article of gs in one transaction, with
// ReplaceArticle's contract for each; nothing is written when any graph is
// invalid or the transaction fails. When gs lists an article id twice, the
// last graph wins.
func (s *Store) ReplaceArticles(ctx context.Context, gs []graph.ArticleGraph) error {
	if len(gs) == 0 {
		return nil
	}
	p, err := plan(gs)
	if err != nil {
		return fmt.Errorf("neo4j: %w", err)
	}
	if err := s.write(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		return s.apply(ctx, tx, p)
	}); err != nil {
		if len(gs) == 1 {
			return fmt.Errorf("neo4j: write article %s: %w", gs[0].Article.ID, err)
		}
		return fmt.Errorf("neo4j: write %d articles: %w", len(p.articles), err)
	}
	return nil
}

// RetractArticle removes an article, its MENTIONS and evidence edges, and
// the entities left without any relationship. Unknown ids are not an error.
func (s *Store) RetractArticle(ctx context.Context, id string) error {
	if err := s.write(ctx, func(ctx context.Context, tx driver.ManagedTransaction) error {
		return s.retract(ctx, tx, id)
	}); err != nil {
		return fmt.Errorf("neo4j: retract article %s: %w", id, err)
	}
	return nil
}

// writePlan is a batch of article graphs turned into sorted parameter rows.
type writePlan struct {
	articles []map[string]any           // sorted by id
	newEids  map[string]map[string]bool // article id → its edges' eids
	keys     map[string][]string        // article id → mentioned entity keys
	types    map[string][]string        // article id → the type it gives each of keys
	entities []map[string]any           // named entities, sorted by key
	concepts []map[string]any           // concepts, sorted by key
	concept  map[string]bool            // keys of the concepts
	edges    [][]any                    // edgeRow lists sorted by s, o, eid
}

func plan(gs []graph.ArticleGraph) (*writePlan, error) {
	last := make(map[string]int, len(gs))
	for i, g := range gs {
		if err := graph.CheckArticleGraph(g); err != nil {
			return nil, err
		}
		last[g.Article.ID] = i
	}
	p := &writePlan{
		newEids: map[string]map[string]bool{},
		keys:    map[string][]string{},
		types:   map[string][]string{},
		concept: map[string]bool{},
	}
	type ent struct {
		e       graph.Entity
		aliases map[string]bool
		titles  map[string]bool
	}
	ents := map[string]*ent{}
	var edges []sortedRow
	for i, g := range gs {
		if last[g.Article.ID] != i {
			continue // a later graph of the same article wins
		}
		id := g.Article.ID
		var keys []string
		mtype := make(map[string]string, len(g.Entities)) // the first entry of a key gives its type
		for _, e := range g.Entities {
			if _, ok := mtype[e.Key]; !ok {
				mtype[e.Key] = e.Type
			}
			x, ok := ents[e.Key]
			if !ok {
				x = &ent{e: e, aliases: map[string]bool{}, titles: map[string]bool{}}
				ents[e.Key] = x
			} else if e.Name < x.e.Name {
				// The least name wins, here and in the stored node, so an
				// entity's name does not depend on the order articles are
				// written in (concurrent shards, parallel workers).
				x.e.Name = e.Name
			}
			for _, a := range e.Aliases {
				x.aliases[a] = true
			}
			for _, t := range e.Titles {
				x.titles[t] = true
			}
			keys = append(keys, e.Key)
		}
		slices.Sort(keys)
		keys = slices.Compact(keys)
		if keys == nil {
			keys = []string{} // a nil list would be null in Cypher
		}
		p.keys[id] = keys
		types := make([]string, len(keys))
		for i, k := range keys {
			types[i] = mtype[k]
		}
		p.types[id] = types
		eids := map[string]bool{}
		edgeIDs := graph.EdgeIDs(g)
		subjects := make([]string, 0, len(g.Edges))
		objects := make([]string, 0, len(g.Edges))
		for i, ed := range g.Edges {
			ed.Article = id
			eid := edgeIDs[i]
			eids[eid] = true
			subjects = append(subjects, ed.Subject)
			objects = append(objects, ed.Object)
			edges = append(edges, sortedRow{ed.Subject, ed.Object, eid, edgeRow(ed, eid)})
		}
		p.newEids[id] = eids
		a := g.Article
		p.articles = append(p.articles, map[string]any{
			"id":            id,
			"path":          a.Path,
			"sha256":        a.SHA256,
			"title":         a.Title,
			"date":          nonEmpty(a.Date),
			"ingested_at":   timeOrNil(a.IngestedAt),
			"duplicate_of":  nonEmpty(a.DuplicateOf),
			"edge_ids":      edgeIDs,
			"edge_subjects": subjects,
			"edge_objects":  objects,
		})
	}
	slices.SortFunc(p.articles, func(a, b map[string]any) int { return cmp.Compare(a["id"].(string), b["id"].(string)) })
	for key, x := range ents {
		if !graph.ValidLabel(x.e.Type) { // CheckArticleGraph did this; keep the invariant local
			return nil, fmt.Errorf("entity %q: label %q: %w", x.e.Name, x.e.Type, graph.ErrInvalidType)
		}
		row := map[string]any{
			"key":     key,
			"name":    x.e.Name,
			"type":    x.e.Type,
			"aliases": sortedKeys(x.aliases),
			"titles":  sortedKeys(x.titles),
		}
		if x.e.Type == graph.ConceptType {
			p.concepts = append(p.concepts, row)
			p.concept[key] = true
		} else {
			p.entities = append(p.entities, row)
		}
	}
	byKey := func(a, b map[string]any) int { return cmp.Compare(a["key"].(string), b["key"].(string)) }
	slices.SortFunc(p.entities, byKey)
	slices.SortFunc(p.concepts, byKey)
	for _, e := range edges {
		if typ := e.row[3].(string); !graph.ValidType(typ) {
			return nil, fmt.Errorf("relationship type %q: %w", typ, graph.ErrInvalidType)
		}
	}
	slices.SortFunc(edges, func(a, b sortedRow) int {
		return cmp.Or(cmp.Compare(a.s, b.s), cmp.Compare(a.o, b.o), cmp.Compare(a.eid, b.eid))
	})
	p.edges = make([][]any, len(edges))
	for i, e := range edges {
		p.edges[i] = e.row
	}
	return p, nil
}

// sortedRow is an edge row with its sort keys at hand (a comparison
// reading them from the map costs a third of the plan).
type sortedRow struct {
	s, o, eid string
	row       []any
}

// edgeRow is an evidence edge as a parameter row: a list rather than a map,
// so that Neo4j decodes no key strings for the 100,000s of rows of a large
// ingest (edgePropsCypher reads it by position).
func edgeRow(e graph.Edge, eid string) []any {
	return []any{
		e.Subject,              // 0
		e.Object,               // 1
		eid,                    // 2
		e.Type,                 // 3
		e.Predicate,            // 4
		e.Lemma,                // 5
		e.Article,              // 6
		e.Sentence,             // 7
		int64(e.SentenceIndex), // 8
		int64(e.Start),         // 9
		int64(e.End),           // 10
		e.Confidence,           // 11
		e.Negated,              // 12
		nonEmpty(e.Modality),   // 13
		nonEmpty(e.ReportedBy), // 14
	}
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func timeOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Evidence edge properties, as Cypher reading them from an UNWIND row.
const (
	edgePropsCypher = "eid: row[2], predicate: row[4], lemma: row[5], article: row[6], " +
		"sentence: row[7], sentence_index: row[8], start: row[9], end: row[10], " +
		"confidence: row[11], negated: row[12], modality: row[13], reported_by: row[14]"
)

// Cypher used by writes. Labels and relationship types of the data travel
// as parameters through Neo4j 5.26's dynamic labels and types ($(expr)), so
// one statement serves every type and the plan cache holds a handful of
// plans however large the vocabulary. Writes seek each entity once per
// statement, under its own label, Entity or Concept (one unique index seek),
// and reach MENTIONS and edge ends by position (cypherWriteArticles);
// deletes, which only know keys, use :Entity|Concept (two seeks).
const (
	cypherUpsertArticles = `UNWIND $rows AS row
MERGE (a:Article {id: row.id})
WITH a, row, a.sha256 IS NULL AS created, a.edge_ids AS oldIds, a.edge_subjects AS oldS, a.edge_objects AS oldO
SET a.path = row.path, a.sha256 = row.sha256, a.title = row.title, a.date = row.date,
    a.ingested_at = row.ingested_at, a.duplicate_of = row.duplicate_of,
    a.edge_ids = row.edge_ids, a.edge_subjects = row.edge_subjects, a.edge_objects = row.edge_objects
RETURN row.id AS id, created, oldIds, oldS, oldO`

	cypherOldArticle = `MATCH (a:Article {id: $id})
RETURN a.edge_ids AS oldIds, a.edge_subjects AS oldS, a.edge_objects AS oldO`

	cypherDeleteEdges = `UNWIND $rows AS row
MATCH (s:Entity|Concept {key: row.s})-[r]->(o:Entity|Concept {key: row.o})
WHERE r.eid = row.eid
DELETE r`

	cypherDeleteMentions = `UNWIND $rows AS row
MATCH (:Article {id: row.id})-[m:MENTIONS]->(e)
WHERE NOT e.key IN row.keys
DELETE m
RETURN DISTINCT e.key AS key`

	// The alias merge of an entity already locked: a MERGE hit writes an
	// entity only when it brings a new alias or title or a lesser name.
	mergeLockedAliasesCypher = `WITH e, row, [x IN row.aliases WHERE NOT x IN coalesce(e.aliases, [])] AS na,
     [x IN row.titles WHERE NOT x IN coalesce(e.titles, [])] AS nt
WHERE size(na) > 0 OR size(nt) > 0 OR row.name < e.name
SET e.aliases = coalesce(e.aliases, []) + na, e.titles = coalesce(e.titles, []) + nt,
    e.name = CASE WHEN row.name < e.name THEN row.name ELSE e.name END`

	// The alias merge of a concept, which is not locked otherwise: the
	// SET/REMOVE pair takes the write lock before the new aliases are
	// computed again, so two concurrent writers cannot both add the same
	// alias (the first test read the node unlocked).
	mergeAliasesCypher = `WITH e, row, [x IN row.aliases WHERE NOT x IN coalesce(e.aliases, [])] AS na,
     [x IN row.titles WHERE NOT x IN coalesce(e.titles, [])] AS nt
WHERE size(na) > 0 OR size(nt) > 0 OR row.name < e.name
SET e.kgb_lock = true
REMOVE e.kgb_lock
WITH e, row
SET e.aliases = coalesce(e.aliases, []) + [x IN row.aliases WHERE NOT x IN coalesce(e.aliases, [])],
    e.titles = coalesce(e.titles, []) + [x IN row.titles WHERE NOT x IN coalesce(e.titles, [])],
    e.name = CASE WHEN row.name < e.name THEN row.name ELSE e.name END`

	// cypherWriteArticles writes the entities, MENTIONS and evidence edges
	// of a run of whole articles (an articleRun) in one statement. Each
	// entity of the run is merged once, in key order, named entities first
	// ($entities, under :Entity) then concepts ($concepts, under :Concept);
	// the nodes are collected into one list, checked against $keys (the
	// rows stop there when the list is not in the order sent, and the
	// caller rolls back), and the MENTIONS and edges refer to their ends
	// by position in that list: no end is sought again by key.
	//
	// SET e:Entity on a named entity takes its write lock (the label is
	// there: nothing else is written) before its aliases and type are read;
	// the lock is held to the commit, so the types returned are those
	// cypherSetTypes would read. row.type passed graph.ValidLabel; edge
	// rows are edgeRow lists whose ends are positions in the node list,
	// their type row[3] passed graph.ValidType. MENTIONS of new articles
	// ($created) are created, those of articles written before ($merged)
	// merged, with their type put right. New evidence edges ($edges) are
	// created; edges the article listed before ($restore) only if missing
	// (an eid is a digest of the edge's content: an existing one is
	// identical). A MERGE with a dynamic type would scan every relationship
	// of the database; the existence check expands the pair instead. The
	// Article node, locked first, serialises writers of the same article,
	// the only ones that write its eids. Properties are listed one by one:
	// SET r += $map would make the planner add an Eager step.
	cypherWriteArticles = `CALL () {
  UNWIND $entities AS row
  MERGE (e:Entity {key: row.key})
  ON CREATE SET e:$(row.type), e.name = row.name, e.type = row.type, e.aliases = row.aliases, e.titles = row.titles
  SET e:Entity
  WITH e, row
  CALL (e, row) {
    ` + mergeLockedAliasesCypher + `
  }
  RETURN collect(e) AS named
}
CALL () {
  UNWIND $concepts AS row
  MERGE (e:Concept {key: row.key})
  ON CREATE SET e.name = row.name, e.type = row.type, e.aliases = row.aliases, e.titles = row.titles
  WITH e, row
  CALL (e, row) {
    ` + mergeAliasesCypher + `
  }
  RETURN collect(e) AS concepts
}
WITH named, named + concepts AS nodes
WHERE [n IN nodes | n.key] = $keys
CALL (nodes) {
  UNWIND $created AS m
  MATCH (a:Article {id: m.id})
  UNWIND range(0, size(m.ends) - 1) AS i
  WITH a, nodes[m.ends[i]] AS e, m.types[i] AS type
  CREATE (a)-[:MENTIONS {type: type}]->(e)
}
CALL (nodes) {
  UNWIND $merged AS m
  MATCH (a:Article {id: m.id})
  UNWIND range(0, size(m.ends) - 1) AS i
  WITH a, nodes[m.ends[i]] AS e, m.types[i] AS type
  MERGE (a)-[r:MENTIONS]->(e)
  ON CREATE SET r.type = type
  WITH r, type WHERE r.type IS NULL OR r.type <> type
  SET r.type = type
}
CALL (nodes) {
  UNWIND $edges AS row
  WITH nodes[row[0]] AS s, nodes[row[1]] AS o, row
  CREATE (s)-[r:$(row[3]) {` + edgePropsCypher + `}]->(o)
}
CALL (nodes) {
  UNWIND $restore AS row
  WITH nodes[row[0]] AS s, nodes[row[1]] AS o, row
  WHERE NOT EXISTS { MATCH (s)-[x]->(o) WHERE x.eid = row[2] }
  CREATE (s)-[r:$(row[3]) {` + edgePropsCypher + `}]->(o)
}
RETURN [n IN named | n.type] AS types`

	// MENTIONS carry the type their article gives the entity; cypherSetTypes
	// decides the node's type from them.
	// cypherSetTypes gives each named entity of $keys the type graph.PreferType
	// would from the types its MENTIONS carry (Other weighs 1/$otherWeight
	// of a specific type; ties by $rank, $otherRank, then the type's name),
	// and the matching label. It runs
	// last in every write that adds, removes or retypes MENTIONS, with the
	// entity's write lock taken first (the SET/REMOVE pair) and held to the
	// commit: of two transactions changing one entity's mentions, the later
	// one counts after the earlier committed, so the type stored is that of
	// all committed mentions, whatever the order of the writers. The count
	// is skipped (the lock still taken) for a row whose mentions were only
	// added (row.full false) and all carry the stored type, read under the
	// lock: more weight for the winner cannot change it (apply sends no row
	// at all for an entity cypherWriteArticles locked and whose stored type
	// it returned, when that holds). Types on MENTIONS passed
	// graph.ValidLabel when written.
	cypherSetTypes = `UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
SET e.kgb_lock = true
REMOVE e.kgb_lock
WITH e, row WHERE row.full OR any(t IN row.types WHERE t <> e.type)
CALL (e) {
  MATCH (:Article)-[m:MENTIONS]->(e)
  WITH coalesce(m.type, e.type) AS type, count(*) AS n
  WITH type, CASE WHEN type = $otherType THEN n ELSE n * $otherWeight END AS w
  RETURN type ORDER BY w DESC, coalesce($rank[type], $otherRank), type LIMIT 1
}
WITH e, type WHERE type <> e.type
REMOVE e:$(e.type)
SET e:$(type), e.type = type`

	cypherDeleteArticle = `MATCH (a:Article {id: $id}) DETACH DELETE a`

	// The SET/REMOVE pair takes the entity's write lock before the check,
	// so two transactions that each drop one of an entity's last two
	// relationships cannot both see the other's and leave an orphan.
	cypherDeleteOrphans = `UNWIND $keys AS key
MATCH (e:Entity|Concept {key: key})
SET e.kgb_lock = true
REMOVE e.kgb_lock
WITH e
WHERE NOT EXISTS { (e)--() }
DELETE e`
)

// apply runs a write plan inside tx.
func (s *Store) apply(ctx context.Context, tx driver.ManagedTransaction, p *writePlan) error {
	// 1. Article nodes (locks them in id order) and what they held before.
	var stale []map[string]any
	var existing []map[string]any
	created := map[string]bool{}
	known := map[string]bool{} // eids the articles already had
	for _, rows := range chunks(p.articles, s.batch) {
		err := s.run(ctx, tx, cypherUpsertArticles, map[string]any{"rows": rows}, func(r *driver.Record) error {
			id, _ := r.Values[0].(string)
			if c, _ := r.Values[1].(bool); c {
				created[id] = true
			} else {
				existing = append(existing, map[string]any{"id": id, "keys": p.keys[id]})
			}
			if old, ok := r.Values[2].([]any); ok {
				for _, eid := range old {
					if e, ok := eid.(string); ok && p.newEids[id][e] {
						known[e] = true
					}
				}
			}
			stale = appendStale(stale, r.Values[2], r.Values[3], r.Values[4], p.newEids[id])
			return nil
		})
		if err != nil {
			return err
		}
	}
	// 2. Edges the articles no longer contain.
	if err := s.deleteEdges(ctx, tx, stale); err != nil {
		return err
	}
	// 3. MENTIONS of entities the articles no longer mention.
	var candidates []string
	for _, rows := range chunks(existing, max(1, s.batch/16)) {
		err := s.run(ctx, tx, cypherDeleteMentions, map[string]any{"rows": rows}, func(r *driver.Record) error {
			if k, ok := r.Values[0].(string); ok {
				candidates = append(candidates, k)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	// 4-6. Entities, MENTIONS and evidence edges: one statement per run of
	// whole articles (writeArticles), which also reads the stored types of
	// the named entities under their write locks.
	stored, err := s.writeArticles(ctx, tx, p, created, known)
	if err != nil {
		return err
	}
	// 7. Entities left with no relationship at all.
	if err := s.deleteOrphans(ctx, tx, candidates); err != nil {
		return err
	}
	// 8. The types of the named entities whose mentions changed: a full
	// recount where mentions were removed or may have been retyped (articles
	// written before), else only where a new article's mention type differs
	// from the stored type (adding weight to the winner keeps it the winner).
	touched := map[string]*typeCheck{}
	check := func(k string) *typeCheck {
		c := touched[k]
		if c == nil {
			c = &typeCheck{}
			touched[k] = c
		}
		return c
	}
	for _, k := range candidates {
		check(k).full = true
	}
	for _, a := range p.articles {
		id := a["id"].(string)
		for i, k := range p.keys[id] {
			c := check(k)
			if !created[id] {
				c.full = true
			} else if t := p.types[id][i]; !slices.Contains(c.types, any(t)) {
				c.types = append(c.types, t)
			}
		}
	}
	// Rows whose mentions were only added, all with the type stored (read
	// under the lock writeArticles took and holds to the commit): adding
	// weight to the winner keeps it the winner, so they need no statement.
	for k, c := range touched {
		if t, ok := stored[k]; ok && !c.full && !slices.ContainsFunc(c.types, func(x any) bool { return x != any(t) }) {
			delete(touched, k)
		}
	}
	return s.setTypes(ctx, tx, touched)
}

// errOutOfOrder is returned (and the transaction rolled back) when
// cypherWriteArticles did not collect the nodes in the order sent.
var errOutOfOrder = errors.New("the entity nodes came back in another order than sent; nothing was written")

// articleRun is a run of whole articles written by one cypherWriteArticles.
type articleRun struct {
	ids   []string
	edges int
}

// runs splits the plan's articles (in id order) into runs of at most n
// evidence edges; an article with more is a run of its own.
func (p *writePlan) runs(n int) []articleRun {
	count := map[string]int{}
	for _, e := range p.edges {
		count[e[6].(string)]++
	}
	var out []articleRun
	for _, a := range p.articles {
		id := a["id"].(string)
		if len(out) == 0 || out[len(out)-1].edges > 0 && out[len(out)-1].edges+count[id] > n {
			out = append(out, articleRun{})
		}
		r := &out[len(out)-1]
		r.ids = append(r.ids, id)
		r.edges += count[id]
	}
	return out
}

// writeArticles writes the entities, MENTIONS and evidence edges of the
// plan, one cypherWriteArticles statement per run of articles, and returns
// the type stored for each named entity, read under its write lock.
// created are the articles new to the database, known the eids the
// articles listed before.
func (s *Store) writeArticles(ctx context.Context, tx driver.ManagedTransaction, p *writePlan, created, known map[string]bool) (map[string]string, error) {
	runs := p.runs(s.batch)
	runOf := make(map[string]int, len(p.articles))
	for i, r := range runs {
		for _, id := range r.ids {
			runOf[id] = i
		}
	}
	// Each run's edges, in the plan's order (subject, object, eid).
	edges := make([][][]any, len(runs))
	for _, e := range p.edges {
		i := runOf[e[6].(string)]
		edges[i] = append(edges[i], e)
	}
	stored := make(map[string]string, len(p.entities))
	for i, r := range runs {
		used := map[string]bool{}
		for _, id := range r.ids {
			for _, k := range p.keys[id] {
				used[k] = true
			}
		}
		var named, concepts []map[string]any
		keys := make([]string, 0, len(used))
		for _, rows := range [][]map[string]any{p.entities, p.concepts} { // each sorted by key
			for _, row := range rows {
				k := row["key"].(string)
				if !used[k] {
					continue
				}
				if p.concept[k] {
					concepts = append(concepts, row)
				} else {
					named = append(named, row)
				}
				keys = append(keys, k)
			}
		}
		pos := make(map[string]int64, len(keys))
		for j, k := range keys {
			pos[k] = int64(j)
		}
		createdRows, mergedRows := []map[string]any{}, []map[string]any{}
		for _, id := range r.ids {
			if len(p.keys[id]) == 0 {
				continue
			}
			ends := make([]int64, len(p.keys[id]))
			for j, k := range p.keys[id] {
				ends[j] = pos[k]
			}
			row := map[string]any{"id": id, "ends": ends, "types": p.types[id]}
			if created[id] {
				createdRows = append(createdRows, row)
			} else {
				mergedRows = append(mergedRows, row)
			}
		}
		newEdges, restore := [][]any{}, [][]any{}
		for _, e := range edges[i] {
			row := slices.Clone(e)
			row[0], row[1] = pos[e[0].(string)], pos[e[1].(string)]
			if known[e[2].(string)] {
				restore = append(restore, row)
			} else {
				newEdges = append(newEdges, row)
			}
		}
		if named == nil {
			named = []map[string]any{}
		}
		if concepts == nil {
			concepts = []map[string]any{}
		}
		params := map[string]any{"entities": named, "concepts": concepts, "keys": keys,
			"created": createdRows, "merged": mergedRows, "edges": newEdges, "restore": restore}
		records := 0
		err := s.run(ctx, tx, cypherWriteArticles, params, func(rec *driver.Record) error {
			records++
			types, _ := rec.Values[0].([]any)
			if len(types) != len(named) {
				return errOutOfOrder
			}
			for j, t := range types {
				ts, ok := t.(string)
				if !ok {
					return errOutOfOrder
				}
				stored[named[j]["key"].(string)] = ts
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if records != 1 {
			return nil, errOutOfOrder
		}
	}
	return stored, nil
}

// typeCheck says how a touched entity's type is to be checked: recounted
// over all its MENTIONS (full), or only when one of types, the types new
// MENTIONS gave it, differs from its stored type.
type typeCheck struct {
	full  bool
	types []any
}

// fullCheck marks every key a full recount (retractions).
func fullCheck(keys []string) map[string]*typeCheck {
	m := make(map[string]*typeCheck, len(keys))
	for _, k := range keys {
		m[k] = &typeCheck{full: true}
	}
	return m
}

// setTypes recomputes the type and label of the named entities among
// checks (see cypherSetTypes), in key order.
func (s *Store) setTypes(ctx context.Context, tx driver.ManagedTransaction, checks map[string]*typeCheck) error {
	named := make([]string, 0, len(checks))
	for k := range checks {
		if k != "" && !graph.IsConcept(k) { // deleteOrphans compacts its slice, leaving "" behind
			named = append(named, k)
		}
	}
	if len(named) == 0 {
		return nil
	}
	slices.Sort(named)
	rows := make([]map[string]any, len(named))
	for i, k := range named {
		c := checks[k]
		rows[i] = map[string]any{"key": k, "full": c.full, "types": c.types}
	}
	for _, c := range chunks(rows, s.batch) {
		if err := s.run(ctx, tx, cypherSetTypes, map[string]any{"rows": c, "rank": typeRanks, "otherRank": int64(graph.TypeRank("")), "otherType": graph.OtherType, "otherWeight": int64(graph.OtherWeight)}, nil); err != nil {
			return err
		}
	}
	return nil
}

// typeRanks is graph.TypeRank as a Cypher map, for cypherSetTypes.
var typeRanks = func() map[string]any {
	m := make(map[string]any, len(graph.TypeOrder))
	for _, t := range graph.TypeOrder {
		m[t] = int64(graph.TypeRank(t))
	}
	return m
}()

func (s *Store) retract(ctx context.Context, tx driver.ManagedTransaction, id string) error {
	var stale []map[string]any
	found := false
	err := s.run(ctx, tx, cypherOldArticle, map[string]any{"id": id}, func(r *driver.Record) error {
		found = true
		stale = appendStale(stale, r.Values[0], r.Values[1], r.Values[2], nil)
		return nil
	})
	if err != nil || !found {
		return err
	}
	if err := s.deleteEdges(ctx, tx, stale); err != nil {
		return err
	}
	var candidates []string
	err = s.run(ctx, tx, cypherDeleteMentions, map[string]any{"rows": []map[string]any{{"id": id, "keys": []string{}}}},
		func(r *driver.Record) error {
			if k, ok := r.Values[0].(string); ok {
				candidates = append(candidates, k)
			}
			return nil
		})
	if err != nil {
		return err
	}
	if err := s.run(ctx, tx, cypherDeleteArticle, map[string]any{"id": id}, nil); err != nil {
		return err
	}
	if err := s.deleteOrphans(ctx, tx, candidates); err != nil {
		return err
	}
	return s.setTypes(ctx, tx, fullCheck(candidates))
}

// appendStale adds to rows the old edges (parallel lists ids, subjects,
// objects as stored on the Article) whose eid is not in keep.
func appendStale(rows []map[string]any, ids, subjects, objects any, keep map[string]bool) []map[string]any {
	is, _ := ids.([]any)
	ss, _ := subjects.([]any)
	os, _ := objects.([]any)
	for i := range is {
		if i >= len(ss) || i >= len(os) {
			break
		}
		eid, _ := is[i].(string)
		if keep[eid] {
			continue
		}
		rows = append(rows, map[string]any{"s": ss[i], "o": os[i], "eid": eid})
	}
	return rows
}

func (s *Store) deleteEdges(ctx context.Context, tx driver.ManagedTransaction, rows []map[string]any) error {
	slices.SortFunc(rows, func(a, b map[string]any) int {
		as, _ := a["s"].(string)
		bs, _ := b["s"].(string)
		ao, _ := a["o"].(string)
		bo, _ := b["o"].(string)
		return cmp.Or(cmp.Compare(as, bs), cmp.Compare(ao, bo))
	})
	for _, c := range chunks(rows, s.batch) {
		if err := s.run(ctx, tx, cypherDeleteEdges, map[string]any{"rows": c}, nil); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) deleteOrphans(ctx context.Context, tx driver.ManagedTransaction, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for _, c := range chunks(keys, s.batch) {
		if err := s.run(ctx, tx, cypherDeleteOrphans, map[string]any{"keys": c}, nil); err != nil {
			return err
		}
	}
	return nil
}

func chunks[T any](rows []T, n int) [][]T {
	if len(rows) == 0 {
		return nil
	}
	var out [][]T
	for len(rows) > n {
		out = append(out, rows[:n])
		rows = rows[n:]
	}
	return append(out, rows)
}

// run executes one statement of a write in tx, counting it.
func (s *Store) run(ctx context.Context, tx driver.ManagedTransaction, cypher string, params map[string]any, fn func(*driver.Record) error) error {
	s.stats.statements.Add(1)
	return run(ctx, tx, cypher, params, fn)
}

// run executes one statement in tx, calling fn (may be nil) per record.
func run(ctx context.Context, tx driver.ManagedTransaction, cypher string, params map[string]any, fn func(*driver.Record) error) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	if fn != nil {
		for res.Next(ctx) {
			if err := fn(res.Record()); err != nil {
				return err
			}
		}
		if err := res.Err(); err != nil {
			return err
		}
	}
	_, err = res.Consume(ctx)
	return err
}

// write runs work in a retried managed write transaction. The driver retries
// transient errors (deadlocks, lock timeouts, leader changes, lost
// connections) with exponential backoff; write also retries the races that
// Neo4j reports as client errors: deleting an orphan entity that another
// transaction has just linked to, or linking to one that was just deleted.
// Every retry re-runs the whole transaction (the failed attempt was rolled
// back) and is counted by cause (see Retries).
func (s *Store) write(ctx context.Context, work func(context.Context, driver.ManagedTransaction) error) error {
	const attempts = 8
	var err error
	s.stats.transactions.Add(1)
	for attempt := range attempts {
		sess := s.session(ctx, driver.AccessModeWrite)
		calls := 0
		var last error // what the previous call of the transaction function returned
		_, err = sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
			if calls++; calls > 1 || attempt > 0 {
				s.stats.retries.Add(1)
			}
			if calls > 1 {
				s.retries.count(last) // the driver is retrying
			}
			last = work(ctx, tx)
			return nil, last
		})
		_ = sess.Close(context.WithoutCancel(ctx))
		if err != nil && unreachable(err) {
			return &ConnectError{URI: displayURI(s.cfg.URI), Err: err}
		}
		if err == nil || !raced(err) || attempt == attempts-1 {
			break
		}
		s.retries.count(err)
		// Exponential backoff with jitter, 10 ms to ~1.3 s.
		d := time.Duration(10<<attempt) * time.Millisecond
		d += time.Duration(rand.Int64N(int64(d)))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
		}
	}
	return err
}

func raced(err error) bool {
	var ne *driver.Neo4jError
	if !errors.As(err, &ne) {
		return false
	}
	switch {
	case ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
		return strings.Contains(ne.Msg, "still has relationships") || strings.Contains(ne.Msg, "already exists")
	case ne.Code == "Neo.ClientError.Statement.EntityNotFound":
		return true
	case strings.HasPrefix(ne.Code, "Neo.TransientError."):
		return true
	}
	return false
}
