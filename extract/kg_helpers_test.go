package extract

import (
	"sync"
	"testing"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"
)

// kgTestPipeline is a test-only analyser: prose v3 tokenize + segment + tag,
// producing the sentence values the Open IE core hands to the KG layer.
var kgTestPipeline = sync.OnceValues(func() (*tag.Tagger, error) { return tag.New() })

// analyseForKG splits doc into tagged sentences (test helper).
func analyseForKG(t testing.TB, doc string) []*sentence {
	t.Helper()
	tg, err := kgTestPipeline()
	if err != nil {
		t.Fatalf("tagger: %v", err)
	}
	seg, err := segment.New()
	if err != nil {
		t.Fatalf("segmenter: %v", err)
	}
	tk := tokenize.New()
	var out []*sentence
	for _, ss := range seg.Segment(doc) {
		toks := tk.Tokenize(ss.Text)
		for i := range toks {
			toks[i].Start += ss.Start
		}
		tg.TagTokens(toks)
		out = append(out, &sentence{Index: len(out), Start: ss.Start, Text: ss.Text, Tokens: append([]token.Token(nil), toks...)})
	}
	return out
}
