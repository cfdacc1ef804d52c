package extract

import "strings"

var kgNegationWords = map[string]bool{"not": true, "n't": true, "n’t": true, "never": true}

var kgAuxLemmas = map[string]bool{"be": true, "have": true, "do": true, "get": false}

// Relation returns the normalised relation for a raw triple's relation
// tokens: auxiliaries and modals removed (kept as Modality), negation
// flagged, the main verb lemmatised (POS-aware, American spelling), light
// verbs and synonyms mapped through the relation table.
func (d *kgDoc) Relation(t *rawTriple) (Relation, []string) {
	if t == nil || t.Sent == nil {
		return Relation{}, nil
	}
	idx := t.Rel
	// "initiate [calls] with X": the event noun and its preposition join
	// the predicate when Arg took the participant as the object.
	if n := len(t.Rel); n > 0 && !t.Obj.Empty() && t.Obj.From == t.Rel[n-1]+1 {
		if prep, ok := d.lightVerbPrep(t.Sent, t.Obj.From, t.Obj.From, t.Obj.To); ok {
			if si, ok := d.sentIndex(t.Sent); ok && d.mentionAt(si, prep+1) {
				idx = append(append([]int(nil), t.Rel...), kgRange(t.Obj.From, prep+1)...)
			}
		}
	}
	rel, rules := d.m.normalizeRelation(t.Sent, idx, t.Negated, t.Passive)
	if c := kgConditional(t); c != "" {
		// "If Acme decided to buy Beta": not stated as a fact.
		rel.Modality = strings.TrimSpace(c + " " + rel.Modality)
		rules = append(rules, "conditional:"+c)
	}
	return rel, rules
}

func kgRange(from, to int) []int {
	out := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// mentionAt reports whether a name mention starts at token i of sentence si.
func (d *kgDoc) mentionAt(si, i int) bool {
	for _, mt := range d.mentions[si] {
		if mt.TextFrom == i && !mt.TitleOnly && !mt.Possessed {
			return true
		}
	}
	return false
}

func (m *kgModel) normalizeRelation(s *sentence, idx []int, negated, passive bool) (Relation, []string) {
	toks := s.Tokens
	var kbuf [16]int // relation phrases are short: no heap allocation
	ks := kbuf[:0]
	for _, i := range idx {
		if i >= 0 && i < len(toks) {
			ks = append(ks, i)
		}
	}
	if len(ks) == 0 {
		return Relation{Negated: negated}, nil
	}
	rel := Relation{Negated: negated}
	rel.Text, rel.Start, rel.End = kgRawText(s, ks[0], ks[len(ks)-1]+1)
	var rules []string

	// Keep words; note negation; find the main verb (the last verb).
	type word struct {
		i     int
		lower string
		tag   string
	}
	var wbuf [16]word
	ws := wbuf[:0]
	for _, i := range ks {
		tk := toks[i]
		if kgIsQuoteTok(tk.Text) || kgIsPunctTok(tk.Text) {
			continue
		}
		l := kgNormApos(s.lowTok(i))
		if kgNegationWords[l] || l == "no" && tk.Tag != "DT" {
			rel.Negated = true
			continue
		}
		ws = append(ws, word{i, l, s.tagAt(i)})
	}
	if len(ws) == 0 {
		rel.Lemma = strings.ToLower(rel.Text)
		return rel, rules
	}
	mv := -1
	for j := len(ws) - 1; j >= 0; j-- {
		if kgIsVerbTag(ws[j].tag) && !m.tab.modals[ws[j].lower] {
			mv = j
			break
		}
	}
	if mv < 0 {
		var parts []string
		for _, w := range ws {
			if w.tag == "DT" || strings.HasPrefix(w.tag, "RB") {
				continue
			}
			parts = append(parts, w.lower)
		}
		rel.Lemma = strings.Join(parts, " ")
		return rel, rules
	}
	// Before the main verb: auxiliaries dropped, the rest is modality.
	var modal []string
	for _, w := range ws[:mv] {
		switch {
		case w.tag == "MD" || m.tab.modals[w.lower]:
			modal = append(modal, strings.TrimPrefix(strings.TrimPrefix(w.lower, "'"), "’"))
		case strings.HasPrefix(w.tag, "RB"), w.tag == "DT", w.tag == "PRP$", w.tag == "PRP", w.tag == "POS":
		case kgIsVerbTag(w.tag):
			l, _ := m.tab.verbLemma(w.lower, w.tag)
			if kgAuxLemmas[l] {
				continue
			}
			if l == "go" && w.tag == "VBG" {
				l = "going"
			}
			if w.lower == "set" || w.lower == "expected" || w.lower == "due" || w.lower == "supposed" || w.lower == "poised" || w.lower == "scheduled" {
				l = w.lower
			}
			modal = append(modal, l)
		case w.lower == "to":
			modal = append(modal, "to")
		case kgIsNounTag(w.tag) || w.tag == "JJ":
			modal = append(modal, w.lower)
		}
	}
	// Passive already inverted by the core: "was criticised by" → criticize.
	tail := ws[mv+1:]
	if passive && len(tail) > 0 && tail[len(tail)-1].lower == "by" {
		tail = tail[:len(tail)-1]
	}
	lemma, respelled := m.tab.verbLemma(ws[mv].lower, ws[mv].tag)
	if respelled {
		rules = append(rules, "spelling:"+ws[mv].lower+"->"+lemma)
	}
	// After the main verb: particles, nouns (light-verb objects), prepositions.
	var wordsBuf, keyBuf [16]string
	words := append(wordsBuf[:0], lemma)
	keyFull := append(keyBuf[:0], lemma)
	var nouns []int // positions in keyFull
	for _, w := range tail {
		switch {
		case w.tag == "RP", w.tag == "IN", w.tag == "TO":
			words = append(words, w.lower)
			keyFull = append(keyFull, w.lower)
		case kgIsNounTag(w.tag):
			nw := w.lower
			if a, ok := m.tab.spelling[nw]; ok {
				nw = a
			}
			words = append(words, nw)
			nouns = append(nouns, len(keyFull))
			keyFull = append(keyFull, kgNounSingular(nw))
		case kgIsVerbTag(w.tag):
			l, _ := m.tab.verbLemma(w.lower, w.tag)
			words = append(words, l)
			keyFull = append(keyFull, l)
		}
	}
	rel.Lemma = strings.Join(words, " ")
	// Synonyms and light verbs: the full key, then with only the head noun
	// of each noun run ("hold phone call with" → "hold call with").
	if v, ok := m.tab.synonyms[strings.Join(keyFull, " ")]; ok {
		rules = append(rules, "synonym:"+kgRelSurface(s, ws[mv].i, ks[len(ks)-1], passive)+"->"+v)
		rel.Lemma = v
	} else if len(nouns) > 1 {
		var headKey []string
		for j, w := range keyFull {
			if j+1 < len(keyFull) && kgIsNounPos(nouns, j) && kgIsNounPos(nouns, j+1) {
				continue
			}
			headKey = append(headKey, w)
		}
		if v, ok := m.tab.synonyms[strings.Join(headKey, " ")]; ok {
			rules = append(rules, "synonym:"+kgRelSurface(s, ws[mv].i, ks[len(ks)-1], passive)+"->"+v)
			rel.Lemma = v
		}
	}
	if len(modal) == 1 && modal[0] == "to" {
		modal = nil // a bare infinitive marker is no modality
	}
	if len(modal) > 0 {
		// Trailing "to" belongs to the catenative: "set to", "going to".
		rel.Modality = strings.Join(modal, " ")
		rules = append(rules, "modality:"+rel.Modality)
	}
	if rel.Negated {
		rules = append(rules, "negated")
	}
	return rel, rules
}

func kgIsNounPos(nouns []int, j int) bool {
	for _, n := range nouns {
		if n == j {
			return true
		}
	}
	return false
}

// kgRelSurface is the surface text of the relation from its main verb on.
func kgRelSurface(s *sentence, from, last int, passive bool) string {
	t := kgSpanText(s, from, last+1)
	if passive {
		t = strings.TrimSuffix(t, " by")
	}
	return t
}
