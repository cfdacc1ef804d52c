package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/graph/export"
	"github.com/kgb-dev/kgb/graph/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func sampleStore(t testing.TB, gs []graph.ArticleGraph) *embedded.Store {
	t.Helper()
	ctx := context.Background()
	s, err := embedded.Open(ctx, filepath.Join(t.TempDir(), "kgb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	if err := s.ReplaceArticles(ctx, gs); err != nil {
		t.Fatal(err)
	}
	return s
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./graph/export -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestNeo4jAdminGolden(t *testing.T) {
	s := sampleStore(t, storetest.Sample())
	dir := filepath.Join(t.TempDir(), "import")
	sum, err := export.Neo4jAdmin(context.Background(), s, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 4 || sum.Entities != 8 || sum.Edges != 7 || sum.Mentions != 9 {
		t.Errorf("summary = %+v", sum)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "1 alias") {
		t.Errorf("warnings = %q, want one about the alias containing ';'", sum.Warnings)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "neo4j-admin/"+e.Name(), b)
	}
	want := []string{"articles.csv", "articles.header.csv", "constraints.cypher", "edges.csv", "edges.header.csv",
		"entities.csv", "entities.header.csv", "import.sh", "mentions.csv", "mentions.header.csv"}
	if !slices.Equal(names, want) {
		t.Errorf("files = %q, want %q", names, want)
	}
	if fi, err := os.Stat(filepath.Join(dir, "import.sh")); err != nil || fi.Mode()&0o100 == 0 {
		t.Errorf("import.sh is not executable: %v %v", fi.Mode(), err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// TestNeo4jAdminQuoting writes values full of CSV metacharacters and reads
// them back with a CSV parser: every field survives intact and every row has
// as many fields as its header.
func TestNeo4jAdminQuoting(t *testing.T) {
	nasty := []string{"comma, inside", `double "quotes" here`, "new\nline", "crlf\r\nline", `'}) DETACH DELETE n //`,
		"trailing backslash \\", " leading space", ""}
	var ents []graph.Entity
	var edges []graph.Edge
	for i, v := range nasty {
		e := graph.Entity{Key: strings.Repeat("x", i+1) + v, Name: "N" + v, Type: "Person", Aliases: []string{"A" + v}}
		ents = append(ents, e)
		edges = append(edges, graph.Edge{Subject: ents[0].Key, Object: e.Key, Type: "SAY", Predicate: "P" + v, Lemma: "say",
			Sentence: "S" + v, SentenceIndex: i, Confidence: 0.25})
	}
	g := graph.ArticleGraph{Article: graph.Article{ID: "odd, \"id\"\n.txt", SHA256: "ab", Title: "T, \"x\"\ny"}, Entities: ents, Edges: edges}
	s := sampleStore(t, []graph.ArticleGraph{g})
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := export.Neo4jAdmin(context.Background(), s, dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"entities", "articles", "mentions", "edges"} {
		header := readCSV(t, filepath.Join(dir, name+".header.csv"))
		if len(header) != 1 {
			t.Fatalf("%s header has %d rows", name, len(header))
		}
		for _, row := range readCSV(t, filepath.Join(dir, name+".csv")) {
			if len(row) != len(header[0]) {
				t.Errorf("%s row %q has %d fields, header %d", name, row, len(row), len(header[0]))
			}
		}
	}
	names := map[string]bool{}
	for _, row := range readCSV(t, filepath.Join(dir, "entities.csv")) {
		names[row[1]] = true
		if !strings.HasPrefix(row[3], "A") {
			t.Errorf("aliases column %q", row[3])
		}
	}
	sentences := map[string]bool{}
	for _, row := range readCSV(t, filepath.Join(dir, "edges.csv")) {
		sentences[row[7]] = true
		if row[6] != g.Article.ID {
			t.Errorf("edge article %q, want %q", row[6], g.Article.ID)
		}
	}
	for _, v := range nasty {
		// encoding/csv reads \r\n inside a quoted field back as \n.
		want := strings.ReplaceAll(v, "\r\n", "\n")
		if !names["N"+want] {
			t.Errorf("entity name %q did not survive the CSV round trip", "N"+v)
		}
		if !sentences["S"+want] {
			t.Errorf("sentence %q did not survive the CSV round trip", "S"+v)
		}
	}
	arts := readCSV(t, filepath.Join(dir, "articles.csv"))
	if len(arts) != 1 || arts[0][0] != g.Article.ID || arts[0][3] != g.Article.Title {
		t.Errorf("articles.csv = %q", arts)
	}
}

func TestNeo4jAdminRefusesNonEmptyDir(t *testing.T) {
	s := sampleStore(t, storetest.Sample())
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := export.Neo4jAdmin(context.Background(), s, dir)
	var oe *export.OutputError
	if !errors.As(err, &oe) {
		t.Fatalf("export into a non-empty dir: %v, want *OutputError", err)
	}
	if b, _ := os.ReadFile(keep); string(b) != "mine" {
		t.Errorf("existing file touched")
	}
	// An empty existing directory is fine.
	empty := filepath.Join(t.TempDir(), "empty")
	os.Mkdir(empty, 0o755)
	if _, err := export.Neo4jAdmin(context.Background(), s, empty); err != nil {
		t.Errorf("export into an empty dir: %v", err)
	}
}

func TestInterruptedExportLeavesNothing(t *testing.T) {
	s := sampleStore(t, storetest.Sample())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	parent := t.TempDir()
	for _, f := range export.Formats() {
		out := filepath.Join(parent, "out."+f)
		if _, err := export.Write(ctx, s, f, out, io.Discard); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: %v, want context.Canceled", f, err)
		}
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("an interrupted export left %q", names)
	}
}

func TestGraphMLGolden(t *testing.T) {
	s := sampleStore(t, storetest.Sample())
	var buf bytes.Buffer
	sum, err := export.GraphML(context.Background(), s, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Entities != 8 || sum.Edges != 7 {
		t.Errorf("summary = %+v", sum)
	}
	golden(t, "sample.graphml", buf.Bytes())
	checkGraphML(t, buf.Bytes(), 8, 7)
}

// checkGraphML parses a GraphML document and checks its structure: every
// data key declared for the right element, edges between declared nodes.
func checkGraphML(t *testing.T, doc []byte, nodes, edges int) {
	t.Helper()
	type data struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	var g struct {
		XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
		Keys    []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			EdgeDefault string `xml:"edgedefault,attr"`
			Nodes       []struct {
				ID   string `xml:"id,attr"`
				Data []data `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				ID     string `xml:"id,attr"`
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []data `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(doc, &g); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	keyFor := map[string]string{}
	for _, k := range g.Keys {
		keyFor[k.ID] = k.For
		if k.Name == "" || k.Type == "" {
			t.Errorf("key %s lacks attr.name or attr.type", k.ID)
		}
	}
	if g.Graph.EdgeDefault != "directed" || len(g.Graph.Nodes) != nodes || len(g.Graph.Edges) != edges {
		t.Fatalf("graph: edgedefault %q, %d nodes, %d edges; want directed, %d, %d",
			g.Graph.EdgeDefault, len(g.Graph.Nodes), len(g.Graph.Edges), nodes, edges)
	}
	ids := map[string]bool{}
	for _, n := range g.Graph.Nodes {
		ids[n.ID] = true
		for _, d := range n.Data {
			if keyFor[d.Key] != "node" {
				t.Errorf("node %s uses undeclared key %s", n.ID, d.Key)
			}
		}
	}
	for _, e := range g.Graph.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %s joins undeclared nodes %q → %q", e.ID, e.Source, e.Target)
		}
		for _, d := range e.Data {
			if keyFor[d.Key] != "edge" {
				t.Errorf("edge %s uses undeclared key %s", e.ID, d.Key)
			}
		}
	}
}

func TestGraphMLHostileText(t *testing.T) {
	var ents []graph.Entity
	for i, h := range append(slices.Clone(storetest.HostileStrings), "control \x00\x01\x0b chars", "]]> cdata end") {
		// Concepts: their keys may hold any text after the prefix (a named
		// entity's key is a normalised name, without ':').
		ents = append(ents, graph.Entity{Key: graph.ConceptKeyPrefix + strings.Repeat("k", i+1) + h, Name: h, Type: graph.ConceptType, Aliases: []string{h}})
	}
	var edges []graph.Edge
	for _, e := range ents[1:] {
		edges = append(edges, graph.Edge{Subject: ents[0].Key, Object: e.Key, Type: "LINK", Sentence: e.Name, Predicate: e.Name})
	}
	s := sampleStore(t, []graph.ArticleGraph{{Article: graph.Article{ID: "h.txt", SHA256: "ab"}, Entities: ents, Edges: edges}})
	var buf bytes.Buffer
	if _, err := export.GraphML(context.Background(), s, &buf); err != nil {
		t.Fatal(err)
	}
	checkGraphML(t, buf.Bytes(), len(ents), len(edges))
	if !strings.Contains(buf.String(), "DETACH DELETE") || !strings.Contains(buf.String(), "&lt;xml attr=") {
		t.Errorf("hostile text not escaped verbatim")
	}
}

func TestJSONLGoldenAndRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t, storetest.Sample())
	var buf bytes.Buffer
	sum, err := export.JSONL(ctx, s, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 4 || sum.Edges != 7 {
		t.Errorf("summary = %+v", sum)
	}
	golden(t, "sample.jsonl", buf.Bytes())
	if n := bytes.Count(buf.Bytes(), []byte("\n")); n != 4 {
		t.Errorf("%d lines, want 4", n)
	}

	// Read it back into a new store: the new store exports the same bytes.
	var gs []graph.ArticleGraph
	if err := export.ReadJSONL(ctx, bytes.NewReader(buf.Bytes()), func(g graph.ArticleGraph) error {
		gs = append(gs, g)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	again := sampleStore(t, gs)
	var buf2 bytes.Buffer
	if _, err := export.JSONL(ctx, again, &buf2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Errorf("JSONL round trip changed the graph:\n%s\n---\n%s", buf.Bytes(), buf2.Bytes())
	}
}

func TestReadJSONLErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		line     int
	}{
		{"not json", "{\"article\":{\"id\":\"a\"}}\nnot json\n", 2},
		{"unknown field", `{"article":{"id":"a"},"extra":1}`, 1},
		{"two values", `{"article":{"id":"a"}} {"article":{"id":"b"}}`, 1},
		{"invalid graph", `{"article":{"id":"a"},"edges":[{"subject":"x","object":"y","type":"SAY"}]}`, 1},
		{"array", `[1,2]`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := export.ReadJSONL(context.Background(), strings.NewReader(tc.in), func(graph.ArticleGraph) error { return nil })
			var le *export.LineError
			if !errors.As(err, &le) || le.Line != tc.line {
				t.Errorf("ReadJSONL = %v, want a *LineError on line %d", err, tc.line)
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	s := sampleStore(t, storetest.Sample())
	ctx := context.Background()
	var fe *export.FormatError
	if _, err := export.Write(ctx, s, "csv", "x", io.Discard); !errors.As(err, &fe) {
		t.Errorf("unknown format: %v", err)
	}
	var oe *export.OutputError
	if _, err := export.Write(ctx, s, "neo4j-admin", "-", io.Discard); !errors.As(err, &oe) {
		t.Errorf("neo4j-admin to stdout: %v", err)
	}
	if _, err := export.Write(ctx, s, "graphml", t.TempDir(), io.Discard); !errors.As(err, &oe) {
		t.Errorf("graphml to a directory: %v", err)
	}
	var buf bytes.Buffer
	if sum, err := export.Write(ctx, s, "jsonl", "-", &buf); err != nil || sum.Files[0] != "-" || buf.Len() == 0 {
		t.Errorf("jsonl to stdout: %+v %v", sum, err)
	}
}

func FuzzReadJSONL(f *testing.F) {
	var buf bytes.Buffer
	s := sampleStore(f, storetest.Sample())
	if _, err := export.JSONL(context.Background(), s, &buf); err != nil {
		f.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		f.Add(line)
	}
	f.Add("{}")
	f.Add(`{"article":{"id":"x"},"entities":[{"key":"k","type":"Person"}],"edges":[{"subject":"k","object":"k","type":"A"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		n := 0
		err := export.ReadJSONL(context.Background(), strings.NewReader(in), func(g graph.ArticleGraph) error {
			n++
			if err := graph.CheckArticleGraph(g); err != nil {
				t.Fatalf("ReadJSONL passed an invalid graph: %v", err)
			}
			return nil
		})
		if err != nil {
			var le *export.LineError
			if !errors.As(err, &le) && !strings.Contains(err.Error(), "token too long") {
				t.Fatalf("ReadJSONL error %v is not a *LineError", err)
			}
		}
	})
}
