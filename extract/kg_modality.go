package extract

// kgConditionalWords open a clause whose facts are not stated as true.
var kgConditionalWords = map[string]bool{"if": true, "unless": true, "whether": true}

// kgConditional returns the conditional word ("if") governing a triple,
// or "": the nearest such word before the triple's first token, with no
// comma, colon or semicolon between ("If Acme decided to buy Beta, ..." →
// if; "..., Beta would fall" → "").
func kgConditional(t *rawTriple) string {
	s := t.Sent
	first := len(s.Tokens)
	for _, r := range []tokRange{t.Subj, t.Obj} {
		if !r.Empty() && r.From < first {
			first = r.From
		}
	}
	if len(t.Rel) > 0 && t.Rel[0] < first {
		first = t.Rel[0]
	}
	for i := min(first, len(s.Tokens)) - 1; i >= 0; i-- {
		w := s.lowTok(i)
		if kgConditionalWords[w] {
			return w
		}
		if w == "," || w == ";" || w == ":" || w == "--" || w == "—" {
			return ""
		}
	}
	return ""
}
