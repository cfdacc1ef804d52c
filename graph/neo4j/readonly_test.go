package neo4j

import (
	"errors"
	"testing"
)

func TestCheckReadOnly(t *testing.T) {
	refused := []struct{ name, cypher, what string }{
		{"load csv", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "LOAD CSV"},
		{"lower case", "load csv with headers from 'file:///etc/passwd' as l return l", "LOAD CSV"},
		{"comment between", "LOAD/* hidden */CSV FROM 'file:///x' AS l RETURN l", "LOAD CSV"},
		{"line comment and newlines", "MATCH (n) WITH n LIMIT 1\nLOAD // a comment\n\tCsv FROM 'file:///x' AS l RETURN l", "LOAD CSV"},
		{"after a string with a quote", `RETURN 'it\'s' AS a UNION LOAD CSV FROM "x" AS l RETURN l AS a`, "LOAD CSV"},
		{"clear caches", "CALL db.clearQueryCaches()", "CALL db.clearQueryCaches"},
		{"mixed case, no parens", "call DB.CLEARQUERYCACHES", "CALL DB.CLEARQUERYCACHES"},
		{"spaces and comments in the name", "CALL db /* x */ . clearQueryCaches ()", "CALL db.clearQueryCaches"},
		{"backquoted name", "CALL `db`.`clearQueryCaches`()", "CALL db.clearQueryCaches"},
		{"apoc file load", "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value", "CALL apoc.load.json"},
		{"procedure in a subquery", "MATCH (n) CALL { CALL dbms.setConfigValue('a','b') } RETURN n", "CALL dbms.setConfigValue"},
		{"terminate", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS"},
	}
	for _, tc := range refused {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			err := CheckReadOnly(tc.cypher)
			var ne *NotReadOnlyError
			if !errors.As(err, &ne) {
				t.Fatalf("CheckReadOnly(%q) = %v, want *NotReadOnlyError", tc.cypher, err)
			}
			if ne.What != tc.what {
				t.Errorf("What = %q, want %q", ne.What, tc.what)
			}
		})
	}
	allowed := []struct{ name, cypher string }{
		{"match", "MATCH (a:Person)-[r]->(b) RETURN a.name, type(r), b.name LIMIT 10"},
		{"words in strings", "MATCH (a:Article) WHERE a.title CONTAINS 'LOAD CSV' OR a.title = \"CALL db.clearQueryCaches()\" RETURN a"},
		{"words in comments", "// LOAD CSV FROM 'file:///etc/passwd'\nMATCH (n) /* CALL db.clearQueryCaches() */ RETURN count(n)"},
		{"subquery", "MATCH (e:Entity) CALL { WITH e MATCH (e)--(o) RETURN count(o) AS d } RETURN e.name, d"},
		{"scoped subquery", "MATCH (e:Entity) CALL (e) { MATCH (e)--(o) RETURN count(o) AS d } RETURN e.name, d"},
		{"labels", "CALL db.labels() YIELD label RETURN label"},
		{"schema, odd case", "call DB.Schema.Visualization()"},
		{"property and map key named load/call", "MATCH (n) WHERE n.call = 1 AND n.load = 2 RETURN {call: n.call, load: 'csv'} AS m"},
		{"backquoted LOAD label", "MATCH (n:`LOAD`) RETURN n.csv"},
	}
	for _, tc := range allowed {
		t.Run("allows "+tc.name, func(t *testing.T) {
			if err := CheckReadOnly(tc.cypher); err != nil {
				t.Errorf("CheckReadOnly(%q) = %v, want nil", tc.cypher, err)
			}
		})
	}
}

// FuzzCheckReadOnly: never panics, and prefixing a statement with a LOAD CSV
// clause on its own line is always refused, whatever follows.
func FuzzCheckReadOnly(f *testing.F) {
	for _, s := range []string{"MATCH (n) RETURN n", "CALL db.labels()", "'unterminated", "/* open", "`a``b`", "RETURN \"\\\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = CheckReadOnly(s)
		if err := CheckReadOnly("LOAD CSV FROM 'x' AS l\n" + s); err == nil {
			t.Fatalf("LOAD CSV prefix not refused before %q", s)
		}
	})
}
