package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenClauses runs article mode (parse, clauses, resolver) over our
// own short articles under testdata/clauses, one per group of
// constructions, and compares the triples with their .golden files. Run
// with -update to rewrite them after a deliberate change (or a new parser
// model).
func TestGoldenClauses(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "clauses", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	ex := testExtractor(t)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := ex.Extract(context.Background(), filepath.Base(f), string(text))
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			last := -1
			for _, tr := range res.Triples {
				if tr.SentenceIndex != last {
					b.WriteString("# " + tr.Sentence + "\n")
					last = tr.SentenceIndex
				}
				b.WriteString(describeTriple(&tr) + "\n")
			}
			compareGolden(t, f, b.String(), "TestGoldenClauses")
		})
	}
}

func describeTriple(tr *Triple) string {
	s := fmt.Sprintf("%s (%s) -[%s]-> %s (%s)", tr.Subject.Name, tr.Subject.Type, tr.Relation.Lemma, tr.Object.Name, tr.Object.Type)
	if tr.Relation.Negated {
		s += " negated"
	}
	if tr.Relation.Modality != "" {
		s += " modality=" + tr.Relation.Modality
	}
	if tr.ReportedBy != "" {
		s += " reported_by=" + tr.ReportedBy
	}
	for _, r := range tr.Rules {
		if strings.HasPrefix(r, "clause:") {
			s += " " + r
		}
	}
	return s
}

// TestClausesHedgesAndSpeakers states the precision rules outright: a
// triple of a conditional, hedged or wished clause carries its hedge as
// modality, never a bare fact; the speaker is kept on reported speech; an
// ambiguous reported pronoun gives no triple.
func TestClausesHedgesAndSpeakers(t *testing.T) {
	ex := testExtractor(t)
	text, err := os.ReadFile(filepath.Join("testdata", "clauses", "speech-hedge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ex.Extract(context.Background(), "speech-hedge.txt", string(text))
	if err != nil {
		t.Fatal(err)
	}
	reported := false
	for _, tr := range res.Triples {
		switch {
		case (strings.HasPrefix(tr.Sentence, "If Orvik") || strings.HasPrefix(tr.Sentence, "Orvik wants")) && tr.Relation.Modality == "":
			t.Errorf("hedged statement stated as fact: %s", describeTriple(&tr))
		case strings.HasPrefix(tr.Sentence, "Ola Brun told") && tr.Relation.Lemma != "tell":
			t.Errorf("reported clause with an ambiguous pronoun subject kept: %s", describeTriple(&tr))
		case strings.HasPrefix(tr.Sentence, "Tarvo has bought"):
			reported = tr.ReportedBy != ""
		}
	}
	if !reported {
		t.Errorf("no reported_by on 'Tarvo has bought Vela, the firm said': %+v", res.Triples)
	}
}
