package extract

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/extract/carb"
	"github.com/kgb-dev/kgb/internal/evaldata"
)

var fit = flag.Bool("fit", false, "TestFitConfidence: refit confWeights on the CaRB dev split and print them")

func TestConfidenceModelShape(t *testing.T) {
	s := testAnalyzer(t).lineSentence("The council approved the new budget on Tuesday .")
	si := analyseSentence(s)
	cs := extractSentence(s)
	if len(cs) == 0 {
		t.Fatal("no extraction")
	}
	if n := len(confFeatures(si, cs[0])); n != len(confWeights) {
		t.Fatalf("confFeatures has %d features, confWeights %d weights: refit with -fit", n, len(confWeights))
	}
	for _, c := range cs {
		if c.conf < 0 || c.conf > 1 {
			t.Errorf("confidence %v outside [0,1]", c.conf)
		}
	}
}

// TestConfidenceRanks checks that the confidence prefers a clean
// subject-verb-object extraction to a one-argument one.
func TestConfidenceRanks(t *testing.T) {
	an := testAnalyzer(t)
	good := extractSentence(an.lineSentence("The union signed the contract ."))
	weak := extractSentence(an.lineSentence("The old union , tired after many long weeks of quarrels , finally collapsed ."))
	if len(good) == 0 || len(weak) == 0 {
		t.Fatalf("extractions missing: %d %d", len(good), len(weak))
	}
	if good[0].conf <= weak[len(weak)-1].conf {
		t.Errorf("svo %.3f should outrank one-argument %.3f", good[0].conf, weak[len(weak)-1].conf)
	}
}

// TestFitConfidence refits confWeights (only with -fit): a logistic
// regression, by gradient descent with L2 0.01, of each verb-anchored
// extraction's best CaRB match precision on the dev split.
func TestFitConfidence(t *testing.T) {
	if !*fit {
		t.Skip("run with -fit to refit the confidence weights")
	}
	rows := confRows(t)
	X := make([][]float64, len(rows))
	Y := make([]float64, len(rows))
	for i, r := range rows {
		X[i], Y[i] = r.x, r.y
	}
	w := fitConfidence(X, Y)
	var parts []string
	for _, v := range w {
		parts = append(parts, fmt.Sprintf("%.3f", v))
	}
	fmt.Printf("%d extractions\nvar confWeights = []float64{%s}\n", len(X), strings.Join(parts, ", "))
}

// TestConfidenceCrossVal (only with -crossval) measures the fitted
// confidence out of sample: the CaRB dev sentences are split in two folds
// (alternate lines of dev.txt), the weights are fitted on one fold exactly as
// -fit does and the other fold is scored with them, both ways. It prints
// CaRB's AUC and F1 per fold and for the two held-out folds pooled (every
// dev sentence scored by weights that never saw it), beside the same
// extractions with a constant confidence and with the shipped weights (fitted
// on all of dev, so in-sample), and notes when the held-out confidence
// ranks no better than a constant.
func TestConfidenceCrossVal(t *testing.T) {
	if !*crossval {
		t.Skip("run with -crossval to measure the confidence AUC on a 2-fold split of CaRB dev")
	}
	rows := confRows(t)
	gold := confGold(t)
	lines := confLines(t)
	oof := make([]float64, len(rows)) // out-of-fold confidence of each row
	shipped := make([]float64, len(rows))
	for i, r := range rows {
		shipped[i] = sigmoid(dot(confWeights, r.x))
	}
	foldOf := func(r confRow) int { return r.line % 2 }
	for f := 0; f < 2; f++ {
		var X [][]float64
		var Y []float64
		for _, r := range rows {
			if foldOf(r) != f {
				X, Y = append(X, r.x), append(Y, r.y)
			}
		}
		w := fitConfidence(X, Y)
		for i, r := range rows {
			if foldOf(r) == f {
				oof[i] = sigmoid(dot(w, r.x))
			}
		}
	}
	constant := func(int) float64 { return 1 }
	heldOut := func(i int) float64 { return oof[i] }
	inSample := func(i int) float64 { return shipped[i] }
	fmt.Printf("%-22s %-34s %-34s %s\n", "fold (sentences)", "held-out fitted confidence", "constant confidence", "shipped weights (in-sample)")
	var pooled, pooledConst carb.Scores
	var sizes []int
	for _, f := range []int{0, 1, -1} {
		keep := func(r confRow) bool { return f < 0 || foldOf(r) == f }
		g := carb.Set{} // the fold's gold, sentences without extractions included
		for line, text := range lines {
			if key := carb.Key(text); (f < 0 || line%2 == f) && gold[key] != nil {
				g[key] = gold[key]
			}
		}
		ho := carb.Score(g, confSystem(rows, keep, heldOut))
		cst := carb.Score(g, confSystem(rows, keep, constant))
		in := carb.Score(g, confSystem(rows, keep, inSample))
		sizes = append(sizes, len(g))
		name := fmt.Sprintf("fold %d (%d)", f, len(g))
		if f < 0 {
			name = fmt.Sprintf("both, pooled (%d)", len(g))
			pooled, pooledConst = ho, cst
		}
		fmt.Printf("%-22s auc %.3f f1 %.3f %-15s auc %.3f f1 %.3f %-15s auc %.3f f1 %.3f\n",
			name, ho.AUC, ho.F1, "", cst.AUC, cst.F1, "", in.AUC, in.F1)
	}
	if sizes[0]+sizes[1] != sizes[2] {
		t.Errorf("folds of %d and %d sentences do not partition the %d scored", sizes[0], sizes[1], sizes[2])
	}
	if pooled.AUC <= pooledConst.AUC {
		fmt.Printf("NOTE: the held-out confidence (AUC %.3f) ranks no better than a constant confidence (AUC %.3f)\n",
			pooled.AUC, pooledConst.AUC)
	}
}

var crossval = flag.Bool("crossval", false, "TestConfidenceCrossVal: 2-fold cross-validated confidence AUC on CaRB dev")

// confRow is one verb-anchored extraction of a CaRB dev sentence: its
// features, its best match precision against the gold (the regression
// target), what CaRB scores and where it comes from.
type confRow struct {
	line int // index of the sentence among dev.txt's non-empty lines
	key  string
	x    []float64
	y    float64
	ex   carb.Extraction
}

// confRows extracts every CaRB dev sentence as `kgb eval carb` does
// (ExtractLine's candidates and lineTriple) and returns one row per
// extraction.
func confRows(t *testing.T) []confRow {
	t.Helper()
	gold := confGold(t)
	an := testAnalyzer(t)
	var rows []confRow
	for line, text := range confLines(t) {
		s := an.lineSentence(text)
		si, cs := safeExtract(s)
		key := carb.Key(text)
		for _, c := range cs {
			lt, ok := lineTriple(s, c)
			if !ok {
				continue
			}
			ex := carb.Extraction{Rel: lt.Relation, Args: lt.Args}
			best := 0.0
			for _, g := range gold[key] {
				if m := carb.Match(g, ex); m[0] > best {
					best = m[0]
				}
			}
			rows = append(rows, confRow{line: line, key: key, x: confFeatures(si, c), y: best, ex: ex})
		}
	}
	if len(rows) == 0 {
		t.Fatal("no extractions on CaRB dev")
	}
	return rows
}

// confLines returns CaRB dev's non-empty sentence lines.
func confLines(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(evaldata.Path(t, "eval/carb/dev.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

func confGold(t *testing.T) carb.Set {
	t.Helper()
	f, err := os.Open(evaldata.Path(t, "eval/carb/dev.gold.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := carb.ReadGold(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

// confSystem builds the system set of the kept rows, each with the
// confidence conf(i) rounded to 6 decimals as `kgb extract --lines --format
// carb` prints it.
func confSystem(rows []confRow, keep func(confRow) bool, conf func(i int) float64) carb.Set {
	sys := carb.Set{}
	for i, r := range rows {
		if !keep(r) {
			continue
		}
		ex := r.ex
		ex.Confidence = math.Round(conf(i)*1e6) / 1e6
		sys[r.key] = append(sys[r.key], ex)
	}
	return sys
}

// fitConfidence fits logistic-regression weights to (X, Y) by full-batch
// gradient descent from zero (learning rate 0.5, 3000 steps, L2 0.01 on all
// but the bias): deterministic for the same rows.
func fitConfidence(X [][]float64, Y []float64) []float64 {
	m := len(X[0])
	w := make([]float64, m)
	const lr, lambda = 0.5, 0.01
	for it := 0; it < 3000; it++ {
		grad := make([]float64, m)
		for i, x := range X {
			d := sigmoid(dot(w, x)) - Y[i]
			for j := range x {
				grad[j] += d * x[j]
			}
		}
		for j := range w {
			reg := lambda * w[j]
			if j == 0 {
				reg = 0
			}
			w[j] -= lr * (grad[j]/float64(len(X)) + reg)
		}
	}
	return w
}

func dot(w, x []float64) float64 {
	z := 0.0
	for j := range x {
		if j < len(w) {
			z += w[j] * x[j]
		}
	}
	return z
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
