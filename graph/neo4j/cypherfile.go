package neo4j

import "strings"

// Statement is one Cypher statement of a script, with the comment lines
// just above it (without the // markers), e.g. its title.
type Statement struct {
	Comment string
	Text    string // without the closing semicolon; never empty
	Line    int    // 1-based line of the statement's first character
}

// SplitStatements splits a Cypher script (such as scripts/browser/queries.cypher)
// into statements at semicolons outside strings, quoted names and comments.
// Comment-only chunks are dropped; a statement's Text keeps its own inline
// comments, which Neo4j accepts.
func SplitStatements(src string) []Statement {
	var out []Statement
	start, line, startLine := 0, 1, 1
	flush := func(end int) {
		chunk := src[start:end]
		comment, text, offset := leadingComments(chunk)
		if strings.TrimSpace(stripComments(text)) != "" {
			out = append(out, Statement{Comment: comment, Text: strings.TrimSpace(text),
				Line: startLine + strings.Count(chunk[:offset], "\n")})
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
		case c == '\'' || c == '"' || c == '`':
			for i++; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' && c != '`' {
					i++
				}
				if i < len(src) && src[i] == '\n' {
					line++
				}
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			line++
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				end = len(src) - i - 2
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += end + 3
		case c == ';':
			flush(i)
			start, startLine = i+1, line
		}
	}
	if start < len(src) {
		flush(len(src))
	}
	return out
}

// leadingComments splits chunk into the // comment block just before the
// statement, the statement text, and the text's offset in chunk.
func leadingComments(chunk string) (comment, text string, offset int) {
	var lines []string
	rest := chunk
	pos := 0
	for {
		trimmed := strings.TrimLeft(rest, " \t\r\n")
		skipped := len(rest) - len(trimmed)
		if !strings.HasPrefix(trimmed, "//") {
			return strings.Join(lines, "\n"), trimmed, pos + skipped
		}
		// A blank line between comment blocks starts a new block.
		if strings.Count(rest[:skipped], "\n") > 1 {
			lines = nil
		}
		end := strings.IndexByte(trimmed, '\n')
		if end < 0 {
			end = len(trimmed)
		}
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(trimmed[:end], "//")))
		pos += skipped + end
		rest = trimmed[end:]
	}
}

// stripComments removes // and /* */ comments outside quotes.
func stripComments(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' && c != '`' {
					j++
				}
				j++
			}
			b.WriteString(s[i:min(j+1, len(s))])
			i = j
		case c == '/' && i+1 < len(s) && (s[i+1] == '/' || s[i+1] == '*'):
			i = skipComment(s, i) - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// skipComment returns the index just past the // or /* */ comment that
// starts at s[i]: a // comment ends before its newline, an unterminated
// /* comment at the end of s.
func skipComment(s string, i int) int {
	if s[i+1] == '/' {
		if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
			return i + j
		}
		return len(s)
	}
	if j := strings.Index(s[i+2:], "*/"); j >= 0 {
		return i + 2 + j + 2
	}
	return len(s)
}
