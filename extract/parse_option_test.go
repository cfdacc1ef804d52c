package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// TestParseTrees: article mode tags and parses every sentence (the parse
// path is the default since the clause reader), and every sentence gets a
// well-formed tree over its tokens.
func TestParseTrees(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	ex := testExtractor(t)
	if ex.parser == nil || ex.tagger == nil {
		t.Fatal("article mode has no parser by default")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var words []string
			for _, s := range ex.an.sentences(string(b)) {
				words = ex.parseSentence(s, words)
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
