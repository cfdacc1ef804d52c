package extract

import "strings"

// KGOptions configures the knowledge-graph layer of article mode.
type KGOptions struct {
	// AliasesFile is a YAML file of user aliases ("Kremlin: Russia"), applied
	// at extraction. Empty means none.
	AliasesFile string
}

// kgModel holds what the knowledge-graph layer loads once per Extractor
// (gazetteers, lemma tables, user aliases). Safe for concurrent use.
type kgModel struct {
	opts KGOptions
}

// loadKG loads the knowledge-graph layer's data once per Extractor.
func loadKG(opts KGOptions) (*kgModel, error) {
	return &kgModel{opts: opts}, nil
}

// newDocResolver builds the resolver for one document from all of its
// analysed sentences.
func (m *kgModel) newDocResolver(sents []*sentence) docResolver {
	return &surfaceResolver{}
}

// surfaceResolver names arguments by their surface text. It is the simplest
// correct docResolver: no titles stripped, no aliases, pronouns dropped.
type surfaceResolver struct{}

var pronouns = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true,
	"him": true, "her": true, "them": true, "us": true, "me": true, "his": true, "its": true,
	"their": true, "this": true, "that": true, "these": true, "those": true, "who": true, "which": true,
}

func (surfaceResolver) Arg(s *sentence, r tokRange) (Span, []string, bool) {
	if r.Empty() || r.From < 0 || r.To > len(s.Tokens) {
		return Span{}, nil, false
	}
	toks := s.Tokens[r.From:r.To]
	for len(toks) > 0 && isDeterminer(toks[0].Text) {
		toks = toks[1:]
	}
	if len(toks) == 0 {
		return Span{}, nil, false
	}
	if len(toks) == 1 && pronouns[strings.ToLower(toks[0].Text)] {
		return Span{}, []string{"pronoun-dropped"}, false
	}
	start, end := toks[0].Start, toks[len(toks)-1].End()
	text := s.Text[start-s.Start : end-s.Start]
	typ := TypeConcept
	if strings.HasPrefix(toks[0].Tag, "NNP") {
		typ = TypeOther
	}
	return Span{Name: text, Type: typ, Text: text, Start: start, End: end}, nil, true
}

func (surfaceResolver) Relation(t *rawTriple) (Relation, []string) {
	var words []string
	start, end := -1, -1
	for _, i := range t.Rel {
		tok := t.Sent.Tokens[i]
		words = append(words, strings.ToLower(tok.Text))
		if start < 0 {
			start = tok.Start
		}
		end = tok.End()
	}
	text := ""
	if start >= 0 {
		text = t.Sent.Text[start-t.Sent.Start : end-t.Sent.Start]
	}
	return Relation{Lemma: strings.Join(words, " "), Text: text, Negated: t.Negated, Start: start, End: end}, nil
}

func isDeterminer(w string) bool {
	switch strings.ToLower(w) {
	case "the", "a", "an":
		return true
	}
	return false
}
