package extract

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestParseOptionKeepsOutput: Options.Parse runs kgb's tagger and parser on
// every sentence without changing what Extract returns, and every sentence
// gets a well-formed tree over its tokens.
func TestParseOptionKeepsOutput(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	plain := testExtractor(t)
	withParse, err := New(Options{Parse: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := plain.Extract(context.Background(), f, string(b))
			if err != nil {
				t.Fatal(err)
			}
			got, err := withParse.Extract(context.Background(), f, string(b))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("Parse changed the output")
			}
			sents := withParse.an.sentences(string(b))
			var words []string
			for _, s := range sents {
				words = withParse.parseSentence(s, words)
				if s.Tree.Len() != len(s.Tokens) || len(s.PTB) != len(s.Tokens) {
					t.Fatalf("sentence %d: %d tokens, tree over %d, %d tags", s.Index, len(s.Tokens), s.Tree.Len(), len(s.PTB))
				}
				if err := s.Tree.Validate(); err != nil {
					t.Errorf("sentence %d: %v", s.Index, err)
				}
			}
		})
	}
}
