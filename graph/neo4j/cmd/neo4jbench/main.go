// Command neo4jbench measures kgb's Neo4j writer against the baseline a
// user would write, in the same run, on a synthetic news-like graph: N
// evidence edges over about M entities whose degrees follow a Zipf-like law
// (a few hubs), grouped into articles of K edges, 12 relationship types.
//
//   - baseline: plain batched UNWIND ... MERGE, 1,000 rows per transaction
//     (MERGE subject, MERGE object, MERGE the edge by its evidence id, one
//     statement per relationship type present in the batch), same
//     constraints, same data; it writes no Article nodes and no MENTIONS,
//     which kgb writes too;
//   - same-graph baseline: the same plain batched UNWIND ... MERGE writing
//     the whole graph kgb writes (Article nodes, MENTIONS, entities,
//     evidence), about 1,000 evidence rows per transaction;
//   - kgb: graph/neo4j's ReplaceArticles, one transaction per batch of
//     articles holding about -size rows, with 1, 2 and 4 parallel writers
//     (-writers) sharing one Store;
//   - re-run: the same data again with one writer (all MERGE hits).
//
// Every run writes under its own key/id prefix and deletes it afterwards, so
// it may share a database with other data. Usage (see scripts/bench/neo4j.sh):
//
//	neo4jbench -uri bolt://127.0.0.1:7690 -edges 100000 -entities 20000
package main

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
)

type options struct {
	uri, user, password, database string
	edges, entities, perArticle   int
	size, baselineSize            int
	writers                       []int
	seed                          uint64
	serverPID                     int
}

func main() {
	var o options
	var sizes string
	flag.StringVar(&o.uri, "uri", "bolt://127.0.0.1:7687", "Neo4j Bolt URI")
	flag.StringVar(&o.user, "user", os.Getenv("NEO4J_USERNAME"), "Neo4j user")
	flag.StringVar(&o.database, "database", "", "Neo4j database")
	flag.IntVar(&o.edges, "edges", 100000, "evidence edges to write")
	flag.IntVar(&o.entities, "entities", 20000, "entity pool size")
	flag.IntVar(&o.perArticle, "per-article", 10, "edges per article")
	flag.IntVar(&o.size, "size", neo4j.DefaultBatchSize, "kgb writer: evidence edges per transaction (and rows per statement)")
	flag.IntVar(&o.baselineSize, "baseline-size", 1000, "baseline: rows per transaction")
	flag.StringVar(&sizes, "writers", "1,2,4", "numbers of parallel kgb writers to measure")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed")
	flag.IntVar(&o.serverPID, "server-pid", 0, "process id of a local Neo4j: print the server CPU time each measured run cost (Linux /proc)")
	clearAllFlag := flag.Bool("clear-all-kgb", false, "delete every kgb node (Article, Entity, Concept) of the database and exit (scripts/bench/neo4j.sh uses it between runs on its own server)")
	flag.Parse()
	o.password = os.Getenv("NEO4J_PASSWORD")
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "neo4jbench: bad number of writers %q\n", f)
			os.Exit(2)
		}
		o.writers = append(o.writers, n)
	}
	if o.size < 1 || o.baselineSize < 1 {
		fmt.Fprintln(os.Stderr, "neo4jbench: sizes must be positive")
		os.Exit(2)
	}
	if *clearAllFlag {
		if err := clearAll(context.Background(), o); err != nil {
			fmt.Fprintln(os.Stderr, "neo4jbench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(context.Background(), o); err != nil {
		fmt.Fprintln(os.Stderr, "neo4jbench:", err)
		os.Exit(1)
	}
}

var labels = []string{"Person", "Person", "Person", "Organization", "Organization", "Place"}
var relTypes = []string{"SAY", "MEET", "CALL", "CRITICIZE", "PRAISE", "VISIT", "JOIN", "SIGN", "ACCUSE", "SUPPORT", "WARN", "SPEAK_WITH"}

// synth makes the data set: entities and articles, keys under ns.
func synth(o options, ns string) ([]graph.ArticleGraph, int, []int) {
	r := rand.New(rand.NewPCG(o.seed, 42))
	zipf := rand.NewZipf(r, 1.1, 4, uint64(o.entities-1))
	pick := func() int {
		if r.IntN(2) == 0 { // half the ends from a Zipf law: hubs
			return int(zipf.Uint64())
		}
		return r.IntN(o.entities) // half uniform: the long tail
	}
	ents := make([]graph.Entity, o.entities)
	for i := range ents {
		typ := labels[i%len(labels)]
		name := fmt.Sprintf("Entity %d", i)
		ents[i] = graph.Entity{Key: ns + "|" + graph.EntityKey(name, typ), Name: name, Type: typ, Aliases: []string{name}}
	}
	degree := make([]int, o.entities)
	var out []graph.ArticleGraph
	now := time.Now().UTC()
	for a := 0; a*o.perArticle < o.edges; a++ {
		id := fmt.Sprintf("%s/article-%06d.txt", ns, a)
		g := graph.ArticleGraph{Article: graph.Article{ID: id, Path: id, SHA256: fmt.Sprintf("%064x", a+1), Title: "Article " + strconv.Itoa(a), IngestedAt: now}}
		seen := map[int]bool{}
		for j := 0; j < o.perArticle && a*o.perArticle+j < o.edges; j++ {
			s, t := pick(), pick()
			for t == s {
				t = pick()
			}
			degree[s]++
			degree[t]++
			for _, x := range []int{s, t} {
				if !seen[x] {
					seen[x] = true
					g.Entities = append(g.Entities, ents[x])
				}
			}
			typ := relTypes[r.IntN(len(relTypes))]
			sent := fmt.Sprintf("%s said %s met %s in sentence %d.", ents[s].Name, strings.ToLower(typ), ents[t].Name, j)
			g.Edges = append(g.Edges, graph.Edge{
				Subject: ents[s].Key, Object: ents[t].Key, Type: typ,
				Predicate: strings.ToLower(typ) + "ed", Lemma: strings.ToLower(typ), Article: id,
				Sentence: sent, SentenceIndex: j, Start: 40 * j, End: 40*j + len(sent), Confidence: 0.5 + r.Float64()/2,
			})
		}
		out = append(out, g)
	}
	used := 0
	for _, d := range degree {
		if d > 0 {
			used++
		}
	}
	return out, used, degree
}

func run(ctx context.Context, o options) error {
	stamp := time.Now().UTC().Format("20060102T150405")
	cfg := neo4j.Config{URI: o.uri, Username: o.user, Password: o.password, Database: o.database, BatchSize: o.size}
	st, err := neo4j.Open(ctx, cfg) // creates the schema both writers use
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	drv, err := openDriver(o)
	if err != nil {
		return err
	}
	defer drv.Close(ctx)

	gs, used, degree := synth(o, "bench-"+stamp+"-stats/")
	sorted := slices.Clone(degree)
	slices.SortFunc(sorted, func(a, b int) int { return b - a })
	top, all := 0, 0
	for i, d := range sorted {
		if i < len(sorted)/100 {
			top += d
		}
		all += d
	}
	fmt.Printf("data: %d evidence edges, %d entities used (pool %d), %d articles of %d edges, %d relationship types; degrees: max %d, top 5 %v, top 1%% of entities hold %.0f%% of edge ends\n",
		o.edges, used, o.entities, len(gs), o.perArticle, len(relTypes), sorted[0], sorted[:5], 100*float64(top)/float64(all))

	// Warm up both writers (plan caches, JIT) on data of their own.
	wo := o
	wo.edges, wo.entities = min(o.edges, 20000), min(o.entities, 4000)
	warmNS := "bench-" + stamp + "-warm/"
	warmGS, _, _ := synth(wo, warmNS)
	if _, err := batched(ctx, st, warmGS, o.size, o.perArticle, 1); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	if err := wipe(ctx, drv, o.database, warmNS); err != nil {
		return err
	}
	warmGS, _, _ = synth(wo, warmNS)
	if err := baseline(ctx, drv, o.database, warmGS, o.baselineSize); err != nil {
		return fmt.Errorf("baseline warm-up: %w", err)
	}
	if err := wipe(ctx, drv, o.database, warmNS); err != nil {
		return err
	}

	ns := "bench-" + stamp + "-baseline/"
	data, _, _ := synth(o, ns)
	t0, c0 := time.Now(), serverCPU(o.serverPID)
	if err := baseline(ctx, drv, o.database, data, o.baselineSize); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	baseRate := float64(o.edges) / time.Since(t0).Seconds()
	fmt.Printf("baseline (batched UNWIND ... MERGE, %d rows per transaction, 1 writer): %d evidence edges in %.2fs = %.0f edges/s%s\n",
		o.baselineSize, o.edges, float64(o.edges)/baseRate, baseRate, cpuNote(o.serverPID, c0))
	if err := wipe(ctx, drv, o.database, ns); err != nil {
		return err
	}

	// The same graph kgb writes (Article nodes and MENTIONS too), written the
	// plain way: the baseline for "same data".
	ns = "bench-" + stamp + "-baseline-graph/"
	data, _, _ = synth(o, ns)
	t0, c0 = time.Now(), serverCPU(o.serverPID)
	if err := baselineGraph(ctx, drv, o.database, data, o.baselineSize); err != nil {
		return fmt.Errorf("same-graph baseline: %w", err)
	}
	graphRate := float64(o.edges) / time.Since(t0).Seconds()
	fmt.Printf("same-graph baseline (batched UNWIND ... MERGE of the graph kgb writes: articles, MENTIONS, entities, evidence; %d evidence rows per transaction, 1 writer): %d evidence edges in %.2fs = %.0f edges/s%s\n",
		o.baselineSize, o.edges, float64(o.edges)/graphRate, graphRate, cpuNote(o.serverPID, c0))
	if err := wipe(ctx, drv, o.database, ns); err != nil {
		return err
	}

	for _, n := range o.writers {
		ns := fmt.Sprintf("bench-%s-w%d/", stamp, n)
		data, _, _ := synth(o, ns)
		before, c0 := st.WriteStats(), serverCPU(o.serverPID)
		d, err := batched(ctx, st, data, o.size, o.perArticle, n)
		if err != nil {
			return fmt.Errorf("kgb writer, %d writers: %w", n, err)
		}
		after := st.WriteStats()
		rate := float64(o.edges) / d.Seconds()
		fmt.Printf("kgb writer (ReplaceArticles, %d edges per transaction, %d writer(s)): %d evidence edges in %.2fs = %.0f edges/s = %.2fx baseline, %.2fx same-graph baseline; %d transactions, %d retried%s\n",
			o.size, n, o.edges, d.Seconds(), rate, rate/baseRate, rate/graphRate, after.Transactions-before.Transactions, after.Retries-before.Retries, cpuNote(o.serverPID, c0))
		if n == o.writers[len(o.writers)-1] {
			nodes1, rels1, err := counts(ctx, drv, o.database, ns)
			if err != nil {
				return err
			}
			c0 := serverCPU(o.serverPID)
			d2, err := batched(ctx, st, data, o.size, o.perArticle, 1)
			if err != nil {
				return err
			}
			nodes2, rels2, err := counts(ctx, drv, o.database, ns)
			if err != nil {
				return err
			}
			fmt.Printf("re-run of the same data, 1 writer (all MERGE hits): %.0f edges/s%s; graph %d nodes, %d relationships before, %d, %d after (identical: %v)\n",
				float64(o.edges)/d2.Seconds(), cpuNote(o.serverPID, c0), nodes1, rels1, nodes2, rels2, nodes1 == nodes2 && rels1 == rels2)
		}
		if err := wipe(ctx, drv, o.database, ns); err != nil {
			return err
		}
	}
	return nil
}

// serverCPU returns the CPU seconds (user + system) process pid has used,
// from /proc/pid/stat; 0 when pid is 0 or the file cannot be read.
func serverCPU(pid int) float64 {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses and may hold
	// spaces: utime and stime are the 12th and 13th.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100 // USER_HZ, 100 on Linux
}

// cpuNote reports the server CPU used since c0 (serverCPU), when measured.
func cpuNote(pid int, c0 float64) string {
	if pid == 0 {
		return ""
	}
	return fmt.Sprintf(", server CPU %.2f s", serverCPU(pid)-c0)
}

// batched writes data with ReplaceArticles, about size edges per
// transaction, from n goroutines taking batches in turn.
func batched(ctx context.Context, s *neo4j.Store, data []graph.ArticleGraph, size, perArticle, n int) (time.Duration, error) {
	per := max(1, size/perArticle)
	next := make(chan []graph.ArticleGraph)
	go func() {
		defer close(next)
		for i := 0; i < len(data); i += per {
			next <- data[i:min(i+per, len(data))]
		}
	}()
	t0 := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for w := range n {
		wg.Go(func() {
			for b := range next {
				if errs[w] != nil {
					continue // drain
				}
				errs[w] = s.ReplaceArticles(ctx, b)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return time.Since(t0), nil
}

// baseline writes the evidence edges of data as a user would with batched
// UNWIND ... MERGE: transactions of size rows, one statement per
// relationship type in the transaction. Types and labels come from the
// generator's fixed lists (checked anyway); values are parameters.
func baseline(ctx context.Context, drv driver.DriverWithContext, db string, data []graph.ArticleGraph, size int) error {
	ents := map[string]graph.Entity{}
	var rows []map[string]any
	for _, g := range data {
		for _, e := range g.Entities {
			ents[e.Key] = e
		}
		eids := graph.EdgeIDs(g)
		for i, e := range g.Edges {
			s, o := ents[e.Subject], ents[e.Object]
			if !graph.ValidType(e.Type) || !graph.ValidLabel(s.Type) || !graph.ValidLabel(o.Type) {
				return fmt.Errorf("invalid type or label in %v", e)
			}
			row := evidenceRow(e, eids[i], g.Article.ID)
			row["sname"], row["stype"], row["oname"], row["otype"], row["type"] = s.Name, s.Type, o.Name, o.Type, e.Type
			rows = append(rows, row)
		}
	}
	sess := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	for i := 0; i < len(rows); i += size {
		chunk := rows[i:min(i+size, len(rows))]
		byType := map[string][]map[string]any{}
		for _, r := range chunk {
			byType[r["type"].(string)] = append(byType[r["type"].(string)], r)
		}
		types := slices.Sorted(maps.Keys(byType))
		var stmts []statement
		for _, t := range types {
			stmts = append(stmts, statement{"UNWIND $rows AS row\n" +
				"MERGE (s:Entity {key: row.s}) ON CREATE SET s:$(row.stype), s.name = row.sname, s.type = row.stype\n" +
				"MERGE (o:Entity {key: row.o}) ON CREATE SET o:$(row.otype), o.name = row.oname, o.type = row.otype\n" +
				"MERGE (s)-[r:`" + t + "` {eid: row.eid}]->(o)\n" + setEvidence, byType[t]})
		}
		if err := runStatements(ctx, sess, stmts); err != nil {
			return err
		}
	}
	return nil
}

// baselineGraph writes the graph kgb writes for data -- Article nodes,
// their MENTIONS of every entity they list, the entities and the evidence
// edges -- as a user would with plain batched UNWIND ... MERGE: whole
// articles per transaction, about size evidence rows each; one statement
// for the articles, one for entities with their MENTIONS, one per
// relationship type for the edges. Types and labels come from the
// generator's fixed lists (checked); values are parameters.
func baselineGraph(ctx context.Context, drv driver.DriverWithContext, db string, data []graph.ArticleGraph, size int) error {
	sess := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	for i := 0; i < len(data); {
		var arts, ments []map[string]any
		byType := map[string][]map[string]any{}
		rows := 0
		for ; i < len(data) && rows < size; i++ {
			g := data[i]
			a := g.Article
			arts = append(arts, map[string]any{"id": a.ID, "path": a.Path, "sha256": a.SHA256, "title": a.Title, "at": a.IngestedAt})
			for _, e := range g.Entities {
				if !graph.ValidLabel(e.Type) {
					return fmt.Errorf("invalid label %q", e.Type)
				}
				ments = append(ments, map[string]any{"article": a.ID, "key": e.Key, "name": e.Name, "type": e.Type})
			}
			eids := graph.EdgeIDs(g)
			for j, e := range g.Edges {
				if !graph.ValidType(e.Type) {
					return fmt.Errorf("invalid type %q", e.Type)
				}
				byType[e.Type] = append(byType[e.Type], evidenceRow(e, eids[j], a.ID))
				rows++
			}
		}
		types := slices.Sorted(maps.Keys(byType))
		stmts := []statement{
			{"UNWIND $rows AS row\nMERGE (a:Article {id: row.id}) SET a.path = row.path, a.sha256 = row.sha256, a.title = row.title, a.ingested_at = row.at", arts},
			{"UNWIND $rows AS row\nMERGE (e:Entity {key: row.key}) ON CREATE SET e:$(row.type), e.name = row.name, e.type = row.type\n" +
				"WITH e, row MATCH (a:Article {id: row.article}) MERGE (a)-[m:MENTIONS]->(e) SET m.type = row.type", ments},
		}
		for _, t := range types {
			stmts = append(stmts, statement{"UNWIND $rows AS row\nMATCH (s:Entity {key: row.s}) MATCH (o:Entity {key: row.o})\n" +
				"MERGE (s)-[r:`" + t + "` {eid: row.eid}]->(o)\n" + setEvidence, byType[t]})
		}
		if err := runStatements(ctx, sess, stmts); err != nil {
			return err
		}
	}
	return nil
}

// statement is one UNWIND statement of a baseline transaction and its rows.
type statement struct {
	q    string
	rows []map[string]any
}

// setEvidence sets an evidence edge's properties from an evidenceRow.
const setEvidence = "SET r.predicate = row.predicate, r.lemma = row.lemma, r.article = row.article, r.sentence = row.sentence,\n" +
	"    r.sentence_index = row.si, r.start = row.start, r.end = row.end, r.confidence = row.confidence, r.negated = row.negated"

// evidenceRow is the parameter row of evidence edge e (its eid, its article).
func evidenceRow(e graph.Edge, eid, article string) map[string]any {
	return map[string]any{
		"s": e.Subject, "o": e.Object, "eid": eid, "predicate": e.Predicate, "lemma": e.Lemma, "article": article,
		"sentence": e.Sentence, "si": int64(e.SentenceIndex), "start": int64(e.Start), "end": int64(e.End),
		"confidence": e.Confidence, "negated": e.Negated,
	}
}

// runStatements runs stmts in order in one write transaction.
func runStatements(ctx context.Context, sess driver.SessionWithContext, stmts []statement) error {
	_, err := sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
		for _, st := range stmts {
			res, err := tx.Run(ctx, st.q, map[string]any{"rows": st.rows})
			if err != nil {
				return nil, err
			}
			if _, err := res.Consume(ctx); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	return err
}

func counts(ctx context.Context, drv driver.DriverWithContext, db, ns string) (nodes, rels int64, err error) {
	res, err := driver.ExecuteQuery(ctx, drv, `
CALL { MATCH (e:Entity) WHERE e.key STARTS WITH $ns RETURN count(e) AS ne }
CALL { MATCH (a:Article) WHERE a.id STARTS WITH $ns RETURN count(a) AS na }
CALL { MATCH (e:Entity)-[r]->() WHERE e.key STARTS WITH $ns RETURN count(r) AS nr }
CALL { MATCH (a:Article)-[r]->() WHERE a.id STARTS WITH $ns RETURN count(r) AS nm }
RETURN ne + na, nr + nm`, map[string]any{"ns": ns}, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(db))
	if err != nil {
		return 0, 0, err
	}
	if len(res.Records) != 1 {
		return 0, 0, fmt.Errorf("count: %d records", len(res.Records))
	}
	return res.Records[0].Values[0].(int64), res.Records[0].Values[1].(int64), nil
}

func openDriver(o options) (driver.DriverWithContext, error) {
	auth := driver.NoAuth()
	if o.user != "" || o.password != "" {
		auth = driver.BasicAuth(o.user, o.password, "")
	}
	return driver.NewDriverWithContext(o.uri, auth)
}

// clearAll deletes every node kgb writes, in transactions of 5,000 nodes.
func clearAll(ctx context.Context, o options) error {
	drv, err := openDriver(o)
	if err != nil {
		return err
	}
	defer drv.Close(ctx)
	sess := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: o.database})
	defer sess.Close(ctx)
	for _, label := range []string{"Article", "Entity", "Concept"} {
		res, err := sess.Run(ctx, "MATCH (n:"+label+") CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("clear %s nodes: %w", label, err)
		}
	}
	return nil
}

// wipe deletes everything under ns, in transactions of 10,000 nodes.
func wipe(ctx context.Context, drv driver.DriverWithContext, db, ns string) error {
	sess := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	for _, q := range []string{
		"MATCH (a:Article) WHERE a.id STARTS WITH $ns CALL { WITH a DETACH DELETE a } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (e:Entity) WHERE e.key STARTS WITH $ns CALL { WITH e DETACH DELETE e } IN TRANSACTIONS OF 2000 ROWS",
	} {
		res, err := sess.Run(ctx, q, map[string]any{"ns": ns})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("clean up %s: %w", ns, err)
		}
	}
	return nil
}
