package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kgb-dev/kgb/graph"
)

// ArrayDelimiter separates the elements of string[] columns (aliases,
// titles); import.sh passes it to neo4j-admin. An element containing it has
// each occurrence replaced by ArrayDelimiterSubstitute (and a warning).
const (
	ArrayDelimiter           = ";"
	ArrayDelimiterSubstitute = "\uFF1B" // FULLWIDTH SEMICOLON
)

// The CSV files written by Neo4jAdmin, each with a header file next to it.
// Property names follow the Neo4j store's model (see graph/neo4j).
var (
	entityHeader  = []string{"key:ID(Entity)", "name", "type", "aliases:string[]", "titles:string[]", ":LABEL"}
	articleHeader = []string{"id:ID(Article)", "path", "sha256", "title", "date", "ingested_at:datetime", "duplicate_of",
		"edge_ids:string[]", "edge_subjects:string[]", "edge_objects:string[]", ":LABEL"}
	mentionHeader = []string{":START_ID(Article)", ":END_ID(Entity)", ":TYPE", "type"}
	edgeHeader    = []string{":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "eid", "predicate", "lemma", "article", "sentence",
		"sentence_index:long", "start:long", "end:long", "confidence:double", "negated:boolean", "modality", "reported_by"}
)

type csvFile struct {
	name   string
	header []string
	f      *os.File
	buf    *bufio.Writer
	w      *csv.Writer
}

func createCSV(ctx context.Context, dir, name string, header []string) (*csvFile, error) {
	hp := filepath.Join(dir, name+".header.csv")
	hf, err := os.Create(hp)
	if err != nil {
		return nil, err
	}
	hw := csv.NewWriter(hf)
	hw.Write(header)
	hw.Flush()
	if err := hw.Error(); err != nil {
		hf.Close()
		return nil, fmt.Errorf("write %s: %w", hp, err)
	}
	if err := hf.Close(); err != nil {
		return nil, fmt.Errorf("write %s: %w", hp, err)
	}
	f, err := os.Create(filepath.Join(dir, name+".csv"))
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriterSize(ctxWriter{ctx, f}, 256<<10)
	return &csvFile{name: name, header: header, f: f, buf: buf, w: csv.NewWriter(buf)}, nil
}

func (c *csvFile) write(rec []string) error {
	if len(rec) != len(c.header) {
		return fmt.Errorf("%s.csv: %d fields for %d columns", c.name, len(rec), len(c.header))
	}
	return c.w.Write(rec)
}

func (c *csvFile) close() error {
	c.w.Flush()
	err := c.w.Error()
	if err == nil {
		err = c.buf.Flush()
	}
	if err == nil {
		err = c.f.Sync()
	}
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s.csv: %w", c.name, err)
	}
	return nil
}

// Neo4jAdmin writes the graph as neo4j-admin import files into dir, which
// must not exist or be empty. The files appear only when the export is
// complete (they are written into a temporary sibling directory renamed to
// dir at the end).
//
// Files: entities, articles (nodes); mentions, edges (relationships) — each
// NAME.header.csv + NAME.csv, RFC 4180 quoting; import.sh; constraints.cypher.
// Named entities get the labels Entity and their type, concepts the label
// Concept, articles the label Article: the model of kgb's Neo4j store,
// including the evidence ids (edge eid, Article edge_ids, edge_subjects,
// edge_objects) its incremental writer needs, so that `kgb ingest` can
// update an imported graph without duplicating edges.
func Neo4jAdmin(ctx context.Context, r graph.Reader, dir string) (Summary, error) {
	var sum Summary
	tmp, commit, cleanup, err := prepareDir(dir)
	if err != nil {
		return sum, err
	}
	ok := false
	defer func() {
		if !ok {
			cleanup()
		}
	}()
	files := map[string]*csvFile{}
	for _, spec := range []struct {
		name   string
		header []string
	}{{"entities", entityHeader}, {"articles", articleHeader}, {"mentions", mentionHeader}, {"edges", edgeHeader}} {
		c, err := createCSV(ctx, tmp, spec.name, spec.header)
		if err != nil {
			for _, c := range files {
				c.f.Close()
			}
			return sum, fmt.Errorf("export neo4j-admin: %w", err)
		}
		files[spec.name] = c
	}
	closeAll := func() error {
		var first error
		for _, name := range []string{"entities", "articles", "mentions", "edges"} {
			if err := files[name].close(); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	substituted := 0
	array := func(xs []string) string {
		var parts []string
		for _, x := range xs {
			if x == "" {
				continue
			}
			if strings.Contains(x, ArrayDelimiter) {
				substituted++
				x = strings.ReplaceAll(x, ArrayDelimiter, ArrayDelimiterSubstitute)
			}
			parts = append(parts, x)
		}
		return strings.Join(parts, ArrayDelimiter)
	}
	err = r.Entities(ctx, func(e graph.Entity) error {
		if !graph.ValidLabel(e.Type) {
			return fmt.Errorf("entity %q: label %q: %w", e.Key, e.Type, graph.ErrInvalidType)
		}
		sum.Entities++
		labels := "Entity" + ArrayDelimiter + e.Type
		if e.Type == graph.ConceptType {
			labels = graph.ConceptType
		}
		return files["entities"].write([]string{e.Key, e.Name, e.Type, array(e.Aliases), array(e.Titles), labels})
	})
	if err == nil {
		err = r.ArticleGraphs(ctx, func(g graph.ArticleGraph) error {
			a := g.Article
			sum.Articles++
			at := ""
			if !a.IngestedAt.IsZero() {
				at = a.IngestedAt.UTC().Format(time.RFC3339Nano)
			}
			eids := graph.EdgeIDs(g)
			subjects := make([]string, len(g.Edges))
			objects := make([]string, len(g.Edges))
			for i, e := range g.Edges {
				subjects[i], objects[i] = e.Subject, e.Object
			}
			// Keys and eids never hold the array delimiter (keys are
			// normalised names, eids hex), so the lists stay parallel.
			if err := files["articles"].write([]string{a.ID, a.Path, a.SHA256, a.Title, a.Date, at, a.DuplicateOf,
				strings.Join(eids, ArrayDelimiter), strings.Join(subjects, ArrayDelimiter), strings.Join(objects, ArrayDelimiter), "Article"}); err != nil {
				return err
			}
			seen := map[string]bool{}
			for _, e := range g.Entities {
				if seen[e.Key] {
					continue
				}
				seen[e.Key] = true
				sum.Mentions++
				if err := files["mentions"].write([]string{a.ID, e.Key, "MENTIONS", e.Type}); err != nil {
					return err
				}
			}
			for i, e := range g.Edges {
				if !graph.ValidType(e.Type) {
					return fmt.Errorf("article %s: edge type %q: %w", a.ID, e.Type, graph.ErrInvalidType)
				}
				sum.Edges++
				article := e.Article
				if article == "" {
					article = a.ID
				}
				if err := files["edges"].write([]string{e.Subject, e.Object, e.Type, eids[i], e.Predicate, e.Lemma, article, e.Sentence,
					strconv.Itoa(e.SentenceIndex), strconv.Itoa(e.Start), strconv.Itoa(e.End),
					strconv.FormatFloat(e.Confidence, 'g', -1, 64), strconv.FormatBool(e.Negated), e.Modality, e.ReportedBy}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if cerr := closeAll(); err == nil {
		err = cerr
	}
	if err != nil {
		return sum, fmt.Errorf("export neo4j-admin: %w", err)
	}
	if substituted > 0 {
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%d alias or title value(s) contained %q, the array delimiter; it was replaced by %q",
			substituted, ArrayDelimiter, ArrayDelimiterSubstitute))
	}
	if err := os.WriteFile(filepath.Join(tmp, "import.sh"), []byte(importScript), 0o755); err != nil {
		return sum, fmt.Errorf("export neo4j-admin: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "constraints.cypher"), []byte(constraintsCypher), 0o644); err != nil {
		return sum, fmt.Errorf("export neo4j-admin: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if err := commit(); err != nil {
		return sum, fmt.Errorf("export neo4j-admin: %w", err)
	}
	ok = true
	for _, n := range []string{"entities.header.csv", "entities.csv", "articles.header.csv", "articles.csv",
		"mentions.header.csv", "mentions.csv", "edges.header.csv", "edges.csv", "import.sh", "constraints.cypher"} {
		sum.Files = append(sum.Files, filepath.Join(dir, n))
	}
	return sum, nil
}

// importScript loads the export into a new database. It is static text:
// nothing from the data is interpolated into it.
const importScript = `#!/bin/sh
# Loads this kgb export into a NEW Neo4j 5 database with neo4j-admin (the
# fastest way to load millions of facts). Written by ` + "`kgb export --format neo4j-admin`" + `.
#
# Usage: ./import.sh [DATABASE]        (default database: neo4j)
#   NEO4J_ADMIN=/path/to/neo4j-admin ./import.sh    to pick the binary.
# The target database must not exist yet, or be stopped and empty
# (Community Edition: stop the server first). Then start Neo4j and run
#   cypher-shell -d DATABASE -f constraints.cypher
set -eu
here=$(cd "$(dirname "$0")" && pwd)
db="${1:-neo4j}"
admin="${NEO4J_ADMIN:-neo4j-admin}"
"$admin" database import full \
  --nodes="$here/entities.header.csv,$here/entities.csv" \
  --nodes="$here/articles.header.csv,$here/articles.csv" \
  --relationships="$here/mentions.header.csv,$here/mentions.csv" \
  --relationships="$here/edges.header.csv,$here/edges.csv" \
  --delimiter=',' \
  --array-delimiter=';' \
  --quote='"' \
  --multiline-fields=true \
  --overwrite-destination=false \
  "$db"
echo "imported into database $db; start Neo4j, then run: cypher-shell -d $db -f $here/constraints.cypher"
`

// constraintsCypher creates the constraints and indexes kgb's Neo4j store
// creates itself (same names), so a later `kgb ingest` into the imported
// database finds them.
const constraintsCypher = `// Run once after import.sh, against the imported database:
//   cypher-shell -d neo4j -f constraints.cypher
CREATE CONSTRAINT kgb_entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT kgb_concept_key IF NOT EXISTS FOR (e:Concept) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT kgb_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE INDEX kgb_article_sha256 IF NOT EXISTS FOR (a:Article) ON (a.sha256);
CREATE INDEX kgb_entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX kgb_concept_name IF NOT EXISTS FOR (e:Concept) ON (e.name);
`
