package syntax

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/kgb-dev/kgb/internal/evaldata"
)

var update = flag.Bool("update", false, "rewrite golden files")

func mustModels(tb testing.TB) (*Tagger, *Parser) {
	tb.Helper()
	tg, err := LoadTagger()
	if err != nil {
		tb.Fatalf("load tagger: %v", err)
	}
	p, err := Load()
	if err != nil {
		tb.Fatalf("load parser: %v", err)
	}
	return tg, p
}

type caseSentence struct {
	name  string
	words []string
}

func readCases(tb testing.TB) []caseSentence {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "sentences.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []caseSentence
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		name, text, ok := strings.Cut(line, "\t")
		if !ok {
			tb.Fatalf("bad line %q", line)
		}
		out = append(out, caseSentence{name, strings.Fields(text)})
	}
	return out
}

// TestGolden parses the test sentences and compares the whole output with
// testdata/golden.conllu (rewrite with -update), and checks the
// hand-written arcs of testdata/expect.txt, which hold whatever the model.
func TestGolden(t *testing.T) {
	tg, p := mustModels(t)
	cases := readCases(t)
	var buf bytes.Buffer
	parsed := map[string]*Sentence{}
	for _, c := range cases {
		tags := tg.Tag(c.words, nil)
		var tr Tree
		p.Parse(c.words, tags, &tr)
		if err := tr.Validate(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		s := &Sentence{Comments: []string{"name = " + c.name}, Form: c.words, XPOS: tags, Head: tr.Head, Deprel: tr.Label}
		parsed[c.name] = s
		if err := WriteCoNLLU(&buf, s); err != nil {
			t.Fatal(err)
		}
	}
	golden := filepath.Join("testdata", "golden.conllu")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		t.Errorf("parses differ from %s (rerun with -update after checking):\n%s", golden, buf.String())
	}

	f, err := os.Open(filepath.Join("testdata", "expect.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		name, arc, _ := strings.Cut(line, "\t")
		fs := strings.Fields(arc)
		if len(fs) != 3 {
			t.Fatalf("bad expectation %q", sc.Text())
		}
		t.Run(name+"/"+strings.Join(fs, "_"), func(t *testing.T) {
			s := parsed[name]
			if s == nil {
				t.Fatalf("no sentence %q", name)
			}
			find := func(w string) int {
				for i, f := range s.Form {
					if f == w {
						return i
					}
				}
				t.Fatalf("no word %q in %s", w, name)
				return -1
			}
			d := find(fs[2])
			wantHead := -1
			if fs[1] != "-" {
				wantHead = find(fs[1])
			}
			if s.Head[d] != wantHead || s.Deprel[d] != fs[0] {
				got := "ROOT"
				if s.Head[d] >= 0 {
					got = s.Form[s.Head[d]]
				}
				t.Errorf("%s: %s has head %s (%s), want %s (%s)", name, fs[2], got, s.Deprel[d], fs[1], fs[0])
			}
		})
	}
}

// TestParseAnyInput: any token and tag sequence gives a valid tree.
func TestParseAnyInput(t *testing.T) {
	_, p := mustModels(t)
	rng := rand.New(rand.NewSource(7))
	long := make([]string, 500)
	longTags := make([]string, 500)
	vocab := []string{"the", "cat", ",", "sat", "on", "mat", ".", "and", "XYZZY", "", "\x00", "日本", "(", ")"}
	tagset := []string{"DT", "NN", ",", "VBD", "IN", ".", "CC", "??", "", "NNP", "-LRB-"}
	for i := range long {
		long[i] = vocab[rng.Intn(len(vocab))]
		longTags[i] = tagset[rng.Intn(len(tagset))]
	}
	for _, tc := range []struct {
		name        string
		words, tags []string
	}{
		{"empty", nil, nil},
		{"one", []string{"Hello"}, []string{"UH"}},
		{"one-no-tags", []string{"Hello"}, nil},
		{"unknown-tags", []string{"a", "b", "c"}, []string{"X1", "X2", "X3"}},
		{"short-tags", []string{"a", "b", "c", "d"}, []string{"DT"}},
		{"all-punct", []string{".", ".", ".", "."}, []string{".", ".", ".", "."}},
		{"500", long, longTags},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tr Tree
			p.Parse(tc.words, tc.tags, &tr)
			if tr.Len() != len(tc.words) {
				t.Fatalf("tree over %d tokens, want %d", tr.Len(), len(tc.words))
			}
			if err := tr.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	_, p := mustModels(f)
	tg, _ := mustModels(f)
	f.Add("", "")
	f.Add("Hello", "UH")
	f.Add("The cat sat on the mat .", "DT NN VBD IN DT NN .")
	f.Add(strings.Repeat("a , ", 250), strings.Repeat("?? X ", 250))
	f.Fuzz(func(t *testing.T, text, tagText string) {
		words := strings.Fields(text)
		tags := strings.Fields(tagText)
		var tr Tree
		p.Parse(words, tags, &tr)
		if tr.Len() != len(words) {
			t.Fatalf("tree over %d tokens, want %d", tr.Len(), len(words))
		}
		if err := tr.Validate(); err != nil {
			t.Fatal(err)
		}
		// the tagger's tags too
		tags = tg.Tag(words, tags)
		if len(tags) != len(words) {
			t.Fatalf("%d tags for %d words", len(tags), len(words))
		}
		p.Parse(words, tags, &tr)
		if err := tr.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

// readEWT reads a split of UD English EWT from the evaluation data
// ($KGB_EVAL_DATA/corpora/ud-ewt): skips loudly when missing, fails under
// CI=true.
func readEWT(tb testing.TB, split string) []*Sentence {
	tb.Helper()
	f, err := os.Open(evaldata.Path(tb, "corpora/ud-ewt/en_ewt-ud-"+split+".conllu"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	s, err := ReadCoNLLU(f)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestRecordedDevFigures: the committed models reproduce the dev figures
// the training command recorded in model/dev.json.
func TestRecordedDevFigures(t *testing.T) {
	dev := readEWT(t, "dev")
	raw, err := os.ReadFile(filepath.Join("model", "dev.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec Scores
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	tg, p := mustModels(t)
	var e Eval
	var tr Tree
	var tags []string
	for _, s := range dev {
		tags = tg.Tag(s.Form, tags)
		p.Parse(s.Form, tags, &tr)
		e.Add(s, tags, &tr)
	}
	got := e.Scores()
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"las", got.LAS, rec.LAS}, {"uas", got.UAS, rec.UAS}, {"las_full", got.LASFull, rec.LASFull}, {"xpos", got.XPOS, rec.XPOS}} {
		if math.Abs(c.got-c.want) > 0.1 {
			t.Errorf("dev %s %.2f, recorded %.2f", c.name, c.got, c.want)
		}
	}
	if got.Tokens != rec.Tokens {
		t.Errorf("dev tokens %d, recorded %d", got.Tokens, rec.Tokens)
	}
	t.Logf("dev: UAS %.2f LAS %.2f las_full %.2f xpos %.2f", got.UAS, got.LAS, got.LASFull, got.XPOS)
}

// TestDevOutputDigest: the tags, heads and labels the committed models
// give on every EWT dev sentence hash to testdata/ewt-dev.sha256, so a
// speed-up that changes any decision fails here (rewrite with -update
// after a retrain; only the digest is stored, not the treebank's data).
func TestDevOutputDigest(t *testing.T) {
	dev := readEWT(t, "dev")
	tg, p := mustModels(t)
	h := sha256.New()
	var tr Tree
	var tags []string
	for _, s := range dev {
		tags = tg.Tag(s.Form, tags)
		p.Parse(s.Form, tags, &tr)
		fmt.Fprintln(h, tags, tr.Head, tr.Label)
	}
	got := hex.EncodeToString(h.Sum(nil)) + "\n"
	file := filepath.Join("testdata", "ewt-dev.sha256")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if string(want) != got {
		t.Errorf("EWT dev output digest %s, recorded %s", strings.TrimSpace(got), strings.TrimSpace(string(want)))
	}
}

func TestCoNLLURoundTrip(t *testing.T) {
	in := "# sent_id = x1\n# text = Cats sleep.\n1\tCats\tcat\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t2:nsubj\t_\n" +
		"2-3\tsleep.\t_\t_\t_\t_\t_\t_\t_\t_\n2\tsleep\tsleep\tVERB\tVBP\t_\t0\troot\t0:root\tSpaceAfter=No\n" +
		"2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t2:punct\t_\n\n"
	ss, err := ReadCoNLLU(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 || ss[0].Len() != 3 {
		t.Fatalf("got %d sentences", len(ss))
	}
	s := ss[0]
	if s.Head[0] != 1 || s.Head[1] != -1 || s.Deprel[2] != "punct" || s.XPOS[1] != "VBP" {
		t.Fatalf("bad parse: %+v", s)
	}
	var out bytes.Buffer
	if err := WriteCoNLLU(&out, s); err != nil {
		t.Fatal(err)
	}
	ss2, err := ReadCoNLLU(&out)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss2) != 1 || strings.Join(ss2[0].Form, " ") != "Cats sleep ." || ss2[0].Comments[0] != "sent_id = x1" {
		t.Fatalf("round trip: %+v", ss2)
	}
	for _, bad := range []string{
		"1\tA\t_\t_\t_\t_\t5\tx\t_\t_\n\n",    // head out of range
		"1\tA\t_\t_\t_\n\n",                   // too few fields
		"2\tA\t_\t_\t_\t_\t0\troot\t_\t_\n\n", // id gap
	} {
		if _, err := ReadCoNLLU(strings.NewReader(bad)); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
}

// benchSentences are EWT dev's sentences tagged by kgb's tagger when the
// treebank is available, else the test sentences.
func benchSentences(b *testing.B) (words, tags [][]string, tokens int) {
	tg, _ := mustModels(b)
	root, err := evaldata.Root()
	if err != nil {
		b.Fatal(err)
	}
	if f, err := os.Open(filepath.Join(root, "corpora", "ud-ewt", "en_ewt-ud-dev.conllu")); err == nil {
		dev, err := ReadCoNLLU(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range dev {
			words = append(words, s.Form)
		}
	} else {
		b.Logf("EWT dev not found (%v): timing the test sentences", err)
		for _, c := range readCases(b) {
			words = append(words, c.words)
		}
	}
	for _, w := range words {
		tags = append(tags, tg.Tag(w, nil))
		tokens += len(w)
	}
	return words, tags, tokens
}

// BenchmarkParse times the parser alone (tags given). tokens/s is wall
// time; tokens/cpu-s counts only the CPU time of the benchmark's thread
// (Linux), which waiting for a core on a shared machine does not inflate.
func BenchmarkParse(b *testing.B) {
	_, p := mustModels(b)
	words, tags, tokens := benchSentences(b)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	b.ResetTimer()
	var tr Tree
	c0 := threadCPU()
	for i := 0; i < b.N; i++ {
		for j := range words {
			p.Parse(words[j], tags[j], &tr)
		}
	}
	cpu := threadCPU() - c0
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkLoad decodes the embedded models (what Load and LoadTagger do
// once per process).
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := parseParser(parserModel, false); err != nil {
			b.Fatal(err)
		}
		if _, err := parseTagger(taggerModel, false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTag(b *testing.B) {
	tg, _ := mustModels(b)
	cases := readCases(b)
	tokens := 0
	for _, c := range cases {
		tokens += len(c.words)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	b.ResetTimer()
	var tags []string
	c0 := threadCPU()
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			tags = tg.Tag(c.words, tags)
		}
	}
	cpu := threadCPU() - c0
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// TestConcurrentUse: one Parser and one Tagger shared by goroutines give
// the same trees as sequential use (run with -race).
func TestConcurrentUse(t *testing.T) {
	tg, p := mustModels(t)
	cases := readCases(t)
	want := make([]string, len(cases))
	for i, c := range cases {
		var tr Tree
		tags := tg.Tag(c.words, nil)
		p.Parse(c.words, tags, &tr)
		want[i] = fmt.Sprint(tags, tr.Head, tr.Label)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(cases))
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tr Tree
			var tags []string
			for k := 0; k < 20; k++ {
				for i, c := range cases {
					tags = tg.Tag(c.words, tags)
					p.Parse(c.words, tags, &tr)
					if got := fmt.Sprint(tags, tr.Head, tr.Label); got != want[i] {
						errs <- c.name + ": " + got
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
