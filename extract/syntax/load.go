package syntax

import (
	"bytes"
	_ "embed" // the default models
	"sync"
)

// The default models, trained on UD English EWT by scripts/train-parser.sh
// (CC BY-SA 4.0, see model/NOTICE).
var (
	//go:embed model/tagger.bin.gz
	taggerModel []byte
	//go:embed model/parser.bin.gz
	parserModel []byte
)

var (
	parserOnce sync.Once
	parser     *Parser
	parserErr  error
	taggerOnce sync.Once
	tagger     *Tagger
	taggerErr  error
)

// Load returns the embedded default parser, decoded on first use. The
// Parser is shared and safe for concurrent use.
func Load() (*Parser, error) {
	parserOnce.Do(func() { parser, parserErr = ReadParser(bytes.NewReader(parserModel)) })
	return parser, parserErr
}

// LoadTagger returns the embedded default tagger, decoded on first use.
// The Tagger is shared and safe for concurrent use.
func LoadTagger() (*Tagger, error) {
	taggerOnce.Do(func() { tagger, taggerErr = ReadTagger(bytes.NewReader(taggerModel)) })
	return tagger, taggerErr
}
