package syntax

import (
	_ "embed" // the default models
	"sync"
)

// The default models, trained on UD English EWT by scripts/train-parser.sh
// (CC BY-SA 4.0, see model/NOTICE).
var (
	//go:embed model/tagger.bin
	taggerModel []byte
	//go:embed model/parser.bin
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
	parserOnce.Do(func() {
		parser, parserErr = parseParser(parserModel, true)
		releasePages(parserModel) // decoded: nothing keeps pointers into it
	})
	return parser, parserErr
}

// LoadTagger returns the embedded default tagger, decoded on first use.
// The Tagger is shared and safe for concurrent use.
func LoadTagger() (*Tagger, error) {
	taggerOnce.Do(func() {
		tagger, taggerErr = parseTagger(taggerModel, true)
		releasePages(taggerModel)
	})
	return tagger, taggerErr
}

// LoadAll returns the default tagger and parser, decoding them in parallel
// on first use.
func LoadAll() (*Tagger, *Parser, error) {
	var (
		tg  *Tagger
		err error
		wg  sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		tg, err = LoadTagger()
	}()
	p, perr := Load()
	wg.Wait()
	if err != nil {
		return nil, nil, err
	}
	if perr != nil {
		return nil, nil, perr
	}
	return tg, p, nil
}
