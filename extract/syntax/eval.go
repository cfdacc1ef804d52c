package syntax

// Scores are CoNLL 2018 attachment scores (punctuation included) and tag
// accuracy, in percent.
type Scores struct {
	Sentences int     `json:"sentences"`
	Tokens    int     `json:"tokens"`
	UAS       float64 `json:"uas"`      // head correct
	LAS       float64 `json:"las"`      // head and base label (no subtype) correct
	LASFull   float64 `json:"las_full"` // head and full label correct
	XPOS      float64 `json:"xpos"`     // PTB tag correct
}

// Eval accumulates scores over sentences.
type Eval struct {
	sents, toks, uas, las, lasFull, xpos int
}

// Add scores one sentence: tags and t are the system's output for gold's
// tokens (tags may be nil when only the tree is scored).
func (e *Eval) Add(gold *Sentence, tags []string, t *Tree) {
	e.sents++
	for i := range gold.Form {
		e.toks++
		if i < len(tags) && tags[i] == gold.XPOS[i] {
			e.xpos++
		}
		if i >= t.Len() || t.Head[i] != gold.Head[i] {
			continue
		}
		e.uas++
		if Base(t.Label[i]) == Base(gold.Deprel[i]) {
			e.las++
		}
		if t.Label[i] == gold.Deprel[i] {
			e.lasFull++
		}
	}
}

// Scores returns the figures so far.
func (e *Eval) Scores() Scores {
	pct := func(k int) float64 {
		if e.toks == 0 {
			return 0
		}
		return 100 * float64(k) / float64(e.toks)
	}
	return Scores{Sentences: e.sents, Tokens: e.toks, UAS: pct(e.uas), LAS: pct(e.las), LASFull: pct(e.lasFull), XPOS: pct(e.xpos)}
}
