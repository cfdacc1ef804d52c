package extract

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/extract/carb"
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
	dir := filepath.Join("..", "..", "shared", "eval", "carb")
	goldF, err := os.Open(filepath.Join(dir, "dev.gold.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer goldF.Close()
	gold, err := carb.ReadGold(goldF, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "dev.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var X [][]float64
	var Y []float64
	an := testAnalyzer(t)
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		s := an.lineSentence(line)
		si := analyseSentence(s)
		for _, c := range extractSentence(s) {
			lt, ok := lineTriple(s, c)
			if !ok {
				continue
			}
			best := 0.0
			for _, g := range gold[carb.Key(line)] {
				if m := carb.Match(g, carb.Extraction{Rel: lt.Relation, Args: lt.Args}); m[0] > best {
					best = m[0]
				}
			}
			X = append(X, confFeatures(si, c))
			Y = append(Y, best)
		}
	}
	m := len(X[0])
	w := make([]float64, m)
	const lr, lambda = 0.5, 0.01
	for it := 0; it < 3000; it++ {
		grad := make([]float64, m)
		for i, x := range X {
			z := 0.0
			for j := range x {
				z += w[j] * x[j]
			}
			d := 1/(1+math.Exp(-z)) - Y[i]
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
	var parts []string
	for _, v := range w {
		parts = append(parts, fmt.Sprintf("%.3f", v))
	}
	fmt.Printf("%d extractions\nvar confWeights = []float64{%s}\n", len(X), strings.Join(parts, ", "))
}
