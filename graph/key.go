package graph

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// EntityKey returns the unique key of an entity: its canonical name
// normalised (Unicode NFKC, case-folded, punctuation other than
// word-internal ' - & . removed, spaces collapsed) and prefixed by its type,
// so that "Jordan" the Place and "Jordan" the Person stay two nodes.
// Concept keys are not type-prefixed differently: "concept:talks".
func EntityKey(name, typ string) string {
	return strings.ToLower(typ) + ":" + NormalizeName(name)
}

// quoteFolder maps typographic quotes to ASCII ones; built once, safe for concurrent use.
var quoteFolder = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"")

// NormalizeName normalises a display name for keying: "The  U.S." → "u.s.",
// "Ukraine’s" → "ukraine's".
func NormalizeName(name string) string {
	s := norm.NFKC.String(name)
	s = quoteFolder.Replace(s)
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-' || r == '&' || r == '.':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), "the "), " .")
}
