package extract

import (
	"strings"
)

// Descriptions as coreference: a definite description ("the chancellor",
// "the brewer", "the 26-year-old", "the ex-England coach") names the entity
// the article introduced with that title or role, or the salient person,
// only when exactly one candidate fits. Otherwise the argument is dropped:
// a wrong antecedent writes a false edge, a dropped one only loses a fact.

// kgRoleChangers are title modifiers that make a different office:
// a "deputy mayor" is not "the mayor", a "former president" not "the
// president".
var kgRoleChangers = map[string]bool{"deputy": true, "vice": true, "assistant": true, "acting": true,
	"shadow": true, "junior": true, "former": true, "ex-": true, "associate": true, "interim": true,
	"then": true, "outgoing": true, "incoming": true, "under": true}

// kgTitleFits reports whether an entity's title lt (lower case) is the
// office a description want names: "prime minister" fits "prime
// minister"; "us president" fits "president"; "london mayor" fits "mayor of
// london"; "deputy mayor" does not fit "mayor".
func kgTitleFits(lt, want string) bool {
	if lt == want {
		return true
	}
	if head, place, ok := strings.Cut(want, " of "); ok {
		return lt == head || lt == place+" "+head
	}
	if !strings.HasSuffix(lt, " "+want) {
		return false
	}
	for _, w := range strings.Fields(strings.TrimSuffix(lt, " "+want)) {
		if kgRoleChangers[w] || strings.HasPrefix(w, "ex-") {
			return false
		}
	}
	return true
}

// kgCand is one candidate antecedent: its entity, the mention that names it
// most recently before the description, and that mention's sentence.
type kgCand struct {
	e  *kgEntity
	mt *kgMention
	si int
}

// candidatesBefore lists the entities named before token from of sentence
// si that satisfy ok, each once with its latest mention.
func (d *kgDoc) candidatesBefore(si, from int, ok func(*kgMention) bool) []kgCand {
	var out []kgCand
	for k := 0; k <= si && k < len(d.mentions); k++ {
		for _, mt := range d.mentions[k] {
			if mt.Ent == nil || mt.TitleOnly || k == si && mt.From >= from || !ok(mt) {
				continue
			}
			found := false
			for i := range out {
				if out[i].e == mt.Ent {
					out[i].mt, out[i].si, found = mt, k, true
				}
			}
			if !found {
				out = append(out, kgCand{mt.Ent, mt, k})
			}
		}
	}
	return out
}

// uniqueCand picks the one candidate a description can mean: the only one
// named within the last five sentences, else the only one in the article.
func uniqueCand(cands []kgCand, si int) (kgCand, bool) {
	var near []kgCand
	for _, c := range cands {
		if c.si >= si-5 {
			near = append(near, c)
		}
	}
	switch {
	case len(near) == 1:
		return near[0], true
	case len(near) == 0 && len(cands) == 1:
		return cands[0], true
	}
	return kgCand{}, false
}

// titleAnaphor resolves "the minister" / "President" to the one person
// the article gave that title, or drops it.
// kgIndefinite determiners introduce something new: never an anaphor.
var kgIndefinite = map[string]bool{"a": true, "an": true, "another": true}

func (d *kgDoc) titleAnaphor(s *sentence, si, from, to int, titles []string) (Span, []string, bool) {
	for _, k := range []int{from, from - 1} {
		if k >= 0 && kgIndefinite[s.lowTok(k)] {
			// "X was made an MEP": an indefinite title names a post, not a holder
			return d.conceptSpan(s, from, to, d.conceptName(s, from, to)), []string{"indefinite-title"}, true
		}
	}
	want := strings.ToLower(strings.Join(titles, " "))
	// A place qualifier ("the US president"): the holder must have been
	// named with it ("US President Dana Whitfield").
	qual := ""
	if f := strings.Fields(want); len(f) > 1 {
		if _, dem := d.m.tab.demonyms[titles[0]]; dem || d.isPlaceWord(strings.Fields(strings.Join(titles, " "))[0]) {
			qual, want = f[0], strings.Join(f[1:], " ")
		}
	}
	cands := d.candidatesBefore(si, from, func(mt *kgMention) bool {
		if qual != "" && !d.namedWith(mt.Ent, qual) {
			return false
		}
		for _, t := range d.offices(mt.Ent) {
			if kgTitleFits(t, want) {
				return true
			}
		}
		return false
	})
	if c, ok := uniqueCand(cands, si); ok {
		tg, _ := d.mentionTarget(d.sents[c.si], c.mt)
		return d.anaphorSpan(s, from, to, tg), []string{"title-anaphor:" + kgSpanText(s, from, to) + "->" + tg.Name}, true
	}
	if len(cands) > 1 {
		return Span{}, []string{"title-anaphor-ambiguous:" + kgSpanText(s, from, to)}, false
	}
	// "the spokesperson" → "a spokesperson for X" introduced earlier.
	if len(titles) == 1 && kgIsBareTitleWord(want) {
		for k := si; k >= 0 && k >= si-5; k-- {
			ts := d.sents[k].Tokens
			lim := len(ts)
			if k == si {
				lim = from
			}
			for j := 0; j+1 < lim; j++ {
				if strings.ToLower(ts[j+1].Text) == want && (strings.EqualFold(ts[j].Text, "a") || strings.EqualFold(ts[j].Text, "an")) {
					name, _ := d.roleName(k, j+1, j+2)
					if name != want {
						return d.conceptSpan(s, from, to, name), []string{"definite:" + want + "->" + name}, true
					}
				}
			}
		}
	}
	if strings.ToLower(kgSpanText(s, from, to)) == want {
		// "the coach" with no coach named: the salient person (not for
		// "the founder of X", which names someone else).
		if sp, rules, ok := d.salientDescription(s, si, from, to, want); ok {
			return sp, rules, true
		}
	}
	return Span{}, []string{"bare-title-dropped:" + kgSpanText(s, from, to)}, false
}

// kgIsAgeNoun reports "26-year-old", "47-year-old".
func kgIsAgeNoun(w string) bool {
	n, ok := strings.CutSuffix(w, "-year-old")
	if !ok || n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return true
}

// description resolves a definite description made of lower-case words
// after "the" whose head is an age ("the 26-year-old") or a role noun
// ("the brewer", "the ex-England coach"). done=false leaves the argument
// to the other rules.
func (d *kgDoc) description(s *sentence, si, rawFrom, from, to int) (Span, []string, bool, bool) {
	if from < 1 || from-1 < rawFrom || s.lowTok(from-1) != "the" || to-from > 4 {
		return Span{}, nil, false, false
	}
	subject := to-1 < s.Tree.Len() && strings.HasPrefix(s.Tree.Label[to-1], "nsubj") // "as the firm is based in Russia"
	if k := from - 2; k >= 0 && !subject && (s.lowTok(k) == "as" || d.m.tab.lem.Lemma(s.Tokens[k].Text, s.tagAt(k)) == "become") {
		// "singled out as the biggest star", "has become the first star to
		// be evicted": a predicate, not someone named before
		name := d.conceptName(s, from, to)
		return d.conceptSpan(s, from, to, name), []string{"description-predicate:" + name}, name != "", true
	}
	for i := from; i < to; i++ {
		t := s.Tokens[i]
		if kgIsPunctTok(t.Text) || kgIsVerbTag(t.Tag) && t.Tag != "VBN" || t.Tag == "IN" || t.Tag == "POS" {
			return Span{}, nil, false, false
		}
		if kgIsCapWord(t.Text) && !strings.Contains(t.Text, "-") {
			return Span{}, nil, false, false // "the Labour leader": a name inside
		}
	}
	head := s.lowTok(to - 1)
	if kgIsAgeNoun(head) {
		sp, rules, ok := d.salientDescription(s, si, from, to, head)
		if !ok {
			rules = append(rules, "description-dropped:"+kgSpanText(s, from, to))
		}
		return sp, rules, ok, true
	}
	role := kgNounSingular(head)
	rt, ok := d.m.tab.roles[role]
	if !ok || rt == "Other" || head != role {
		return Span{}, nil, false, false // plurals ("the brothers") are groups
	}
	// The entity introduced with this role noun: "Australian brewer Fosters".
	cands := d.candidatesBefore(si, from, func(mt *kgMention) bool {
		for _, w := range mt.Ent.roleWords {
			if w == role {
				return true
			}
		}
		return false
	})
	if c, ok := uniqueCand(cands, si); ok {
		tg, _ := d.mentionTarget(d.sents[c.si], c.mt)
		return d.anaphorSpan(s, from, to, tg), []string{"description:" + kgSpanText(s, from, to) + "->" + tg.Name}, true, true
	}
	if len(cands) > 1 {
		return Span{}, []string{"description-ambiguous:" + kgSpanText(s, from, to)}, false, true
	}
	if string(rt) != TypePerson {
		return Span{}, nil, false, false // "the company": the type-based rule below
	}
	sp, rules, ok := d.salientDescription(s, si, from, to, head)
	if !ok {
		return Span{}, nil, false, false
	}
	return sp, rules, true, true
}

// salientDescription resolves a person description ("the 26-year-old",
// "the ex-England coach") to the salient person: the only person named in
// the last three sentences, or among them the one the article has named at
// least twice as often as any other so far. Else nothing.
func (d *kgDoc) salientDescription(s *sentence, si, from, to int, what string) (Span, []string, bool) {
	if what != "" && !kgIsAgeNoun(what) {
		if rt, ok := d.m.tab.roles[kgNounSingular(what)]; !ok || string(rt) != TypePerson {
			return Span{}, nil, false // "the president" with no president named: no guess
		}
	}
	count := map[*kgEntity]int{}
	var near []kgCand
	for _, c := range d.candidatesBefore(si, from, func(mt *kgMention) bool {
		if mt.Ent.Type == TypePerson {
			count[mt.Ent]++
			return true
		}
		return false
	}) {
		if c.si >= si-3 {
			near = append(near, c)
		}
	}
	var best kgCand
	switch {
	case len(near) == 1:
		best = near[0]
	case len(near) > 1:
		first, second := -1, 0
		for _, c := range near {
			n := count[c.e]
			if n > first {
				second, first, best = max(second, first), n, c
			} else if n > second {
				second = n
			}
		}
		if first < 2*second {
			return Span{}, []string{"description-ambiguous:" + kgSpanText(s, from, to)}, false
		}
	default:
		return Span{}, nil, false
	}
	tg, _ := d.mentionTarget(d.sents[best.si], best.mt)
	tg.Titles = nil
	return d.anaphorSpan(s, from, to, tg), []string{"description-salient:" + kgSpanText(s, from, to) + "->" + tg.Name}, true
}

// isPlaceWord reports whether w alone is a place in the gazetteer ("US").
func (d *kgDoc) isPlaceWord(w string) bool {
	e, ok := d.m.tab.gaz.lookup(w)
	return ok && e.Type == TypePlace
}

// namedWith reports whether some mention of e carries the word q (lower
// case) before its name: "US President Dana Whitfield" for q "us".
func (d *kgDoc) namedWith(e *kgEntity, q string) bool {
	for si, ms := range d.mentions {
		for _, mt := range ms {
			if mt.Ent != e {
				continue
			}
			for i := max(0, mt.TextFrom-1); i < mt.From; i++ {
				if d.sents[si].lowTok(i) == q {
					return true
				}
			}
		}
	}
	return false
}

// offices lists the offices an entity was named with, lower case: the
// titles of each mention joined ("Deputy Mayor Nicky Gavron" holds "deputy
// mayor", not "mayor"), and titles given in apposition.
func (d *kgDoc) offices(e *kgEntity) []string {
	if d.officeOf == nil {
		d.officeOf = map[*kgEntity][]string{}
		seen := map[*kgEntity]map[string]bool{}
		for _, ms := range d.mentions {
			for _, mt := range ms {
				if mt.Ent == nil || len(mt.Titles) == 0 {
					continue
				}
				if seen[mt.Ent] == nil {
					seen[mt.Ent] = map[string]bool{}
				}
				for _, t := range mt.Titles {
					seen[mt.Ent][t] = true
				}
				d.officeOf[mt.Ent] = append(d.officeOf[mt.Ent], strings.ToLower(strings.Join(mt.Titles, " ")))
			}
		}
		for _, ent := range d.ents {
			for _, t := range ent.Titles {
				if !seen[ent][t] {
					d.officeOf[ent] = append(d.officeOf[ent], strings.ToLower(t))
				}
			}
		}
	}
	return d.officeOf[e]
}
