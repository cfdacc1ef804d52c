package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
	"github.com/spf13/cobra"

	"github.com/kgb-dev/kgb/config"
	"github.com/kgb-dev/kgb/graph/neo4j"
)

// defaultQueryURI is used by `kgb query` when no Neo4j URI is configured:
// the address of `docker compose up -d` and scripts/neo4j-local.sh.
const defaultQueryURI = "bolt://localhost:7687"

// queryOptions are the flags of `kgb query`.
type queryOptions struct {
	Format string   // table, json or csv
	Params []string // name=value, value parsed as JSON when it is JSON
	File   string   // Cypher script; "-" for standard input
	Write  bool     // allow writes (read-only transaction otherwise)
}

func newQueryCmd() *cobra.Command {
	var opts queryOptions
	cmd := &cobra.Command{
		Use:   "query [flags] CYPHER | --file FILE",
		Short: "Run Cypher against Neo4j and print the rows",
		Long: `query runs Cypher statements against the configured Neo4j (neo4j.uri,
NEO4J_URI or --neo4j-uri; default ` + defaultQueryURI + `) and streams the
rows as an aligned table, JSON lines (one object per row, keys in column
order) or CSV with a header.

Statements run in read-only transactions: a statement that writes fails
unless --write is given. Without --write, LOAD CSV (it reads the server's
files), procedures other than db.labels, db.schema.* and index searches
(db.clearQueryCaches and the like) and TERMINATE TRANSACTIONS are refused
before anything is sent. --file runs every statement of a script (split at
semicolons, // comments allowed), each in its own transaction, printing each
result in turn. Parameters are passed with --param name=value (repeatable);
a value that is valid JSON keeps its JSON type (10 is an integer, 0.5 a float,
true a boolean, ["a","b"] a list, "42" the string 42), anything else is a
string. Tables are aligned in blocks of 200 rows so that results stream.`,
		Example: `  # people and who they relate to
  kgb query 'MATCH (a:Person)-[r]->(b) RETURN a.name, type(r), b.name LIMIT 10'

  # an entity's neighbourhood with the evidence, as JSON lines
  kgb query --format json --param name="Helen Marsh" \
    'MATCH (e:Entity {name: $name})-[r]-(o:Entity) RETURN type(r), o.name, r.sentence, r.article'

  # typed parameters: an integer and a list
  kgb query --param limit=5 --param types='["Person","Place"]' \
    'MATCH (e:Entity) WHERE e.type IN $types RETURN e.name, COUNT { (e)--() } AS degree ORDER BY degree DESC LIMIT $limit'

  # every query of a script, as CSV
  kgb query --format csv --param name="Helen Marsh" --param a="Helen Marsh" --param b="Tobias Weber" \
    --param article=summit.txt --file scripts/browser/queries.cypher

  # writes need --write
  kgb query --write 'MATCH (a:Article {id: $id}) SET a.reviewed = true' --param id=summit.txt`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config.Load(config.Options{Flags: cmd.Flags()})
			if err != nil {
				return &usageError{err: err}
			}
			nc := neo4j.Config{
				URI:       cfg.Neo4j.URI,
				Username:  cfg.Neo4j.Username,
				Password:  cfg.Neo4j.Password,
				Database:  cfg.Neo4j.Database,
				BatchSize: cfg.Neo4j.BatchSize,
			}
			if nc.URI == "" {
				nc.URI = defaultQueryURI
			}
			return runQuery(cmd.Context(), opts, nc, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "table", "output format: table, json (JSON lines) or csv")
	f.StringArrayVarP(&opts.Params, "param", "p", nil, "query parameter name=value (repeatable; JSON values keep their type)")
	f.StringVarP(&opts.File, "file", "f", "", "read Cypher statements from FILE (- for standard input)")
	f.BoolVar(&opts.Write, "write", false, "allow statements that write (default: read-only transactions)")
	f.String(config.FlagConfig, "", "config file (default ./kgb.yaml, else $XDG_CONFIG_HOME/kgb/kgb.yaml)")
	f.String("neo4j-uri", "", "Neo4j Bolt URI (default "+defaultQueryURI+")")
	f.String("neo4j-username", "neo4j", "Neo4j user (password from neo4j.password or NEO4J_PASSWORD)")
	f.String("neo4j-database", "", "Neo4j database (default: the server's default database)")
	return cmd
}

// runQuery runs the statement in args[0] or the statements of opts.File.
func runQuery(ctx context.Context, opts queryOptions, cfg neo4j.Config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	switch opts.Format {
	case "table", "json", "csv":
	default:
		return usagef("--format %q: use table, json or csv", opts.Format)
	}
	params, err := parseParams(opts.Params)
	if err != nil {
		return err
	}
	var stmts []neo4j.Statement
	switch {
	case opts.File != "" && len(args) > 0:
		return usagef("give a Cypher statement or --file, not both")
	case opts.File != "":
		var src []byte
		if opts.File == "-" {
			src, err = io.ReadAll(stdin)
		} else {
			src, err = os.ReadFile(opts.File)
		}
		if err != nil {
			return usagef("--file: %w", err)
		}
		stmts = neo4j.SplitStatements(string(src))
		if len(stmts) == 0 {
			return usagef("--file %s holds no Cypher statement", opts.File)
		}
	case len(args) == 1 && strings.TrimSpace(args[0]) != "":
		stmts = []neo4j.Statement{{Text: strings.TrimSuffix(strings.TrimSpace(args[0]), ";")}}
	default:
		return usagef("give a Cypher statement, e.g. kgb query 'MATCH (n:Person) RETURN n.name LIMIT 5', or --file FILE")
	}

	if !opts.Write {
		for i, s := range stmts {
			if err := neo4j.CheckReadOnly(s.Text); err != nil {
				where := ""
				if len(stmts) > 1 {
					where = fmt.Sprintf("statement %d (line %d): ", i+1, s.Line)
				}
				return usagef("%s%w; kgb query runs read-only unless --write is given", where, err)
			}
		}
	}
	st, err := neo4j.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	for i, s := range stmts {
		if len(stmts) > 1 {
			if i > 0 && opts.Format != "json" {
				fmt.Fprintln(stdout)
			}
			title := s.Comment
			if title == "" {
				title = firstLine(s.Text)
			}
			fmt.Fprintf(stderr, "-- statement %d (line %d): %s\n", i+1, s.Line, firstLine(title))
		}
		n, err := runStatement(ctx, st, opts, s.Text, params, stdout)
		if err != nil {
			if len(stmts) > 1 {
				return fmt.Errorf("statement %d (line %d): %w", i+1, s.Line, err)
			}
			return err
		}
		if opts.Format == "table" {
			fmt.Fprintf(stderr, "(%d row%s)\n", n, map[bool]string{true: "", false: "s"}[n == 1])
		}
	}
	return nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// runStatement streams one statement's rows to w and returns their number.
func runStatement(ctx context.Context, st *neo4j.Store, opts queryOptions, cypher string, params map[string]any, w io.Writer) (int, error) {
	out := newRowWriter(opts.Format, w)
	n := 0
	err := st.QueryStream(ctx, cypher, params, opts.Write, out.header, func(values []any) error {
		n++
		return out.row(values)
	})
	if ferr := out.flush(); err == nil {
		err = ferr
	}
	if err != nil {
		var ne *driver.Neo4jError
		if errors.As(err, &ne) {
			switch {
			case ne.Code == "Neo.ClientError.Statement.AccessMode" || strings.Contains(ne.Msg, "read access mode"):
				return n, usagef("this statement writes, and kgb query runs read-only transactions: add --write to allow writes (%s)", ne.Code)
			case strings.HasPrefix(ne.Code, "Neo.ClientError.Statement."), strings.HasPrefix(ne.Code, "Neo.ClientError.Procedure."):
				return n, &usageError{err: fmt.Errorf("%s: %s", ne.Code, strings.TrimSpace(ne.Msg))}
			}
		}
		return n, err
	}
	return n, nil
}

// parseParams turns name=value flags into query parameters.
func parseParams(flags []string) (map[string]any, error) {
	params := map[string]any{}
	for _, p := range flags {
		name, value, ok := strings.Cut(p, "=")
		name = strings.TrimPrefix(strings.TrimSpace(name), "$")
		if !ok || name == "" {
			return nil, usagef("--param %q: want name=value, e.g. --param name=\"Helen Marsh\" or --param limit=10", p)
		}
		if _, dup := params[name]; dup {
			return nil, usagef("--param %s given twice", name)
		}
		params[name] = paramValue(value)
	}
	return params, nil
}

// paramValue parses value as JSON (integers as int64) when it is valid
// JSON, else returns it as a string.
func paramValue(value string) any {
	dec := json.NewDecoder(strings.NewReader(value))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return value
	}
	if _, err := dec.Token(); err != io.EOF {
		return value
	}
	return fromJSON(v)
}

func fromJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(x.String(), 10, 64); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = fromJSON(x[i])
		}
		return x
	case map[string]any:
		for k := range x {
			x[k] = fromJSON(x[k])
		}
		return x
	}
	return v
}

// rowWriter prints rows in one of the output formats.
type rowWriter struct {
	format   string
	w        io.Writer
	keys     []string
	csv      *csv.Writer
	tab      *tabwriter.Writer
	buffered int
}

const tableBlock = 200

func newRowWriter(format string, w io.Writer) *rowWriter {
	rw := &rowWriter{format: format, w: w}
	switch format {
	case "csv":
		rw.csv = csv.NewWriter(w)
	case "table":
		rw.tab = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	}
	return rw
}

func (rw *rowWriter) header(keys []string) error {
	rw.keys = keys
	if len(keys) == 0 { // a statement that returns nothing
		return nil
	}
	switch rw.format {
	case "csv":
		return rw.csv.Write(keys)
	case "table":
		return rw.tableLine(keys)
	}
	return nil
}

func (rw *rowWriter) row(values []any) error {
	switch rw.format {
	case "csv":
		rec := make([]string, len(values))
		for i, v := range values {
			if v != nil {
				rec[i] = textValue(v)
			}
		}
		if err := rw.csv.Write(rec); err != nil {
			return err
		}
		rw.csv.Flush()
		return rw.csv.Error()
	case "table":
		cells := make([]string, len(values))
		for i, v := range values {
			cells[i] = tableCell(textValue(v))
		}
		if err := rw.tableLine(cells); err != nil {
			return err
		}
		rw.buffered++
		if rw.buffered >= tableBlock {
			rw.buffered = 0
			return rw.tab.Flush()
		}
		return nil
	default: // json lines, keys in column order
		var b bytes.Buffer
		b.WriteByte('{')
		for i, k := range rw.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteByte(':')
			var v any
			if i < len(values) {
				v = values[i]
			}
			vb, err := json.Marshal(jsonValue(v))
			if err != nil {
				return fmt.Errorf("encode column %s: %w", k, err)
			}
			b.Write(vb)
		}
		b.WriteString("}\n")
		_, err := rw.w.Write(b.Bytes())
		return err
	}
}

func (rw *rowWriter) tableLine(cells []string) error {
	_, err := io.WriteString(rw.tab, strings.Join(cells, "\t")+"\n")
	return err
}

func (rw *rowWriter) flush() error {
	switch rw.format {
	case "csv":
		rw.csv.Flush()
		return rw.csv.Error()
	case "table":
		return rw.tab.Flush()
	}
	return nil
}

// tableCell keeps a value on one line and out of the column separators.
func tableCell(s string) string {
	s = strings.NewReplacer("\t", " ", "\r\n", " ⏎ ", "\n", " ⏎ ", "\r", " ").Replace(s)
	if utf8.RuneCountInString(s) > 120 {
		r := []rune(s)
		s = string(r[:119]) + "…"
	}
	return s
}

// textValue renders a value for table and CSV cells: strings as they are,
// everything else as JSON-like text.
func textValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case dbtype.Node:
		return "(" + labelsText(x.Labels) + " " + propsText(x.Props) + ")"
	case dbtype.Relationship:
		return "[:" + x.Type + " " + propsText(x.Props) + "]"
	case dbtype.Path:
		var b strings.Builder
		for i, n := range x.Nodes {
			if i > 0 && i-1 < len(x.Relationships) {
				r := x.Relationships[i-1]
				if r.StartElementId == n.ElementId {
					b.WriteString("<-[:" + r.Type + "]-")
				} else {
					b.WriteString("-[:" + r.Type + "]->")
				}
			}
			name, _ := n.Props["name"].(string)
			if name == "" {
				name, _ = n.Props["id"].(string)
			}
			b.WriteString("(" + labelsText(n.Labels) + " " + strconv.Quote(name) + ")")
		}
		return b.String()
	}
	j := jsonValue(v)
	if s, ok := j.(string); ok { // temporal values
		return s
	}
	b, err := json.Marshal(j)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func labelsText(labels []string) string {
	ls := append([]string(nil), labels...)
	sort.Strings(ls)
	return ":" + strings.Join(ls, ":")
}

func propsText(p map[string]any) string {
	b, err := json.Marshal(jsonValue(p))
	if err != nil {
		return "{}"
	}
	return string(b)
}

// jsonValue converts driver values to JSON-friendly ones.
func jsonValue(v any) any {
	switch x := v.(type) {
	case dbtype.Node:
		return map[string]any{"element_id": x.ElementId, "labels": x.Labels, "properties": jsonValue(x.Props)}
	case dbtype.Relationship:
		return map[string]any{"element_id": x.ElementId, "type": x.Type, "start": x.StartElementId, "end": x.EndElementId, "properties": jsonValue(x.Props)}
	case dbtype.Path:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = jsonValue(n)
		}
		rels := make([]any, len(x.Relationships))
		for i, r := range x.Relationships {
			rels[i] = jsonValue(r)
		}
		return map[string]any{"nodes": nodes, "relationships": rels}
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.Date, dbtype.LocalDateTime, dbtype.LocalTime, dbtype.Time, dbtype.Duration:
		return fmt.Sprint(x)
	case dbtype.Point2D:
		return map[string]any{"srid": x.SpatialRefId, "x": x.X, "y": x.Y}
	case dbtype.Point3D:
		return map[string]any{"srid": x.SpatialRefId, "x": x.X, "y": x.Y, "z": x.Z}
	}
	return v
}
