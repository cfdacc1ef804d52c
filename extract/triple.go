// Package extract turns English text into (subject, relation, object) triples
// with provenance: sentence, byte offsets and a confidence in [0,1].
//
// It knows nothing of storage. The ingest pipeline feeds it documents and
// hands the triples to a graph.Store.
package extract

import "github.com/kgb-dev/kgb/extract/lexicon"

// Entity types used in Span.Type: the values of lexicon.EntityType, the one
// typed enumeration of entity types.
const (
	TypePerson       = string(lexicon.Person)
	TypeOrganization = string(lexicon.Organization)
	TypePlace        = string(lexicon.Place)
	TypeOther        = string(lexicon.Other)   // a proper name of unknown kind
	TypeConcept      = string(lexicon.Concept) // a common-noun argument ("talks", "the war")
)

// Span is one argument of a triple: the canonical entity it names and the
// surface text it was read from. Start and End are byte offsets into the
// document given to the extractor, so doc[Start:End] == Text.
type Span struct {
	Name   string   `json:"name"`             // canonical name: "Vladimir Putin"
	Type   string   `json:"type"`             // one of the Type* constants
	Text   string   `json:"text"`             // surface text: "Russian President Vladimir Putin"
	Start  int      `json:"start"`            // byte offset of Text in the document
	End    int      `json:"end"`              // byte offset just past Text
	Titles []string `json:"titles,omitempty"` // titles stripped from the name: ["President"]
	// Anaphor is set when Text refers to the entity without naming it (a
	// pronoun, "the brewer", "the chancellor"): Text is then no alias.
	Anaphor bool `json:"anaphor,omitempty"`
}

// Relation is the predicate of a triple.
type Relation struct {
	Lemma    string `json:"lemma"`              // normalised: "call", "speak with", "criticize"
	Text     string `json:"text"`               // surface: "is set to hold a phone conversation with"
	Negated  bool   `json:"negated"`            // "did not meet"
	Modality string `json:"modality,omitempty"` // "set to", "will", "may", ... removed from Lemma
	Start    int    `json:"start"`              // byte offset of the relation's first token
	End      int    `json:"end"`                // byte offset just past its last token
}

// Triple is one extracted fact with its evidence.
type Triple struct {
	Doc           string   `json:"doc"`            // document name as given by the caller
	Sentence      string   `json:"sentence"`       // the sentence's text, verbatim
	SentenceIndex int      `json:"sentence_index"` // 0-based index of the sentence in the document
	SentenceStart int      `json:"sentence_start"` // byte offset of the sentence in the document
	Subject       Span     `json:"subject"`
	Relation      Relation `json:"relation"`
	Object        Span     `json:"object"`
	Extra         []Span   `json:"extra,omitempty"`       // n-ary arguments: time, place ("on Monday")
	Confidence    float64  `json:"confidence"`            // in [0,1]; higher ranks better
	ReportedBy    string   `json:"reported_by,omitempty"` // "Zelensky said Vance met Putin" → Zelensky
	Rules         []string `json:"rules,omitempty"`       // rules that fired, for --explain
}
