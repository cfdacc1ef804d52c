package extract

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/kgb-dev/kgb/extract/syntax"
)

// Options configures an Extractor.
type Options struct {
	// KG configures the knowledge-graph layer of article mode.
	KG KGOptions
	// Patterns makes article mode read the flat POS patterns of lines mode
	// instead of the dependency parse (package syntax, then package
	// clauses): the pre-parser extractor, kept for comparison.
	Patterns bool
}

// Extractor turns text into triples. Build one per process with New: it
// loads prose's segmenter and tagger and the knowledge-graph data once. It
// is safe for concurrent use by multiple goroutines.
type Extractor struct {
	an *analyzer
	kg *kgModel
	// patterns (Options.Patterns) makes the POS patterns of lines mode
	// serve article mode too.
	patterns bool
	// tagger and parser drive article mode's syntactic path (kg_clauses.go).
	// They are decoded on the first article-mode Extract (loadSyntax), so
	// lines mode and the patterns path never pay for them.
	syntaxOnce sync.Once
	syntaxErr  error
	tagger     *syntax.Tagger
	parser     *syntax.Parser
}

// Result is what Extract found in one document.
type Result struct {
	Doc       string   // document name as given to Extract
	Sentences int      // number of sentences analysed
	Triples   []Triple // arguments resolved to canonical entities
	Entities  []Span   // entity mentions accepted by the resolver, deduplicated by Name+Type+Start
}

// LineTriple is one lines-mode (CaRB) extraction: surface relation and
// arguments as space-joined input tokens.
type LineTriple struct {
	Confidence float64
	Relation   string
	Args       []string // Args[0] is the subject; at least one
	Rules      []string
}

// New loads prose's models and the knowledge-graph data and returns an
// Extractor. The dependency parser's models are decoded lazily, on the first
// article-mode Extract that needs them.
func New(opts Options) (*Extractor, error) {
	an, err := newAnalyzer()
	if err != nil {
		return nil, fmt.Errorf("load prose models: %w", err)
	}
	kg, err := loadKG(opts.KG)
	if err != nil {
		return nil, fmt.Errorf("load knowledge-graph data: %w", err)
	}
	return &Extractor{an: an, kg: kg, patterns: opts.Patterns}, nil
}

// loadSyntax decodes the embedded tagger and parser once; every later call
// returns the first call's result.
func (e *Extractor) loadSyntax() error {
	e.syntaxOnce.Do(func() {
		tg, p, err := syntax.LoadAll()
		if err != nil {
			e.syntaxErr = fmt.Errorf("load syntax models: %w", err)
			return
		}
		e.tagger, e.parser = tg, p
	})
	return e.syntaxErr
}

// parseSentence fills s.PTB and s.Tree.
func (e *Extractor) parseSentence(s *sentence, words []string) []string {
	words = words[:0]
	for _, t := range s.Tokens {
		words = append(words, t.Text)
	}
	s.PTB = e.tagger.Tag(words, make([]string, 0, len(words)))
	repairTags(s, words)
	e.kg.repairOpeningName(s, words)
	e.kg.repairParticiples(s, words)
	repairBeat(s, words)
	e.kg.repairTitleTags(s, words)
	e.parser.Parse(words, s.PTB, &s.Tree)
	return words
}

// pronounRange reports whether r is one pronoun or wh-word ("he", "I",
// "who", "which").
func pronounRange(s *sentence, r tokRange) bool {
	if r.To-r.From != 1 || r.From < 0 || r.From >= len(s.Tokens) {
		return false
	}
	tag := s.tagAt(r.From)
	return strings.HasPrefix(tag, "PRP") || strings.HasPrefix(tag, "WP") || tag == "WDT" || s.Tokens[r.From].Text == "I"
}

// PanicError reports a bug in the rules caught while analysing a sentence.
// Extract skips such sentences and keeps going; it never panics.
type PanicError struct {
	Sentence string
	Value    any
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error analysing sentence %q: %v", e.Sentence, e.Value)
}

// safeExtract analyses one sentence and runs the rules on it, turning a
// panic into no candidates so a bug on one odd sentence never takes down a
// batch. It also returns the analysis for reuse (nil if analysing panicked).
func safeExtract(s *sentence) (si *sentInfo, cs []*cand) {
	defer func() {
		if r := recover(); r != nil {
			cs = nil
		}
	}()
	si = analyseSentence(s)
	return si, extractAnalysed(si)
}

// Extract analyses one document (article mode). doc names it in the
// triples; text is its content. It returns ctx.Err() if ctx is cancelled
// (checked between sentences).
func (e *Extractor) Extract(ctx context.Context, doc, text string) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	parse := !e.patterns
	if parse {
		if err := e.loadSyntax(); err != nil {
			return nil, err
		}
	}
	sents := e.an.sentences(text)
	res := &Result{Doc: doc, Sentences: len(sents)}
	var raws []rawTriple
	infos := make([]*sentInfo, len(sents)) // kept for the mention pass below
	var words []string
	for i, s := range sents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if parse {
			words = e.parseSentence(s, words)
			si, rs := e.safeClauses(s)
			infos[i] = si
			raws = append(raws, rs...)
			continue
		}
		si, cands := safeExtract(s)
		infos[i] = si
		for _, c := range cands {
			raws = append(raws, articleTriples(s, c)...)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := e.kg.newDocResolver(sents)
	res.Triples = make([]Triple, 0, len(raws))
	type entityKey struct {
		name, typ string
		start     int
	}
	seen := map[entityKey]bool{}
	type tripleKey struct {
		sent           int
		subj, rel, obj string
	}
	dup := map[tripleKey]bool{}
	addEntity := func(sp Span) {
		if sp.Type == TypeConcept {
			return
		}
		key := entityKey{sp.Name, sp.Type, sp.Start}
		if !seen[key] {
			seen[key] = true
			res.Entities = append(res.Entities, sp)
		}
	}
	for i := range raws {
		t := &raws[i]
		subj, sr, ok := r.Arg(t.Sent, t.Subj)
		if !ok {
			continue
		}
		if subj.Type == TypeConcept && t.SubjExt > t.Subj.To {
			if ext, er, ok := r.Arg(t.Sent, tokRange{t.Subj.From, t.SubjExt}); ok && ext.Type == TypeConcept {
				subj, sr = ext, er
			}
		}
		obj, or, ok := r.Arg(t.Sent, t.Obj)
		if !ok {
			continue
		}
		if obj.Type == TypeConcept && t.ObjExt > t.Obj.To {
			// "rumours [of a possible takeover]": a concept keeps its "of" phrase
			if ext, er, ok := r.Arg(t.Sent, tokRange{t.Obj.From, t.ObjExt}); ok && ext.Type == TypeConcept {
				obj, or = ext, er
			}
		}
		if subj.Name == obj.Name && subj.Type == obj.Type {
			// a self-loop ("the Kremlin praised Russia" once metonyms
			// resolve) states nothing about the graph
			continue
		}
		if t.PossVia && possessiveOfSubject(t, subj) {
			continue // "Weaver makes his return", "Chelsea confirmed their position": the subject's own
		}
		var rel Relation
		var rr []string
		if parse {
			if sentenceStop(subj.Name) || sentenceStop(obj.Name) {
				continue // "for May.": the tokenizer kept the full stop on the name
			}
			if rel, rr, ok = clauseRelation(r, t, subj, obj, sr); !ok {
				continue
			}
			key := tripleKey{t.Sent.Index, subj.Name, rel.Lemma, obj.Name}
			if dup[key] {
				continue
			}
			dup[key] = true
		} else {
			rel, rr = r.Relation(t)
		}
		tr := Triple{
			Doc: doc, Sentence: t.Sent.Text, SentenceIndex: t.Sent.Index, SentenceStart: t.Sent.Start,
			Subject: subj, Relation: rel, Object: obj, Confidence: t.Confidence,
		}
		for _, x := range t.Extra {
			if sp, _, ok := r.Arg(t.Sent, x); ok {
				tr.Extra = append(tr.Extra, sp)
			}
		}
		if !t.ReportedBy.Empty() {
			if sp, _, ok := r.Arg(t.Sent, t.ReportedBy); ok {
				if sp.Name != subj.Name { // "said analyst X of Y": X's own post, not a report
					tr.ReportedBy = sp.Name
				}
			} else if !pronounRange(t.Sent, t.ReportedBy) { // an unresolved "he" names nobody
				tr.ReportedBy = rangeText(t.Sent, t.ReportedBy)
			}
		}
		tr.Rules = make([]string, 0, len(t.Rules)+len(sr)+len(or)+len(rr))
		tr.Rules = append(append(append(append(tr.Rules, t.Rules...), sr...), or...), rr...)
		res.Triples = append(res.Triples, tr)
		addEntity(subj)
		addEntity(obj)
	}
	// Facts stated by title premodifiers ("Wolves chairman Rick Hayward"),
	// unless a nominal clause ("be ...") already related the same two names in
	// the sentence.
	if nr, ok := r.(interface{ nominalTriples(string) []Triple }); ok {
		type pairKey struct {
			sent      int
			subj, obj string
		}
		related := map[pairKey]bool{}
		for _, tr := range res.Triples {
			// a verb between the two names states another fact: "Labour
			// MP X criticised Labour" keeps "X be MP of Labour"
			if strings.HasPrefix(tr.Relation.Lemma, "be ") || tr.Relation.Lemma == "be" {
				related[pairKey{tr.SentenceIndex, tr.Subject.Name, tr.Object.Name}] = true
			}
		}
		for _, tr := range nr.nominalTriples(doc) {
			if related[pairKey{tr.SentenceIndex, tr.Subject.Name, tr.Object.Name}] {
				continue
			}
			res.Triples = append(res.Triples, tr)
			addEntity(tr.Subject)
			addEntity(tr.Object)
		}
	}
	// every proper-noun chunk the resolver accepts is a mention
	for j, s := range sents {
		si := infos[j]
		if si == nil { // analysing it panicked
			continue
		}
		for i := 0; i < si.n; i++ {
			if si.chunk[i] == 0 {
				continue
			}
			hasNNP := false
			for k := i; k < si.chunk[i]; k++ {
				if strings.HasPrefix(si.tags[k], "NNP") {
					hasNNP = true
				}
			}
			if hasNNP {
				if sp, _, ok := r.Arg(s, tokRange{i, si.chunk[i]}); ok {
					addEntity(sp)
				}
			}
		}
	}
	return res, nil
}

// safeClauses analyses one sentence for the mention pass and reads its
// clauses from the parse, turning a panic into no triples so a bug on one
// odd sentence never takes down a batch.
func (e *Extractor) safeClauses(s *sentence) (si *sentInfo, rs []rawTriple) {
	defer func() {
		if r := recover(); r != nil {
			rs = nil
		}
	}()
	si = analyseSentence(s)
	return si, e.clauseTriples(s)
}

// articleTriples turns a surface extraction into the rawTriples article mode
// resolves: passives with a "by" agent are inverted to active order,
// coordinated lists of parties are split, and extractions the graph cannot
// use (clausal objects, appositions with no relation tokens, intransitives)
// are dropped.
func articleTriples(s *sentence, c *cand) []rawTriple {
	if c.clausal || c.synthetic != "" || c.obj.Empty() || len(c.rel) == 0 {
		return nil
	}
	base := rawTriple{Sent: s, Subj: c.subj, Rel: c.rel, Obj: c.obj, Extra: c.extra, Negated: c.negated,
		ReportedBy: c.reportedBy, Confidence: c.conf, Rules: append([]string{"pattern:" + c.kind}, c.rules...)}
	subjParts, objParts := c.subjParts, c.objParts
	if c.passive && c.agent {
		base.Subj, base.Obj = c.obj, c.subj
		subjParts, objParts = c.objParts, c.subjParts
		base.Passive = true
		base.Rules = append(base.Rules, "passive-inverted")
	}
	if len(subjParts) < 2 {
		subjParts = []tokRange{base.Subj}
	}
	if len(objParts) < 2 {
		objParts = []tokRange{base.Obj}
	}
	var out []rawTriple
	for _, sp := range subjParts {
		for _, op := range objParts {
			t := base
			t.Subj, t.Obj = sp, op
			t.Rules = append([]string{}, base.Rules...)
			if len(subjParts) > 1 || len(objParts) > 1 {
				t.Rules = append(t.Rules, "coordination-split")
				t.Confidence *= 0.95
			}
			out = append(out, t)
		}
	}
	return out
}

// rangeText returns the source text of a token range.
func rangeText(s *sentence, r tokRange) string {
	if r.Empty() || r.From < 0 || r.To > len(s.Tokens) {
		return ""
	}
	a, b := s.Tokens[r.From].Start-s.Start, s.Tokens[r.To-1].End()-s.Start
	if a < 0 || b > len(s.Text) || a > b {
		return ""
	}
	return s.Text[a:b]
}

// tokensText joins the original tokens of a range with single spaces.
func tokensText(s *sentence, r tokRange) string {
	var b strings.Builder
	for i := r.From; i < r.To && i < len(s.Tokens); i++ {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.Tokens[i].Text)
	}
	return b.String()
}

// ExtractLine analyses one pre-tokenised sentence (lines mode, CaRB): the
// arguments are the input's own tokens joined by spaces.
func (e *Extractor) ExtractLine(ctx context.Context, line string) ([]LineTriple, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := e.an.lineSentence(line)
	var out []LineTriple
	_, cands := safeExtract(s)
	for _, c := range cands {
		if lt, ok := lineTriple(s, c); ok {
			out = append(out, lt)
		}
	}
	return out, nil
}

func lineTriple(s *sentence, c *cand) (LineTriple, bool) {
	var rel []string
	if c.synthetic != "" {
		rel = append(rel, c.synthetic)
	}
	if c.auxPrefix != "" {
		rel = append(rel, c.auxPrefix)
	}
	for _, i := range c.rel {
		rel = append(rel, s.Tokens[i].Text)
	}
	lt := LineTriple{Confidence: c.conf, Relation: strings.Join(rel, " "),
		Rules: append([]string{"pattern:" + c.kind}, c.rules...)}
	subj := tokensText(s, c.subj)
	if subj == "" || lt.Relation == "" {
		return lt, false
	}
	lt.Args = append(lt.Args, subj)
	switch {
	case !c.obj.Empty():
		obj := c.obj
		if c.objExt > obj.To {
			obj.To = c.objExt
		}
		lt.Args = append(lt.Args, tokensText(s, obj))
	case c.objExt > c.objExtFrom:
		lt.Args = append(lt.Args, tokensText(s, tokRange{c.objExtFrom, c.objExt}))
	}
	for _, x := range c.extra {
		lt.Args = append(lt.Args, tokensText(s, x))
	}
	return lt, true
}
