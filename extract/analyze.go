package extract

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"

	"github.com/kgb-dev/kgb/extract/prosetag"
)

// Caps that keep every step linear in the input. A "sentence" longer than
// maxSentTokens (a table, a run of commas, binary junk) is cut into chunks
// before tagging; the rules only ever look a bounded distance left or right.
const (
	maxSentTokens = 120
	maxArgTokens  = 40
)

// analyzer owns prose's models, loaded once per Extractor. Safe for
// concurrent use: prose's segmenter and tokenizer are, and so is the
// tagger (prose's perceptron with hashed lookups, package prosetag).
type analyzer struct {
	seg *segment.Segmenter
	tok *tokenize.Tokenizer
	tag *prosetag.Tagger
}

func newAnalyzer() (*analyzer, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, err
	}
	tg, err := prosetag.Load()
	if err != nil {
		return nil, err
	}
	return &analyzer{seg: seg, tok: tokenize.New(), tag: tg}, nil
}

// sentences splits a document into analysed sentences. Offsets are into doc.
func (a *analyzer) sentences(doc string) []*sentence {
	var out []*sentence
	for _, blk := range blocks(doc) {
		out = a.blockSentences(doc, blk, out, true)
	}
	return out
}

// Token is one token of a sentence with its byte offsets in the document.
type Token struct {
	Text       string
	Start, End int
}

// Segmenter splits documents into sentences and tokens exactly as
// extraction does (blocks, prose's segmenter and tokenizer, overlong
// sentences cut into chunks), without tagging. Safe for concurrent use.
type Segmenter struct{ an *analyzer }

// NewSegmenter loads the segmenter.
func NewSegmenter() (*Segmenter, error) {
	an, err := newAnalyzer()
	if err != nil {
		return nil, fmt.Errorf("load prose models: %w", err)
	}
	return &Segmenter{an: an}, nil
}

// Sentences returns doc's sentences as tokens with offsets into doc.
func (sg *Segmenter) Sentences(doc string) [][]Token {
	var sents []*sentence
	for _, blk := range blocks(doc) {
		sents = sg.an.blockSentences(doc, blk, sents, false)
	}
	out := make([][]Token, len(sents))
	for i, s := range sents {
		toks := make([]Token, len(s.Tokens))
		for j, t := range s.Tokens {
			toks[j] = Token{Text: t.Text, Start: t.Start, End: t.End()}
		}
		out[i] = toks
	}
	return out
}

// blocks splits a document into paragraphs that sentences never cross:
// at blank lines, and after a line without final punctuation (a headline
// or a list item) followed by a line that opens a sentence (a capital, a
// digit, an opening quote or bracket) or itself 100 bytes or longer (text
// with such lines is not hard-wrapped). A short line followed by a
// lower-case one is wrapped prose and does not split.
func blocks(doc string) [][2]int {
	var out [][2]int
	start := 0
	pos := 0
	for pos < len(doc) {
		nl := strings.IndexByte(doc[pos:], '\n')
		if nl < 0 {
			break
		}
		lineEnd := pos + nl
		line := strings.TrimSpace(doc[pos:lineEnd])
		next := lineEnd + 1
		rest := strings.TrimLeft(doc[next:], " \t\r")
		split := false
		switch {
		case line == "":
			split = true
		case strings.HasPrefix(rest, "\n") || strings.HasPrefix(rest, "\r\n"):
			split = true
		case !strings.ContainsAny(line[len(line)-1:], ".!?,;:"):
			// A line without final punctuation is a headline or a list
			// item when the next line opens a new sentence. A long line
			// is never hard-wrapped prose, so it ends a sentence whatever
			// follows.
			r, _ := utf8.DecodeRuneInString(rest)
			split = len(line) >= 100 || unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'([«", r)
		}
		if split {
			if lineEnd > start {
				out = append(out, [2]int{start, lineEnd})
			}
			start = next
		}
		pos = next
	}
	if start < len(doc) {
		out = append(out, [2]int{start, len(doc)})
	}
	return out
}

// blockSentences appends the analysed sentences of doc[blk[0]:blk[1]].
func (a *analyzer) blockSentences(doc string, blk [2]int, out []*sentence, tag bool) []*sentence {
	for _, ps := range a.seg.Segment(doc[blk[0]:blk[1]]) {
		ps.Start += blk[0]
		toks := a.tokenize(ps.Text, ps.Start)
		// Split overlong sentences so that the tagger and the rules stay
		// cheap and the pieces stay meaningful.
		for len(toks) > 0 {
			n := len(toks)
			if n > maxSentTokens {
				n = maxSentTokens
			}
			part := toks[:n]
			toks = toks[n:]
			start := part[0].Start
			end := part[len(part)-1].End()
			s := &sentence{Index: len(out), Start: start, Text: doc[start:end], Tokens: part}
			if tag {
				a.tagSentence(s, nil)
			}
			out = append(out, s)
		}
	}
	return out
}

// lineSentence analyses one pre-tokenised line (CaRB lines mode): tokens are
// the space-separated fields of the line; PTB escapes are mapped to plain
// characters for the tagger only.
func (a *analyzer) lineSentence(line string) *sentence {
	var toks []token.Token
	i := 0
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		j := i
		for j < len(line) && line[j] != ' ' && line[j] != '\t' {
			j++
		}
		if j > i {
			toks = append(toks, token.Token{Text: line[i:j], Start: i})
		}
		i = j
	}
	s := &sentence{Text: line, Tokens: toks}
	if len(toks) > maxSentTokens*4 {
		s.Tokens = toks[:maxSentTokens*4]
	}
	a.tagSentence(s, ptbUnescape)
	return s
}

// tagSentence POS-tags s.Tokens in place, then fixes the tags of
// punctuation by its text: prose tags quote marks as verbs.
func (a *analyzer) tagSentence(s *sentence, mapText func(string) string) {
	toks := s.Tokens
	for from := 0; from < len(toks); from += maxSentTokens {
		to := from + maxSentTokens
		if to > len(toks) {
			to = len(toks)
		}
		tmp := make([]token.Token, to-from)
		for i := range tmp {
			t := toks[from+i].Text
			if mapText != nil {
				t = mapText(t)
			}
			tmp[i].Text = normQuote(t)
		}
		a.tag.TagTokens(tmp)
		for i := range tmp {
			toks[from+i].Tag = fixTag(toks[from+i].Text, tmp[i].Text, tmp[i].Tag)
		}
	}
}

var ptbMap = map[string]string{
	"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
	"``": `"`, "''": `"`,
}

func ptbUnescape(t string) string {
	if m, ok := ptbMap[t]; ok {
		return m
	}
	return t
}

// normQuote maps typographic quotes to ASCII for the tagger.
func normQuote(t string) string {
	switch t {
	case "“", "”", "„", "«", "»":
		return `"`
	case "‘", "’":
		return "'"
	}
	if strings.ContainsRune(t, '’') {
		return strings.ReplaceAll(t, "’", "'")
	}
	return t
}

// fixTag returns the tag to use for a token: punctuation gets a tag derived
// from its text, whatever the model said.
func fixTag(orig, mapped, tg string) string {
	hasAlnum := false
	for _, r := range mapped {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			hasAlnum = true
			break
		}
	}
	if !hasAlnum {
		switch mapped {
		case `"`, "``", "''", "'", "`":
			if orig == "``" {
				return "``"
			}
			return "''"
		case ",":
			return ","
		case ".", "!", "?", "...", "…":
			return "."
		case ":", ";", "--", "-", "—", "–":
			return ":"
		case "(", "[", "{":
			return "("
		case ")", "]", "}":
			return ")"
		case "$", "£", "€", "#":
			return "$"
		case "%":
			return "NN"
		case "&":
			return "CC"
		}
		return "SYM"
	}
	if !utf8.ValidString(orig) {
		return "SYM"
	}
	switch strings.ToLower(mapped) {
	case "n't", "not", "never":
		return "RB"
	case "'s":
		if tg != "VBZ" {
			return "POS"
		}
	}
	return tg
}

// longRun is the length beyond which a run of non-space bytes is split by
// tokenizeRun instead of prose's tokenizer, whose affix splitting is
// quadratic in the length of a run (",,,,,..." or binary junk).
const longRun = 64

// tokenize tokenises text (found at offset base of the document) with
// prose, except for overlong runs without spaces.
func (a *analyzer) tokenize(text string, base int) []token.Token {
	var out []token.Token
	from := 0 // start of the pending normal region
	i := 0
	for i < len(text) {
		if text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' && text[j] != '\r' {
			j++
		}
		if j-i > longRun {
			out = appendTokens(out, a.tok.Tokenize(text[from:i]), base+from)
			out = tokenizeRun(out, text[i:j], base+i)
			from = j
		}
		i = j
	}
	return appendTokens(out, a.tok.Tokenize(text[from:]), base+from)
}

func appendTokens(out, toks []token.Token, base int) []token.Token {
	for _, t := range toks {
		t.Start += base
		out = append(out, t)
	}
	return out
}

// tokenizeRun splits a long run into letter/digit runs (at most longRun
// bytes each) and single other characters, in linear time.
func tokenizeRun(out []token.Token, run string, base int) []token.Token {
	i := 0
	for i < len(run) {
		r, size := utf8.DecodeRuneInString(run[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j := i + size
			for j < len(run) && j-i < longRun {
				r2, s2 := utf8.DecodeRuneInString(run[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) {
					break
				}
				j += s2
			}
			out = append(out, token.Token{Text: run[i:j], Start: base + i})
			i = j
			continue
		}
		out = append(out, token.Token{Text: run[i : i+size], Start: base + i})
		i += size
	}
	return out
}
