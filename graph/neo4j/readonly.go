package neo4j

import (
	"fmt"
	"strings"
)

// NotReadOnlyError is returned by CheckReadOnly for a statement that a
// read-only transaction would still let do more than read the graph.
type NotReadOnlyError struct {
	What string // "LOAD CSV", "CALL db.clearQueryCaches", ...
}

func (e *NotReadOnlyError) Error() string {
	return fmt.Sprintf("%s is not a read of the graph (it reads files, runs a procedure or administers the server)", e.What)
}

// readOnlyProcedures are the procedures CheckReadOnly lets through: they
// only describe or search the graph. Lower case.
var readOnlyProcedures = map[string]bool{
	"db.labels":                            true,
	"db.relationshiptypes":                 true,
	"db.propertykeys":                      true,
	"db.schema.visualization":              true,
	"db.schema.nodetypeproperties":         true,
	"db.schema.reltypeproperties":          true,
	"db.info":                              true,
	"db.ping":                              true,
	"dbms.components":                      true,
	"db.index.fulltext.querynodes":         true,
	"db.index.fulltext.queryrelationships": true,
	"db.index.vector.querynodes":           true,
	"db.index.vector.queryrelationships":   true,
}

// CheckReadOnly refuses a Cypher statement that a read-only transaction
// does not stop from reaching beyond the graph: LOAD CSV (it reads files
// and URLs from the server), CALL of any procedure other than the graph
// descriptions and index searches above (db.clearQueryCaches and the like
// change the server), and TERMINATE TRANSACTIONS. It reads the statement as
// Cypher tokens, so case, comments, whitespace and backquoted names do not
// hide a clause, and text inside strings is never mistaken for one. The
// server-side read-only transaction still stops writes.
func CheckReadOnly(cypher string) error {
	toks := cypherTokens(cypher)
	word := func(i int, w string) bool {
		return i < len(toks) && toks[i].kind == tokWord && strings.EqualFold(toks[i].text, w)
	}
	for i, t := range toks {
		if t.kind != tokWord || i > 0 && toks[i-1].text == "." && toks[i-1].kind == tokPunct {
			continue
		}
		switch {
		case word(i, "LOAD") && word(i+1, "CSV"):
			return &NotReadOnlyError{What: "LOAD CSV"}
		case word(i, "TERMINATE") && (word(i+1, "TRANSACTION") || word(i+1, "TRANSACTIONS")):
			return &NotReadOnlyError{What: "TERMINATE TRANSACTIONS"}
		case word(i, "CALL") && i+1 < len(toks) && toks[i+1].kind != tokPunct:
			// CALL name.name... (a procedure); CALL { ... } and CALL (x) { ... } are subqueries.
			var parts []string
			for j := i + 1; j < len(toks); j += 2 {
				if toks[j].kind == tokPunct {
					break
				}
				parts = append(parts, toks[j].text)
				if j+1 >= len(toks) || toks[j+1].kind != tokPunct || toks[j+1].text != "." {
					break
				}
			}
			name := strings.Join(parts, ".")
			if !readOnlyProcedures[strings.ToLower(name)] {
				return &NotReadOnlyError{What: "CALL " + name}
			}
		}
	}
	return nil
}

type tokKind int

const (
	tokWord  tokKind = iota // a name or keyword; backquoted names unquoted
	tokPunct                // one punctuation character
	tokOther                // a string or number literal
)

type token struct {
	kind tokKind
	text string
}

// cypherTokens splits Cypher into words, punctuation and literals, dropping
// whitespace and comments. Unterminated strings and comments run to the end.
func cypherTokens(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '/' && i+1 < len(s) && (s[i+1] == '/' || s[i+1] == '*'):
			i = skipComment(s, i)
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			out = append(out, token{tokOther, s[i:min(j+1, len(s))]})
			i = j + 1
		case c == '`':
			var b strings.Builder
			j := i + 1
			for j < len(s) {
				if s[j] == '`' {
					if j+1 < len(s) && s[j+1] == '`' { // `` is a literal backquote
						b.WriteByte('`')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			out = append(out, token{tokWord, b.String()})
			i = j + 1
		case isWordByte(c):
			j := i
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			kind := tokWord
			if c >= '0' && c <= '9' {
				kind = tokOther
			}
			out = append(out, token{kind, s[i:j]})
			i = j
		default:
			out = append(out, token{tokPunct, s[i : i+1]})
			i++
		}
	}
	return out
}

// isWordByte reports bytes of unquoted Cypher names; non-ASCII bytes count
// as letters, so a name in another script stays one word.
func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
