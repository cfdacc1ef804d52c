package syntax

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestRowIndex(t *testing.T) {
	x := newRowIndex(4) // small: puts must grow it several times
	const n = 5000
	key := func(i int) uint64 { return mix(uint64(i)+1) | 1 }
	for i := 0; i < n; i++ {
		if r := x.get(key(i)); r != -1 {
			t.Fatalf("get(%d) before put = %d, want -1", i, r)
		}
		x.put(key(i), int32(i))
	}
	if x.n != n || 2*x.n > len(x.slots) {
		t.Fatalf("n = %d in %d slots", x.n, len(x.slots))
	}
	for i := 0; i < n; i++ {
		if r := x.get(key(i)); r != int32(i) {
			t.Fatalf("get(%d) = %d", i, r)
		}
	}
	even := x.sorted(func(r int32) bool { return r%2 == 0 })
	if len(even) != n/2 {
		t.Fatalf("sorted kept %d, want %d", len(even), n/2)
	}
	for i, s := range even {
		if s.row%2 != 0 || s.key != key(int(s.row)) {
			t.Fatalf("sorted[%d] = %+v", i, s)
		}
		if i > 0 && even[i-1].key >= s.key {
			t.Fatalf("sorted not ascending at %d", i)
		}
	}
}

func TestPerceptronAverage(t *testing.T) {
	p := newPerceptron(3)
	f := []uint64{feat1(1, 7), feat1(2, 9)}
	var sc [3]float64
	// instance 1: update class 2 up, class 0 down; instance 2: no update;
	// instance 3: feature 1 alone, class 2 up again.
	p.tick()
	p.update(f, 2, 1)
	p.update(f, 0, -1)
	p.score(f, sc[:])
	if sc != [3]float64{-2, 0, 2} {
		t.Fatalf("scores after one update = %v", sc)
	}
	p.tick()
	p.tick()
	p.update(f[:1], 2, 1)
	p.score(f, sc[:])
	if sc != [3]float64{-2, 0, 3} {
		t.Fatalf("scores after two updates = %v", sc)
	}
	p.tick() // now = 4
	// Feature 1, class 2: weight 0 for instance 1, 1 for 2-3, 2 for 4: (0+1+1+2)/4.
	keys, w := p.averageDense3(1, 1e-3)
	if len(keys) != 2 {
		t.Fatalf("averaged %d features, want 2", len(keys))
	}
	got := map[uint64][3]float32{keys[0]: w[0], keys[1]: w[1]}
	if g := got[f[0]]; g != [3]float32{-0.75, 0, 1} {
		t.Errorf("feature 1 averaged to %v", g)
	}
	if g := got[f[1]]; g != [3]float32{-0.75, 0, 0.75} {
		t.Errorf("feature 2 averaged to %v", g)
	}
	// minUpd 3 drops feature 2 (two updates) and keeps feature 1 (three).
	if keys, _ := p.averageDense3(3, 1e-3); len(keys) != 1 || keys[0] != f[0] {
		t.Errorf("minUpd 3 kept %v", keys)
	}
	if m := p.average(1, 1e-3); m.features() != 2 {
		t.Errorf("sparse average has %d features", m.features())
	}
}

// trainSents are small hand-made training sentences: word|TAG|head|label,
// heads 1-based with 0 for the root.
var trainSents = []string{
	"The|DT|2|det dog|NN|3|nsubj barked|VBD|0|root .|.|3|punct",
	"A|DT|2|det cat|NN|3|nsubj slept|VBD|0|root on|IN|6|case the|DT|6|det mat|NN|3|obl .|.|3|punct",
	"Birds|NNS|2|nsubj sing|VBP|0|root loudly|RB|2|advmod .|.|2|punct",
	"My|PRP$|2|nmod:poss sister|NN|3|nsubj reads|VBZ|0|root old|JJ|5|amod books|NNS|3|obj .|.|3|punct",
	"The|DT|3|det old|JJ|3|amod man|NN|4|nsubj sold|VBD|0|root his|PRP$|6|nmod:poss boat|NN|4|obj .|.|4|punct",
}

func parseTrainSents(t *testing.T) []*Sentence {
	t.Helper()
	var out []*Sentence
	for _, line := range trainSents {
		s := &Sentence{}
		for _, tok := range strings.Fields(line) {
			f := strings.Split(tok, "|")
			h, err := strconv.Atoi(f[2])
			if len(f) != 4 || err != nil {
				t.Fatalf("bad token %q", tok)
			}
			s.Form = append(s.Form, f[0])
			s.XPOS = append(s.XPOS, f[1])
			s.Head = append(s.Head, h-1)
			s.Deprel = append(s.Deprel, f[3])
		}
		out = append(out, s)
	}
	return out
}

// TestTrainDeterministic trains a tagger and parser twice on the same
// sentences: the written models must be the same bytes, and a model this
// small must fit its training data.
func TestTrainDeterministic(t *testing.T) {
	sents := parseTrainSents(t)
	train := func() ([]byte, []byte, *Tagger, *Parser) {
		tg := TrainTagger(sents, TaggerTrainOptions{Epochs: 10, Seed: 3})
		p := TrainParser(sents, ParserTrainOptions{Epochs: 15, Seed: 3})
		var tb, pb bytes.Buffer
		if _, err := tg.WriteTo(&tb); err != nil {
			t.Fatal(err)
		}
		if _, err := p.WriteTo(&pb); err != nil {
			t.Fatal(err)
		}
		return tb.Bytes(), pb.Bytes(), tg, p
	}
	tb1, pb1, tg, p := train()
	tb2, pb2, _, _ := train()
	if !bytes.Equal(tb1, tb2) || !bytes.Equal(pb1, pb2) {
		t.Fatalf("two trainings wrote different models")
	}
	for _, s := range sents {
		if got := tg.Tag(s.Form, nil); !slices.Equal(got, s.XPOS) {
			t.Errorf("tags of %q = %v, want %v", s.Form, got, s.XPOS)
		}
		var tr Tree
		p.Parse(s.Form, s.XPOS, &tr)
		if !slices.Equal(tr.Head, s.Head) || !slices.Equal(tr.Label, s.Deprel) {
			t.Errorf("parse of %q = %v %v, want %v %v", s.Form, tr.Head, tr.Label, s.Head, s.Deprel)
		}
	}
}
