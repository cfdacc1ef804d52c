package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/extract/syntax"
)

func TestRunParseCoNLLU(t *testing.T) {
	text := "The mayor opened the library.\n\nRain is expected on Sunday."
	var out bytes.Buffer
	if err := runParse(context.Background(), parseOptions{Format: "conllu"}, []string{"-"}, strings.NewReader(text), &out); err != nil {
		t.Fatal(err)
	}
	sents, err := syntax.ReadCoNLLU(&out)
	if err != nil {
		t.Fatalf("output is not CoNLL-U: %v\n%s", err, out.String())
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2", len(sents))
	}
	for _, s := range sents {
		tr := s.Tree()
		if err := tr.Validate(); err != nil {
			t.Errorf("invalid tree: %v", err)
		}
		for i, m := range s.Misc {
			rng, ok := strings.CutPrefix(m, "TokenRange=")
			a, b, ok2 := strings.Cut(rng, ":")
			start, err1 := strconv.Atoi(a)
			end, err2 := strconv.Atoi(b)
			if !ok || !ok2 || err1 != nil || err2 != nil || text[start:end] != s.Form[i] {
				t.Errorf("token %q: MISC %q does not point at it", s.Form[i], m)
			}
		}
	}
	if got := strings.Join(sents[1].Form, " "); got != "Rain is expected on Sunday ." {
		t.Errorf("second sentence %q", got)
	}
}

func TestRunParseTreeAndErrors(t *testing.T) {
	var out bytes.Buffer
	if err := runParse(context.Background(), parseOptions{Format: "tree", Text: "Anna sold her car."}, nil, nil, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "root sold VBD [5:9]") || !strings.Contains(out.String(), "└─ punct . . [17:18]") {
		t.Errorf("unexpected tree:\n%s", out.String())
	}
	for _, tc := range []struct {
		name string
		opts parseOptions
		args []string
	}{
		{"bad format", parseOptions{Format: "xml", Text: "x"}, nil},
		{"nothing", parseOptions{Format: "conllu"}, nil},
		{"both", parseOptions{Format: "conllu", Text: "x"}, []string{"-"}},
		{"missing file", parseOptions{Format: "conllu"}, []string{"testdata/no-such-file.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := runParse(context.Background(), tc.opts, tc.args, strings.NewReader(""), &out)
			var ue *usageError
			if !errors.As(err, &ue) {
				t.Errorf("got %v, want a usage error", err)
			}
		})
	}
}

func TestRunEvalUD(t *testing.T) {
	var out bytes.Buffer
	if err := runEvalUD(context.Background(), evalUDOptions{Gold: "testdata/ud-small.conllu", JSON: true}, &out); err != nil {
		t.Fatal(err)
	}
	var res map[string]float64
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	for _, k := range []string{"sentences", "tokens", "uas", "las", "las_full", "xpos", "tokens_per_s"} {
		if _, ok := res[k]; !ok {
			t.Errorf("key %q missing in %s", k, out.String())
		}
	}
	if res["sentences"] != 2 || res["tokens"] != 13 {
		t.Errorf("sentences %v tokens %v, want 2 and 13", res["sentences"], res["tokens"])
	}
	if res["uas"] < res["las"] || res["las"] < res["las_full"] {
		t.Errorf("want uas >= las >= las_full: %s", out.String())
	}
	// A floor above 100 must fail.
	err := runEvalUD(context.Background(), evalUDOptions{Gold: "testdata/ud-small.conllu", MinLAS: 101}, &out)
	if !errors.Is(err, errBelowFloor) {
		t.Errorf("got %v, want errBelowFloor", err)
	}
}

// TestRunParseAsExtracted checks that --as-extracted shows extraction's
// tag repairs: the title words before a name are nouns there (the tagger
// alone reads "chief" as an adjective), on the same tokens.
func TestRunParseAsExtracted(t *testing.T) {
	const text = "Ostmark chief executive Jan Kerr defended the plan."
	tags := func(asExtracted bool) []string {
		t.Helper()
		var out bytes.Buffer
		if err := runParse(context.Background(), parseOptions{Format: "conllu", Text: text, AsExtracted: asExtracted}, nil, nil, &out); err != nil {
			t.Fatal(err)
		}
		sents, err := syntax.ReadCoNLLU(&out)
		if err != nil || len(sents) != 1 {
			t.Fatalf("output: %v, %d sentences\n%s", err, len(sents), out.String())
		}
		tr := sents[0].Tree()
		if err := tr.Validate(); err != nil {
			t.Errorf("invalid tree: %v", err)
		}
		return sents[0].XPOS
	}
	plain, extracted := tags(false), tags(true)
	if len(plain) != len(extracted) {
		t.Fatalf("%d tags plain, %d as extracted: the tokens must be the same", len(plain), len(extracted))
	}
	if extracted[1] != "NN" || extracted[2] != "NN" {
		t.Errorf("as extracted: chief/%s executive/%s, want NN NN (title words before a name)", extracted[1], extracted[2])
	}
}
