package extract

import (
	"math"
	"strings"
)

// confidence scores an extraction in (0,1) as σ(w·features): a logistic
// model of how well an extraction of that shape matches CaRB gold tuples
// (pattern kind, argument and relation lengths, sentence length, flags),
// fitted on the CaRB dev split only (see TestFitConfidence).
func confidence(si *sentInfo, c *cand) float64 {
	z := 0.0
	for i, v := range confFeatures(si, c) {
		if i < len(confWeights) {
			z += confWeights[i] * v
		}
	}
	return 1 / (1 + math.Exp(-z))
}

// confWeights are the weights of confFeatures: a logistic regression of
// each extraction's CaRB match precision on the CaRB dev split (L2 0.01).
// Refit after changing rules or features with
//
//	go test ./extract -run TestFitConfidence -fit
//
// and paste the printed slice here. Dev figures with these weights are
// in-sample; a 2-fold held-out AUC comes from
//
//	go test ./extract -run TestConfidenceCrossVal -crossval -v
var confWeights = []float64{-0.048, 0.461, 0.373, 0.041, 0.000, 0.022, -0.230, -0.044, -0.148, 0.216, 0.146, 0.085, 0.121, -0.052, 0.060, -0.038, 0.066, 0.071, -0.067, 0.034, -0.045, 0.021, -0.307, -0.685, -0.054, 0.038, -0.035, -0.154, 0.170, 0.395, -0.101, 0.320, -0.025, 0.189, -0.033, 0.018, 0.077, 0.037, -0.300, -0.435, -0.047, 0.142, 0.144}

// confKinds are the pattern kinds with their own weight in confFeatures.
var confKinds = []string{"svo", "svo-vp", "svo-vwp", "svo-adj", "svo-colon", "control", "control-vp",
	"control-vwp", "coord-verb", "coord-verb-vp", "said", "said-trailing", "relative", "relative-vp",
	"relative-vwp", "reduced-relative", "reduced-relative-vp", "apposition", "intrans-clause", "that-clause",
	"intrans-pp", "intrans", "possessive", "role", "place", "object-relative"}

// confFeatures describes a verb-anchored extraction for the confidence
// model: pattern kind, argument and relation lengths, sentence length and
// a few flags.
func confFeatures(si *sentInfo, c *cand) []float64 {
	f := make([]float64, 0, len(confKinds)+16)
	f = append(f, 1)
	for _, k := range confKinds {
		if c.kind == k {
			f = append(f, 1)
		} else {
			f = append(f, 0)
		}
	}
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	subjLen := float64(c.subj.To - c.subj.From)
	objLen := float64(c.obj.To - c.obj.From)
	extraLen := 0
	for _, e := range c.extra {
		extraLen += e.To - e.From
	}
	gap := 0
	if len(c.rel) > 0 && c.subj.To <= c.rel[0] {
		gap = c.rel[0] - c.subj.To
	}
	f = append(f,
		float64(si.n)/10,
		math.Log1p(subjLen),
		math.Log1p(objLen),
		b(objLen == 1),
		float64(len(c.rel))/3,
		float64(extraLen)/5,
		b(c.passive), b(c.agent), b(c.negated),
		b(subjLen == 1 && si.tags[c.subj.From] == "PRP"),
		b(si.tags[c.subj.From] == "DT" && subjLen == 1),
		b(!c.reportedBy.Empty()),
		b(len(c.rel) > 0 && (si.tags[c.rel[0]] == "VBN" || si.tags[c.rel[0]] == "VBG")),
		b(c.auxPrefix != ""),
		b(strings.HasPrefix(si.tags[c.subj.From], "NNP")),
		math.Min(float64(gap), 5)/5,
	)
	return f
}
