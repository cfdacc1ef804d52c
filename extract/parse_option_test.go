package extract

import (
	"context"
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
	if err := ex.loadSyntax(); err != nil {
		t.Fatal(err)
	}
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

// TestSyntaxLoadsLazily: lines mode and the patterns path never decode the
// parser's models; the first article-mode Extract does, once.
func TestSyntaxLoadsLazily(t *testing.T) {
	for _, tc := range []struct {
		name       string
		patterns   bool
		wantParser bool
	}{
		{"default", false, true},
		{"patterns", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := New(Options{Patterns: tc.patterns})
			if err != nil {
				t.Fatal(err)
			}
			if ex.parser != nil || ex.tagger != nil {
				t.Fatal("New decoded the syntax models")
			}
			if _, err := ex.ExtractLine(context.Background(), "Ria Okafor founded a bakery in Lagos ."); err != nil {
				t.Fatal(err)
			}
			if ex.parser != nil {
				t.Fatal("lines mode decoded the parser")
			}
			if _, err := ex.Extract(context.Background(), "doc", "Ria Okafor founded a bakery in Lagos."); err != nil {
				t.Fatal(err)
			}
			if got := ex.parser != nil && ex.tagger != nil; got != tc.wantParser {
				t.Fatalf("after Extract: parser loaded = %v, want %v", got, tc.wantParser)
			}
		})
	}
}
