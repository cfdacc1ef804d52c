// Command neo4jbench measures kgb's batched Neo4j writer against a naive
// baseline in the same run, on a synthetic news-like graph: N evidence edges
// over about M entities whose degrees follow a Zipf-like law (a few hubs),
// grouped into articles of K edges.
//
//   - naive: one managed transaction per triple: MERGE subject, MERGE object,
//     MERGE the edge (on the first -naive triples; reported per triple);
//   - batched: graph/neo4j's ReplaceArticles, one transaction per batch of
//     articles holding about -sizes rows, swept over several batch sizes;
//   - re-run: the same data again with the best size (all MERGE hits).
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
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/neo4j"
)

type options struct {
	uri, user, password, database string
	edges, entities, perArticle   int
	naive, reps                   int
	sizes                         []int
	seed                          uint64
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
	flag.IntVar(&o.naive, "naive", 3000, "triples written by the naive baseline (a prefix of the data)")
	flag.StringVar(&sizes, "sizes", "250,1000,2000,5000,10000", "batch sizes (rows per transaction and statement) to sweep")
	flag.IntVar(&o.reps, "reps", 2, "runs per batch size in the sweep (the best is kept: the machine is shared)")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed")
	flag.Parse()
	o.password = os.Getenv("NEO4J_PASSWORD")
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "neo4jbench: bad size %q\n", f)
			os.Exit(2)
		}
		o.sizes = append(o.sizes, n)
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
		ents[i] = graph.Entity{Key: ns + "|" + strings.ToLower(typ) + ":" + graph.NormalizeName(name), Name: name, Type: typ, Aliases: []string{name}}
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
	cfg := neo4j.Config{URI: o.uri, Username: o.user, Password: o.password, Database: o.database}
	st, err := neo4j.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	auth := driver.NoAuth()
	if o.user != "" || o.password != "" {
		auth = driver.BasicAuth(o.user, o.password, "")
	}
	drv, err := driver.NewDriverWithContext(o.uri, auth)
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
	fmt.Printf("data: %d evidence edges, %d entities used (pool %d), %d articles of %d edges; degrees: max %d, top 5 %v, top 1%% of entities hold %.0f%% of edge ends\n",
		o.edges, used, o.entities, len(gs), o.perArticle, sorted[0], sorted[:5], 100*float64(top)/float64(all))

	// Naive baseline on a prefix of the same data, in its own namespace.
	naiveNS := "bench-" + stamp + "-naive/"
	naiveGS, _, _ := synth(o, naiveNS)
	var triples []graph.Edge
	ents := map[string]graph.Entity{}
	for _, g := range naiveGS {
		for _, e := range g.Entities {
			ents[e.Key] = e
		}
		triples = append(triples, g.Edges...)
	}
	// Warm up: plan caches and JIT, on data of its own, not measured.
	warm := min(50, len(triples)/10)
	if err := naive(ctx, drv, o.database, triples[len(triples)-warm:], ents); err != nil {
		return fmt.Errorf("naive warm-up: %w", err)
	}
	wo := o
	wo.edges, wo.entities = min(o.edges, 20000), min(o.entities, 4000)
	warmGS, _, _ := synth(wo, "bench-"+stamp+"-warm/")
	if _, err := batched(ctx, st, warmGS, 1000, o.perArticle); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	if err := wipe(ctx, drv, o.database, "bench-"+stamp+"-warm/"); err != nil {
		return err
	}
	triples = triples[:min(o.naive, len(triples)-warm)]
	t0 := time.Now()
	if err := naive(ctx, drv, o.database, triples, ents); err != nil {
		return fmt.Errorf("naive: %w", err)
	}
	naiveDur := time.Since(t0)
	naiveRate := float64(len(triples)) / naiveDur.Seconds()
	fmt.Printf("naive baseline (1 managed tx per triple: MERGE subject, MERGE object, MERGE edge): %d triples in %.2fs = %.0f triples/s\n",
		len(triples), naiveDur.Seconds(), naiveRate)
	if err := wipe(ctx, drv, o.database, naiveNS); err != nil {
		return err
	}

	type result struct {
		size int
		rate float64
	}
	var best result
	for _, size := range o.sizes {
		var rates []string
		bestRate := 0.0
		for rep := range max(1, o.reps) {
			ns := fmt.Sprintf("bench-%s-b%d-r%d/", stamp, size, rep)
			data, _, _ := synth(o, ns)
			s, err := neo4j.Open(ctx, neo4j.Config{URI: o.uri, Username: o.user, Password: o.password, Database: o.database, BatchSize: size})
			if err != nil {
				return err
			}
			d, err := batched(ctx, s, data, size, o.perArticle)
			s.Close(ctx)
			if err != nil {
				return fmt.Errorf("batched %d: %w", size, err)
			}
			rate := float64(o.edges) / d.Seconds()
			rates = append(rates, fmt.Sprintf("%.0f", rate))
			bestRate = max(bestRate, rate)
			if err := wipe(ctx, drv, o.database, ns); err != nil {
				return err
			}
		}
		fmt.Printf("batched writer, batch %5d rows: %d triples, best of %d runs %6.0f triples/s = %5.1fx naive (runs: %s triples/s)\n",
			size, o.edges, len(rates), bestRate, bestRate/naiveRate, strings.Join(rates, ", "))
		if bestRate > best.rate {
			best = result{size, bestRate}
		}
	}

	// First run and re-run (same data: all MERGE hits) with the best size.
	ns := fmt.Sprintf("bench-%s-best/", stamp)
	data, _, _ := synth(o, ns)
	s, err := neo4j.Open(ctx, neo4j.Config{URI: o.uri, Username: o.user, Password: o.password, Database: o.database, BatchSize: best.size})
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	d1, err := batched(ctx, s, data, best.size, o.perArticle)
	if err != nil {
		return err
	}
	nodes1, rels1, err := counts(ctx, drv, o.database, ns)
	if err != nil {
		return err
	}
	d2, err := batched(ctx, s, data, best.size, o.perArticle)
	if err != nil {
		return err
	}
	nodes2, rels2, err := counts(ctx, drv, o.database, ns)
	if err != nil {
		return err
	}
	r1, r2 := float64(o.edges)/d1.Seconds(), float64(o.edges)/d2.Seconds()
	fmt.Printf("best batch size %d: first run %.0f triples/s (%.1fx naive); re-run of the same data (all MERGE hits) %.0f triples/s (%.2fx the first run)\n",
		best.size, r1, r1/naiveRate, r2, r2/r1)
	fmt.Printf("graph after first run: %d nodes, %d relationships; after re-run: %d nodes, %d relationships (identical: %v)\n",
		nodes1, rels1, nodes2, rels2, nodes1 == nodes2 && rels1 == rels2)
	return wipe(ctx, drv, o.database, ns)
}

// batched writes data with ReplaceArticles, size rows per transaction.
func batched(ctx context.Context, s *neo4j.Store, data []graph.ArticleGraph, size, perArticle int) (time.Duration, error) {
	per := max(1, size/perArticle)
	t0 := time.Now()
	for i := 0; i < len(data); i += per {
		if err := s.ReplaceArticles(ctx, data[i:min(i+per, len(data))]); err != nil {
			return 0, err
		}
	}
	return time.Since(t0), nil
}

// naive writes each triple in its own managed transaction.
func naive(ctx context.Context, drv driver.DriverWithContext, db string, triples []graph.Edge, ents map[string]graph.Entity) error {
	sess := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	for _, t := range triples {
		s, o := ents[t.Subject], ents[t.Object]
		if !graph.ValidType(t.Type) || !graph.ValidLabel(s.Type) || !graph.ValidLabel(o.Type) {
			return fmt.Errorf("invalid type or label in %v", t)
		}
		q := "MERGE (s:Entity {key: $s}) ON CREATE SET s.name = $sname, s.type = $stype SET s:`" + s.Type + "`\n" +
			"MERGE (o:Entity {key: $o}) ON CREATE SET o.name = $oname, o.type = $otype SET o:`" + o.Type + "`\n" +
			"MERGE (s)-[r:`" + t.Type + "` {article: $article, sentence_index: $si, start: $start}]->(o)\n" +
			"SET r.predicate = $predicate, r.lemma = $lemma, r.sentence = $sentence, r.end = $end, r.confidence = $confidence, r.negated = $negated"
		params := map[string]any{
			"s": s.Key, "sname": s.Name, "stype": s.Type, "o": o.Key, "oname": o.Name, "otype": o.Type,
			"article": t.Article, "si": t.SentenceIndex, "start": t.Start, "end": t.End,
			"predicate": t.Predicate, "lemma": t.Lemma, "sentence": t.Sentence, "confidence": t.Confidence, "negated": t.Negated,
		}
		_, err := sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, q, params)
			if err != nil {
				return nil, err
			}
			return res.Consume(ctx)
		})
		if err != nil {
			return err
		}
	}
	return nil
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
