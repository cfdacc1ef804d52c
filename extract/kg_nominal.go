package extract

import (
	"strings"

	"github.com/kgb-dev/kgb/extract/clauses"
)

// Nominal facts from title premodifiers: a name qualifying the title
// before a person's name states the relation "Wolves chairman Rick
// Hayward" → Rick Hayward be chairman of Wolves; "Tory MP Jonathan Sayeed"
// → Jonathan Sayeed be MP of Conservative Party; "US state Texas" → Texas
// be in US. They come from the mentions alone (no verb), with the title
// words as the relation's text.

// nominalTriples returns the premodifier facts of the document.
func (d *kgDoc) nominalTriples(doc string) []Triple {
	var out []Triple
	seen := map[string]bool{}
	for si, ms := range d.mentions {
		s := d.sents[si]
		for _, p := range ms {
			if p.TitleOnly || p.Ent == nil {
				continue
			}
			o, relFrom, relTo, ok := d.titleQualifier(s, si, p)
			var otg kgTarget
			var orules []string
			if !ok {
				// "Acme is parting with its chief executive X": the owner is the
				// possessive pronoun's antecedent, for a role title only
				tg, from, to, rules, ok := d.pronounQualifier(s, si, p)
				if !ok {
					continue
				}
				o, relFrom, relTo, otg, orules = &kgMention{Sent: si, From: from - 1, To: from, TextFrom: from - 1}, from, to, *tg, rules
			} else {
				otg, orules = d.mentionTarget(s, o)
			}
			ptg, prules := d.mentionTarget(s, p)
			// a person qualifies a role only as a possessor: "Denise Lewis'
			// coach X", not "Tory MP X" read wrongly
			possessor := o.To < relFrom && kgIsPossTok(s.Tokens[o.To].Text)
			if ptg.Name == otg.Name || otg.Type == TypePerson && !(possessor && ptg.Type == TypePerson) || otg.Type == TypeConcept {
				continue
			}
			title := strings.ToLower(kgSpanText(s, relFrom, relTo))
			if ptg.Type == TypePerson && o.Ent != nil && o.Ent.Gaz != nil && o.Ent.Gaz.Kind == "country" && !d.isRoleNoun(s.lowTok(relTo-1)) {
				// "UK Prime Minister Keir Starmer": a country's office is
				// part of how the person is named, kept as a title.
				continue
			}
			lemma := "be " + title + " of"
			if ptg.Type == TypePerson && otg.Type == TypePlace && o.Ent != nil && o.Ent.Gaz != nil && !possessor && relTo-relFrom == 1 && kgOriginRoles[s.lowTok(relFrom)] {
				lemma = "be from" // "Hong Kong director Wong Kar-Wai", "US singer X": where they come from
			}
			if ptg.Type != TypePerson {
				if otg.Type != TypePlace {
					continue // "Acme unit Beta": no stated relation
				}
				lemma = "be in" // "US state Texas"
			}
			key := ptg.Name + "\x00" + lemma + "\x00" + otg.Name + "\x00" + s.Text
			if seen[key] {
				continue
			}
			seen[key] = true
			text, a, b := kgRawText(s, relFrom, relTo)
			subj := d.span(s, p.From, p.To, ptg)
			obj := d.span(s, o.TextFrom, o.To, otg)
			rules := append([]string{"nominal-title:" + kgSpanText(s, o.TextFrom, p.To)}, prules...)
			out = append(out, Triple{
				Doc: doc, Sentence: s.Text, SentenceIndex: s.Index, SentenceStart: s.Start,
				Subject: subj, Relation: Relation{Lemma: lemma, Text: text, Start: a, End: b}, Object: obj,
				Confidence: 0.7, Rules: append(rules, orules...),
			})
		}
		for _, p := range ms {
			out = append(out, d.originTriples(doc, s, si, p, seen)...)
		}
	}
	return out
}

// kgOriginRoles are occupations a known place before them qualifies by
// origin ("US rapper", "UK actress"), unlike offices and teams ("US
// president", "England coach", "London race director", "Barcelona star").
var kgOriginRoles = map[string]bool{"singer": true, "actress": true, "actor": true, "composer": true,
	"rapper": true, "photographer": true, "writer": true, "author": true, "novelist": true, "artist": true,
	"designer": true, "model": true, "supermodel": true, "comedian": true, "musician": true, "producer": true,
	"film-maker": true, "filmmaker": true, "presenter": true, "journalist": true, "teenager": true, "chef": true,
	"architect": true, "pianist": true, "conductor": true, "guitarist": true, "drummer": true, "poet": true,
	"playwright": true, "painter": true, "dancer": true, "ballerina": true, "broadcaster": true, "businessman": true,
	"tycoon": true, "billionaire": true, "entrepreneur": true, "scientist": true, "student": true, "teacher": true}

// kgOriginSuffixes turn a place glued to them into a fact about the name
// after: "Norway-born X" -> X be born in Norway, "London-based Y" -> Y be
// based in London. The relation for a person, and for anything else.
var kgOriginSuffixes = map[string][2]string{
	"born":          {"be born in", ""},
	"based":         {"", "be based in"},
	"headquartered": {"", "be based in"},
}

// originTriples reads a place-hyphen modifier right before mention p:
// "New Zealand-born Campbell", "Zurich and London-based Xstrata" (each
// place of a two-place coordination).
func (d *kgDoc) originTriples(doc string, s *sentence, si int, p *kgMention, seen map[string]bool) []Triple {
	toks := s.Tokens
	k := p.From - 1
	if p.TitleOnly || p.Ent == nil || k < 0 || !kgIsHyphenModifier(toks[k].Text) {
		return nil
	}
	w := toks[k].Text
	h := strings.LastIndexByte(w, '-')
	rels, ok := kgOriginSuffixes[strings.ToLower(w[h+1:])]
	if !ok || !kgIsCapWord(w[:h]) {
		return nil
	}
	ptg, prules := d.mentionTarget(s, p)
	lemma := rels[1]
	if ptg.Type == TypePerson || ptg.Type == TypeOther && rels[0] != "" {
		lemma = rels[0] // "Norway-born Lindqvist": born is said of people
	}
	if lemma == "" || ptg.Type == TypeConcept || ptg.Type == TypePlace && lemma == "be born in" {
		return nil
	}
	// the place: the glued word with up to two capitalised words before it
	place := func(end int, last string) (*kgEntity, int) {
		for from := max(0, end-2); from <= end; from++ {
			words := make([]string, 0, 3)
			ok := true
			for i := from; i < end; i++ {
				ok = ok && kgIsCapWord(toks[i].Text)
				words = append(words, toks[i].Text)
			}
			if !ok {
				continue
			}
			if tg, found := d.nameTarget(strings.Join(append(words, last), " ")); found && tg.Type == TypePlace {
				return tg, from
			}
		}
		return nil, -1
	}
	var out []Triple
	emit := func(tg *kgEntity, from, to int) {
		key := ptg.Name + "\x00" + lemma + "\x00" + tg.Name + "\x00" + s.Text
		if seen[key] || tg.Name == ptg.Name {
			return
		}
		seen[key] = true
		text, a, b := kgRawText(s, k, k+1)
		otg := kgTarget{Name: tg.Name, Type: tg.Type}
		out = append(out, Triple{
			Doc: doc, Sentence: s.Text, SentenceIndex: s.Index, SentenceStart: s.Start,
			Subject: d.span(s, p.From, p.To, ptg), Relation: Relation{Lemma: lemma, Text: text, Start: a, End: b},
			Object: d.span(s, from, to, otg), Confidence: 0.7, Rules: append([]string{"origin-modifier:" + w}, prules...),
		})
	}
	tg, from := place(k, w[:h])
	if tg == nil {
		return nil
	}
	emit(tg, from, k+1)
	// "Zurich and London-based": the place before "and" too
	if c := from - 1; c >= 1 && strings.EqualFold(toks[c].Text, "and") {
		if tg2, from2 := place(c-1, toks[c-1].Text); tg2 != nil {
			emit(tg2, from2, c)
		}
	}
	return out
}

// titleQualifier finds the name qualifying a title right before mention p:
// "[Wolves] chairman Rick Hayward", "[Laura Ashley]'s chief executive X"
// (a separate mention, then lower-case title words), or "[Tory] MP Jonathan
// Sayeed" (inside p's own chunk). It returns the qualifier's mention and
// the title's token range.
func (d *kgDoc) titleQualifier(s *sentence, si int, p *kgMention) (*kgMention, int, int, bool) {
	toks := s.Tokens
	// Lower-case title words before the name: "chairman", "chief
	// executive", "police spokesman"; the last must be a title or role.
	k := p.TextFrom
	placeRole := k > 0 && p.Ent.Type == TypePlace && d.m.tab.roles[s.lowTok(k-1)] == "Place" // "US state Texas"
	if k > 0 && k == p.From && (placeRole || d.m.isTitleHead(s.lowTok(k-1)) || k > 1 && d.m.isTitleHead(s.lowTok(k-2)+" "+s.lowTok(k-1))) && !kgIsCapWord(toks[k-1].Text) {
		q := k - 1
		for q > 0 && k-q < 4 && !kgIsCapWord(toks[q-1].Text) && (kgIsNounTag(toks[q-1].Tag) || d.m.tab.titleMods[s.lowTok(q-1)]) && !kgIsPunctTok(toks[q-1].Text) {
			q--
		}
		end := q
		if end > 0 && kgIsPossTok(toks[end-1].Text) {
			end-- // "Laura Ashley's chief executive"
		}
		for _, o := range d.mentions[si] {
			if o.To == end && !o.TitleOnly && o.Ent != nil && o != p {
				return o, q, k, true
			}
		}
		// "Wolves chief executive X" opening a sentence: the chunker took no
		// mention there, but the words name an entity of the document
		x := end
		for x > 0 && end-x < 4 && kgIsCapWord(toks[x-1].Text) {
			x--
		}
		for y := x; y < end; y++ {
			text := kgSpanText(s, y, end)
			if tg, ok := d.nameTarget(text); ok && tg.Type != TypePerson {
				return &kgMention{Sent: si, From: y, To: end, TextFrom: y, Raw: text, Ent: tg}, q, k, true
			}
		}
		return nil, 0, 0, false
	}
	// Inside the chunk: "Tory MP Jonathan Sayeed", "MGM Vice Chairman X".
	if p.From-p.TextFrom >= 2 && len(p.Titles) > 0 {
		from := p.TextFrom
		for from < p.From && kgTimeTitleMods[s.lowTok(from)] {
			from++ // "Former Harbour Party leader X": "Former" is no part of the party
		}
		for x := p.From - 1; x > from; x-- {
			text := kgSpanText(s, from, x)
			tg, ok := d.nameTarget(text)
			if !ok {
				continue
			}
			if n, _ := d.m.titleAt(s, x, p.From); n == 0 && !d.m.tab.titleMods[s.lowTok(x)] {
				return nil, 0, 0, false
			}
			end := x
			for end < p.From {
				if ti, ok := d.m.tab.titles[s.lowTok(end)]; ok && ti.Honorific {
					break // "Lords Leader Baroness Amos": the office is "Leader"
				}
				end++
			}
			o := &kgMention{Sent: si, From: from, To: x, TextFrom: from, Raw: text, Ent: tg}
			return o, x, end, end > x
		}
	}
	return nil, 0, 0, false
}

// pronounQualifier reads "its chief executive X", "their captain X": a
// possessive pronoun right before role words right before person mention
// p. It returns the pronoun's antecedent and the role words' range
// [from, to) (the pronoun sits at from-1).
func (d *kgDoc) pronounQualifier(s *sentence, si int, p *kgMention) (*kgTarget, int, int, []string, bool) {
	toks := s.Tokens
	k := p.From
	if k < 2 || k-p.TextFrom > 3 || kgIsCapWord(toks[k-1].Text) ||
		!d.isRoleNoun(s.lowTok(k-1)) && !d.m.isTitleHead(s.lowTok(k-1)) && !d.m.isTitleHead(s.lowTok(k-2)+" "+s.lowTok(k-1)) {
		return nil, 0, 0, nil, false
	}
	if clauses.Kin(kgNounSingular(s.lowTok(k - 1))) {
		return nil, 0, 0, nil, false // "Their daughter Jennifer": a family's, never an organisation's
	}
	q := k - 1
	for q > 0 && k-q < 3 && !kgIsCapWord(toks[q-1].Text) && (kgIsNounTag(toks[q-1].Tag) || d.m.tab.titleMods[s.lowTok(q-1)] ||
		d.m.isTitleHead(s.lowTok(q-1))) && !kgPossessivePronouns[s.lowTok(q-1)] {
		q--
	}
	if q < 1 {
		return nil, 0, 0, nil, false
	}
	w := s.lowTok(q - 1)
	if w != "its" && w != "their" {
		return nil, 0, 0, nil, false // "his adviser X": a person's, not an organisation's
	}
	tg, rules := d.resolvePronoun(si, q-1, kgPronouns[w])
	if tg == nil || tg.Type != TypeOrganization {
		return nil, 0, 0, nil, false
	}
	return tg, q, k, rules, true
}

// nameTarget finds the entity a qualifier text names: an entity of the
// document or a gazetteer entry.
func (d *kgDoc) nameTarget(text string) (*kgEntity, bool) {
	if e, ok := d.ents[kgFoldKey(text)]; ok {
		return e, true
	}
	if g, ok := d.m.tab.gaz.lookup(text); ok {
		if e, ok := d.ents[g.Key]; ok {
			return e, true
		}
		return &kgEntity{Name: g.Name, Type: g.Type, Gaz: g}, true
	}
	return nil, false
}

// isRoleNoun reports whether w is a person role or staff noun ("actor",
// "captain"), not only an office title.
func (d *kgDoc) isRoleNoun(w string) bool {
	rt, ok := d.m.tab.roles[w]
	return ok && string(rt) == TypePerson || d.m.tab.staff[w]
}
