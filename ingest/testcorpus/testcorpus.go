// Package testcorpus supports kgb's ingest tests. It writes small synthetic
// news articles (fictional people, firms and places combined by simple
// sentence templates, deterministic for a given seed; nothing in it comes
// from a real corpus) and dumps a store canonically for comparisons.
package testcorpus

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kgb-dev/kgb/graph"
)

var (
	people = []string{"Helen Marsh", "Tobias Weber", "Ingrid Dahl", "Samuel Okafor", "Priya Raman", "Laura Chen",
		"Marcus Reid", "Daniel Moreau", "Tomas Varga", "Alan Brooks", "Nadia Petrova", "Oscar Lindqvist",
		"Amara Nwosu", "Kenji Watanabe", "Lucia Ferreira", "Rafael Costa"}
	titles = []string{"Prime Minister", "Finance Minister", "chief executive", "coach", "Mayor", "President", "Senator"}
	orgs   = []string{"Northwind Semiconductors", "Bluefield Systems", "Harbour Group", "Riverside United",
		"Eastbrook Rovers", "Crestline Bank", "Orion Airlines", "Meridian Energy", "Silverlake Foods", "Atlas Shipping"}
	places = []string{"Halifax", "Ottawa", "Brussels", "Lisbon", "Oslo", "Nairobi", "Osaka", "Geneva", "Porto", "Dublin"}
	days   = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

	templates = []string{
		"{P1} met {P2} in {L} on {D}.",
		"{T} {P1} criticised {P2} over the plan.",
		"{O1} agreed to buy {O2} for ${N} million.",
		"{P1} praised {O1} for its results.",
		"{P2} held talks with {P1} in {L}.",
		"{O1} signed a deal with {O2} on {D}.",
		"{P1} said {O1} would open an office in {L}.",
		"{P2} visited {L} with {P1} last week.",
		"{O2} hired {P1} as its new adviser.",
		"{P1} accused {P2} of hiding the figures.",
		"{P2} did not meet {P1} in {L}.",
		"{O1} sued {O2} in a court in {L}.",
	}
)

// Article returns the title and text of synthetic article i of a corpus
// seeded with seed: a headline line, a blank line, then sentences.
func Article(seed uint64, i int) (title, text string) {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	fill := func(t string) string {
		p1 := pick(people)
		p2 := pick(people)
		for p2 == p1 {
			p2 = pick(people)
		}
		o1 := pick(orgs)
		o2 := pick(orgs)
		for o2 == o1 {
			o2 = pick(orgs)
		}
		return strings.NewReplacer("{P1}", p1, "{P2}", p2, "{O1}", o1, "{O2}", o2, "{L}", pick(places),
			"{D}", pick(days), "{T}", pick(titles), "{N}", fmt.Sprint(2+r.IntN(900))).Replace(t)
	}
	title = fill("{O1} and {P1} in talks over {L} deal") + fmt.Sprintf(" (%d)", i)
	var b strings.Builder
	b.WriteString(title + "\n\n")
	n := 3 + r.IntN(5)
	for k := range n {
		b.WriteString(fill(pick(templates)))
		if k%2 == 1 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	return title, strings.TrimSpace(b.String()) + "\n"
}

// Write writes n articles as dir/sub-K/article-I.txt (K = I mod 4) and
// returns their paths relative to dir.
func Write(dir string, seed uint64, n int) ([]string, error) {
	var rels []string
	for i := range n {
		rel := filepath.Join(fmt.Sprintf("sub-%d", i%4), fmt.Sprintf("article-%03d.txt", i))
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		_, text := Article(seed, i)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return nil, err
		}
		rels = append(rels, filepath.ToSlash(rel))
	}
	return rels, nil
}

// Dump renders a store's whole content canonically — articles with their
// entities and edges, then all entities, sorted, aliases and titles sorted,
// ingestion times dropped — so that two stores can be compared for equality.
func Dump(ctx context.Context, r graph.Reader) (string, error) {
	var arts, ents []string
	err := r.ArticleGraphs(ctx, func(g graph.ArticleGraph) error {
		g.Article.IngestedAt = time.Time{}
		slices.SortFunc(g.Entities, func(a, b graph.Entity) int { return strings.Compare(a.Key, b.Key) })
		for i := range g.Entities {
			sort.Strings(g.Entities[i].Aliases)
			sort.Strings(g.Entities[i].Titles)
		}
		edges := make([]string, len(g.Edges))
		for i, e := range g.Edges {
			b, err := json.Marshal(e)
			if err != nil {
				return err
			}
			edges[i] = string(b)
		}
		sort.Strings(edges)
		g.Edges = nil
		b, err := json.Marshal(g)
		arts = append(arts, string(b)+"\n  "+strings.Join(edges, "\n  "))
		return err
	})
	if err != nil {
		return "", err
	}
	err = r.Entities(ctx, func(e graph.Entity) error {
		sort.Strings(e.Aliases)
		sort.Strings(e.Titles)
		b, err := json.Marshal(e)
		ents = append(ents, string(b))
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(arts)
	sort.Strings(ents)
	return strings.Join(arts, "\n") + "\n--\n" + strings.Join(ents, "\n"), nil
}
