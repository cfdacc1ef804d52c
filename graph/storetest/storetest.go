// Package storetest is the shared contract test suite for graph.Store
// implementations: every backend (embedded file, Neo4j) runs the same checks
// with storetest.Run.
//
// The suite uses only the public graph interfaces. Content is checked through
// graph.Reader when the store implements it (both kgb backends do); batch
// writes through graph.BatchStore when implemented. Every subtest works in
// its own namespace (article ids and entity keys carry a unique run id), so
// the suite can run against a shared database alongside other data, and it
// retracts what it wrote when it ends.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgb-dev/kgb/graph"
)

// Run checks the graph.Store contract against stores made by open. open is
// called once per subtest; Run closes the store when the subtest ends (open
// must not register its own Close). Stores may be fresh or shared: the suite
// only looks at the ids and keys it made itself.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	t.Helper()
	run := runID()
	tests := []struct {
		name string
		fn   func(t *testing.T, s graph.Store, f *fixture)
	}{
		{"ReplaceTwiceIsIdempotent", testReplaceIdempotent},
		{"EditRemovesOldFacts", testEdit},
		{"RetractRemovesOrphans", testRetract},
		{"OneNodePerNameTypedByArticles", testOneType},
		{"ArticleHashAndIDs", testHashAndIDs},
		{"InvalidGraphWritesNothing", testInvalid},
		{"ConcurrentOverlappingWriters", testConcurrent},
		{"HostileTextStoredLiterally", testHostile},
		{"ReaderStopsOnError", testReaderErrors},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			f := &fixture{ns: run + "/" + tc.name}
			t.Cleanup(func() {
				ctx := context.Background()
				var ids []string
				if err := s.ArticleIDs(ctx, f.ns+"/", func(id string) error { ids = append(ids, id); return nil }); err != nil {
					t.Errorf("cleanup: list articles: %v", err)
				}
				for _, id := range ids {
					if err := s.RetractArticle(ctx, id); err != nil {
						t.Errorf("cleanup: retract %s: %v", id, err)
					}
				}
				if err := s.Close(ctx); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, s, f)
		})
	}
}

func runID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "storetest-" + time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b)
}

// fixture builds ids and keys unique to one subtest.
type fixture struct{ ns string }

func (f *fixture) id(name string) string { return f.ns + "/" + name }

// ent makes an entity keyed as graph.EntityKey does, within the namespace:
// by name alone, or "concept:" + phrase for a Concept.
func (f *fixture) ent(name, typ string, aliases ...string) graph.Entity {
	key := f.ns + "|" + graph.NormalizeName(name)
	if typ == graph.ConceptType {
		key = graph.ConceptKeyPrefix + key
	}
	return graph.Entity{
		Key:     key,
		Name:    name,
		Type:    typ,
		Aliases: aliases,
	}
}

var ingestedAt = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

func (f *fixture) article(name, content string, ents []graph.Entity, edges ...graph.Edge) graph.ArticleGraph {
	id := f.id(name)
	for i := range edges {
		edges[i].Article = id
	}
	return graph.ArticleGraph{
		Article: graph.Article{
			ID:         id,
			Path:       "/corpus/" + id,
			SHA256:     fakeSHA(id + "\x00" + content),
			Title:      "Title of " + name,
			Date:       "2026-03-14",
			IngestedAt: ingestedAt,
		},
		Entities: ents,
		Edges:    edges,
	}
}

// fakeSHA returns a 64-hex-digit string derived from s (not a real hash; the
// store treats it as opaque).
func fakeSHA(s string) string {
	var sum [32]byte
	for i := 0; i < len(s); i++ {
		sum[i%32] = sum[i%32]*31 + s[i] + byte(i)
	}
	return hex.EncodeToString(sum[:])
}

func edge(s graph.Entity, typ string, o graph.Entity, sentence string, i int) graph.Edge {
	lemma := strings.ToLower(strings.ReplaceAll(typ, "_", " "))
	return graph.Edge{
		Subject:       s.Key,
		Object:        o.Key,
		Type:          typ,
		Predicate:     lemma + "ed",
		Lemma:         lemma,
		Sentence:      sentence,
		SentenceIndex: i,
		Start:         10 * i,
		End:           10*i + len(sentence),
		Confidence:    0.5 + float64(i%5)/10,
		Negated:       i%3 == 2,
		Modality:      map[bool]string{true: "will"}[i%4 == 1],
		ReportedBy:    map[bool]string{true: "a spokesman"}[i%4 == 3],
	}
}

// --- snapshots -------------------------------------------------------------

type articleSnap struct {
	Article  graph.Article
	Entities []string // keys, sorted
	Edges    []graph.Edge
}

type snapshot struct {
	Hashes   map[string]string // id → sha256, from ArticleIDs + ArticleHash
	Articles map[string]articleSnap
	Entities map[string]graph.Entity
	reader   bool
}

func normEdges(es []graph.Edge) []graph.Edge {
	out := slices.Clone(es)
	slices.SortFunc(out, func(a, b graph.Edge) int {
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		return strings.Compare(string(ja), string(jb))
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

func normEntity(e graph.Entity) graph.Entity {
	e.Aliases = sortedSet(e.Aliases)
	e.Titles = sortedSet(e.Titles)
	return e
}

func sortedSet(s []string) []string {
	out := slices.Compact(slices.Sorted(slices.Values(s)))
	if len(out) == 0 {
		return nil
	}
	return out
}

func normArticle(a graph.Article) graph.Article {
	a.IngestedAt = time.Unix(0, a.IngestedAt.UnixNano()).UTC()
	return a
}

func expectSnap(gs ...graph.ArticleGraph) articleMap {
	m := articleMap{}
	for _, g := range gs {
		m[g.Article.ID] = articleSnap{
			Article:  normArticle(g.Article),
			Entities: sortedSet(keysOf(g.Entities)),
			Edges:    normEdges(g.Edges),
		}
	}
	return m
}

type articleMap = map[string]articleSnap

func keysOf(es []graph.Entity) []string {
	var ks []string
	for _, e := range es {
		ks = append(ks, e.Key)
	}
	return ks
}

func take(t *testing.T, s graph.Store, f *fixture) snapshot {
	t.Helper()
	ctx := context.Background()
	snap := snapshot{Hashes: map[string]string{}}
	err := s.ArticleIDs(ctx, f.ns+"/", func(id string) error {
		if _, dup := snap.Hashes[id]; dup {
			return fmt.Errorf("ArticleIDs gave %q twice", id)
		}
		snap.Hashes[id] = ""
		return nil
	})
	if err != nil {
		t.Fatalf("ArticleIDs: %v", err)
	}
	for id := range snap.Hashes {
		h, ok, err := s.ArticleHash(ctx, id)
		if err != nil || !ok || h == "" {
			t.Fatalf("ArticleHash(%q) = %q, %v, %v for an id ArticleIDs listed", id, h, ok, err)
		}
		snap.Hashes[id] = h
	}
	r, ok := s.(graph.Reader)
	if !ok {
		return snap
	}
	snap.reader = true
	snap.Articles = map[string]articleSnap{}
	snap.Entities = map[string]graph.Entity{}
	err = r.ArticleGraphs(ctx, func(g graph.ArticleGraph) error {
		if !strings.HasPrefix(g.Article.ID, f.ns+"/") {
			return nil
		}
		if _, dup := snap.Articles[g.Article.ID]; dup {
			return fmt.Errorf("ArticleGraphs gave %q twice", g.Article.ID)
		}
		snap.Articles[g.Article.ID] = articleSnap{
			Article:  normArticle(g.Article),
			Entities: sortedSet(keysOf(g.Entities)),
			Edges:    normEdges(g.Edges),
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ArticleGraphs: %v", err)
	}
	err = r.Entities(ctx, func(e graph.Entity) error {
		if !strings.Contains(e.Key, f.ns+"|") {
			return nil
		}
		if _, dup := snap.Entities[e.Key]; dup {
			return fmt.Errorf("Entities gave %q twice", e.Key)
		}
		snap.Entities[e.Key] = normEntity(e)
		return nil
	})
	if err != nil {
		t.Fatalf("Entities: %v", err)
	}
	return snap
}

func js(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// checkArticles compares the stored articles (hashes always, graphs with a
// Reader) with want.
func checkArticles(t *testing.T, snap snapshot, want articleMap) {
	t.Helper()
	wantHashes := map[string]string{}
	for id, a := range want {
		wantHashes[id] = a.Article.SHA256
	}
	if !maps.Equal(snap.Hashes, wantHashes) {
		t.Errorf("stored articles (id → sha256):\n%s\nwant:\n%s", js(snap.Hashes), js(wantHashes))
	}
	if !snap.reader {
		return
	}
	for _, id := range slices.Sorted(maps.Keys(want)) {
		got, ok := snap.Articles[id]
		if !ok {
			t.Errorf("ArticleGraphs misses article %s", id)
			continue
		}
		if w := want[id]; js(got) != js(w) {
			t.Errorf("article %s as stored:\n%s\nwant:\n%s", id, js(got), js(w))
		}
	}
	for id := range snap.Articles {
		if _, ok := want[id]; !ok {
			t.Errorf("ArticleGraphs has unexpected article %s", id)
		}
	}
}

// checkEntities compares the stored entities with want (aliases and titles
// compared as sets).
func checkEntities(t *testing.T, snap snapshot, want ...graph.Entity) {
	t.Helper()
	if !snap.reader {
		return
	}
	w := map[string]graph.Entity{}
	for _, e := range want {
		w[e.Key] = normEntity(e)
	}
	if js(snap.Entities) != js(w) {
		t.Errorf("stored entities:\n%s\nwant:\n%s", js(snap.Entities), js(w))
	}
}

func mustReplace(t *testing.T, s graph.Store, gs ...graph.ArticleGraph) {
	t.Helper()
	for _, g := range gs {
		if err := s.ReplaceArticle(context.Background(), g); err != nil {
			t.Fatalf("ReplaceArticle(%s): %v", g.Article.ID, err)
		}
	}
}

func withAliases(e graph.Entity, aliases ...string) graph.Entity {
	e.Aliases = append(slices.Clone(e.Aliases), aliases...)
	return e
}

// --- the checks ------------------------------------------------------------

func testReplaceIdempotent(t *testing.T, s graph.Store, f *fixture) {
	alice := f.ent("Alice Marsh", "Person", "Ms Marsh")
	bob := f.ent("Bob Okafor", "Person")
	acme := f.ent("Acme Tools", "Organization", "Acme")
	g := f.article("a.txt", "v1", []graph.Entity{alice, bob, acme},
		edge(alice, "MEET", bob, "Alice Marsh met Bob Okafor on Tuesday.", 0),
		edge(bob, "JOIN", acme, "Bob Okafor joined Acme Tools.", 1),
		edge(alice, "MEET", bob, "Ms Marsh met him again later.", 2),
	)
	mustReplace(t, s, g)
	first := take(t, s, f)
	checkArticles(t, first, expectSnap(g))
	checkEntities(t, first, alice, bob, acme)

	mustReplace(t, s, g)
	second := take(t, s, f)
	if js(first) != js(second) {
		t.Errorf("second identical ReplaceArticle changed the store:\nbefore %s\nafter %s", js(first), js(second))
	}
	if bs, ok := s.(graph.BatchStore); ok {
		if err := bs.ReplaceArticles(context.Background(), []graph.ArticleGraph{g, g}); err != nil {
			t.Fatalf("ReplaceArticles: %v", err)
		}
		if third := take(t, s, f); js(first) != js(third) {
			t.Errorf("ReplaceArticles of the same graph twice changed the store:\nbefore %s\nafter %s", js(first), js(third))
		}
		if err := bs.ReplaceArticles(context.Background(), nil); err != nil {
			t.Errorf("ReplaceArticles(nil) = %v, want nil", err)
		}
	}
}

func testEdit(t *testing.T, s graph.Store, f *fixture) {
	alice := f.ent("Alice Marsh", "Person")
	bob := f.ent("Bob Okafor", "Person")
	carol := f.ent("Carol Idris", "Person")
	dave := f.ent("Dave Lund", "Person")
	v1 := f.article("a.txt", "v1", []graph.Entity{alice, bob, carol},
		edge(alice, "MEET", bob, "Alice Marsh met Bob Okafor.", 0),
		edge(bob, "CALL", carol, "Bob Okafor called Carol Idris.", 1),
	)
	other := f.article("b.txt", "b", []graph.Entity{alice, dave},
		edge(alice, "HIRE", dave, "Alice Marsh hired Dave Lund.", 0),
	)
	mustReplace(t, s, v1, other)
	checkArticles(t, take(t, s, f), expectSnap(v1, other))

	aliceV2 := withAliases(alice, "Ms Marsh")
	v2 := f.article("a.txt", "v2", []graph.Entity{aliceV2, bob},
		edge(alice, "CRITICIZE", bob, "Ms Marsh criticised Bob Okafor.", 0),
	)
	mustReplace(t, s, v2)
	snap := take(t, s, f)
	checkArticles(t, snap, expectSnap(v2, other))
	checkEntities(t, snap, aliceV2, bob, dave) // carol was only in v1
	if snap.Hashes[v2.Article.ID] != v2.Article.SHA256 {
		t.Errorf("ArticleHash after edit = %q, want the new hash %q", snap.Hashes[v2.Article.ID], v2.Article.SHA256)
	}
}

func testRetract(t *testing.T, s graph.Store, f *fixture) {
	ctx := context.Background()
	alice := f.ent("Alice Marsh", "Person")
	bob := f.ent("Bob Okafor", "Person")
	carol := f.ent("Carol Idris", "Person")
	lonely := f.ent("Quiet Valley", "Place") // mentioned, no edge
	a := f.article("a.txt", "a", []graph.Entity{alice, bob, lonely},
		edge(alice, "MEET", bob, "Alice Marsh met Bob Okafor.", 0))
	b := f.article("b.txt", "b", []graph.Entity{alice, carol},
		edge(carol, "PRAISE", alice, "Carol Idris praised Alice Marsh.", 0))
	mustReplace(t, s, a, b)
	checkEntities(t, take(t, s, f), alice, bob, carol, lonely)

	if err := s.RetractArticle(ctx, a.Article.ID); err != nil {
		t.Fatalf("RetractArticle: %v", err)
	}
	snap := take(t, s, f)
	checkArticles(t, snap, expectSnap(b))
	checkEntities(t, snap, alice, carol) // bob and the place were only in a; alice is shared
	if h, ok, err := s.ArticleHash(ctx, a.Article.ID); err != nil || ok || h != "" {
		t.Errorf("ArticleHash of a retracted article = %q, %v, %v; want \"\", false, nil", h, ok, err)
	}
	for _, id := range []string{a.Article.ID, f.id("never-stored.txt")} {
		if err := s.RetractArticle(ctx, id); err != nil {
			t.Errorf("RetractArticle(%s) of an unknown id = %v, want nil", id, err)
		}
	}
	if err := s.RetractArticle(ctx, b.Article.ID); err != nil {
		t.Fatalf("RetractArticle: %v", err)
	}
	snap = take(t, s, f)
	checkArticles(t, snap, articleMap{})
	checkEntities(t, snap)
}

// testOneType: a name that articles type differently is one entity, whose
// type is the one most of its articles give it (Other weighing a third of a
// specific type, ties to the more specific type: graph.PreferType), whatever
// the order of the writes, and follows edits and retractions;
// every article's edges hang on that one entity.
func testOneType(t *testing.T, s graph.Store, f *fixture) {
	ctx := context.Background()
	typed := func(typ string) graph.Entity { return f.ent("Nova", typ, "Nova") }
	ada, bluefin, cid := f.ent("Ada Vance", "Person"), f.ent("Bluefin", "Organization"), f.ent("Cid Moor", "Person")
	talks := f.ent("Nova", graph.ConceptType) // the same words as a common noun: another key space
	article := func(name, typ string) graph.ArticleGraph {
		nova := typed(typ)
		switch name {
		case "a.txt":
			return f.article(name, "a "+typ, []graph.Entity{ada, nova},
				edge(ada, "WORK_FOR", nova, "Ada Vance works for Nova.", 0))
		case "b.txt":
			return f.article(name, "b "+typ, []graph.Entity{nova, bluefin, talks},
				edge(nova, "ACQUIRE", bluefin, "Nova bought Bluefin.", 0),
				edge(bluefin, "DISCUSS", talks, "Bluefin discussed nova.", 1))
		default:
			return f.article(name, "c "+typ, []graph.Entity{cid, nova},
				edge(cid, "PRAISE", nova, "Cid Moor praised Nova.", 0))
		}
	}
	check := func(step, wantType string, gs ...graph.ArticleGraph) {
		t.Helper()
		snap := take(t, s, f)
		checkArticles(t, snap, expectSnap(gs...))
		var novas []graph.Entity
		for _, e := range snap.Entities {
			if e.Name == "Nova" && e.Type != graph.ConceptType {
				novas = append(novas, e)
			}
		}
		if len(novas) != 1 || novas[0].Key != typed("Other").Key || novas[0].Type != wantType {
			t.Errorf("%s: named entities called Nova %+v, want one keyed %q typed %s", step, novas, typed("Other").Key, wantType)
		}
		if snap.reader {
			if c, ok := snap.Entities[talks.Key]; !ok || c.Type != graph.ConceptType {
				t.Errorf("%s: concept %q = %+v, %v; want it kept apart, typed Concept", step, talks.Key, c, ok)
			}
		}
		n := 0
		for _, a := range snap.Articles {
			for _, e := range a.Edges {
				if e.Subject == typed("Other").Key || e.Object == typed("Other").Key {
					n++
				}
			}
		}
		if snap.reader && n != len(gs) {
			t.Errorf("%s: %d edges on Nova, want %d (one from each article)", step, n, len(gs))
		}
	}
	a, b, c := article("a.txt", "Organization"), article("b.txt", "Other"), article("c.txt", "Organization")
	// Written in an order where the first article gives the minority type.
	mustReplace(t, s, b, c, a)
	check("A Organization, B Other, C Organization", "Organization", a, b, c)

	a2 := article("a.txt", "Other") // an edit retypes A's mention
	mustReplace(t, s, a2)
	// two Others weigh less than one Organization (graph.OtherWeight)
	check("A edited to Other", "Organization", a2, b, c)
	c2 := article("c.txt", "Other")
	mustReplace(t, s, c2)
	check("C edited to Other too", "Other", a2, b, c2)
	mustReplace(t, s, a, c)
	check("A and C edited back to Organization", "Organization", a, b, c)

	if err := s.RetractArticle(ctx, c.Article.ID); err != nil {
		t.Fatalf("RetractArticle: %v", err)
	}
	check("C retracted: one Organization, one Other", "Organization", a, b)
	if err := s.RetractArticle(ctx, a.Article.ID); err != nil {
		t.Fatalf("RetractArticle: %v", err)
	}
	check("A retracted too", "Other", b)

	// One batch, in the other order, gives the same type as single writes.
	if bs, ok := s.(graph.BatchStore); ok {
		if err := bs.ReplaceArticles(ctx, []graph.ArticleGraph{c, b, a}); err != nil {
			t.Fatalf("ReplaceArticles: %v", err)
		}
		check("batch C, B, A", "Organization", a, b, c)
	}
}

func testHashAndIDs(t *testing.T, s graph.Store, f *fixture) {
	ctx := context.Background()
	x := f.ent("Xavier Pole", "Person")
	var gs []graph.ArticleGraph
	for _, name := range []string{"x/1.txt", "x/2.txt", "x/sub/3.txt", "xy/4.txt", "y/5.txt"} {
		gs = append(gs, f.article(name, name, []graph.Entity{x}))
	}
	mustReplace(t, s, gs...)
	if h, ok, err := s.ArticleHash(ctx, f.id("missing.txt")); err != nil || ok || h != "" {
		t.Errorf("ArticleHash(unknown) = %q, %v, %v; want \"\", false, nil", h, ok, err)
	}
	for _, g := range gs {
		h, ok, err := s.ArticleHash(ctx, g.Article.ID)
		if err != nil || !ok || h != g.Article.SHA256 {
			t.Errorf("ArticleHash(%s) = %q, %v, %v; want %q, true, nil", g.Article.ID, h, ok, err, g.Article.SHA256)
		}
	}
	for _, tc := range []struct {
		prefix string
		want   []string
	}{
		{f.id("x/"), []string{f.id("x/1.txt"), f.id("x/2.txt"), f.id("x/sub/3.txt")}},
		{f.id("x"), []string{f.id("x/1.txt"), f.id("x/2.txt"), f.id("x/sub/3.txt"), f.id("xy/4.txt")}},
		{f.id("x/sub/3.txt"), []string{f.id("x/sub/3.txt")}},
		{f.id("z"), nil},
		{f.ns + "/", []string{f.id("x/1.txt"), f.id("x/2.txt"), f.id("x/sub/3.txt"), f.id("xy/4.txt"), f.id("y/5.txt")}},
	} {
		var got []string
		if err := s.ArticleIDs(ctx, tc.prefix, func(id string) error { got = append(got, id); return nil }); err != nil {
			t.Fatalf("ArticleIDs(%q): %v", tc.prefix, err)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("ArticleIDs(%q) = %q, want %q", tc.prefix, got, tc.want)
		}
	}
	// All ids: ours must be among them.
	all := map[string]bool{}
	if err := s.ArticleIDs(ctx, "", func(id string) error { all[id] = true; return nil }); err != nil {
		t.Fatalf("ArticleIDs(\"\"): %v", err)
	}
	for _, g := range gs {
		if !all[g.Article.ID] {
			t.Errorf("ArticleIDs(\"\") misses %s", g.Article.ID)
		}
	}
	stop := errors.New("stop here")
	calls := 0
	err := s.ArticleIDs(ctx, f.ns+"/", func(string) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("ArticleIDs with a failing callback: err %v after %d calls; want the callback's error after 1", err, calls)
	}
}

func testInvalid(t *testing.T, s graph.Store, f *fixture) {
	ctx := context.Background()
	alice := f.ent("Alice Marsh", "Person")
	bob := f.ent("Bob Okafor", "Person")
	stranger := f.ent("Not Listed", "Person")
	good := f.article("a.txt", "v1", []graph.Entity{alice, bob}, edge(alice, "MEET", bob, "Alice Marsh met Bob Okafor.", 0))
	mustReplace(t, s, good)
	before := take(t, s, f)

	badLabel := alice
	badLabel.Type = "Person:Admin"
	emptyKey := bob
	emptyKey.Key = ""
	newBob := f.ent("Bob Okafor", "Person", "Robert")
	for _, tc := range []struct {
		name string
		g    graph.ArticleGraph
	}{
		{"edge to an unlisted entity", f.article("a.txt", "v2", []graph.Entity{alice, newBob},
			edge(alice, "MEET", bob, "ok", 0), edge(alice, "CALL", stranger, "bad", 1))},
		{"injection in relationship type", f.article("a.txt", "v2", []graph.Entity{alice, newBob},
			edge(alice, "KNOWS]->() DETACH DELETE n //", bob, "bad", 0))},
		{"lower-case relationship type", f.article("a.txt", "v2", []graph.Entity{alice, newBob},
			edge(alice, "meet", bob, "bad", 0))},
		{"label with a colon", f.article("a.txt", "v2", []graph.Entity{badLabel, newBob})},
		{"empty entity key", f.article("a.txt", "v2", []graph.Entity{alice, emptyKey})},
		{"empty article id", func() graph.ArticleGraph {
			g := f.article("a.txt", "v2", []graph.Entity{alice, newBob})
			g.Article.ID = ""
			return g
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.ReplaceArticle(ctx, tc.g); err == nil {
				t.Errorf("ReplaceArticle accepted an invalid graph")
			}
			if after := take(t, s, f); js(after) != js(before) {
				t.Errorf("a refused ReplaceArticle changed the store:\nbefore %s\nafter %s", js(before), js(after))
			}
			bs, ok := s.(graph.BatchStore)
			if !ok {
				return
			}
			other := f.article("b.txt", "b", []graph.Entity{newBob})
			if err := bs.ReplaceArticles(ctx, []graph.ArticleGraph{other, tc.g}); err == nil {
				t.Errorf("ReplaceArticles accepted a batch with an invalid graph")
			}
			if after := take(t, s, f); js(after) != js(before) {
				t.Errorf("a refused ReplaceArticles wrote part of its batch:\nbefore %s\nafter %s", js(before), js(after))
			}
		})
	}
}

func testConcurrent(t *testing.T, s graph.Store, f *fixture) {
	ctx := context.Background()
	const writers, perWriter = 8, 6
	// Every article mentions the hub; half type it Organization, half Other
	// (each writer's last article Other), their first versions Person: a
	// store that decided the type from a partial view of the concurrent
	// writes would most likely end on Other, the tie gives Organization.
	hub := f.ent("Central Bank", "Organization")
	hubAs := func(typ string) graph.Entity { e := hub; e.Type = typ; return e }
	var (
		mu   sync.Mutex
		want []graph.ArticleGraph
		ents = map[string]graph.Entity{hub.Key: hub}
	)
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				own := f.ent(fmt.Sprintf("Writer %d Person %d", w, i), "Person")
				pair := f.ent(fmt.Sprintf("Pair %d", (w+i)%writers), "Place")
				typed := hubAs([]string{"Organization", "Other"}[i%2])
				g := f.article(fmt.Sprintf("w%d/%d.txt", w, i), "c", []graph.Entity{typed, own, pair},
					edge(own, "VISIT", pair, fmt.Sprintf("Person %d of %d visited.", i, w), 0),
					edge(own, "JOIN", hub, "They joined the bank.", 1),
					edge(hub, "FUND", pair, "The bank funded it.", 2),
				)
				// A first version with other edges, then the final one.
				early := g
				early.Entities = []graph.Entity{hubAs("Person"), own, pair}
				early.Edges = []graph.Edge{edge(hub, "SUE", own, "The bank sued them.", 0)}
				early.Article.SHA256 = fakeSHA("early" + g.Article.ID)
				for _, v := range []graph.ArticleGraph{early, g} {
					if err := s.ReplaceArticle(ctx, v); err != nil {
						errs <- err
						return
					}
				}
				mu.Lock()
				want = append(want, g)
				ents[own.Key], ents[pair.Key] = own, pair
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent ReplaceArticle: %v", err)
	}
	snap := take(t, s, f)
	checkArticles(t, snap, expectSnap(want...))
	checkEntities(t, snap, slices.Collect(maps.Values(ents))...)

	// Concurrent retracts of everything leave nothing of ours behind.
	errs = make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				if err := s.RetractArticle(ctx, f.id(fmt.Sprintf("w%d/%d.txt", w, i))); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent RetractArticle: %v", err)
	}
	snap = take(t, s, f)
	checkArticles(t, snap, articleMap{})
	checkEntities(t, snap)
}

// HostileStrings are names and texts a store must keep verbatim: quoting
// and query-language fragments that would break string-built queries.
var HostileStrings = []string{
	`'}) DETACH DELETE n //`,
	"Back`tick` MATCH (n) DETACH DELETE n",
	`O'Brien "the Quote" \ backslash`,
	`Robert'); DROP TABLE articles;--`,
	"$param {x: 1} ${HOME} %s %v",
	"line one\nline two\r\n\ttabbed",
	"Zoë Łódź 東京 Ωmega 🙂",
	`<xml attr="x">&amp;</xml>`,
	"comma, \"quoted\", and; semicolon",
}

func testHostile(t *testing.T, s graph.Store, f *fixture) {
	ctx := context.Background()
	var all []graph.ArticleGraph
	var ents []graph.Entity
	for i, h := range HostileStrings {
		// The key normalisation may drop punctuation: make keys unique by index.
		a := f.ent(h, "Person", h+" alias", "“"+h+"”")
		a.Key = fmt.Sprintf("%s#%d", a.Key, i)
		a.Titles = []string{h}
		b := f.ent("Plain Name", "Organization")
		ed := edge(a, "SAY", b, h, i)
		ed.Predicate, ed.Lemma, ed.ReportedBy, ed.Modality = h, h, h, h
		g := f.article(fmt.Sprintf("%d-%s.txt", i, h), h, []graph.Entity{a, b}, ed)
		g.Article.Title, g.Article.Path, g.Article.Date, g.Article.DuplicateOf = h, h, h, h
		all = append(all, g)
		ents = append(ents, a, b)
	}
	mustReplace(t, s, all...)
	snap := take(t, s, f)
	checkArticles(t, snap, expectSnap(all...))
	checkEntities(t, snap, ents...)
	for _, g := range all {
		var got []string
		if err := s.ArticleIDs(ctx, g.Article.ID, func(id string) error { got = append(got, id); return nil }); err != nil {
			t.Fatalf("ArticleIDs(%q): %v", g.Article.ID, err)
		}
		if !slices.Equal(got, []string{g.Article.ID}) {
			t.Errorf("ArticleIDs(%q) = %q, want just itself", g.Article.ID, got)
		}
	}
	for _, g := range all {
		if err := s.RetractArticle(ctx, g.Article.ID); err != nil {
			t.Fatalf("RetractArticle(%q): %v", g.Article.ID, err)
		}
	}
	snap = take(t, s, f)
	checkArticles(t, snap, articleMap{})
	checkEntities(t, snap)
}

func testReaderErrors(t *testing.T, s graph.Store, f *fixture) {
	r, ok := s.(graph.Reader)
	if !ok {
		t.Skip("store does not implement graph.Reader")
	}
	ctx := context.Background()
	x := f.ent("Xavier Pole", "Person")
	y := f.ent("Yolanda Pole", "Person")
	mustReplace(t, s,
		f.article("1.txt", "1", []graph.Entity{x, y}, edge(x, "MARRY", y, "They married.", 0)),
		f.article("2.txt", "2", []graph.Entity{x}))
	stop := errors.New("stop here")
	calls := 0
	if err := r.ArticleGraphs(ctx, func(graph.ArticleGraph) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("ArticleGraphs with a failing callback: err %v after %d calls; want the callback's error after 1", err, calls)
	}
	calls = 0
	if err := r.Entities(ctx, func(graph.Entity) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Entities with a failing callback: err %v after %d calls; want the callback's error after 1", err, calls)
	}
	// Every edge an ArticleGraph carries joins entities it lists.
	err := r.ArticleGraphs(ctx, func(g graph.ArticleGraph) error {
		if !strings.HasPrefix(g.Article.ID, f.ns+"/") {
			return nil
		}
		return graph.CheckArticleGraph(g)
	})
	if err != nil {
		t.Errorf("ArticleGraphs returned an inconsistent graph: %v", err)
	}
}
