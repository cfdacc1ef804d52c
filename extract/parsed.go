package extract

import (
	"context"

	"github.com/kgb-dev/kgb/extract/syntax"
)

// ParsedSentence is one sentence as article mode reads it: its tokens, the
// Penn Treebank tags the parser saw (kgb's tagger after extraction's tag
// repairs) and the dependency tree.
type ParsedSentence struct {
	Tokens []Token
	Tags   []string
	Tree   syntax.Tree
}

// Parse returns the sentences of doc with the tags and trees article-mode
// extraction reads, so that users writing rules, and we debugging them,
// see the tree the rules saw (kgb parse --as-extracted). It returns
// ctx.Err() if ctx is cancelled (checked between sentences).
func (e *Extractor) Parse(ctx context.Context, doc string) ([]ParsedSentence, error) {
	if err := e.loadSyntax(); err != nil {
		return nil, err
	}
	sents := e.an.sentences(doc)
	out := make([]ParsedSentence, 0, len(sents))
	var words []string
	for _, s := range sents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		words = e.parseSentence(s, words)
		ps := ParsedSentence{Tokens: make([]Token, len(s.Tokens)), Tags: s.PTB,
			Tree: syntax.Tree{Head: append([]int(nil), s.Tree.Head...), Label: append([]string(nil), s.Tree.Label...)}}
		for j, t := range s.Tokens {
			ps.Tokens[j] = Token{Text: t.Text, Start: t.Start, End: t.End()}
		}
		out = append(out, ps)
	}
	return out, nil
}
