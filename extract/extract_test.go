package extract

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/kgb-dev/kgb/internal/evaldata"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

var (
	testExOnce sync.Once
	testEx     *Extractor
	testExErr  error
)

func testExtractor(t testing.TB) *Extractor {
	t.Helper()
	testExOnce.Do(func() { testEx, testExErr = New(Options{}) })
	if testExErr != nil {
		t.Fatalf("New: %v", testExErr)
	}
	return testEx
}

// TestGolden compares the core's surface extractions for the articles under
// testdata/golden with their .golden files. Run with -update to rewrite.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, s := range testAnalyzer(t).sentences(string(text)) {
				b.WriteString("# " + s.Text + "\n")
				for _, c := range extractSentence(s) {
					b.WriteString(describeCand(s, c) + "\n")
				}
			}
			compareGolden(t, f, b.String(), "TestGolden")
		})
	}
}

// compareGolden compares got with the .golden file next to the input f,
// or rewrites it under -update.
func compareGolden(t *testing.T, f, got, test string) {
	t.Helper()
	golden := strings.TrimSuffix(f, ".txt") + ".golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -run %s -update)", err, test)
	}
	if got != string(want) {
		t.Errorf("%s differs from golden; got:\n%s", f, got)
	}
}

// TestGoldenLines compares lines-mode (CaRB) output for the PTB-tokenised
// sentences in testdata/golden/lines.ptb with lines.golden.
func TestGoldenLines(t *testing.T) {
	ex := testExtractor(t)
	in := filepath.Join("testdata", "golden", "lines.ptb")
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		ts, err := ex.ExtractLine(context.Background(), line)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("# " + line + "\n")
		for _, tr := range ts {
			fmt.Fprintf(&b, "%.2f\t%s\t%s\n", tr.Confidence, tr.Relation, strings.Join(tr.Args, "\t"))
		}
	}
	golden := filepath.Join("testdata", "golden", "lines.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -run TestGoldenLines -update)", err)
	}
	if b.String() != string(want) {
		t.Errorf("lines output differs from %s; got:\n%s", golden, b.String())
	}
}

// checkResult asserts the invariants of article mode on one result.
func checkResult(t testing.TB, text string, res *Result) {
	t.Helper()
	checkSpan := func(what string, sp Span) {
		if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
			t.Fatalf("%s offsets [%d,%d) outside text of %d bytes", what, sp.Start, sp.End, len(text))
		}
		if text[sp.Start:sp.End] != sp.Text {
			t.Fatalf("%s: text[%d:%d]=%q != %q", what, sp.Start, sp.End, text[sp.Start:sp.End], sp.Text)
		}
	}
	for _, tr := range res.Triples {
		checkSpan("subject", tr.Subject)
		checkSpan("object", tr.Object)
		for _, x := range tr.Extra {
			checkSpan("extra", x)
		}
		r := tr.Relation
		if r.Start < 0 || r.End > len(text) || r.Start > r.End || text[r.Start:r.End] != r.Text {
			t.Fatalf("relation offsets [%d,%d) do not locate %q", r.Start, r.End, r.Text)
		}
		if tr.SentenceStart < 0 || tr.SentenceStart+len(tr.Sentence) > len(text) ||
			text[tr.SentenceStart:tr.SentenceStart+len(tr.Sentence)] != tr.Sentence {
			t.Fatalf("sentence offset %d does not locate %q", tr.SentenceStart, tr.Sentence)
		}
		if tr.Subject.Start < tr.SentenceStart || tr.Object.End > tr.SentenceStart+len(tr.Sentence) {
			t.Fatalf("arguments outside their sentence: %+v", tr)
		}
		if !(tr.Confidence >= 0 && tr.Confidence <= 1) {
			t.Fatalf("confidence %v outside [0,1]", tr.Confidence)
		}
		if len(tr.Rules) == 0 {
			t.Fatalf("triple without rules: %+v", tr)
		}
	}
	for _, e := range res.Entities {
		checkSpan("entity", e)
	}
}

func TestExtractArticles(t *testing.T) {
	ex := testExtractor(t)
	files, _ := filepath.Glob(filepath.Join("..", "examples", "articles", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no example articles")
	}
	total := 0
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ex.Extract(context.Background(), f, string(text))
		if err != nil {
			t.Fatal(err)
		}
		if res.Doc != f || res.Sentences == 0 {
			t.Errorf("%s: Doc=%q Sentences=%d", f, res.Doc, res.Sentences)
		}
		for _, tr := range res.Triples {
			if tr.Doc != f {
				t.Errorf("triple Doc = %q, want %q", tr.Doc, f)
			}
		}
		checkResult(t, string(text), res)
		total += len(res.Triples)
	}
	if total < len(files) {
		t.Errorf("only %d triples from %d articles", total, len(files))
	}
}

func TestExtractPassiveInvertedAndReported(t *testing.T) {
	ex := testExtractor(t)
	text := "The new bridge was opened by Mayor Ida Kranz on Friday. Police said Jon Berg met Ali Haddad in Oslo."
	res, err := ex.Extract(context.Background(), "t", text)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, text, res)
	var passive, reported bool
	for _, tr := range res.Triples {
		if strings.Contains(tr.Subject.Text, "Kranz") && strings.Contains(tr.Object.Text, "bridge") {
			passive = true
			if !hasRule(tr.Rules, "passive-inverted") {
				t.Errorf("passive triple without passive-inverted rule: %v", tr.Rules)
			}
		}
		if strings.Contains(tr.Subject.Text, "Berg") && strings.Contains(tr.Object.Text, "Haddad") {
			reported = true
			if tr.ReportedBy == "" {
				t.Errorf("reported triple without ReportedBy: %+v", tr)
			}
		}
	}
	if !passive || !reported {
		t.Errorf("passive=%v reported=%v in %+v", passive, reported, res.Triples)
	}
}

func hasRule(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestExtractCancelled(t *testing.T) {
	ex := testExtractor(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ex.Extract(ctx, "x", strings.Repeat("The cat sat on the mat. ", 100)); !errors.Is(err, context.Canceled) {
		t.Errorf("Extract on cancelled ctx: err = %v", err)
	}
	if _, err := ex.ExtractLine(ctx, "The cat sat ."); !errors.Is(err, context.Canceled) {
		t.Errorf("ExtractLine on cancelled ctx: err = %v", err)
	}
}

func TestExtractConcurrent(t *testing.T) {
	ex := testExtractor(t)
	text, err := os.ReadFile(filepath.Join("testdata", "golden", "harbour.txt"))
	if err != nil {
		t.Fatal(err)
	}
	first, err := ex.Extract(context.Background(), "a", string(text))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := ex.Extract(context.Background(), "a", string(text))
			if err != nil {
				t.Error(err)
				return
			}
			if len(res.Triples) != len(first.Triples) {
				t.Errorf("concurrent run gave %d triples, want %d", len(res.Triples), len(first.Triples))
			}
		}()
	}
	wg.Wait()
}

func TestExtractLineCarb(t *testing.T) {
	ex := testExtractor(t)
	line := "The committee , led by Ana Ruiz , did n't approve the `` green '' budget -LRB- again -RRB- ."
	ts, err := ex.ExtractLine(context.Background(), line)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) == 0 {
		t.Fatal("no extractions")
	}
	inputToks := map[string]bool{}
	for _, w := range strings.Fields(line) {
		inputToks[w] = true
	}
	found := false
	for _, tr := range ts {
		for _, a := range tr.Args {
			for _, w := range strings.Fields(a) {
				if !inputToks[w] {
					t.Errorf("argument token %q is not an input token", w)
				}
			}
		}
		if strings.Contains(tr.Relation, "approve") && strings.Contains(tr.Relation, "n't") {
			found = true
		}
	}
	if !found {
		t.Errorf("no \"did n't approve\" relation in %+v", ts)
	}
}

// pathological inputs, also used as fuzz seeds and benchmarks
var pathological = map[string]string{
	"long-line": strings.Repeat("word ", 20000),
	"commas":    strings.Repeat(",", 5000),
	"binary":    string([]byte{0xff, 0xfe, 0x00, 0x01, 0x80, 0x9c, 'a', 0xc3, 0x28, '.', 0xe2, 0x82}) + strings.Repeat("\x00\xff", 3000),
	"quotes":    strings.Repeat("\" '' `` ", 3000),
	"verbs":     strings.Repeat("said was is had ", 5000),
	"nouns-and": strings.Repeat("Anna and Bob , ", 4000) + "met.",
}

func FuzzExtract(f *testing.F) {
	f.Add("The new bridge was opened by Mayor Ida Kranz on Friday.")
	f.Add("Police said Jon Berg met Ali Haddad in Oslo, officials said.")
	f.Add("\"We won,\" he said. \u201cReally?\u201d")
	f.Add("A\n\nB\nC. D")
	f.Add("A party source told the Evening Courier Mr Dalton would lead. Last year Kestrel Holdings sold Ardent. The brewer said so. The 24-year-old left.")
	f.Add("Harbourside chairman Ian Pell met Baroness Royall of Blaisdon and Wickham Boys' School. If Kestrel bought Ardent, Norway-born Lindqvist would sue.")
	// the pathological inputs, cut to 8 KB: the fuzzer minimises every new
	// interesting input, which takes minutes on 100 KB ones. Their full
	// sizes run in BenchmarkExtractPathological and TestPathological.
	for _, v := range pathological {
		if len(v) > 8<<10 {
			v = v[:8<<10]
		}
		f.Add(v)
	}
	ex := testExtractor(f)
	an := testAnalyzer(f)
	f.Fuzz(func(t *testing.T, text string) {
		res, err := ex.Extract(context.Background(), "fuzz", text)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, text, res)
		// the core itself (no recover) must not panic either, nor the
		// parse and clause path of article mode
		var words []string
		for _, s := range an.sentences(text) {
			if text[s.Start:s.Start+len(s.Text)] != s.Text {
				t.Fatalf("sentence offsets wrong")
			}
			extractSentence(s)
			words = ex.parseSentence(s, words)
			for _, r := range ex.clauseTriples(s) {
				if r.Subj.Empty() || r.Obj.Empty() || r.Subj.To > len(s.Tokens) || r.Obj.To > len(s.Tokens) {
					t.Fatalf("clause triple out of its sentence: %+v", r)
				}
			}
		}
		if utf8.ValidString(text) && !strings.ContainsAny(text, "\n\r\t") {
			s := an.lineSentence(text)
			extractSentence(s)
			if _, err := ex.ExtractLine(context.Background(), text); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestCorpusNoPanic runs the rules without their recover() over real news
// text (the BBC corpus in the evaluation data, see internal/evaldata): Extract drops a
// sentence whose analysis panics, so a panic here is a silent loss there.
func TestCorpusNoPanic(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(evaldata.Path(t, "corpora/bbc/business"), "*.txt"))
	if len(files) == 0 {
		t.Fatal("no BBC business articles in the evaluation data")
	}
	if testing.Short() {
		files = files[:50]
	}
	an := testAnalyzer(t)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range an.sentences(string(b)) {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s: panic on %q: %v", f, s.Text, r)
					}
				}()
				extractSentence(s)
			}()
		}
	}
}

// TestPathological runs the full-size pathological inputs once through
// both modes and checks the article-mode invariants (their speed is
// measured in BenchmarkExtractPathological, not here).
func TestPathological(t *testing.T) {
	ex := testExtractor(t)
	for name, text := range pathological {
		t.Run(name, func(t *testing.T) {
			res, err := ex.Extract(context.Background(), name, text)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, text, res)
			if _, err := ex.ExtractLine(context.Background(), text); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func BenchmarkExtractPathological(b *testing.B) {
	ex := testExtractor(b)
	for name, text := range pathological {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				if _, err := ex.Extract(context.Background(), name, text); err != nil {
					b.Fatal(err)
				}
				if _, err := ex.ExtractLine(context.Background(), text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkExtractArticle(b *testing.B) {
	ex := testExtractor(b)
	text, err := os.ReadFile(filepath.Join("testdata", "golden", "harbour.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		if _, err := ex.Extract(context.Background(), "h", string(text)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExtractDropsSelfLoops checks that article mode drops a triple whose
// two ends resolve to one entity, and keeps the others of the sentence.
func TestExtractDropsSelfLoops(t *testing.T) {
	ex := testExtractor(t)
	text := "The Kremlin praised Russia on Monday. Lisa Holt met Tomas Brun in Oslo. Later Holt thanked Lisa Holt's staff and Brun."
	res, err := ex.Extract(context.Background(), "t", text)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, text, res)
	var kept bool
	for _, tr := range res.Triples {
		if tr.Subject.Name == tr.Object.Name && tr.Subject.Type == tr.Object.Type {
			t.Errorf("self-loop kept: %s | %s | %s (%v)", tr.Subject.Name, tr.Relation.Lemma, tr.Object.Name, tr.Rules)
		}
		if tr.Subject.Name == "Lisa Holt" && tr.Object.Name == "Tomas Brun" {
			kept = true
		}
	}
	if !kept {
		t.Errorf("Lisa Holt -> Tomas Brun not extracted: %+v", res.Triples)
	}
}

// TestSentencesHeadlines checks that a line ending without final
// punctuation ends a sentence when a new sentence follows it, that
// hard-wrapped prose is not cut, and that offsets stay exact.
func TestSentencesHeadlines(t *testing.T) {
	long := "Harbour towns along the northern coast brace for the third winter storm in a row as ferries stay in port"
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"headline then blank line", "Mayors gather in Tallinn\n\nThe meeting opened on Monday.",
			[]string{"Mayors gather in Tallinn", "The meeting opened on Monday."}},
		{"headline then capital", "Mayors gather in Tallinn\nThe meeting opened on Monday.",
			[]string{"Mayors gather in Tallinn", "The meeting opened on Monday."}},
		{"headline then quote", "Mayors gather in Tallinn\n“We are ready,” the host said.",
			[]string{"Mayors gather in Tallinn", "“We are ready,” the host said."}},
		{"headline then digit", "Mayors gather in Tallinn\r\n12 cities sent delegates.",
			[]string{"Mayors gather in Tallinn", "12 cities sent delegates."}},
		{"long headline then lower case", long + "\nmeanwhile the harbour master closed the quay.",
			[]string{long, "meanwhile the harbour master closed the quay."}},
		{"wrapped prose", "The mayors of six towns\nmet in the old hall and agreed\non a plan.",
			[]string{"The mayors of six towns\nmet in the old hall and agreed\non a plan."}},
		{"punctuated line continues", "The mayors met in Tallinn,\nThe Hague and Oslo.",
			[]string{"The mayors met in Tallinn,\nThe Hague and Oslo."}},
	}
	an := testAnalyzer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := an.sentences(tt.text)
			var got []string
			for i, s := range sents {
				got = append(got, s.Text)
				if s.Index != i || tt.text[s.Start:s.Start+len(s.Text)] != s.Text {
					t.Errorf("sentence %d: index %d, offset %d does not give %q", i, s.Index, s.Start, s.Text)
				}
				for _, tk := range s.Tokens {
					if tt.text[tk.Start:tk.End()] != tk.Text {
						t.Errorf("token %q at %d: text there is %q", tk.Text, tk.Start, tt.text[tk.Start:tk.End()])
					}
				}
			}
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
				t.Errorf("sentences of %q:\n got  %q\n want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestExtractControlAndNounRelations checks in article mode that the
// subject of an infinitive after "his intention" is the possessor's
// referent, and that "initiate calls with X" is one relation with object X.
func TestExtractControlAndNounRelations(t *testing.T) {
	ex := testExtractor(t)
	text := "Tomas Brun declared his intention to speak with Lisa Holt. Later, Lisa Holt will initiate calls with Greta Moss. Greta Moss announced her plan to visit Tallinn."
	res, err := ex.Extract(context.Background(), "t", text)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, text, res)
	want := map[string]bool{"Tomas Brun|speak with|Lisa Holt": false, "Lisa Holt|call|Greta Moss": false, "Greta Moss|visit|Tallinn": false}
	for _, tr := range res.Triples {
		k := tr.Subject.Name + "|" + tr.Relation.Lemma + "|" + tr.Object.Name
		if _, ok := want[k]; ok {
			want[k] = true
		}
		if tr.Relation.Lemma == "call" {
			if !strings.Contains(tr.Relation.Text, "initiate calls with") {
				t.Errorf("call relation text %q, want it to contain %q", tr.Relation.Text, "initiate calls with")
			}
			for _, x := range tr.Extra {
				if strings.HasPrefix(x.Text, "with") {
					t.Errorf("object repeated as extra argument %q", x.Text)
				}
			}
		}
		if strings.EqualFold(tr.Subject.Text, "his") && tr.Subject.Start != strings.Index(text, "his") {
			t.Errorf("possessor span at %d", tr.Subject.Start)
		}
	}
	for k, found := range want {
		if !found {
			var got []string
			for _, tr := range res.Triples {
				got = append(got, tr.Subject.Name+"|"+tr.Relation.Lemma+"|"+tr.Object.Name)
			}
			t.Errorf("missing %s; got %q", k, got)
		}
	}
}
