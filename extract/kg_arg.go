package extract

import (
	"strings"

	"github.com/kgb-dev/kgb/extract/clauses"
	"github.com/kgb-dev/kgb/extract/lexicon"
	"github.com/kgb-dev/kgb/extract/syntax"
)

var kgRelativeWords = map[string]bool{"who": true, "which": true, "where": true, "whose": true, "whom": true, "that": true, "when": true}

var kgReflexives = map[string]bool{"himself": true, "herself": true, "itself": true, "themselves": true}

// kgArgKey identifies an argument range in a document: sentence index,
// first and end token packed into 21 bits each (sentences are capped far
// below 2^21 tokens), so that the memo is a fast integer-keyed map.
type kgArgKey uint64

// sentIndex returns the index of s in the document: s.Index when it names
// this very sentence (always, for sentences from the analyzer), the index
// map otherwise.
func (d *kgDoc) sentIndex(s *sentence) (int, bool) {
	if i := s.Index; i >= 0 && i < len(d.sents) && d.sents[i] == s {
		return i, true
	}
	i, ok := d.idx[s]
	return i, ok
}

// kgArgResult is a memoised Arg answer.
type kgArgResult struct {
	span  Span
	rules []string
	ok    bool
}

// Arg returns the canonical span for an argument range. Answers are
// memoised per document: the core asks about the same ranges several times
// (split coordinations, entity listing).
func (d *kgDoc) Arg(s *sentence, r tokRange) (Span, []string, bool) {
	si, ok := d.sentIndex(s)
	if !ok || r.Empty() || r.From < 0 || r.To > len(s.Tokens) {
		return Span{}, nil, false
	}
	memo := si < 1<<22 && r.To < 1<<21
	k := kgArgKey(si)<<42 | kgArgKey(r.From)<<21 | kgArgKey(r.To)
	if j, ok := d.memo[k]; ok && memo {
		a := &d.memoVals[j]
		return a.span, a.rules, a.ok
	}
	sp, rules, ok := d.arg(s, si, r)
	if ok {
		if _, pro := kgPronouns[kgShortLower(sp.Name)]; pro {
			// "IT", "Us" (a magazine): a node named like a pronoun is noise.
			sp, rules, ok = Span{}, append(rules, "pronoun-name-dropped:"+sp.Name), false
		}
	}
	if !memo {
		return sp, rules, ok
	}
	if d.memo == nil {
		// small pointer-free map values: growing the map moves no spans
		d.memo = make(map[kgArgKey]int32, 2*len(d.sents))
		d.memoVals = make([]kgArgResult, 0, 2*len(d.sents))
	}
	d.memo[k] = int32(len(d.memoVals))
	d.memoVals = append(d.memoVals, kgArgResult{sp, rules, ok})
	return sp, rules, ok
}

func (d *kgDoc) arg(s *sentence, si int, r tokRange) (Span, []string, bool) {
	toks := s.Tokens
	from, to := r.From, r.To
	trim := func() { // quote marks are punctuation tokens too
		for from < to && kgIsPunctTok(toks[from].Text) {
			from++
		}
		for to > from && kgIsPunctTok(toks[to-1].Text) {
			to--
		}
	}
	trim()
	// Cut a trailing relative clause or parenthesis: "Trump, who promised ...".
	for k := from + 1; k < to; k++ {
		if toks[k].Text == "(" || toks[k].Text == "," && k+1 < to && kgRelativeWords[s.lowTok(k+1)] {
			to = k
			break
		}
	}
	trim()
	for from < to && kgLeadingConj[s.lowTok(from)] {
		from++
	}
	hadDet, definite := false, false
	for from < to && kgDeterminers[s.lowTok(from)] {
		hadDet = true
		switch s.lowTok(from) {
		case "the", "this", "that":
			definite = true
		}
		from++
	}
	if q := quotedModifierEnd(s, from, to); q > from {
		from = q // "quits 'shameful' UKIP": a quoted word before a name
	}
	if to-from > 1 && kgReflexives[s.lowTok(to-1)] {
		to-- // "Trump himself"
	}
	if to-from == 2 && kgClitics[strings.ToLower(kgNormApos(toks[to-1].Text))] {
		to-- // "you 've"
	}
	// "December and Tony Blair": a leading date is no part of the argument.
	for k := from + 1; k+1 < to && k-from <= 3; k++ {
		if l := s.lowTok(k); (l == "and" || l == ",") && d.isTimeExpr(s, from, k) {
			from = k + 1
			break
		}
	}
	trim()
	if from >= to {
		return Span{}, []string{"empty-argument"}, false
	}
	first := s.lowTok(from)
	if to-from == 1 {
		first = kgPronounWord(toks[from].Text)
	}

	if to-from == 1 && kgAuxForms[first] {
		return Span{}, []string{"auxiliary-argument-dropped"}, false // "has been behind ...": "been" is no argument
	}
	// Pronouns. A lone reflexive ("prides himself") only repeats the subject.
	if to-from == 1 && kgReflexivePronoun[first] {
		return Span{}, []string{"reflexive-dropped:" + toks[from].Text}, false
	}
	if to-from == 1 {
		if cls, ok := kgPronouns[first]; ok && !(first == "us" && toks[from].Text == "US") {
			tg, rules := d.resolvePronoun(si, from, cls)
			if tg == nil {
				return Span{}, []string{"pronoun-dropped:" + toks[from].Text}, false
			}
			p := *tg
			p.Titles = nil // titles belong to the antecedent's mention
			return d.anaphorSpan(s, from, to, p), rules, true
		}
	}
	// "his intention [to speak with]": the possessor of a control noun is
	// the subject of the infinitive that follows.
	// Only where the phrase cannot be a verb's object: the same range is
	// also the object of "declared [his intention]", where the possessor
	// would make a self-loop ("Trump declare Trump").
	if to+1 < len(toks) && r.To <= to+1 && strings.EqualFold(toks[to].Text, "to") && toks[to+1].Tag == "VB" && kgControlNouns[s.lowTok(to-1)] && !d.afterVerbOrPrep(s, r.From) {
		if sp, rules, ok := d.controlPossessor(s, si, from, to); ok {
			return sp, rules, true
		}
	}
	// "Mr Howard, whose grandmother died": the name the relative clause
	// hangs on owns the noun ("Michael Howard's grandmother"); with no
	// name there, no node.
	if first == "whose" && to-from > 1 {
		k := from - 1
		if k >= 0 && toks[k].Text == "," {
			k--
		}
		rest := d.conceptName(s, from+1, to)
		for _, mt := range d.mentions[si] {
			if mt.To == k+1 && mt.Ent != nil && !mt.TitleOnly && rest != "" {
				tg, rules := d.mentionTarget(s, mt)
				return d.conceptSpan(s, from, to, tg.Name+"'s "+rest), append(rules, "whose:"+tg.Name), true
			}
		}
		return Span{}, []string{"whose-dropped"}, false
	}
	// A possessive pronoun: "his approach" → "Donald Trump's approach";
	// "its president Angel Villar" → the titled person.
	if kgPossessivePronouns[first] && to-from > 1 {
		if sp, rules, ok := d.titledNameAtEnd(s, si, from+1, to, d.mentionsIn(si, from+1, to)); ok {
			return sp, rules, true
		}
		rest := d.conceptName(s, from+1, to)
		tg, rules := d.resolvePronoun(si, from, kgPronouns[first])
		if tg == nil || tg.Type == TypeConcept {
			return d.conceptSpan(s, from+1, to, rest), nil, rest != ""
		}
		return d.conceptSpan(s, from, to, tg.Name+"'s "+rest), append(rules, "possessive:"+tg.Name), true
	}

	if d.isTimeExpr(s, from, to) {
		return Span{}, []string{"time-expression-dropped"}, false
	}
	if d.inNounPPList(s, si, r.From, r.To) {
		return Span{}, []string{"pp-list-member-dropped"}, false
	}
	// A fragment of a longer name split by a wrong coordination ("Trade"
	// of "Trade and Industry Secretary Patricia Hewitt"): the name's own
	// argument carries the fact.
	for _, mt := range d.mentions[si] {
		if mt.TextFrom <= from && to <= mt.To && (mt.TextFrom < from || to < mt.To) && !(from <= mt.From && mt.To <= to) {
			if from >= 2 && to == mt.To && kgRoleComplement[s.lowTok(from-1)] && s.lowTok(from-1) != "and" && d.m.isTitleHead(s.lowTok(from-2)) {
				// "MP for Hallam" chunked as one titled name: the place
				// after the title's preposition is a name of its own
				text := kgSpanText(s, from, to)
				tg := kgTarget{Name: text, Type: TypeOther}
				if e, ok := d.nameTarget(text); ok {
					tg = kgTarget{Name: e.Name, Type: e.Type, Gender: e.Gender}
				}
				return d.span(s, from, to, tg), []string{"title-complement:" + text}, true
			}
			if mt.TitleOnly && from == mt.TextFrom && to < mt.To {
				// "a Labour MEP": the party qualifying a bare title is a
				// name of its own when the document or gazetteer knows it
				text := kgSpanText(s, from, to)
				if e, ok := d.nameTarget(text); ok && e.Type != TypePerson && e.Type != TypeConcept {
					return d.span(s, from, to, kgTarget{Name: e.Name, Type: e.Type}), []string{"title-qualifier:" + text}, true
				}
			}
			if from == mt.TextFrom && to < mt.To && (s.lowTok(to) == "of" || (s.lowTok(to) == "and" || s.lowTok(to) == "&" || s.lowTok(to) == "for" && s.lowTok(to-1) != "parliament") && mt.Gaz == nil && len(mt.Titles) == 0 && !mt.TitleOnly) {
				// "Rock [and Roll Hall of Fame]", "Commission [for Racial
				// Equality]": a name the parser cut is one name ("entered
				// Parliament for Sheffield" is not)
				// "Edge [of Darkness]": a name the parser cut at its "of"
				// stands for the whole name
				if sp, rules, ok := d.arg(s, si, tokRange{from, mt.To}); ok {
					return sp, append(rules, "name-of-rejoined"), true
				}
			}
			return Span{}, []string{"name-fragment-dropped"}, false
		}
	}
	ms := d.mentionsIn(si, from, to)
	// A role followed by its name in apposition just after the argument:
	// "[Ukraine's chief negotiator], Defense Minister Rustem Umerov, described".
	if to+1 < len(toks) && toks[to].Text == "," && d.isRolePhrase(s, si, from, to) {
		for _, mt := range d.mentions[si] {
			if mt.TextFrom == to+1 && !mt.TitleOnly && !mt.Possessed && (mt.To == len(toks) || toks[mt.To].Text == "," || kgIsPunctTok(toks[mt.To].Text)) {
				tg, rules := d.mentionTarget(s, mt)
				return d.span(s, mt.TextFrom, mt.To, tg), append(rules, "apposition:"+tg.Name), true
			}
		}
	}
	// Apposition: "United States President, Donald Trump" / "Ukraine's
	// chief negotiator, Defense Minister Rustem Umerov" / "the capital, Kyiv".
	if span, rules, ok, done := d.apposition(s, si, from, to, ms); done {
		return span, rules, ok
	}
	if sp, rules, ok := d.titledNameAtEnd(s, si, from, to, ms); ok {
		return sp, rules, true
	}
	var lead *kgMention
	for _, mt := range ms {
		if mt.TextFrom == from || mt.From == from || mt.TextFrom < from && from < mt.From {
			lead = mt
			break
		}
	}
	if lead == nil {
		// The core's range may cut a name short ("President Luiz Inacio
		// Lula da"): the whole name it starts is the mention.
		for _, mt := range d.mentions[si] {
			if (mt.TextFrom == from || mt.From == from) && mt.To > to && to > mt.From {
				lead, to = mt, mt.To
				break
			}
		}
	}
	if lead != nil && !lead.TitleOnly {
		// "told the Sunday Times Mr Campbell would": two names side by
		// side, the second titled; the titled name ending the range is the
		// argument (the first belongs to the verb before it).
		for _, mt := range ms {
			if mt != lead && mt.TextFrom == lead.To && mt.To == to && !mt.TitleOnly && len(mt.Titles) > 0 {
				lead = mt
				break
			}
		}
	}
	if lead != nil {
		if lead.TitleOnly {
			if lead.To < to && kgIsPossTok(toks[lead.To].Text) {
				return d.titledPossessive(s, si, from, to, lead.To, lead.Titles)
			}
			if lead.To < to && !kgRoleComplement[s.lowTok(lead.To)] {
				return d.conceptSpan(s, from, to, d.conceptName(s, from, to)), nil, true
			}
			return d.titleAnaphor(s, si, from, to, lead.Titles)
		}
		if lead.Ambiguous {
			return Span{}, []string{"surname-ambiguous-dropped:" + lead.Raw}, false
		}
		tg, rules := d.mentionTarget(s, lead)
		next := lead.To
		if lead.Possessed && next+1 < to {
			// "Ukraine's President Volodymyr Zelensky": a titled name after
			// the possessive is the argument.
			for _, mt := range d.mentions[si] {
				// Also any name after a place's or organisation's possessive:
				// "Britain's Rod Stewart", "the BBC's Politics Show".
				if mt.TextFrom == next+1 && mt.To == to && !mt.TitleOnly && (len(mt.Titles) > 0 || tg.Type == TypePlace || tg.Type == TypeOrganization) {
					ptg, prules := d.mentionTarget(s, mt)
					return d.span(s, mt.TextFrom, mt.To, ptg), append(prules, "possessor-dropped:"+tg.Name), true
				}
			}
			if tg.Type == TypePerson && d.possessiveOrgName(s, lead.From, next+1, to) {
				// "Barnard's Retail Consulting Group": a firm named after its
				// founder is a name of its own
				text := kgSpanText(s, lead.From, to)
				return d.span(s, lead.From, to, kgTarget{Name: text, Type: TypeOrganization}), []string{"possessive-org-name:" + text}, true
			}
			// "Zelensky's office" → "Volodymyr Zelensky's office".
			rest := d.conceptName(s, next+1, to)
			if rest == "" {
				return d.span(s, lead.TextFrom, lead.To, tg), rules, true
			}
			return d.conceptSpan(s, from, to, tg.Name+"'s "+rest), append(rules, "possessive:"+tg.Name), true
		}
		if sp, rules, ok := d.titledNameAtEnd(s, si, from, to, ms); ok {
			return sp, rules, true
		}
		// "the US president": a nationality-qualified role.
		if n, ti := d.m.titleAt(s, next, to); n > 0 && next+n == to && !ti.Honorific && tg.Type == TypePlace {
			return d.titleAnaphor(s, si, from, to, []string{kgSpanText(s, from, to)}) // "US president": qualified
		}
		adj := next
		for adj < to-1 && toks[adj].Tag == "JJ" && !kgIsCapWord(toks[adj].Text) {
			adj++ // "the Muslim anti-war vote": adjectives before the noun
		}
		if adj > next && adj < to && kgIsNounTag(toks[adj].Tag) && !kgIsCapWord(toks[adj].Text) && lead.Ent != nil && lead.Ent.Type != TypePerson {
			return d.conceptSpan(s, from, to, d.conceptName(s, from, to)), []string{"compound-noun"}, true
		}
		if next < to && kgIsNounTag(toks[next].Tag) && !kgIsCapWord(toks[next].Text) && !kgIsPossTok(toks[next].Text) && !d.mistaggedAfterPerson(s, lead, next, to) {
			// A name modifying a common noun: "NATO leaders", "U.S. officials".
			return d.conceptSpan(s, from, to, d.conceptName(s, from, to)), []string{"compound-noun"}, true
		}
		if next < to && s.lowTok(next) == "and" {
			rules = append(rules, "coordination-first")
		}
		return d.span(s, max(lead.TextFrom, from), lead.To, tg), rules, true
	}
	// A bare nationality adjective is no node.
	if _, ok := d.m.tab.demonyms[toks[from].Text]; ok && to-from == 1 && toks[from].Tag != "NNPS" && toks[from].Tag != "NNS" {
		return Span{}, []string{"nationality-adjective-dropped"}, false
	}
	// "a phone conversation with Russian President Vladimir Putin" after a
	// light verb: the participant is the argument.
	if sp, rules, ok := d.lightVerbObject(s, si, r.From, from, to, ms); ok {
		return sp, rules, true
	}
	// "the brewer", "the 26-year-old", "the ex-England coach".
	if sp, rules, ok, done := d.description(s, si, r.From, from, to); done {
		return sp, rules, ok
	}
	// "the minister", "the company", "the spokesperson".
	head := s.lowTok(to - 1)
	if to-from == 1 || to-from == 2 && toks[from].Tag == "JJ" {
		if _, ok := d.m.tab.titles[head]; ok {
			if hadDet {
				return d.titleAnaphor(s, si, from, to, []string{toks[to-1].Text})
			}
			return Span{}, []string{"bare-title-dropped:" + toks[to-1].Text}, false
		}
		if a, ok := d.m.tab.anaphors[head]; ok && definite && to-from == 1 {
			back := 3 // sentences
			if a.Evidence == lexicon.EvidenceCountry {
				back = 1 // "Brazil's ... the country's": no further
			}
			if tg := d.recentOfType(si, from, string(a.Type), d.anaphorFits(a, head), back); tg != nil {
				return d.anaphorSpan(s, from, to, *tg), []string{"definite:" + head + "->" + tg.Name}, true
			}
			// "the party" with no party to refer to: no node
			return Span{}, []string{"definite-dropped:" + head}, false
		}
		if kgIsBareTitleWord(head) {
			return Span{}, []string{"bare-title-dropped:" + toks[to-1].Text}, false
		}
	}
	// A role named by a singular title ("the chief executive of Renault",
	// "vice president"): the person holding it when the article names one
	// nearby, else no node.
	if n, ti := d.m.titleAt(s, from, to); n > 0 && !ti.Honorific && from+n < to && kgIsPossTok(toks[from+n].Text) {
		return d.titledPossessive(s, si, from, to, from+n, []string{kgSpanText(s, from, from+n)})
	}
	if n, ti := d.m.titleAt(s, from, to); n > 0 && !ti.Honorific && (from+n == to || kgRoleComplement[s.lowTok(from+n)]) {
		if sp, rules, ok := d.titleAnaphor(s, si, from, to, []string{kgSpanText(s, from, from+n)}); ok {
			return sp, rules, true
		}
		return Span{}, []string{"bare-title-dropped:" + kgSpanText(s, from, from+n)}, false
	}
	name := d.conceptName(s, from, to)
	if name == "" {
		return Span{}, nil, false
	}
	// "European commission" where the article names the European
	// Commission: a multi-word name written in lower case is still the name
	e := d.ents[kgFoldKey(name)]
	if g, ok := d.m.tab.gaz.lookup(name); e == nil && ok && strings.Contains(name, " ") {
		e = d.ents[g.Key] // a gazetteer name the article also writes capitalised
	}
	if e != nil && strings.Contains(e.Name, " ") && e.Type != TypeConcept {
		return d.span(s, from, to, kgTarget{Name: e.Name, Type: e.Type, Gender: e.Gender}), []string{"case-variant:" + name + "->" + e.Name}, true
	}
	return d.conceptSpan(s, from, to, name), nil, true
}

var kgRoleComplement = map[string]bool{"of": true, "for": true, "at": true, "and": true, ",": true}

func kgIsBareTitleWord(w string) bool {
	switch w {
	case "spokesperson", "spokesman", "spokeswoman", "official", "officials":
		return true
	}
	return false
}

// mentionsIn returns the mentions of sentence si inside [from, to).
// When the matches are consecutive in d.mentions[si] (the usual case:
// mentions are found left to right) it returns a capacity-limited subslice
// instead of allocating; callers must not write to it.
func (d *kgDoc) mentionsIn(si, from, to int) []*kgMention {
	ms := d.mentions[si]
	a, b := -1, -1
	contiguous := true
	for k, mt := range ms {
		if mt.From >= from && mt.To <= to {
			if a < 0 {
				a = k
			} else if b != k {
				contiguous = false
				break
			}
			b = k + 1
		}
	}
	if a < 0 {
		return nil
	}
	if contiguous {
		return ms[a:b:b]
	}
	var out []*kgMention
	for _, mt := range ms {
		if mt.From >= from && mt.To <= to {
			out = append(out, mt)
		}
	}
	return out
}

// apposition handles "A, B" arguments where one side is a title or role and
// the other a name. done=false means the argument is not an apposition.
func (d *kgDoc) apposition(s *sentence, si, from, to int, ms []*kgMention) (Span, []string, bool, bool) {
	toks := s.Tokens
	comma := -1
	for k := from + 1; k < to-1; k++ {
		if toks[k].Text == "," {
			comma = k
			break
		}
	}
	if comma < 0 {
		return Span{}, nil, false, false
	}
	end := to
	for k := comma + 1; k < to; k++ {
		if toks[k].Text == "," {
			end = k
			break
		}
	}
	leftRole := d.isRolePhrase(s, si, from, comma)
	var right *kgMention
	for _, mt := range ms {
		if mt.TextFrom == comma+1 && !mt.TitleOnly && mt.To == end {
			right = mt
		}
	}
	if leftRole && right != nil {
		tg, rules := d.mentionTarget(s, right)
		for _, mt := range d.mentions[si] {
			if mt.TitleOnly && mt.TextFrom >= from && mt.To == comma && len(tg.Titles) == 0 {
				tg.Titles = mt.Titles
				rules = append(rules, "title-stripped:"+strings.Join(mt.Titles, ", "))
			}
		}
		if l := s.lowTok(comma - 1); l == "capital" || l == "city" || kgPlaceNouns[l] {
			if right.Ent != nil && right.Ent.Gaz != nil && right.Ent.Gaz.MetonymOf != "" {
				tg = kgTarget{Name: right.Ent.Name, Type: TypePlace}
				rules = nil
			}
		}
		return d.span(s, right.TextFrom, right.To, tg), append(rules, "apposition:"+tg.Name), true, true
	}
	// "Donald Trump, the US president," → the name.
	for _, mt := range ms {
		if mt.TextFrom == from && mt.To == comma && !mt.TitleOnly && d.isRolePhrase(s, si, comma+1, end) {
			tg, rules := d.mentionTarget(s, mt)
			return d.span(s, mt.TextFrom, mt.To, tg), append(rules, "apposition:"+tg.Name), true, true
		}
	}
	return Span{}, nil, false, false
}

// isRolePhrase reports whether [from, to) is a title or role description:
// "United States President", "Ukraine's chief negotiator", "the capital".
func (d *kgDoc) isRolePhrase(s *sentence, si, from, to int) bool {
	if from >= to {
		return false
	}
	for _, mt := range d.mentions[si] {
		if mt.TitleOnly && mt.TextFrom <= from && mt.To == to {
			return true
		}
	}
	last := s.lowTok(to - 1)
	if _, ok := d.m.tab.titles[last]; ok {
		return true
	}
	return last == "capital" || last == "city" || kgPlaceNouns[last]
}

// lightVerbObject handles "hold [a phone conversation] with X" and
// "initiate [calls] with X": when the word before the argument is a light
// verb and the argument is an event noun phrase whose with/to participant
// is a name (inside the argument or right after it), the participant is
// the argument. Relation folds the event noun into the predicate.
func (d *kgDoc) lightVerbObject(s *sentence, si, rawFrom, from, to int, ms []*kgMention) (Span, []string, bool) {
	prep, ok := d.lightVerbPrep(s, rawFrom, from, to)
	if !ok {
		return Span{}, nil, false
	}
	for _, mt := range d.mentions[si] {
		if mt.TextFrom == prep+1 && !mt.TitleOnly && !mt.Possessed {
			tg, rules := d.mentionTarget(s, mt)
			return d.span(s, mt.TextFrom, mt.To, tg), append(rules, "light-verb-object:"+kgSpanText(s, from, prep+1)), true
		}
	}
	return Span{}, nil, false
}

// lightVerbPrep returns the index of the with/to/between token that follows
// an event noun phrase [from, k) after a light verb, when the argument is
// exactly that noun phrase (the preposition right after it) or extends
// through the preposition.
func (d *kgDoc) lightVerbPrep(s *sentence, rawFrom, from, to int) (int, bool) {
	toks := s.Tokens
	if rawFrom > len(toks) || from > len(toks) || rawFrom < 0 || from < 0 {
		return 0, false
	}
	k := from
	for k < len(toks) && kgDeterminers[s.lowTok(k)] {
		k++
	}
	sawEvent := false
	for k < len(toks) && (kgIsNounTag(toks[k].Tag) || toks[k].Tag == "JJ") && !kgIsCapWord(toks[k].Text) {
		if d.m.tab.event[s.lowTok(k)] {
			sawEvent = true
		}
		k++
	}
	if !sawEvent || k >= len(toks) || k > to {
		return 0, false
	}
	if p := s.lowTok(k); p != "with" && p != "to" && p != "between" {
		return 0, false
	}
	v := rawFrom - 1
	for v >= 0 && (strings.HasPrefix(toks[v].Tag, "RB") || toks[v].Tag == "DT") {
		v--
	}
	if v < 0 || !kgIsVerbTag(toks[v].Tag) {
		return 0, false
	}
	if l, _ := d.m.tab.verbLemma(toks[v].Text, toks[v].Tag); !d.m.tab.light[l] {
		return 0, false
	}
	return k, true
}

// recentOfType finds the most recent entity of a type before token `from`,
// in this sentence or the `back` before it; nil when fits rejects it.
func (d *kgDoc) recentOfType(si, from int, typ string, fits func(kgTarget) bool, back int) *kgTarget {
	for k := si; k >= 0 && k >= si-back; k-- {
		ms := d.mentions[k]
		for j := len(ms) - 1; j >= 0; j-- {
			mt := ms[j]
			if mt.Ent == nil || k == si && mt.From >= from {
				continue
			}
			tg, _ := d.mentionTarget(d.sents[k], mt)
			if tg.Type != typ {
				continue
			}
			if fits != nil && !fits(tg) {
				return nil // "Liberal Democrats ... the party": no older party instead
			}
			return &tg
		}
	}
	return nil
}

// anaphorFits is the evidence test of a generic anaphor (see
// lexicon.Anaphor): nil when any entity of its type fits.
func (d *kgDoc) anaphorFits(a lexicon.Anaphor, noun string) func(kgTarget) bool {
	switch a.Evidence {
	case lexicon.EvidenceName:
		return func(tg kgTarget) bool {
			// the noun heads the name: its last word, or the word before
			// "of" ("Bank of England"); "Local Government Association" is
			// no government
			ws := strings.Fields(tg.Name)
			for i, w := range ws {
				if strings.EqualFold(w, noun) && (i == len(ws)-1 || ws[i+1] == "of") {
					return true
				}
			}
			return false
		}
	case lexicon.EvidenceCountry:
		return func(tg kgTarget) bool {
			e, ok := d.m.tab.gaz.lookup(tg.Name)
			return ok && e.Kind == "country" && e.Name == tg.Name
		}
	}
	if a.Type == lexicon.Organization {
		// "the company" is not the newspaper the article quotes
		return func(tg kgTarget) bool { return !kgNewspaperName(tg.Name) }
	}
	return nil
}

// kgNewspaperName reports a name that ends like a newspaper's ("The Wall
// Street Journal", "Financial Times", "Daily Mail").
func kgNewspaperName(name string) bool {
	w := name
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		w = name[i+1:]
	}
	switch strings.ToLower(w) {
	case "journal", "times", "post", "telegraph", "guardian", "mail", "express", "herald", "mirror", "observer",
		"chronicle", "gazette", "tribune", "independent", "standard", "sun", "economist":
		return strings.Contains(name, " ") || strings.EqualFold(w, "guardian") || strings.EqualFold(w, "economist")
	}
	return false
}

// possessiveBound binds "its"/"their" in the object of a verb to that
// verb's subject, read from the dependency parse: "China wants oil to feed
// its economy" is China's economy, "the company stands by its legal
// action" the company's, whatever name came nearer. A subject that is a
// pronoun itself is resolved first ("it will build ... at its factory").
// ok is false when the parse does not show such a subject, or the subject
// cannot be "it"/"they" (a person, a concept): the caller goes on as usual.
// A coordinated subject ("Fiat and GM ... their") is ok with no target:
// the pronoun stands for no one name.
func (d *kgDoc) possessiveBound(si, ti int, cls string) (*kgTarget, []string, bool) {
	s := d.sents[si]
	t := &s.Tree
	w := s.lowTok(ti)
	if (w != "its" && w != "their") || t.Len() != len(s.Tokens) || t.Label[ti] != "nmod:poss" {
		return nil, nil, false
	}
	n := t.Head[ti]
	if n < 0 || !kgObjectLabel(t.Label[n]) {
		return nil, nil, false
	}
	v := t.Head[n]
	subj := treeChildBefore(t, v, "nsubj", ti)
	if v < 0 || subj < 0 {
		return nil, nil, false
	}
	if treeHasChild(t, subj, "conj") {
		return nil, []string{"pronoun-coordinated:" + s.Tokens[ti].Text}, true // "Fiat and GM ended their alliance": both, no one name
	}
	if sw := s.lowTok(subj); sw == "it" || sw == "they" {
		if (sw == "it") != (w == "its") || kgExpletiveIt(s, subj) {
			return nil, nil, false
		}
		tg, rules := d.resolvePronoun(si, subj, cls)
		if tg == nil {
			return nil, nil, false
		}
		return tg, append(rules[:len(rules):len(rules)], "pronoun:"+s.Tokens[ti].Text+"->"+tg.Name+" (subject)"), true
	}
	return d.itTargetAt(si, subj, ti, "subject")
}

// itTargetAt returns what the mention covering token tok of sentence si
// names, as the antecedent of "it"/"they" at token ti, when it can be one:
// an organisation, a country or its seat of power, or a name of unknown
// kind not shaped like a person's. why ends the rule ("subject",
// "reporter"). ok is false when no mention covers tok or its name cannot
// be "it".
func (d *kgDoc) itTargetAt(si, tok, ti int, why string) (*kgTarget, []string, bool) {
	s := d.sents[si]
	for _, mt := range d.mentions[si] {
		if mt.Ent == nil || mt.TitleOnly || tok < mt.From || tok >= mt.To {
			continue
		}
		tg, _ := d.mentionTarget(s, mt)
		switch {
		case tg.Type == TypeOrganization, tg.Type == TypeOther && !d.m.personShaped(mt.Ent.Tokens),
			tg.Type == TypePlace && mt.Ent.Gaz != nil && (mt.Ent.Gaz.Kind == "country" || mt.Ent.Gaz.MetonymOf != ""):
			return &tg, []string{"pronoun:" + s.Tokens[ti].Text + "->" + tg.Name + " (" + why + ")"}, true
		}
		return nil, nil, false
	}
	return nil, nil, false
}

// treeChildBefore returns the last child of h labelled label that stands
// before token lim, or -1.
func treeChildBefore(t *syntax.Tree, h int, label string, lim int) int {
	c := -1
	for j := 0; j < lim && j < len(t.Head); j++ {
		if t.Head[j] == h && t.Label[j] == label {
			c = j
		}
	}
	return c
}

// treeHasChild reports whether h has a child labelled label.
func treeHasChild(t *syntax.Tree, h int, label string) bool {
	for j := range t.Head {
		if t.Head[j] == h && t.Label[j] == label {
			return true
		}
	}
	return false
}

// reporterSubject resolves "it" or "they" at token ti of sentence si when
// it is the subject of a clause that a verb's complement ("Umbro, which
// lost deals with Celtic, said it had signed Rangers"): the reporting
// verb's subject, when that names an organisation, a country or a name of
// unknown kind, is the antecedent, not the nearest name before the pronoun.
// ok is false when the rule does not apply (no parse, no such subject, or
// a subject that cannot be "it", such as a person).
func (d *kgDoc) reporterSubject(si, ti int, cls string) (*kgTarget, []string, bool) {
	s := d.sents[si]
	t := &s.Tree
	if t.Len() != len(s.Tokens) || syntax.Base(t.Label[ti]) != "nsubj" {
		return nil, nil, false
	}
	v := t.Head[ti]
	if v < 0 || t.Label[v] != "ccomp" || t.Head[v] < 0 {
		return nil, nil, false
	}
	subj := treeChildBefore(t, t.Head[v], "nsubj", ti)
	if subj < 0 || treeHasChild(t, subj, "conj") { // "Fiat and GM said they": both
		return nil, nil, false
	}
	if d.quoteOf[si][ti] != d.quoteOf[si][subj] {
		return nil, nil, false
	}
	return d.itTargetAt(si, subj, ti, "reporter")
}

// kgThingVerbs mostly have a thing as their subject "it": a film stars,
// a poster shows, a figure compares, a change means.
var kgThingVerbs = map[string]bool{"star": true, "show": true, "compare": true, "mean": true, "feature": true, "cost": true, "matter": true}

// thingVerbAfter reports whether the verb that "it" at token ti opens
// (past auxiliaries, modals and adverbs) is one of kgThingVerbs.
func (d *kgDoc) thingVerbAfter(s *sentence, ti int) bool {
	for j := ti + 1; j < len(s.Tokens) && j <= ti+4; j++ {
		tag := s.tagAt(j)
		if tag == "MD" || strings.HasPrefix(tag, "RB") {
			continue
		}
		if !kgIsVerbTag(tag) {
			return false
		}
		l, _ := d.m.tab.verbLemma(s.lowTok(j), tag)
		if kgAuxLemmas[l] && j+1 < len(s.Tokens) && kgIsVerbTag(s.tagAt(j+1)) {
			continue // "it has shown", "it will mean"
		}
		return kgThingVerbs[l]
	}
	return false
}

// subjectPersonBetween reports whether another person of a fitting gender
// is a subject between mention mt and token ti of sentence si.
func (d *kgDoc) subjectPersonBetween(si int, mt *kgMention, ti int, cls string) bool {
	for _, o := range d.mentions[si] {
		if o == mt || o.Ent == nil || o.Ent == mt.Ent || o.TitleOnly || !o.Subject || o.From < mt.To || o.To > ti {
			continue
		}
		if o.Ent.Type == TypePerson && (o.Ent.Gender == 0 || o.Ent.Gender == cls[0]) {
			return true
		}
	}
	return false
}

// reportedToPerson reports whether he/she at token ti of sentence si is
// the subject of a clause that a verb reports to a person of a fitting
// gender ("Klinsmann warned Lehmann he may have to quit", "Trump told
// Zelensky he lacked leverage"): the speaker and the listener both fit, so
// the pronoun is left unresolved.
func (d *kgDoc) reportedToPerson(si, ti int, cls string) bool {
	_, told := d.toldMentions(si, ti, true)
	for _, mt := range told {
		e := mt.Ent
		if (e.Type == TypePerson || e.Type == TypeOther && d.m.personShaped(e.Tokens)) && (e.Gender == 0 || e.Gender == cls[0]) {
			return true
		}
	}
	return false
}

// toldMentions returns, when the pronoun at ti of sentence si is the
// subject of a verb's complement clause, that verb and the mentions of its
// objects before the pronoun ("X told Y he ..."); -1 and none otherwise.
// asConj also takes a complement the parser read as a conjunct with no
// "and" before it.
func (d *kgDoc) toldMentions(si, ti int, asConj bool) (h int, told []*kgMention) {
	s := d.sents[si]
	t := &s.Tree
	if t.Len() != len(s.Tokens) || syntax.Base(t.Label[ti]) != "nsubj" {
		return -1, nil
	}
	v := t.Head[ti]
	if v < 0 || t.Head[v] < 0 {
		return -1, nil
	}
	switch t.Label[v] {
	case "ccomp":
	case "conj": // a complement clause without "that" read as a conjunct: no "and" before it
		if !asConj || treeHasChild(t, v, "cc") {
			return -1, nil
		}
	default:
		return -1, nil
	}
	h = t.Head[v]
	for j := range t.Head {
		if t.Head[j] != h || j >= ti || (t.Label[j] != "obj" && t.Label[j] != "iobj") {
			continue
		}
		for _, mt := range d.mentions[si] {
			if mt.Ent != nil && mt.From <= j && j < mt.To {
				told = append(told, mt)
			}
		}
	}
	return h, told
}

// addressees returns the entities told in sentence si (tell, assure,
// inform) when the pronoun at ti is the subject of what they were told
// ("Bat told the BBC that it had not negotiated"): the one told is not the
// one who did it.
func (d *kgDoc) addressees(si, ti int) map[*kgEntity]bool {
	h, told := d.toldMentions(si, ti, false)
	if len(told) == 0 {
		return nil
	}
	s := d.sents[si]
	switch d.m.tab.lem.Lemma(s.Tokens[h].Text, s.tagAt(h)) {
	case "tell", "assure", "inform":
	default:
		return nil // "warned Bath they have until next week": a warning is about the one warned
	}
	out := map[*kgEntity]bool{}
	for _, mt := range told {
		out[mt.Ent] = true
	}
	return out
}

// kgObjectLabel: the relations of a verb's object or oblique.
func kgObjectLabel(l string) bool {
	switch syntax.Base(l) {
	case "obj", "iobj", "obl":
		return true
	}
	return false
}

// resolvePronoun resolves the pronoun at token ti of sentence si to the
// most salient compatible antecedent: first-person pronouns in quotes to
// the quote's speaker; he/she to the nearest person of a compatible gender,
// subjects first; it/they to the nearest organisation or place subject.
func (d *kgDoc) resolvePronoun(si, ti int, cls string) (*kgTarget, []string) {
	s := d.sents[si]
	surface := s.Tokens[ti].Text
	switch cls {
	case "1", "w":
		if q := d.quoteOf[si][ti]; q > 0 && d.quotes[q-1].Speaker != nil {
			sp := d.quotes[q-1].Speaker
			if sp.Type == TypeConcept {
				return nil, nil // "a spokesman" is no node
			}
			if cls == "w" && sp.Type != TypeOrganization {
				// "we" in a person's quote is their team, party, club or
				// country, not the person: "We beat England," said the
				// captain does not make the captain the winner
				return nil, []string{"pronoun-we-unresolved:" + surface}
			}
			return sp, []string{"pronoun:" + surface + "->" + sp.Name + " (speaker)"}
		}
		return nil, nil
	case "m", "f":
		if d.reportedToPerson(si, ti, cls) {
			return nil, []string{"pronoun-ambiguous:" + surface}
		}
		inQuote := d.quoteOf[si][ti] > 0
		poss := s.lowTok(ti) == "his" || s.Tokens[ti].Tag == "PRP$" || strings.HasSuffix(s.lowTok(ti), "self")
		if poss {
			// "he made his name": a possessive after a subject pronoun of
			// its gender in the sentence (same quote, no name between)
			// is bound by it
			for j := ti - 1; j >= 0; j-- {
				if d.personEndsAt(si, j+1, cls) {
					break
				}
				if s.lowTok(j) == kgNominative[cls] && d.quoteOf[si][j] == d.quoteOf[si][ti] {
					if tg, rules := d.resolvePronoun(si, j, cls); tg != nil {
						return tg, append(rules[:len(rules):len(rules)], "pronoun:"+surface+"->"+tg.Name+" (bound)")
					}
					break
				}
			}
		}
		var speaker *kgTarget
		if inQuote {
			speaker = d.quotes[d.quoteOf[si][ti]-1].Speaker
		}
		commanded := d.commandedNames(si, ti)
		for k := si; k >= 0 && k >= si-3; k-- {
			if k == si-1 && !inQuote && (cls == "m" || cls == "f") && strings.EqualFold(surface, kgNominative[cls]) {
				// "He joined X. He took on Y": a subject pronoun after a
				// sentence led by the same pronoun continues its referent,
				// unless that sentence names a person as a subject
				if tg := d.chainedSubject(k, cls); tg != nil && !commanded[tg.Name] {
					return tg, []string{"pronoun:" + surface + "->" + tg.Name + " (chain)"}
				}
			}
			for pass := 0; pass < 2; pass++ {
				ms := d.mentions[k]
				// Subjects first, in order; then the other mentions, nearest first.
				for jj := range ms {
					j := jj
					if pass == 1 {
						j = len(ms) - 1 - jj
					}
					mt := ms[j]
					if mt.Ent == nil || mt.TitleOnly || k == si && mt.To > ti {
						continue
					}
					if pass == 0 && !mt.Subject || pass == 1 && mt.Subject {
						continue
					}
					if k == si && !inQuote && d.quoteOf[k][mt.From] > 0 {
						continue
					}
					// "X disagreed with him": an object pronoun is not the
					// subject of its own clause.
					if k == si && mt.Subject && d.isObjectPronoun(s, ti) && d.finiteBetween(s, mt.To, ti) <= 1 {
						continue
					}
					if inQuote && speaker != nil && mt.Ent != nil && mt.Ent.Name == speaker.Name {
						continue // "He scolded me," said X: he is not X
					}
					e := mt.Ent
					if e.Type == TypeOther && k == si && pass == 0 && strings.EqualFold(surface, kgNominative[cls]) && d.m.personShaped(e.Tokens) {
						// "Paolo di Canio was banned when he pushed X": a subject of
						// unknown kind but a person's shape holds the pronoun from
						// older names
						return nil, []string{"pronoun-held:" + surface}
					}
					if e.Type != TypePerson {
						continue
					}
					if e.Gender != 0 && e.Gender != cls[0] {
						continue
					}
					if commanded[e.Name] {
						// "He warned the BBC that attacking Mr Campbell ...": he
						// is not Campbell, and who else is not clear
						return nil, []string{"pronoun-commanded:" + surface + "!=" + e.Name}
					}
					if poss && k == si && mt.Subject && d.coordinatedPerson(si, ti, mt) {
						// "A and B have welcomed his return": not B's own
						return nil, nil
					}
					if poss && k == si && mt.Subject && d.personBetween(si, mt, ti, cls) {
						// "X introduced Y, citing his best-known hit": X's or Y's
						return nil, nil
					}
					if !poss && k == si && mt.Subject && strings.EqualFold(surface, kgNominative[cls]) && d.subjectPersonBetween(si, mt, ti, cls) {
						// "X says Y needs to review his actions after he kicked Z":
						// the main subject's or the reported one's
						return nil, []string{"pronoun-ambiguous:" + surface}
					}
					tg, _ := d.mentionTarget(d.sents[k], mt)
					return &tg, []string{"pronoun:" + surface + "->" + tg.Name}
				}
			}
		}
	case "n", "p":
		if kgExpletiveIt(s, ti) {
			return nil, []string{"pronoun-expletive:" + surface}
		}
		if tg, rules, ok := d.possessiveBound(si, ti, cls); ok {
			return tg, rules
		}
		if s.lowTok(ti) == "it" && d.thingVerbAfter(s, ti) {
			// "It stars actress X", "It showed Mr Howard as a pig", "It will
			// mean ...": a film, a poster, a figure, not a firm
			return nil, []string{"pronoun-thing:" + surface}
		}
		if w := s.lowTok(ti); (w == "it" || w == "them") && len(s.Tree.Label) == len(s.Tokens) && kgObjectLabel(s.Tree.Label[ti]) {
			// an object "it" or "them" is most often a thing, a product or a
			// state ("made it easier", "won it", "beat them to the award"):
			// a name before it is no safe antecedent
			return nil, []string{"pronoun-object-unresolved:" + surface}
		}
		if tg, rules, ok := d.reporterSubject(si, ti, cls); ok {
			return tg, rules
		}
		if cls == "p" {
			// "Environmental groups have accused Tesla, and they ...": a
			// plural subject noun phrase, this sentence or the last.
			for k := si; k >= 0 && k >= si-1; k-- {
				if name, ok := d.pluralSubject(k, ti, k == si); ok {
					return &kgTarget{Name: name, Type: TypeConcept}, []string{"pronoun:" + surface + "->" + name}
				}
			}
		}
		// This sentence: the nearest name before the pronoun ("called on
		// Russia to halt its attacks"); then the last sentence, subjects first.
		heldHere := false
		addressees := d.addressees(si, ti)
		commanded := d.commandedNames(si, ti)
		for pass := 0; pass < 3; pass++ {
			k := si
			if pass > 0 {
				k = si - 1
			}
			if k < 0 || pass == 1 && heldHere {
				break
			}
			if k < si && d.quoteOf[si][ti] > 0 {
				// '"It is difficult to tell how quickly it will take off," said
				// X': inside a quote, "it" is rarely a name of an earlier sentence
				break
			}
			ms := d.mentions[k]
			for j := len(ms) - 1; j >= 0; j-- {
				mt := ms[j]
				if mt.Ent == nil || mt.TitleOnly || k == si && mt.To > ti || pass == 1 && !mt.Subject || pass == 2 && mt.Subject {
					continue
				}
				if cls == "p" && pluralBetween(s, sameSentStart(k, si, mt), ti) {
					// "helping competitors fulfil their potential": the plural
					// noun, not the organisation before it
					return nil, nil
				}
				if k == si && d.quoteOf[si][ti] > 0 && d.quoteOf[si][mt.From] == 0 {
					continue // '"... it was a betrayal," X told BBC News': not the outlet
				}
				if k == si && addressees[mt.Ent] || commanded[mt.Ent.Name] {
					// "Bat told the BBC that it had not ...": not the one told;
					// "It said Acme would": not Acme; and who else is unclear
					return nil, []string{"pronoun-ambiguous:" + surface}
				}
				if k == si && mt.Subject && d.isObjectPronoun(s, ti) && d.finiteBetween(s, mt.To, ti) <= 1 {
					continue // "X will award it": it is not X
				}
				if k == si && kgPremodifies(s, mt.To) {
					continue // "a UV lamp before allowing them": the lamp's qualifier is no antecedent
				}
				if cls == "p" && k == si && kgAfterPreposition(s, mt.TextFrom) {
					continue // "In a survey by RSA, 80% said they": not RSA
				}
				tg, _ := d.mentionTarget(d.sents[k], mt)
				// A name of unknown kind only from this sentence: "Acme said
				// it", but not "Zelensky thanked Rutte. The ... it".
				if tg.Type == TypePlace && !(mt.Ent.Gaz != nil && (mt.Ent.Gaz.Kind == "country" || mt.Ent.Gaz.MetonymOf != "")) {
					continue // a town or region does not act: "it", "they" are not Hinckley nor Surrey
				}
				if tg.Type == TypePlace && (!(k == si && kgActingSubject(s, mt)) ||
					d.isObjectPronoun(s, ti) || kgBeNext(s, ti)) {
					// a country is "it" only as the subject of the pronoun's own
					// sentence ("The US says it will ..."); elsewhere "it" is
					// mostly a firm, a product or nothing ("it emerged"); not
					// a place after a preposition ("a bank in Denmark"); nor
					// an object ("allows them to") or "it" before or after a
					// form of be ("it's harder", "is it expected"). A country
					// passed over here also keeps "it" from an older
					// sentence's name (heldHere).
					heldHere = heldHere || k == si
					continue
				}
				if tg.Type == TypeOrganization || tg.Type == TypePlace || tg.Type == TypeOther && k == si && !d.m.personShaped(mt.Ent.Tokens) {
					return &tg, []string{"pronoun:" + surface + "->" + tg.Name}
				}
				if tg.Type == TypeOther && k == si && mt.Subject {
					// "Ardent Foods said it ...": a name of unknown kind as
					// the subject may well be "it"; no older name instead
					heldHere = true
				}
			}
		}
	}
	return nil, nil
}

// commandedNames returns the entities named later in sentence si inside
// the clause whose subject is the pronoun at ti: a pronoun cannot stand
// for a name its own clause goes on to use ("She told the Post that Ms Roe
// had resigned": she is not Ms Roe). Nil when the pronoun is no subject.
func (d *kgDoc) commandedNames(si, ti int) map[string]bool {
	s := d.sents[si]
	t := &s.Tree
	if ti >= t.Len() || !strings.HasPrefix(t.Label[ti], "nsubj") || t.Head[ti] < 0 {
		return nil
	}
	hv := t.Head[ti]
	var out map[string]bool
	for _, mt := range d.mentions[si] {
		if mt.From <= ti || mt.Ent == nil || mt.From >= t.Len() {
			continue
		}
		for x, steps := mt.From, 0; x >= 0 && steps <= t.Len(); x, steps = t.Head[x], steps+1 {
			if x != hv && (t.Label[x] == "parataxis" || t.Label[x] == "conj" && treeHasChild(t, x, "nsubj")) {
				break // "He accused X, but Parry explained: ...": a clause with a subject of its own
			}
			if x == hv {
				if out == nil {
					out = map[string]bool{}
				}
				out[mt.Ent.Name] = true
				break
			}
		}
	}
	return out
}

// kgExpletiveIt reports whether "it" at token i of s most likely refers to
// nothing: before a form of be that no participle follows ("it is a
// matter for", "it's out of control", but not "it is quitting" nor "it
// is to cut 500 jobs"), or
// before "emerged", "seems", "appears", "comes to" ("when it comes to").
func kgExpletiveIt(s *sentence, i int) bool {
	if s.lowTok(i) != "it" || i+1 >= len(s.Tokens) {
		return false
	}
	switch s.lowTok(i + 1) {
	case "is", "'s", "’s", "was":
		j := i + 2
		for j < len(s.Tokens) && (strings.HasPrefix(s.tagAt(j), "RB") || s.lowTok(j) == "n't") {
			j++
		}
		// "it is quitting", "it was founded", "it is to cut": the pronoun acts
		return j < len(s.Tokens) && s.tagAt(j) != "VBG" && s.tagAt(j) != "VBN" && s.tagAt(j) != "TO"
	case "emerged", "seems", "seemed", "appears", "appeared":
		return true
	case "has", "had", "have":
		// "it has also emerged", "it had seemed"
		j := i + 2
		for j < len(s.Tokens) && strings.HasPrefix(s.tagAt(j), "RB") {
			j++
		}
		if j < len(s.Tokens) {
			switch s.lowTok(j) {
			case "emerged", "seemed", "appeared":
				return true
			}
		}
	case "comes", "came":
		return i+2 < len(s.Tokens) && s.lowTok(i+2) == "to"
	}
	return false
}

// kgBeNext reports whether a form of "be" stands right before or after
// token i of s.
func kgBeNext(s *sentence, i int) bool {
	for _, j := range [2]int{i - 1, i + 1} {
		if j >= 0 && j < len(s.Tokens) {
			switch s.lowTok(j) {
			case "is", "'s", "’s", "was", "are", "were", "be", "been":
				return true
			}
		}
	}
	return false
}

// kgActingSubject reports whether mention mt of sentence s stands as its
// sentence's subject in its own right: a subject that qualifies no noun
// ("US firm", "UK's") and follows no preposition ("in Denmark").
func kgActingSubject(s *sentence, mt *kgMention) bool {
	return mt.Subject && !kgModifies(s, mt.To) && !kgAfterPreposition(s, mt.TextFrom)
}

// kgAfterPreposition reports whether a preposition stands among the two
// tokens before token i of s: "in Denmark", "in north London".
func kgAfterPreposition(s *sentence, i int) bool {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if tag := s.tagAt(j); tag == "IN" || tag == "TO" {
			return true
		}
	}
	return false
}

// kgPremodifies reports whether a noun or adjective follows a mention
// ending at token i of s, so that the mention qualifies it ("an Energy
// Star logo", "US firm").
func kgPremodifies(s *sentence, i int) bool {
	if i >= len(s.Tokens) {
		return false
	}
	tag := s.tagAt(i)
	return strings.HasPrefix(tag, "NN") || tag == "JJ"
}

// kgModifies reports whether the token at i continues a noun phrase a
// mention ending there premodifies or possesses: "US firm", "UK's".
func kgModifies(s *sentence, i int) bool {
	return kgPremodifies(s, i) || i < len(s.Tokens) && (s.tagAt(i) == "POS" || kgIsPossTok(s.Tokens[i].Text))
}

// sameSentStart is where a plural noun would stand between candidate mt
// of sentence k and a pronoun of sentence si: after mt in the same
// sentence, from the start of si otherwise.
func sameSentStart(k, si int, mt *kgMention) int {
	if k == si {
		return mt.To
	}
	return 0
}

// pluralBetween reports whether a plural common noun stands in tokens
// [from, to) of s.
func pluralBetween(s *sentence, from, to int) bool {
	for i := from; i < to && i < len(s.Tokens); i++ {
		if s.Tokens[i].Tag == "NNS" || len(s.PTB) == len(s.Tokens) && s.PTB[i] == "NNS" {
			return true
		}
	}
	return false
}

// personBetween reports whether a person mention compatible with gender
// class cls, other than mt, lies between mt and token ti of sentence si.
func (d *kgDoc) personBetween(si int, mt *kgMention, ti int, cls string) bool {
	s := d.sents[si]
	comma := func(from, to int) bool {
		for i := from; i < to; i++ {
			if s.Tokens[i].Text == "," {
				return true
			}
		}
		return false
	}
	for _, o := range d.mentions[si] {
		if o != mt && o.TextFrom >= mt.To && o.To <= ti && o.Ent != nil && o.Ent.Type == TypePerson &&
			(o.Ent.Gender == 0 || o.Ent.Gender == cls[0]) && o.Ent.Name != mt.Ent.Name &&
			!(comma(mt.To, o.TextFrom) && comma(o.To, ti)) { // "X, who worked with Y, started his career": set off
			return true
		}
	}
	return false
}

// personEndsAt reports whether a person mention compatible with gender
// class cls ends at token end of sentence si.
func (d *kgDoc) personEndsAt(si, end int, cls string) bool {
	for _, mt := range d.mentions[si] {
		if mt.To == end && mt.Ent != nil && mt.Ent.Type == TypePerson && (mt.Ent.Gender == 0 || mt.Ent.Gender == cls[0]) {
			return true
		}
	}
	return false
}

// coordinatedPerson reports whether subject mention mt of sentence si is
// joined by "and" to another person subject ("Tor Lund and Ivo Dahl"),
// both before token ti ("X and his son Y": his is X's).
func (d *kgDoc) coordinatedPerson(si, ti int, mt *kgMention) bool {
	s := d.sents[si]
	for _, o := range d.mentions[si] {
		if o == mt || !o.Subject || o.Ent == nil || o.Ent.Type != TypePerson || o.To > ti || mt.To > ti {
			continue
		}
		a, b := o.To, mt.TextFrom
		if mt.To <= o.TextFrom {
			a, b = mt.To, o.TextFrom
		}
		if b < a || b-a > 4 {
			continue
		}
		for j := a; j < b; j++ {
			if s.lowTok(j) == "and" {
				return true
			}
		}
	}
	return false
}

// kgNominative is the subject pronoun of each personal gender class.
var kgNominative = map[string]string{"m": "he", "f": "she"}

// chainedSubject is the referent of sentence k's leading subject pronoun
// of class cls ("He" before the first finite verb, outside quotes) when
// the sentence has no person name of a compatible gender as a subject;
// nil otherwise. Results are
// memoised per sentence, so a chain of such sentences costs one pass.
func (d *kgDoc) chainedSubject(k int, cls string) *kgTarget {
	if k < 0 {
		return nil
	}
	if tg, ok := d.chain[k]; ok {
		return tg
	}
	var out *kgTarget
	defer func() {
		if d.chain == nil {
			d.chain = map[int]*kgTarget{}
		}
		d.chain[k] = out
	}()
	s := d.sents[k]
	for _, mt := range d.mentions[k] {
		if mt.Subject && mt.Ent != nil && mt.Ent.Type == TypePerson && (mt.Ent.Gender == 0 || mt.Ent.Gender == cls[0]) {
			return nil // "... when Thatcher was riding high": she does not break a chain of he
		}
	}
	for i := range s.Tokens {
		if kgIsFiniteTag(s.Tokens[i].Tag) {
			break
		}
		if s.lowTok(i) == kgNominative[cls] {
			if d.quoteOf[k][i] > 0 {
				return nil
			}
			tg, _ := d.resolvePronoun(k, i, cls)
			if tg != nil && tg.Type == TypePerson {
				out = tg
			}
			return out
		}
	}
	return nil
}

// span builds an entity Span for tokens [from, to) of s.
func (d *kgDoc) span(s *sentence, from, to int, tg kgTarget) Span {
	text, a, b := kgRawText(s, from, to)
	return Span{Name: tg.Name, Type: tg.Type, Text: text, Start: a, End: b, Titles: tg.Titles}
}

// anaphorSpan builds the Span of an argument that refers to tg without
// naming it: a pronoun or a description, whose text is no alias.
func (d *kgDoc) anaphorSpan(s *sentence, from, to int, tg kgTarget) Span {
	sp := d.span(s, from, to, tg)
	sp.Anaphor = true
	return sp
}

// conceptSpan builds a Concept Span named name for tokens [from, to).
func (d *kgDoc) conceptSpan(s *sentence, from, to int, name string) Span {
	text, a, b := kgRawText(s, from, to)
	return Span{Name: name, Type: TypeConcept, Text: text, Start: a, End: b}
}

// conceptName names a common-noun argument by its noun phrase without
// determiners, quotes or trailing punctuation.
func (d *kgDoc) conceptName(s *sentence, from, to int) string {
	toks := s.Tokens
	for from < to && (kgDeterminers[s.lowTok(from)] || kgPossessivePronouns[s.lowTok(from)] || kgIsPunctTok(toks[from].Text)) {
		from++
	}
	for to > from && kgIsPunctTok(toks[to-1].Text) && !kgIsPossTok(toks[to-1].Text) {
		to--
	}
	var b strings.Builder
	if from < to {
		b.Grow(toks[to-1].End() - toks[from].Start)
	}
	for i := from; i < to; i++ {
		t := toks[i].Text
		if kgIsPossTok(t) && b.Len() > 0 {
			if t[len(t)-1] == 's' || t[len(t)-1] == 'S' {
				b.WriteString("'s")
			} else {
				b.WriteByte('\'')
			}
			continue
		}
		if kgIsQuoteTok(t) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(kgNormApos(t))
	}
	return b.String()
}

var kgTimeNouns = map[string]bool{"week": true, "weeks": true, "month": true, "months": true, "year": true, "years": true,
	"day": true, "days": true, "weekend": true, "morning": true, "afternoon": true, "evening": true, "night": true,
	"today": true, "tomorrow": true, "yesterday": true, "tonight": true, "overnight": true, "time": true}

// isTimeExpr reports whether [from, to) is only a date or time ("Sunday",
// "last week", "on Monday", "in January 2024"): such arguments are no nodes.
func (d *kgDoc) isTimeExpr(s *sentence, from, to int) bool {
	sawHead := false
	for i := from; i < to; i++ {
		t := s.Tokens[i]
		l := s.lowTok(i)
		switch {
		case d.m.tab.nonEntity[l] || kgTimeNouns[l]:
			sawHead = true
		case t.Tag == "CD", l == "last", l == "next", l == "this", l == "early", l == "late", l == "on", l == "in",
			l == "earlier", l == "later", l == "same", l == "previous", l == "coming", l == "past", kgIsPunctTok(t.Text):
		default:
			return false
		}
	}
	return sawHead
}

// inNounPPList reports whether the argument starting at token i is a member
// of a list that is the object of a preposition modifying a noun ("leaders
// from the United Kingdom, [France], Germany and Italy"): it is no argument
// of the verb.
func (d *kgDoc) inNounPPList(s *sentence, si, i, end int) bool {
	toks := s.Tokens
	if i <= 0 || i >= len(toks) {
		return false
	}
	p := toks[i-1].Text
	conj := strings.EqualFold(p, "and") || strings.EqualFold(p, "or")
	if p != "," && !conj {
		return false
	}
	// The list goes on after the argument, or the argument is its last member.
	if !conj && (end >= len(toks) || toks[end].Text != "," && !strings.EqualFold(toks[end].Text, "and")) {
		return false
	}
	// Walk left over list members.
	j := i - 1
	for j >= 0 {
		t := toks[j]
		if t.Text == "," || strings.EqualFold(t.Text, "and") || strings.EqualFold(t.Text, "or") ||
			(t.Tag == "NNP" || t.Tag == "NNPS") && !d.m.tab.nonEntity[strings.ToLower(t.Text)] || t.Tag == "DT" || kgIsPossTok(t.Text) {
			j--
			continue
		}
		break
	}
	if j < 1 || toks[j].Tag != "IN" {
		return false
	}
	if clauses.HoldingNoun(s.lowTok(j - 1)) {
		return false // "operations in A, B and C": each is a place of the operations
	}
	if !conj && d.placeAfterPlace(s, j+1, i, end) {
		return false // "a room in Miami Beach, Florida, where ...": where the place is, not a list
	}
	return kgIsNounTag(toks[j-1].Tag) && !kgIsCapWord(toks[j-1].Text)
}

// placeAfterPlace reports whether [i, end) is a known place (a country, a
// state, a county) after a comma that follows a single name [first, i-1):
// "Miami Beach, Florida" or "Hinckley, Leicestershire" names one place.
func (d *kgDoc) placeAfterPlace(s *sentence, first, i, end int) bool {
	for k := first; k < i-1; k++ {
		if t := s.Tokens[k].Text; t == "," || strings.EqualFold(t, "and") || strings.EqualFold(t, "or") {
			return false
		}
	}
	e, ok := d.m.tab.gaz.lookup(kgSpanText(s, i, end))
	return ok && e.Type == TypePlace && e.MetonymOf == ""
}

// kgControlNouns take an infinitive whose subject is their possessor:
// "Trump's intention to speak", "his bid to win".
var kgControlNouns = map[string]bool{"intention": true, "intent": true, "desire": true, "plan": true, "plans": true,
	"bid": true, "effort": true, "efforts": true, "decision": true, "promise": true, "pledge": true, "attempt": true,
	"determination": true, "willingness": true, "readiness": true, "refusal": true, "failure": true, "ambition": true,
	"wish": true, "hope": true, "hopes": true, "threat": true, "vow": true, "commitment": true, "push": true, "drive": true,
	"need": true, "resolve": true}

// controlPossessor resolves the possessor of "his intention" / "Trump's
// plan" ([from, to) ends with the control noun).
func (d *kgDoc) controlPossessor(s *sentence, si, from, to int) (Span, []string, bool) {
	noun := s.lowTok(to - 1)
	if cls, ok := kgPronouns[s.lowTok(from)]; ok && kgPossessivePronouns[s.lowTok(from)] {
		tg, rules := d.resolvePronoun(si, from, cls)
		if tg == nil || tg.Type == TypeConcept {
			return Span{}, nil, false
		}
		return d.anaphorSpan(s, from, from+1, *tg), append(rules, "control-noun:"+noun+"->"+tg.Name), true
	}
	for _, mt := range d.mentions[si] {
		if mt.TextFrom == from && mt.Possessed && !mt.TitleOnly {
			tg, rules := d.mentionTarget(s, mt)
			return d.span(s, mt.TextFrom, mt.To, tg), append(rules, "control-noun:"+noun+"->"+tg.Name), true
		}
	}
	return Span{}, nil, false
}

var kgClitics = map[string]bool{"'ve": true, "'s": true, "'ll": true, "'d": true, "'re": true, "'m": true}

// titledNameAtEnd handles "Tory leader Michael Howard", "Labour MP Jane
// Doe": a name at the end of the argument right after a lower-case title
// head is a titled person, whatever qualifies the title.
func (d *kgDoc) titledNameAtEnd(s *sentence, si, from, to int, ms []*kgMention) (Span, []string, bool) {
	for _, mt := range ms {
		if mt.To != to || mt.TitleOnly || mt.TextFrom <= from {
			continue
		}
		k := mt.TextFrom - 1
		if k < from {
			return Span{}, nil, false
		}
		// The longest title phrase ending at k: "chief executive".
		found, titleFrom := false, k
		for n := d.m.tab.titleMax; n >= 1 && !found; n-- {
			if k-n+1 < from {
				continue
			}
			if c, ti := d.m.titleAt(s, k-n+1, k+1); c == n && !ti.Honorific {
				found, titleFrom = true, k-n+1
			}
		}
		role := !found && (mt.RoleType != "" || mt.TimeFront)
		if !found && !role {
			// "bassist John Deacon", "rapper Jay Zee": a lower-case role noun
			// right before a person's name.
			t := s.Tokens[k]
			lowerRole := !kgIsCapWord(t.Text) || k == 0 && (t.Tag == "NNS" || t.Tag == "NNPS" || t.Tag == "NN")
			if t.Tag != "NN" && t.Tag != "NNS" && !(k == 0 && t.Tag == "NNPS") || !lowerRole || mt.Ent == nil || !(mt.Ent.Type == TypePerson || d.m.personShaped(mt.Ent.Tokens)) {
				return Span{}, nil, false
			}
		}
		for i := from; i < k; i++ {
			t := s.Tokens[i]
			if kgIsVerbTag(t.Tag) || t.Tag == "IN" && !strings.EqualFold(t.Text, "of") {
				return Span{}, nil, false
			}
		}
		tg, rules := d.mentionTarget(s, mt)
		if role && (mt.TimeFront || mt.RoleType != TypePerson) {
			// "Irish rock band U2", "US state Texas", "Last year Ostrava
			// Steel": the name is the argument; the role noun typed it.
			what := "role-premodifier:"
			if mt.TimeFront {
				what = "time-phrase-dropped:"
			}
			return d.span(s, mt.TextFrom, to, tg), append(rules, what+kgSpanText(s, from, k+1)), true
		}
		tg.Titles = append([]string{kgSpanText(s, titleFrom, k+1)}, tg.Titles...)
		if tg.Type == TypeOther {
			tg.Type = TypePerson
		}
		return d.span(s, from, to, tg), append(rules, "title-stripped:"+kgSpanText(s, from, k+1)), true
	}
	return Span{}, nil, false
}

var kgObjectPronouns = map[string]bool{"him": true, "her": true, "them": true, "me": true, "us": true, "it": true}

var kgReflexivePronoun = map[string]bool{"myself": true, "yourself": true, "himself": true, "herself": true,
	"itself": true, "ourselves": true, "yourselves": true, "themselves": true}

// isObjectPronoun reports whether the pronoun at token ti is an object:
// "him", "them", or "it"/"her" not followed by a verb.
func (d *kgDoc) isObjectPronoun(s *sentence, ti int) bool {
	w := s.lowTok(ti)
	if !kgObjectPronouns[w] {
		return false
	}
	if w == "it" || w == "her" {
		if ti+1 < len(s.Tokens) {
			t := s.Tokens[ti+1]
			if kgIsVerbTag(t.Tag) || t.Tag == "MD" || strings.HasPrefix(t.Tag, "RB") {
				return false // "it would", "it also said"
			}
			if w == "her" && kgIsNounTag(t.Tag) {
				return false // "her party": possessive
			}
		}
	}
	return true
}

// finiteBetween counts finite verbs in tokens [from, to) of s.
func (d *kgDoc) finiteBetween(s *sentence, from, to int) int {
	n := 0
	for i := from; i < to && i < len(s.Tokens); i++ {
		if kgIsFiniteTag(s.Tokens[i].Tag) {
			n++
		}
	}
	return n
}

var kgLeadingConj = map[string]bool{"and": true, "or": true, "but": true, "nor": true}

// titledPossessive handles "the chancellor's plans": the title names the
// person who holds it in the article ("Gordon Brown's plans"); without one
// the argument is no node.
func (d *kgDoc) titledPossessive(s *sentence, si, from, to, poss int, titles []string) (Span, []string, bool) {
	sp, rules, ok := d.titleAnaphor(s, si, from, poss, titles)
	if !ok || poss+1 >= to {
		return Span{}, append(rules, "bare-title-dropped:"+kgSpanText(s, from, poss)), false
	}
	rest := d.conceptName(s, poss+1, to)
	return d.conceptSpan(s, from, to, sp.Name+"'s "+rest), append(rules, "possessive:"+sp.Name), true
}

// mistaggedAfterPerson reports a word after a person's name that the
// tagger called a noun but is an adverb or a verb ("Mr Blair briefly",
// "Mr Kazi deny"): the name is the argument, not a compound.
func (d *kgDoc) mistaggedAfterPerson(s *sentence, lead *kgMention, next, to int) bool {
	if lead.Ent == nil || lead.Ent.Type != TypePerson || next+1 != to {
		return false
	}
	w := s.lowTok(next)
	if strings.HasSuffix(w, "ly") {
		return true
	}
	return d.m.tab.lem.KnownVerb(w) || d.m.tab.lem.IrregularForm(w)
}

// pluralSubject returns the name of sentence k's subject noun phrase when
// it is a plural common noun phrase ("Environmental groups"), looking only
// before token limit in the pronoun's own sentence.
func (d *kgDoc) pluralSubject(k, limit int, same bool) (string, bool) {
	s := d.sents[k]
	toks := s.Tokens
	end := -1
	for i, t := range toks {
		if same && i >= limit {
			break
		}
		if kgIsFiniteTag(t.Tag) {
			end = i
			break
		}
	}
	if end <= 0 {
		return "", false
	}
	from := 0
	for from < end && (kgIsPunctTok(toks[from].Text) || kgIsQuoteTok(toks[from].Text)) {
		from++
	}
	// Only a plain noun phrase: determiners, adjectives, nouns.
	for i := from; i < end; i++ {
		t := toks[i]
		if !(kgIsNounTag(t.Tag) || t.Tag == "JJ" || t.Tag == "DT" || t.Tag == "CD") || kgIsPunctTok(t.Text) {
			return "", false
		}
	}
	head := toks[end-1]
	if head.Tag != "NNS" || kgIsCapWord(head.Text) && from == end-1 {
		return "", false
	}
	for _, mt := range d.mentions[k] {
		if mt.TextFrom >= from && mt.To <= end {
			return "", false // a name in it: the name is the antecedent
		}
	}
	name := d.conceptName(s, from, end)
	return name, name != ""
}

// afterVerbOrPrep reports whether the token before i (adverbs skipped) is a
// verb or preposition, so a phrase starting at i is an object.
func (d *kgDoc) afterVerbOrPrep(s *sentence, i int) bool {
	k := i - 1
	for k >= 0 && strings.HasPrefix(s.Tokens[k].Tag, "RB") {
		k--
	}
	if k < 0 {
		return false
	}
	t := s.Tokens[k].Tag
	return kgIsVerbTag(t) || t == "IN" || t == "TO"
}

// kgShortLower lower-cases w when it is short enough to be a pronoun or
// another function word, and returns "" otherwise, so that a long name is
// never copied just to look it up in a table of short words.
func kgShortLower(w string) string {
	if len(w) > 12 {
		return ""
	}
	return strings.ToLower(w)
}

// possessiveOrgName reports whether [after, to) after a name's possessive
// [from, after) is all capitalised words ending in an organisation word
// ("Barnard's Retail Consulting Group"), with the possessive not opening
// the sentence.
func (d *kgDoc) possessiveOrgName(s *sentence, from, after, to int) bool {
	if from == 0 || to-after < 2 || !d.m.tab.orgSuffix[s.lowTok(to-1)] {
		return false
	}
	for i := after; i < to; i++ {
		if !kgIsCapWord(s.Tokens[i].Text) {
			return false
		}
	}
	return true
}

// quotedModifierEnd returns where a name starts after a quoted lower-case
// word that opens range [from, to) ("'shameful' UKIP", the tokenizer keeping
// the opening quote on the word), or from when there is none.
func quotedModifierEnd(s *sentence, from, to int) int {
	if from >= to {
		return from
	}
	w := s.Tokens[from].Text
	if !strings.HasPrefix(w, "'") && !strings.HasPrefix(w, "‘") {
		return from
	}
	rest := strings.TrimLeft(w, "'‘")
	if rest == "" || strings.ToLower(rest) != rest {
		return from
	}
	for k := from + 1; k < to && k <= from+3; k++ {
		if kgIsQuoteTok(s.Tokens[k].Text) {
			if k+1 < to && kgIsCapWord(s.Tokens[k+1].Text) {
				return k + 1
			}
			return from
		}
	}
	return from
}

// kgAuxForms are forms of be, have, do and get, never an argument alone.
var kgAuxForms = map[string]bool{"been": true, "being": true, "be": true, "is": true, "are": true, "was": true,
	"were": true, "have": true, "has": true, "had": true, "having": true, "do": true, "does": true, "did": true,
	"done": true, "get": true, "got": true}
