package neo4j

import (
	"strings"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	src := `// Title of the first
// second comment line
MATCH (n) RETURN n; // trailing comment; with a semicolon

// orphan comment block

// Second: quotes with ; inside
MATCH (n {name: 'a;b', other: "c;d"})-[:` + "`WEIRD;TYPE`" + `]->() RETURN n /* block ; comment */;
/* only a comment; */
RETURN 'it\'s; fine' AS s
`
	got := SplitStatements(src)
	want := []Statement{
		{Comment: "Title of the first\nsecond comment line", Text: "MATCH (n) RETURN n", Line: 3},
		{Comment: "Second: quotes with ; inside", Text: "MATCH (n {name: 'a;b', other: \"c;d\"})-[:`WEIRD;TYPE`]->() RETURN n /* block ; comment */", Line: 8},
		{Comment: "", Text: "/* only a comment; */\nRETURN 'it\\'s; fine' AS s", Line: 9},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d statements, want %d:\n%#v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("statement %d:\n got %#v\nwant %#v", i, got[i], want[i])
		}
	}
	for _, empty := range []string{"", " \n ", "// nothing\n;;", "/* x */ ;"} {
		if got := SplitStatements(empty); len(got) != 0 {
			t.Errorf("SplitStatements(%q) = %#v, want none", empty, got)
		}
	}
}

func FuzzSplitStatements(f *testing.F) {
	f.Add("MATCH (n) RETURN n; RETURN 1")
	f.Add("// c\nRETURN 'a;b' /* ; */; `x;`")
	f.Add("'unterminated; \"")
	f.Fuzz(func(t *testing.T, src string) {
		for _, s := range SplitStatements(src) {
			if strings.TrimSpace(s.Text) == "" || s.Line < 1 {
				t.Fatalf("bad statement %#v", s)
			}
			if !strings.Contains(src, s.Text) {
				t.Fatalf("statement %q is not a piece of the source", s.Text)
			}
		}
	})
}
