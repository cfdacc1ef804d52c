package syntax

import (
	"bufio"
	"bytes"
	"errors"
	"slices"
	"testing"
)

// TestReadDense3 checks that decoding a transition model straight into
// its table (batched, on or off the Go heap) gives the table buildDense3
// makes from the same features.
func TestReadDense3(t *testing.T) {
	many := make([]uint64, 300) // more than one batch
	for i := range many {
		many[i] = uint64(i+1) * 0x10001
	}
	cases := []struct {
		name string
		keys []uint64
	}{
		{"empty", nil},
		{"one feature", []uint64{42}},
		{"same home slot", []uint64{1 << 40, 2 << 40, 3 << 40, 3<<40 + 1}},
		{"several batches", many},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := make([][3]float32, len(c.keys))
			for i := range w {
				w[i] = [3]float32{float32(i), -0.5, float32(i) / 4}
			}
			var buf bytes.Buffer
			bw := bufio.NewWriter(&buf)
			writeDense3(bw, c.keys, w)
			bw.Flush()
			want := buildDense3(c.keys, w, false)
			for _, static := range []bool{false, true} {
				r := &byteReader{b: buf.Bytes(), static: static}
				end, err := skipDense3(r)
				if err != nil || end != buf.Len() {
					t.Fatalf("skipDense3 = %d, %v; want %d", end, err, buf.Len())
				}
				got, err := readDense3(r)
				if err != nil {
					t.Fatal(err)
				}
				if r.off != buf.Len() || got.mask != want.mask || !slices.Equal(got.slots, want.slots) {
					t.Errorf("static %v: table differs from buildDense3's (read to %d of %d)", static, r.off, buf.Len())
				}
			}
		})
	}
}

// TestParserModelDamaged: a cut or corrupted parser model is an error,
// never a panic or a half-read parser.
func TestParserModelDamaged(t *testing.T) {
	_, p := mustModels(t) // Load has released the embedded bytes' pages
	head := len(parserMagic)
	labels := &byteReader{b: parserModel, off: head}
	if _, err := readStrings(labels); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"header only", parserModel[:head]},
		{"cut in the transition model", parserModel[:len(parserModel)/3]},
		{"cut in the label model", parserModel[:len(parserModel)-1000]},
		{"feature count too large", append(slices.Clone(parserModel[:labels.off]), 0xff, 0xff, 0xff, 0xff, 0x0f)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := parseParser(c.data, false); !errors.Is(err, errBadModel) {
				t.Errorf("got %v, want errBadModel", err)
			}
		})
	}
	t.Run("whole model read again after its pages were released", func(t *testing.T) {
		again, err := parseParser(parserModel, false)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(again.trans.slots, p.trans.slots) || !slices.Equal(again.lab.ent, p.lab.ent) {
			t.Error("the embedded model decodes differently after Load")
		}
	})
}
