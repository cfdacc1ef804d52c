package graph

import (
	"strings"
	"unicode"
)

// RelationTypes maps normalised relation lemmas to relationship types.
// The vocabulary is bounded: a lemma that is not mapped gets the general
// type (the entry of the phrase GeneralPhrase, else GeneralRelationType), so
// the number of types does not grow with the news; edges keep the exact
// lemma and predicate as properties. The zero value maps every lemma to
// GeneralRelationType.
type RelationTypes struct {
	byLemma map[string]string
	general string
}

// GeneralPhrase is the phrase whose entry in a mapping names the general
// type of every relation the mapping does not list ("*": RELATED_TO).
const GeneralPhrase = "*"

// GeneralRelationType is the general type when a mapping names none.
const GeneralRelationType = "RELATED_TO"

// NewRelationTypes returns a mapping with the given lemma → type entries.
// Types are validated with ValidType; lemmas are matched case-insensitively
// after collapsing spaces. The entry of GeneralPhrase, if any, is the
// general type.
func NewRelationTypes(m map[string]string) (*RelationTypes, error) {
	rt := &RelationTypes{byLemma: make(map[string]string, len(m)), general: GeneralRelationType}
	for lemma, typ := range m {
		if !ValidType(typ) {
			return nil, &TypeError{Type: typ, Context: "relation type for " + lemma}
		}
		if lemma == GeneralPhrase {
			rt.general = typ
			continue
		}
		rt.byLemma[foldLemma(lemma)] = typ
	}
	return rt, nil
}

// General returns the type of relations the mapping does not list.
func (rt *RelationTypes) General() string {
	if rt == nil || rt.general == "" {
		return GeneralRelationType
	}
	return rt.general
}

// TypeError reports a relationship type or label that fails validation.
type TypeError struct {
	Type    string
	Context string
}

func (e *TypeError) Error() string {
	return e.Context + ": " + ErrInvalidType.Error() + " " + quote(e.Type) + " (want ^[A-Z][A-Z0-9_]*$)"
}

// Unwrap lets errors.Is(err, ErrInvalidType) match.
func (e *TypeError) Unwrap() error { return ErrInvalidType }

func quote(s string) string { return "\"" + s + "\"" }

func foldLemma(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// Type returns the relationship type for a lemma: the mapped type when the
// lemma is in the table, else the general type.
func (rt *RelationTypes) Type(lemma string) string {
	if rt != nil {
		if t, ok := rt.byLemma[foldLemma(lemma)]; ok {
			return t
		}
	}
	return rt.General()
}

// DefaultRelationType derives a type from a lemma (kgb's rule before the
// vocabulary was bounded; kept for callers that want one type per lemma): letters and digits
// upper-cased, everything else folded to single underscores, "RELATED_TO"
// when nothing usable is left. "speak with" → SPEAK_WITH. The result always
// satisfies ValidType.
func DefaultRelationType(lemma string) string {
	var b strings.Builder
	us := false
	for _, r := range lemma {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if us && b.Len() > 0 {
				b.WriteByte('_')
			}
			us = false
			b.WriteRune(unicode.ToUpper(r))
		} else {
			us = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	t := b.String()
	if t == "" || !ValidType(t) {
		// Leading digit or nothing left.
		if t != "" && ValidType("R_"+t) {
			return "R_" + t
		}
		return "RELATED_TO"
	}
	return t
}
