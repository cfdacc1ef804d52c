package clauses

import (
	"bufio"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kgb-dev/kgb/extract/syntax"
)

var update = flag.Bool("update", false, "rewrite golden files")

// conllSent is one sentence of a CoNLL-U file (the columns the tests use).
type conllSent struct {
	Text                string
	Words, Lemmas, Tags []string
	Tree                syntax.Tree
}

// readCoNLLU is a minimal CoNLL-U reader for the tests: multiword ranges
// and empty nodes are skipped, heads become 0-based.
func readCoNLLU(t testing.TB, r io.Reader) []*conllSent {
	t.Helper()
	var out []*conllSent
	cur := &conllSent{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = &conllSent{}
	}
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "# text = "):
			cur.Text = strings.TrimPrefix(line, "# text = ")
		case strings.HasPrefix(line, "#"):
		default:
			f := strings.Split(line, "\t")
			if len(f) != 10 {
				t.Fatalf("bad conllu line %q", line)
			}
			if strings.ContainsAny(f[0], "-.") {
				continue
			}
			h, err := strconv.Atoi(f[6])
			if err != nil {
				t.Fatalf("bad head in %q", line)
			}
			cur.Words = append(cur.Words, f[1])
			cur.Lemmas = append(cur.Lemmas, f[2])
			cur.Tags = append(cur.Tags, f[4])
			cur.Tree.Head = append(cur.Tree.Head, h-1)
			cur.Tree.Label = append(cur.Tree.Label, f[7])
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func render(s *conllSent) string {
	var b strings.Builder
	b.WriteString("# " + strings.Join(s.Words, " ") + "\n")
	cs := Extract(&Sentence{Words: s.Words, Tags: s.Tags, Lemmas: s.Lemmas, Tree: &s.Tree})
	for i := range cs {
		b.WriteString(cs[i].Format(s.Words) + "\n")
	}
	return b.String()
}

// TestGolden reads the hand-written trees of testdata/*.conllu (our own
// sentences, one file per construction) and compares the clauses with
// testdata/*.golden.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.conllu")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".conllu")
		t.Run(name, func(t *testing.T) {
			fh, err := os.Open(f)
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			var b strings.Builder
			for _, s := range readCoNLLU(t, fh) {
				b.WriteString(render(s) + "\n")
			}
			gold := strings.TrimSuffix(f, ".conllu") + ".golden"
			if *update {
				if err := os.WriteFile(gold, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gold)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("clauses differ from %s:\n--- got\n%s--- want\n%s", gold, b.String(), want)
			}
		})
	}
}

// TestEWTDev runs every gold tree of UD EWT dev (from ../shared when
// present): no panic, and every argument range lies in its sentence.
func TestEWTDev(t *testing.T) {
	sents := ewtDev(t)
	total := 0
	var dump strings.Builder
	for _, s := range sents {
		cs := Extract(&Sentence{Words: s.Words, Tags: s.Tags, Lemmas: s.Lemmas, Tree: &s.Tree})
		total += len(cs)
		for _, c := range cs {
			for _, a := range append([]Arg{c.Subj}, c.Args...) {
				if a.From < 0 || a.To > len(s.Words) || a.From >= a.To || a.Ext < a.To || a.Ext > len(s.Words) || a.Head < a.From || a.Head >= a.To {
					t.Errorf("%q: bad arg %+v in %s", s.Text, a, c.Format(s.Words))
				}
			}
		}
		if os.Getenv("CLAUSES_DUMP") != "" {
			dump.WriteString(render(s) + "\n")
		}
	}
	if p := os.Getenv("CLAUSES_DUMP"); p != "" {
		if err := os.WriteFile(p, []byte(dump.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if total < len(sents)/2 {
		t.Errorf("only %d clauses over %d sentences", total, len(sents))
	}
	t.Logf("%d sentences, %d clauses", len(sents), total)
}

// ewtDev reads UD EWT dev from ../shared, skipping when it is absent.
func ewtDev(t testing.TB) []*conllSent {
	fh, err := os.Open("../../../shared/corpora/ud-ewt/en_ewt-ud-dev.conllu")
	if err != nil {
		t.Skip("UD EWT dev not present:", err)
	}
	defer fh.Close()
	return readCoNLLU(t, fh)
}
