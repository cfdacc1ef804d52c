package extract

import "math"

// confidence scores an extraction from hand-weighted features of its
// pattern, argument shapes and sentence, squashed by a logistic into (0,1).
// The weights were set by hand on the CaRB dev split (never test); they rank
// short, well-formed subject–verb–object extractions from short sentences
// above long, oddly-anchored ones.
func confidence(si *sentInfo, c *cand) float64 {
	if c.kind == "intrans" {
		// one-argument extractions rarely match: bottom of the ranking
		return inferredConfidence(si, c)
	}
	x := 0.6
	switch c.kind {
	case "svo", "svo-vp":
		x += 0.5
	case "svo-vwp":
		x += 0.3
	case "svo-adj":
		x -= 0.1
	case "relative":
		x += 0.1
	case "relative-vp", "coord-verb-vp", "coord-verb":
		x += 0.4
	case "relative-vwp", "relative-adj":
		x -= 0.1
	case "control", "control-vp":
		x -= 0.4
	case "control-vwp":
		x -= 0.9
	case "said", "said-trailing":
		x += 0.5
	case "apposition":
		x -= 0.3
	case "intrans-pp":
		x -= 0.3
	case "intrans":
		x -= 1.2
	default:
		x -= 0.2
	}
	subjLen := c.subj.To - c.subj.From
	objLen := c.obj.To - c.obj.From
	if subjLen > 6 {
		x -= 0.08 * float64(subjLen-6)
	}
	if objLen == 1 {
		x -= 0.25
	}
	extraLen := 0
	for _, e := range c.extra {
		extraLen += e.To - e.From
	}
	if extraLen > 9 {
		x -= 0.3
	}
	if subjLen == 1 && si.tags[c.subj.From] == "PRP" {
		x -= 0.1
	}
	if subjLen == 1 && si.tags[c.subj.From] == "DT" {
		x -= 0.4
	}
	if si.n > 20 {
		x -= 0.02 * float64(si.n-20)
	}
	if c.passive && !c.agent {
		x -= 0.1
	}
	if c.negated {
		x -= 0.1
	}
	if len(c.rel) > 5 {
		x -= 0.15 * float64(len(c.rel)-5)
	}
	if !c.reportedBy.Empty() {
		x -= 0.1
	}
	// relation headed by a tagger-doubtful verb form after a noun
	// ("the man named", "companies based") is less reliable
	if len(c.rel) > 0 {
		h := si.tags[c.rel[0]]
		if h == "VBN" || h == "VBG" {
			x -= 0.3
		}
	}
	return 0.3 + 0.7/(1+math.Exp(-x))
}

// inferredConfidence ranks verbless inferred extractions below every
// verb-anchored one (all of which score above 0.3).
func inferredConfidence(si *sentInfo, c *cand) float64 {
	x := 0.0
	switch c.kind {
	case "role":
		x += 0.8
	case "apposition":
		x += 0.6
	case "possessive":
		x += 0.2
	case "place":
		x += 0.4
	case "intrans":
		x -= 1.5
	}
	x -= 0.1 * float64(c.subj.To-c.subj.From+c.obj.To-c.obj.From)
	x -= 0.02 * float64(si.n)
	return 0.3 / (1 + math.Exp(-x))
}
