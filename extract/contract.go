package extract

import (
	"strings"

	"github.com/jdkato/prose/v3/token"
	"github.com/kgb-dev/kgb/extract/syntax"
)

// This file is the seam between the two halves of the package:
//
//   - the Open IE core (sentences, POS patterns, argument and relation token
//     ranges, confidence) produces rawTriples over analysed sentences;
//   - the knowledge-graph layer (entities, canonical names, aliases, pronouns,
//     relation lemmas) turns token ranges into canonical Spans and Relations.
//
// Lines mode (CaRB) uses only the core: arguments stay surface token ranges.
// Article mode runs the core, then a docResolver built once per document.

// sentence is one analysed sentence of a document.
type sentence struct {
	Index  int           // 0-based index in the document
	Start  int           // byte offset of the sentence in the document
	Text   string        // doc[Start:Start+len(Text)]
	Tokens []token.Token // POS-tagged; Token.Start is an offset into the whole document
	// Low holds strings.ToLower of each token's text, computed once per
	// sentence (fillLow) so that rules and resolver never lower-case a
	// token twice. Nil until filled.
	Low []string
	// PTB and Tree are kgb's own Penn Treebank tags and dependency tree of
	// Tokens (package syntax), filled in article mode unless Options.Patterns
	// is set (lines mode never fills them).
	PTB  []string
	Tree syntax.Tree
}

// fillLow computes s.Low if it is missing or stale.
func (s *sentence) fillLow() {
	if len(s.Low) == len(s.Tokens) {
		return
	}
	s.Low = make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		s.Low[i] = strings.ToLower(t.Text)
	}
}

// lowTok returns the lower-case text of token i.
func (s *sentence) lowTok(i int) string {
	if len(s.Low) == len(s.Tokens) {
		return s.Low[i]
	}
	return strings.ToLower(s.Tokens[i].Text)
}

// tagAt returns token i's tag: kgb's own (PTB) when the sentence was
// parsed, prose's otherwise.
func (s *sentence) tagAt(i int) string {
	if len(s.PTB) == len(s.Tokens) {
		return s.PTB[i]
	}
	return s.Tokens[i].Tag
}

// tokRange is a half-open range [From, To) of token indices in one sentence.
// The zero value with From == To is empty.
type tokRange struct{ From, To int }

// Empty reports whether r covers no tokens.
func (r tokRange) Empty() bool { return r.To <= r.From }

// rawTriple is an Open IE extraction before entity resolution.
type rawTriple struct {
	Sent *sentence
	Subj tokRange
	// Rel lists the token indices of the relation phrase in order. It may be
	// discontiguous ("is set to hold ... with" skips nothing, but "did not
	// meet" may drop "not" into Negated), so it is a list, not a range.
	Rel        []int
	Obj        tokRange
	Extra      []tokRange // n-ary arguments (time/place prepositional phrases)
	Negated    bool
	Passive    bool     // already inverted to active order by the core (Subj is the agent)
	ReportedBy tokRange // speaker of reported speech, Empty() when none
	Confidence float64  // in [0,1]
	Rules      []string // rules that fired in the core ("passive-inverted", "reported-speech", ...)

	// Set by the syntactic path (kg_clauses.go) only:
	ObjExt         int    // Obj.To extended over "of" phrases, for a concept object (0: none)
	SubjExt        int    // the same for the subject
	Lemma          string // a nominal relation stated by the clause ("be chief executive of")
	Locative       string // "in", "of", "from", "at": a locative whose lemma the types decide
	PassiveNoAgent bool   // a passive without a by-agent: the lemma reads "be <participle>"
	Pred           int    // the predicate token, when PassiveNoAgent
	Hedge          string // the clause's condition or hedge ("if", "could", "want"), kept as modality
	Role           bool   // a role noun's fact ("be chief executive of")
	PossVia        bool   // the object is the possessor of a noun in the relation: "sought Collins' advice" -> seek advice of
}

// docResolver maps a document's argument ranges to canonical entities and
// relation phrases to normalised relations. One is built per document, after
// every sentence has been analysed, so it can see aliases and antecedents
// introduced anywhere earlier in the document. Not safe for concurrent use.
type docResolver interface {
	// Arg returns the canonical span for an argument range. ok=false means the
	// argument cannot be a graph node (an unresolvable pronoun, an empty or
	// junk span) and the triple must be dropped. rules names what fired
	// ("title-stripped", "alias:Trump->Donald Trump", "pronoun:he->Donald Trump").
	Arg(s *sentence, r tokRange) (span Span, rules []string, ok bool)
	// Relation returns the normalised relation for a raw triple's relation
	// tokens: lemma without auxiliaries/modals, negation, modality, synonym
	// mapping. rules names what fired.
	Relation(t *rawTriple) (rel Relation, rules []string)
}
