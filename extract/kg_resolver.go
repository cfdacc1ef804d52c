package extract

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/jdkato/prose/v3/token"
)

// KGOptions configures the knowledge-graph layer of article mode.
type KGOptions struct {
	// AliasesFile is a YAML file of user aliases ("Kremlin: Russia"), applied
	// at extraction. Empty means none. See parseUserAliases for the format.
	AliasesFile string
	// RelationsFile extends the relation table (light verbs, synonyms,
	// modals) with lines in the format of extract/lexicon/data/relations.tsv.
	RelationsFile string
	// KeepMetonyms keeps capitals and seats of power named as actors
	// ("Moscow said", "the Kremlin acknowledged") as themselves instead of
	// resolving them to their country.
	KeepMetonyms bool
}

// kgModel holds what the knowledge-graph layer loads once per Extractor
// (gazetteers, lemma tables, user aliases). Safe for concurrent use: it is
// never written after loadKG returns.
type kgModel struct {
	opts KGOptions
	tab  *kgTables
	user map[string]kgUserAlias // folded alias → canonical
	// surfaceOnly names arguments by their surface text, with no entity
	// resolution: the baseline BenchmarkKGOverhead measures the layer against.
	surfaceOnly bool
}

// kgSharedTables loads the embedded data once per process.
var kgSharedTables = sync.OnceValues(kgLoadTables)

// loadKG loads the knowledge-graph layer's data once per Extractor.
func loadKG(opts KGOptions) (*kgModel, error) {
	tab, err := kgSharedTables()
	if err != nil {
		return nil, fmt.Errorf("embedded data: %w", err)
	}
	m := &kgModel{opts: opts, tab: tab}
	if opts.RelationsFile != "" {
		b, err := os.ReadFile(opts.RelationsFile)
		if err != nil {
			return nil, fmt.Errorf("read relations file: %w", err)
		}
		cp := *tab
		cp.synonyms = kgCloneMap(tab.synonyms)
		cp.modals = kgCloneMap(tab.modals)
		cp.catenative = kgCloneMap(tab.catenative)
		cp.speech = kgCloneMap(tab.speech)
		cp.light = kgCloneMap(tab.light)
		cp.event = kgCloneMap(tab.event)
		if err := cp.addRelationLines(kgSplitDataLines(string(b))); err != nil {
			return nil, fmt.Errorf("relations file %s: %w", opts.RelationsFile, err)
		}
		m.tab = &cp
	}
	if opts.AliasesFile != "" {
		b, err := os.ReadFile(opts.AliasesFile)
		if err != nil {
			return nil, fmt.Errorf("read aliases file: %w", err)
		}
		u, err := parseUserAliases(b)
		if err != nil {
			return nil, fmt.Errorf("aliases file %s: %w", opts.AliasesFile, err)
		}
		m.user = u
	}
	return m, nil
}

func kgCloneMap[K comparable, V any](in map[K]V) map[K]V {
	out := make(map[K]V, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}

// kgFoldKey normalises a name for alias lookups: curly quotes straightened,
// lower case, spaces collapsed, a leading "the" dropped.
func kgFoldKey(s string) string {
	if !kgPlainText(s) || kgHasUpper(s) {
		s = strings.Join(strings.Fields(strings.ToLower(kgNormApos(s))), " ")
	}
	return strings.TrimPrefix(s, "the ")
}

// kgDoc is the docResolver of one document.
type kgDoc struct {
	m        *kgModel
	sents    []*sentence
	idx      map[*sentence]int
	mentions [][]*kgMention
	ents     map[string]*kgEntity
	acronyms map[string]*kgEntity
	quoteOf  [][]int // per sentence, per token: quote id (0 = outside quotes)
	quotes   []*kgQuoteSpan
	memo     map[kgArgKey]int32 // index into memoVals
	memoVals []kgArgResult
	// personLast holds the last words of multi-word person mentions
	// (surnameCandidateExists), built on first use.
	personLast map[string]bool
	// officeOf holds each entity's offices (offices), built on first use.
	officeOf map[*kgEntity][]string
	// chain memoises the antecedent of each sentence's leading he/she
	// subject (chainedSubject), so a run of "He ..." sentences resolves once.
	chain map[int]*kgTarget
}

// kgQuoteSpan is one stretch of quoted speech, possibly over several sentences.
type kgQuoteSpan struct {
	StartSent, StartTok int
	EndSent, EndTok     int // the closing quote token (or last token when unclosed)
	Speaker             *kgTarget
}

// kgTarget is what an argument resolves to.
type kgTarget struct {
	Name, Type string
	Gender     byte
	Titles     []string
}

// newDocResolver builds the resolver for one document from all of its
// analysed sentences.
func (m *kgModel) newDocResolver(sents []*sentence) docResolver {
	if m.surfaceOnly {
		return kgSurfaceResolver{}
	}
	d := &kgDoc{m: m, sents: sents, idx: make(map[*sentence]int, len(sents)),
		mentions: make([][]*kgMention, len(sents)), ents: map[string]*kgEntity{}, acronyms: map[string]*kgEntity{}}
	vocab := kgDocVocab(sents)
	mid := kgMidVocab(sents)
	paired := kgPairedCapWords(sents)
	for i, s := range sents {
		s.fillLow()
		d.idx[s] = i
		d.mentions[i] = m.findMentions(s, vocab, mid, paired)
	}
	d.buildEntities()
	d.findQuotes()
	return d
}

// docAliases joins a name that stands for another entity only in
// context ("Spurs", "the Upper House", "Rovers": docaliases.tsv) to the one
// candidate the document names; with none or several it stays itself.
func (d *kgDoc) docAliases() {
	remap := map[*kgEntity]*kgEntity{}
	for _, ms := range d.mentions {
		for _, mt := range ms {
			if mt.Ent == nil || remap[mt.Ent] != nil {
				continue
			}
			names := d.m.tab.docAliases[kgFoldKey(mt.Ent.Name)]
			if names == nil {
				names = d.m.tab.docAliases[kgFoldKey(mt.Raw)]
			}
			if names == nil {
				continue
			}
			var target *kgEntity
			n := 0
			for _, name := range names {
				e, ok := d.ents[kgFoldKey(name)]
				if !ok {
					if g, found := d.m.tab.gaz.lookup(name); found {
						e, ok = d.ents[g.Key]
					}
				}
				if ok && e != mt.Ent && e != target {
					target, n = e, n+1
				}
			}
			if n == 1 {
				remap[mt.Ent] = target
			}
		}
	}
	if len(remap) == 0 {
		return
	}
	for _, ms := range d.mentions {
		for _, mt := range ms {
			if t := remap[mt.Ent]; t != nil {
				mt.Rules = append(mt.Rules, "doc-alias:"+mt.Raw+"->"+t.Name)
				mt.Ent = t
			}
		}
	}
}

func (d *kgDoc) buildEntities() {
	m := d.m
	order := func(si, ti int) int { return si*1_000_000 + ti }
	// Pass 1: gazetteer names and full (multi-word) names.
	var singles []*kgMention
	for si, ms := range d.mentions {
		s := d.sents[si]
		for _, mt := range ms {
			if mt.TitleOnly {
				continue
			}
			if mt.Gaz != nil && (mt.To-mt.From > 1 || !d.surnameCandidateExists(mt)) {
				key := mt.Gaz.Key
				e := d.ents[key]
				if e == nil {
					e = &kgEntity{Name: mt.Gaz.Name, Type: mt.Gaz.Type, Gaz: mt.Gaz, First: order(si, mt.From)}
					d.ents[key] = e
				}
				mt.Ent = e
				continue
			}
			if mt.To-mt.From == 1 {
				singles = append(singles, mt)
				continue
			}
			key := kgFoldKey(mt.Raw)
			e := d.ents[key]
			if e == nil {
				toks := make([]string, 0, mt.To-mt.From)
				for i := mt.From; i < mt.To; i++ {
					toks = append(toks, kgNormApos(s.Tokens[i].Text))
				}
				toks[len(toks)-1] = kgTrimNamePunct(toks[len(toks)-1]) // "Guy." at a sentence end
				// "Donald J. Trump" / "Donald Trump", "J.D. Vance" / "JD
				// Vance": one person, named as first introduced.
				if v := d.variantOf(toks); v != nil || d.tailOf(toks) != nil {
					if v == nil {
						v = d.tailOf(toks)
					}
					e = v
					mt.Rules = append(mt.Rules, "alias:"+mt.Raw+"->"+v.Name)
				} else if short := d.shortTailOf(toks); short != nil {
					// "Hall of Fame" in a headline, "the Rock and Roll Hall of
					// Fame" later: one thing, named in full
					mt.Rules = append(mt.Rules, "alias:"+short.Name+"->"+mt.Raw)
					short.Name, short.Tokens = mt.Raw, toks
					e = short
				} else {
					e = &kgEntity{Name: mt.Raw, First: order(si, mt.From), Type: m.chunkType(s, mt), Tokens: toks}
				}
				d.ents[key] = e
			} else if e.Name != mt.Raw && kgFoldKey(e.Name) != kgFoldKey(mt.Raw) {
				mt.Rules = append(mt.Rules, "alias:"+mt.Raw+"->"+e.Name)
			}
			mt.Ent = e
			if mt.Person {
				e.Type = TypePerson
			}
			// An acronym introduced in parentheses: "the European Union (EU)".
			if mt.To+2 < len(s.Tokens) && s.Tokens[mt.To].Text == "(" && s.Tokens[mt.To+2].Text == ")" && kgIsAllCaps(s.Tokens[mt.To+1].Text) {
				d.acronyms[s.Tokens[mt.To+1].Text] = e
			}
		}
	}
	// Pass 2: single-word names are surnames or short forms of a full name
	// when one full name fits; the nearest one when several do.
	// Index the full names by their last word once, not per single.
	byLast := map[string][]*kgEntity{}
	for _, e := range d.ents {
		if len(e.Tokens) >= 2 {
			last := e.Tokens[len(e.Tokens)-1]
			if !slices.Contains(byLast[last], e) { // one entity under two keys: "Dave Collins", "David Collins"
				byLast[last] = append(byLast[last], e)
			}
		}
	}
	var cands []*kgEntity
	for _, mt := range singles {
		s := d.sents[mt.Sent]
		w := kgTrimNamePunct(kgNormApos(s.Tokens[mt.From].Text))
		cands = cands[:0]
		for _, e := range byLast[w] {
			if (e.Type == TypePerson || e.Type == TypeOther) && !m.genderClash(mt, e) {
				cands = append(cands, e)
			}
		}
		var first *kgEntity
		if len(cands) == 0 {
			first = d.firstNameMatch(w)
		}
		switch {
		case len(cands) == 1:
			mt.Ent = cands[0]
			if cands[0].Type == TypeOther && cands[0].Gaz == nil && m.personShaped(cands[0].Tokens) {
				cands[0].Type = TypePerson // named by surname alone: a person
			}
			mt.Rules = append(mt.Rules, "alias:"+w+"->"+cands[0].Name)
		case len(cands) > 1:
			// "Mr Ambani" with two Ambanis: the nearest is meant only when it
			// was named in this or the last sentence and no other was
			mt.Ent = d.nearest(cands, mt)
			mt.Ambiguous = !d.clearlyNearest(cands, mt)
			mt.Rules = append(mt.Rules, "alias-ambiguous:"+w+"->"+mt.Ent.Name)
		case first != nil:
			mt.Ent = first
			mt.Rules = append(mt.Rules, "alias:"+w+"->"+mt.Ent.Name)
		case d.acronyms[w] != nil:
			mt.Ent = d.acronyms[w]
			mt.Rules = append(mt.Rules, "acronym:"+w+"->"+mt.Ent.Name)
		case mt.Gaz == nil && d.shortFormOf(w) != nil:
			// "Lionhead" for Lionhead Studios, "UKA" for UK Athletics.
			mt.Ent = d.shortFormOf(w)
			mt.Rules = append(mt.Rules, "short-form:"+w+"->"+mt.Ent.Name)
		default:
			key := kgFoldKey(w)
			if mt.Gaz != nil {
				key = mt.Gaz.Key
			}
			e := d.ents[key]
			if e == nil {
				e = &kgEntity{Name: w, Tokens: []string{w}, Gaz: mt.Gaz, First: order(mt.Sent, mt.From)}
				if mt.Gaz != nil {
					e.Name, e.Type = mt.Gaz.Name, mt.Gaz.Type
				}
				d.ents[key] = e
			}
			mt.Ent = e
		}
	}
	d.docAliases()
	// Titles given in apposition: "the minister, Jonas Lind," / "Jonas
	// Lind, the minister,".
	for si, ms := range d.mentions {
		toks := d.sents[si].Tokens
		for _, mt := range ms {
			if mt.Ent == nil || mt.TitleOnly || mt.Ent.Gaz != nil {
				continue
			}
			if k := mt.TextFrom - 2; k >= 0 && toks[k+1].Text == "," {
				if ti, ok := m.tab.titles[strings.ToLower(toks[k].Text)]; ok && !ti.Honorific && !kgOrgCompatibleRoles[strings.ToLower(toks[k].Text)] {
					mt.Ent.Titles = append(mt.Ent.Titles, toks[k].Text)
					mt.Person = true
				}
			}
			if mt.To+1 < len(toks) && toks[mt.To].Text == "," && mt.RoleType == "" {
				// "Constellation, the world's biggest winemaker,": a role noun
				// ending the apposition types the name
				for k := mt.To + 1; k < len(toks) && k <= mt.To+6; k++ {
					if kgIsVerbTag(toks[k].Tag) || toks[k].Text == "," && k > mt.To+1 {
						break
					}
					if k+1 < len(toks) && kgIsPunctTok(toks[k+1].Text) && !kgIsCapWord(toks[k].Text) {
						if rt, ok := m.tab.roles[d.sents[si].lowTok(k)]; ok && string(rt) == TypeOrganization {
							mt.RoleType = string(rt)
						}
						break
					}
				}
			}
			if mt.To+1 < len(toks) && toks[mt.To].Text == "," {
				for k := mt.To + 1; k < len(toks) && k <= mt.To+4; k++ {
					if toks[k].Text == "," || kgIsVerbTag(toks[k].Tag) {
						break
					}
					if ti, ok := m.tab.titles[strings.ToLower(toks[k].Text)]; ok && !ti.Honorific && !kgIsCapWord(toks[k].Text) && !kgOrgCompatibleRoles[strings.ToLower(toks[k].Text)] {
						if k+1 < len(toks) && (toks[k+1].Text == "," || toks[k+1].Text == "." || kgIsPunctTok(toks[k+1].Text)) {
							mt.Ent.Titles = append(mt.Ent.Titles, toks[k].Text)
							mt.Person = true
						}
						break
					}
				}
			}
		}
	}
	// Types and genders from all mentions of each entity.
	for si, ms := range d.mentions {
		for _, mt := range ms {
			if mt.Ent == nil {
				continue
			}
			e := mt.Ent
			if mt.Person {
				e.Type = TypePerson
			}
			if mt.Gender != 0 && e.Gender == 0 {
				e.Gender = mt.Gender
			}
			if len(mt.Titles) > 0 {
				e.Titles = append(e.Titles, mt.Titles...)
			}
			if e.Type == "" {
				e.Type = m.chunkType(d.sents[si], mt)
			}
			if mt.RoleType != "" && mt.RoleType != TypeOther {
				if e.roleType == "" {
					e.roleType = mt.RoleType
				} else if e.roleType != mt.RoleType {
					e.roleType = "-" // conflicting role nouns: no evidence
				}
			}
			if mt.RoleWord != "" && !slices.Contains(e.roleWords, mt.RoleWord) {
				e.roleWords = append(e.roleWords, mt.RoleWord)
			}
		}
	}
	// A role noun before a name types it ("brewer Fosters", "rock band
	// U2", "US state Texas") over a guess from its words; a gazetteer entry
	// and a title or honorific ("Mr Fosters") stay stronger evidence.
	for si, ms := range d.mentions {
		for _, mt := range ms {
			// "Wolves chairman", "Laura Ashley chief": a name with staff is
			// an organisation, unless titled ("Mr Ashley").
			if e := mt.Ent; e != nil && mt.OfStaff && e.Gaz == nil && e.roleType == "" && len(e.Titles) == 0 && !mt.Possessed {
				e.roleType = TypeOrganization
				mt.Rules = append(mt.Rules, "staff-noun:"+d.sents[si].lowTok(mt.To))
			}
		}
	}
	for _, e := range d.ents {
		if e.roleType != "" && e.roleType != "-" && e.Gaz == nil && !(e.Type == TypePerson && len(e.Titles) > 0) {
			e.Type = e.roleType
		}
	}
	// "Cragg won the race. He ...": a name of unknown kind that is the
	// subject right before a sentence opening with he/she is a person.
	for k := 1; k < len(d.sents); k++ {
		toks := d.sents[k].Tokens
		var g byte
		for i := 0; i < len(toks) && i < 4; i++ {
			if kgIsFiniteTag(toks[i].Tag) {
				break
			}
			if c := kgPronouns[strings.ToLower(toks[i].Text)]; c == "m" || c == "f" {
				g = c[0]
				break
			}
		}
		if g == 0 {
			continue
		}
		for _, mt := range d.mentions[k-1] {
			if !mt.Subject || mt.OfStaff || mt.RoleType != "" && mt.RoleType != TypePerson {
				continue // "Wolves chairman Rick Hayward said. He ...": he is not Wolves
			}
			if !mt.Lead {
				break // "He told them that Veritas would ... He ...": the subject of a clause inside is not the one
			}
			if e := mt.Ent; e != nil && e.Type == TypeOther && e.Gaz == nil && (m.personShaped(e.Tokens) || len(e.Tokens) == 1 && !kgIsAllCaps(e.Name) && !m.tab.nonEntity[strings.ToLower(e.Name)]) {
				e.Type = TypePerson
				if e.Gender == 0 {
					e.Gender = g
				}
			}
			break
		}
	}
	// A second look: a name typed Other but titled elsewhere is a person.
	for _, ms := range d.mentions {
		for _, mt := range ms {
			if mt.Ent != nil && mt.Ent.Type == TypeOther && len(mt.Ent.Titles) > 0 {
				mt.Ent.Type = TypePerson
			}
		}
	}
}

// surnameCandidateExists reports whether a single-word gazetteer mention
// ("Jordan") could be the surname of a full name in the document.
func (d *kgDoc) surnameCandidateExists(mt *kgMention) bool {
	if mt.To-mt.From != 1 {
		return false
	}
	if d.personLast == nil {
		// last words of multi-word person names, collected once per document
		d.personLast = map[string]bool{}
		for _, ms := range d.mentions {
			for _, o := range ms {
				if o.To-o.From >= 2 && o.Gaz == nil && !o.TitleOnly && o.Person {
					d.personLast[kgNormApos(d.sents[o.Sent].Tokens[o.To-1].Text)] = true
				}
			}
		}
	}
	return d.personLast[kgNormApos(d.sents[mt.Sent].Tokens[mt.From].Text)]
}

// clearlyNearest reports whether mt's nearest candidate (mt.Ent) had a
// full mention in mt's sentence or the one before, and no other candidate
// did.
func (d *kgDoc) clearlyNearest(cands []*kgEntity, mt *kgMention) bool {
	found := false
	for si := max(0, mt.Sent-1); si <= mt.Sent; si++ {
		for _, o := range d.mentions[si] {
			if o.To-o.From < 2 || si == mt.Sent && o.From >= mt.From || !slices.Contains(cands, o.Ent) {
				continue
			}
			if o.Ent != mt.Ent {
				return false
			}
			found = true
		}
	}
	return found
}

// nearest picks, among entities sharing a surname, the one whose full
// kgMention most recently precedes mt (or the first after it).
func (d *kgDoc) nearest(cands []*kgEntity, mt *kgMention) *kgEntity {
	pos := mt.Sent*1_000_000 + mt.From
	var best *kgEntity
	bestPos := -1
	for si := 0; si < len(d.mentions); si++ {
		for _, o := range d.mentions[si] {
			p := si*1_000_000 + o.From
			if p >= pos || o.To-o.From < 2 {
				continue
			}
			for _, c := range cands {
				if o.Ent == c && p > bestPos {
					best, bestPos = c, p
				}
			}
		}
	}
	if best != nil {
		return best
	}
	best = cands[0]
	for _, c := range cands[1:] {
		if c.First < best.First {
			best = c
		}
	}
	return best
}

// kgCityModifier reports a capital that qualifies or places something
// rather than acting: "London mayor Ken Livingstone", "London's Capital
// FM", "Camden Market, London", "the Boston, London and Tokyo Marathons".
// "Moscow's invasion" and "Moscow and Kyiv see" still act.
func kgCityModifier(s *sentence, mt *kgMention) bool {
	if mt.Possessed {
		// a name after the possessive is a place in the city
		return mt.To+1 < len(s.Tokens) && kgIsCapWord(s.Tokens[mt.To+1].Text) && !kgIsAllCaps(s.Tokens[mt.To+1].Text)
	}
	if kgModifies(s, mt.To) {
		return true
	}
	t := &s.Tree
	x := mt.To - 1
	if x >= t.Len() {
		return false
	}
	for steps := 0; t.Label[x] == "conj" && t.Head[x] >= 0 && steps < t.Len(); steps++ {
		x = t.Head[x] // a list is what its first item is
	}
	switch t.Label[x] {
	case "compound", "appos", "list":
		return true
	}
	return false
}

// mentionTarget names a mention's entity, applying metonymy (capitals and
// seats of power as actors) and user aliases.
func (d *kgDoc) mentionTarget(s *sentence, mt *kgMention) (kgTarget, []string) {
	e := mt.Ent
	if e == nil {
		return kgTarget{Name: mt.Raw, Type: TypeOther}, nil
	}
	tg := kgTarget{Name: e.Name, Type: e.Type, Gender: e.Gender, Titles: mt.Titles}
	rules := mt.Rules[:len(mt.Rules):len(mt.Rules)] // appends below copy
	if e.Gaz != nil && e.Gaz.MetonymOf != "" && !d.m.opts.KeepMetonyms && !d.cityApposition(s, mt) && !d.locative(s, mt) && !d.seatAsPlace(s, mt) && !kgCityModifier(s, mt) {
		rules = append(rules, "metonym:"+mt.Raw+"->"+e.Gaz.MetonymOf)
		tg.Name, tg.Type = e.Gaz.MetonymOf, TypePlace
	} else if e.Gaz != nil && kgFoldKey(mt.Raw) != kgFoldKey(e.Name) {
		rules = append(rules, "gazetteer:"+mt.Raw+"->"+e.Name)
	}
	if d.m.user != nil {
		if u, ok := d.m.user[kgFoldKey(tg.Name)]; ok && u.Name != tg.Name {
			rules = append(rules, "user-alias:"+tg.Name+"->"+u.Name)
			tg.Name = u.Name
			if u.Type != "" {
				tg.Type = u.Type
			} else if ge, ok := d.m.tab.gaz.lookup(u.Name); ok {
				tg.Type = ge.Type
			}
		} else if u, ok := d.m.user[kgFoldKey(mt.Raw)]; ok && u.Name != tg.Name {
			rules = append(rules, "user-alias:"+mt.Raw+"->"+u.Name)
			tg.Name = u.Name
			if u.Type != "" {
				tg.Type = u.Type
			}
		}
	}
	return tg, rules
}

var kgLocativePreps = map[string]bool{
	"in": true, "at": true, "near": true, "outside": true, "inside": true, "around": true, "across": true,
	"into": true, "from": true, "to": true, "toward": true, "towards": true, "via": true, "through": true,
	"within": true, "throughout": true, "visited": true, "visit": true, "visiting": true, "visits": true,
}

// locative reports whether a capital is used as a place ("in Kyiv", "flew
// to Washington", "visited Paris") rather than as an actor ("Kyiv
// criticised Moscow"). Seats of power ("the Kremlin") are always actors.
func (d *kgDoc) locative(s *sentence, mt *kgMention) bool {
	if mt.Ent != nil && mt.Ent.Gaz != nil && mt.Ent.Gaz.Kind == "metonym" {
		return false
	}
	i := mt.TextFrom - 1
	if i >= 0 && kgIsDeterminer(s.Tokens[i].Text) {
		i--
	}
	if i >= 0 && kgLocativePreps[s.lowTok(i)] {
		return true
	}
	// "offices in Oslo and Lima": a later conjunct of a place after a
	// locative preposition is a place too (by the parse)
	t := &s.Tree
	if t.Len() != len(s.Tokens) || mt.To < 1 || mt.To > len(s.Tokens) {
		return false
	}
	h := mt.To - 1
	for t.Head[h] >= mt.From && t.Head[h] < mt.To { // the span's head
		h = t.Head[h]
	}
	for n := 0; n < 8 && t.Label[h] == "conj" && t.Head[h] >= 0; n++ {
		h = t.Head[h]
		for j := range t.Head {
			if t.Head[j] == h && t.Label[j] == "case" && kgLocativePreps[s.lowTok(j)] {
				return true
			}
		}
	}
	return false
}

// seatAsPlace reports whether a seat of power is named as a place or a
// qualifier, not as the government acting: "leaving Downing Street", "the
// Downing Street meeting", "talks at the Kremlin". It stands for its
// country only as its sentence's subject ("Downing Street said").
func (d *kgDoc) seatAsPlace(s *sentence, mt *kgMention) bool {
	if mt.Ent == nil || mt.Ent.Gaz == nil || mt.Ent.Gaz.Kind != "metonym" {
		return false
	}
	return !kgActingSubject(s, mt)
}

// cityApposition reports whether a capital is named as the city itself
// ("the capital, Kyiv").
func (d *kgDoc) cityApposition(s *sentence, mt *kgMention) bool {
	if mt.Ent != nil && mt.Ent.Gaz != nil && mt.Ent.Gaz.Kind == "metonym" {
		return false
	}
	i := mt.TextFrom - 1
	if i < 1 || s.Tokens[i].Text != "," {
		return false
	}
	p := s.lowTok(i - 1)
	return p == "capital" || p == "city" || kgPlaceNouns[p]
}

var kgPlaceNouns = map[string]bool{"town": true, "village": true, "region": true, "port": true, "province": true}

// findQuotes marks quoted stretches and attributes each to a speaker.
func (d *kgDoc) findQuotes() {
	d.quoteOf = make([][]int, len(d.sents))
	total := 0
	for _, s := range d.sents {
		total += len(s.Tokens)
	}
	flat := make([]int, total) // one allocation for the whole document
	open := false
	var cur *kgQuoteSpan
	for si, s := range d.sents {
		d.quoteOf[si], flat = flat[:len(s.Tokens):len(s.Tokens)], flat[len(s.Tokens):]
		for ti, t := range s.Tokens {
			txt := t.Text
			opening := txt == "“" || txt == "``" || txt == "\"" && !open
			closing := txt == "”" || txt == "''" || txt == "\"" && open
			switch {
			case opening && !open:
				open = true
				cur = &kgQuoteSpan{StartSent: si, StartTok: ti, EndSent: si, EndTok: ti}
				d.quotes = append(d.quotes, cur)
				d.quoteOf[si][ti] = len(d.quotes)
			case closing && open:
				d.quoteOf[si][ti] = len(d.quotes)
				cur.EndSent, cur.EndTok = si, ti
				open = false
			case open:
				d.quoteOf[si][ti] = len(d.quotes)
				cur.EndSent, cur.EndTok = si, ti
			}
		}
		// A quote left open for 3 sentences is a stray mark: stop it there.
		if open && si-cur.StartSent >= 3 {
			open = false
		}
	}
	for _, q := range d.quotes {
		q.Speaker = d.attribute(q)
	}
	// Quotes spanning sentences: an unattributed stretch next to an
	// attributed one has the same speaker.
	for i, q := range d.quotes {
		if q.Speaker != nil {
			continue
		}
		if i > 0 && d.quotes[i-1].Speaker != nil && q.StartSent-d.quotes[i-1].EndSent <= 1 {
			q.Speaker = d.quotes[i-1].Speaker
		} else if i+1 < len(d.quotes) && d.quotes[i+1].Speaker != nil && d.quotes[i+1].StartSent-q.EndSent <= 1 {
			q.Speaker = d.quotes[i+1].Speaker
		}
	}
}

// attribute finds the speaker of a quote: `“...,” said X`, `“...,” X
// said`, or `X said: “...”`.
func (d *kgDoc) attribute(q *kgQuoteSpan) *kgTarget {
	s := d.sents[q.EndSent]
	n := len(s.Tokens)
	k := q.EndTok + 1
	if k < n && (s.Tokens[k].Text == "," || s.Tokens[k].Text == ":") {
		k++
	}
	if k < n && d.isSpeechVerb(s.Tokens[k]) {
		if tg := d.npTarget(q.EndSent, k+1); tg != nil {
			return tg
		}
	}
	if k < n {
		if tg, end := d.npTargetEnd(q.EndSent, k); tg != nil && end < n && d.isSpeechVerb(s.Tokens[end]) {
			return tg
		}
	}
	// Before the opening quote: "X said: “...”".
	s = d.sents[q.StartSent]
	k = q.StartTok - 1
	if k >= 0 && (s.Tokens[k].Text == "," || s.Tokens[k].Text == ":") {
		k--
	}
	if k >= 1 && d.isSpeechVerb(s.Tokens[k]) {
		for _, mt := range d.mentions[q.StartSent] {
			if mt.To == k && !mt.TitleOnly {
				tg, _ := d.mentionTarget(s, mt)
				return &tg
			}
		}
		if k >= 1 {
			if cls := kgPronouns[s.lowTok(k-1)]; cls == "m" || cls == "f" {
				if tg, _ := d.resolvePronoun(q.StartSent, k-1, cls); tg != nil {
					return tg
				}
			}
		}
	}
	return nil
}

func (d *kgDoc) isSpeechVerb(t token.Token) bool {
	if !kgIsVerbTag(t.Tag) && t.Tag != "NN" && t.Tag != "NNS" { // "posted", "added" are sometimes mis-tagged
		return false
	}
	l, _ := d.m.tab.verbLemma(t.Text, "VBD")
	return d.m.tab.speech[l]
}

// npTarget resolves the noun phrase starting at token k of sentence si.
func (d *kgDoc) npTarget(si, k int) *kgTarget {
	tg, _ := d.npTargetEnd(si, k)
	return tg
}

// npTargetEnd resolves a speaker-like noun phrase at token k: a name
// name mention, a he/she pronoun, or "a spokesperson for X"; it returns the
// kgTarget and the token just past the phrase.
func (d *kgDoc) npTargetEnd(si, k int) (*kgTarget, int) {
	s := d.sents[si]
	n := len(s.Tokens)
	if k >= n {
		return nil, k
	}
	if cls := kgPronouns[s.lowTok(k)]; cls == "m" || cls == "f" {
		tg, _ := d.resolvePronoun(si, k, cls)
		return tg, k + 1
	}
	for _, mt := range d.mentions[si] {
		if mt.TextFrom == k && !mt.TitleOnly && !mt.Possessed {
			tg, _ := d.mentionTarget(s, mt)
			return &tg, mt.To
		}
	}
	start := k
	for start < n && kgDeterminers[s.lowTok(start)] {
		start++
	}
	end := start
	for end < n && (kgIsNounTag(s.Tokens[end].Tag) || s.Tokens[end].Tag == "JJ") && !kgIsPunctTok(s.Tokens[end].Text) {
		end++
	}
	if end == start {
		return nil, k
	}
	head := s.lowTok(end - 1)
	if _, ok := d.m.tab.titles[head]; !ok {
		return nil, end
	}
	name, _ := d.roleName(si, start, end)
	return &kgTarget{Name: name, Type: TypeConcept}, end
}

// roleName names a role noun phrase by its head and an attached "for/of X"
// ("spokesperson for Keir Starmer"). It returns the name and the token just
// past the phrase.
func (d *kgDoc) roleName(si, start, end int) (string, int) {
	s := d.sents[si]
	name := strings.ToLower(kgSpanText(s, start, end))
	if end+1 < len(s.Tokens) {
		p := s.lowTok(end)
		if p == "for" || p == "of" || p == "to" {
			for _, mt := range d.mentions[si] {
				if mt.TextFrom == end+1 && !mt.TitleOnly {
					tg, _ := d.mentionTarget(s, mt)
					return name + " " + p + " " + tg.Name, mt.To
				}
			}
		}
	}
	return name, end
}

// firstNameMatch returns the only full person name in the document whose
// first word is w ("Sir Digby" → "Digby Jones"), or nil.
func (d *kgDoc) firstNameMatch(w string) *kgEntity {
	var found *kgEntity
	for _, e := range d.ents {
		if len(e.Tokens) >= 2 && e.Tokens[0] == w && (e.Type == TypePerson || e.Type == TypeOther && d.m.personShaped(e.Tokens)) && e.Gaz == nil {
			if found != nil && found != e {
				return nil
			}
			found = e
		}
	}
	return found
}

// personShaped reports whether name tokens look like a person's name: two
// or three capitalised words, no connector, no title modifier first, no
// organisation, place or thing word.
func (m *kgModel) personShaped(toks []string) bool {
	if len(toks) < 2 || len(toks) > 3 || m.tab.titleMods[strings.ToLower(toks[0])] {
		return false
	}
	if _, ok := m.tab.gaz.lookup(toks[0]); ok {
		return false // "Manchester United"
	}
	for _, w := range toks {
		l := strings.ToLower(w)
		if !kgIsCapWord(w) || kgIsAllCaps(w) || m.tab.orgSuffix[l] || m.tab.placeWord[l] || m.tab.thingWord[l] || m.tab.nonEntity[l] || kgTitleFunctionWords[l] {
			return false // "Breakfast With Frost" is a title
		}
		if _, ok := m.tab.demonyms[w]; ok {
			return false
		}
	}
	return true
}

// kgSurfaceResolver names arguments by their surface text without
// determiners and relations by their lower-cased words: no titles stripped,
// no aliases, pronouns dropped.
type kgSurfaceResolver struct{}

func (kgSurfaceResolver) Arg(s *sentence, r tokRange) (Span, []string, bool) {
	if r.Empty() || r.From < 0 || r.To > len(s.Tokens) {
		return Span{}, nil, false
	}
	from, to := r.From, r.To
	for from < to && kgIsDeterminer(s.Tokens[from].Text) {
		from++
	}
	if from == to {
		return Span{}, nil, false
	}
	if _, pro := kgPronouns[s.lowTok(from)]; pro && to-from == 1 {
		return Span{}, []string{"pronoun-dropped"}, false
	}
	text, a, b := kgRawText(s, from, to)
	typ := TypeConcept
	if strings.HasPrefix(s.Tokens[from].Tag, "NNP") {
		typ = TypeOther
	}
	return Span{Name: text, Type: typ, Text: text, Start: a, End: b}, nil, true
}

func (kgSurfaceResolver) Relation(t *rawTriple) (Relation, []string) {
	var words []string
	for _, i := range t.Rel {
		if i >= 0 && i < len(t.Sent.Tokens) {
			words = append(words, strings.ToLower(t.Sent.Tokens[i].Text))
		}
	}
	rel := Relation{Lemma: strings.Join(words, " "), Negated: t.Negated}
	if len(words) > 0 {
		rel.Text, rel.Start, rel.End = kgRawText(t.Sent, t.Rel[0], t.Rel[len(t.Rel)-1]+1)
	}
	return rel, nil
}

// variantOf finds an entity whose name differs from toks only by middle
// names or initials, or by dots in initials.
// sameGivenName reports whether two given names name one person: equal, or
// a common short form and its full form ("Dave" and "David").
func sameGivenName(a, b string) bool {
	if a == b {
		return true
	}
	fa, fb := kgShortNames[a], kgShortNames[b]
	return fa != "" && (fa == b || fa == fb) || fb != "" && fb == a
}

// kgShortNames maps common English short given names to their full form.
var kgShortNames = map[string]string{
	"Dave": "David", "Mike": "Michael", "Bob": "Robert", "Rob": "Robert", "Bill": "William", "Will": "William",
	"Jim": "James", "Jimmy": "James", "Tom": "Thomas", "Tony": "Anthony", "Chris": "Christopher", "Steve": "Stephen",
	"Nick": "Nicholas", "Andy": "Andrew", "Dan": "Daniel", "Danny": "Daniel", "Ben": "Benjamin", "Sam": "Samuel",
	"Joe": "Joseph", "Jon": "Jonathan", "Matt": "Matthew", "Pete": "Peter", "Rick": "Richard", "Rich": "Richard",
	"Dick": "Richard", "Alex": "Alexander", "Ed": "Edward", "Ted": "Edward", "Ken": "Kenneth", "Ron": "Ronald",
	"Tim": "Timothy", "Liz": "Elizabeth", "Beth": "Elizabeth", "Kate": "Katherine", "Sue": "Susan", "Jenny": "Jennifer",
	"Jeff": "Jeffrey", "Greg": "Gregory", "Phil": "Philip", "Fred": "Frederick", "Charlie": "Charles", "Gerry": "Gerald",
	"Tommy": "Thomas", "Johnny": "John", "Jack": "John", "Larry": "Lawrence", "Les": "Leslie", "Ray": "Raymond",
}

func (d *kgDoc) variantOf(toks []string) *kgEntity {
	n := len(toks)
	if n < 2 {
		return nil
	}
	undot := func(w string) string { return strings.ReplaceAll(w, ".", "") }
	for _, e := range d.ents {
		k := len(e.Tokens)
		if k < 2 || e.Gaz != nil || e.Type == TypeOrganization || e.Type == TypePlace {
			continue
		}
		if undot(e.Tokens[k-1]) != undot(toks[n-1]) || !sameGivenName(undot(e.Tokens[0]), undot(toks[0])) {
			continue
		}
		if k == n {
			same := true
			for i := range toks {
				if i > 0 && undot(toks[i]) != undot(e.Tokens[i]) {
					same = false
					break
				}
			}
			if same {
				return e
			}
			continue
		}
		// The longer one may only add initials ("J.", "W") in the middle.
		long := toks
		if k > n {
			long = e.Tokens
		}
		ok := true
		for _, w := range long[1 : len(long)-1] {
			if len(undot(w)) > 1 {
				ok = false
				break
			}
		}
		if ok {
			return e
		}
	}
	return nil
}

// shortFormOf returns the one multi-word organisation or name of unknown
// kind that w shortens: its first word ("Lionhead" → Lionhead Studios,
// "WMC" → WMC Resources) or, for an all-capitals w, its initials ("UKA" →
// UK Athletics). Nil when none or several fit.
func (d *kgDoc) shortFormOf(w string) *kgEntity {
	if d.m.tab.nonEntity[strings.ToLower(w)] {
		return nil
	}
	var found *kgEntity
	for _, e := range d.ents {
		if len(e.Tokens) < 2 || e.Type == TypePerson || e.Type == TypePlace || e.Gaz != nil {
			continue
		}
		if e.Tokens[0] != w && !(kgIsAllCaps(w) && len(w) >= 2 && kgInitials(e.Tokens) == w) {
			continue
		}
		if found != nil && found != e {
			return nil
		}
		found = e
	}
	return found
}

// kgInitials spells a name's initials: capitals-only words whole, other
// words by their first letter, function words skipped ("UK Athletics" →
// UKA, "Bank of England" → BE).
func kgInitials(toks []string) string {
	var b strings.Builder
	for _, t := range toks {
		switch strings.ToLower(t) {
		case "of", "and", "the", "&", "for":
			continue
		}
		if kgIsAllCaps(t) {
			b.WriteString(t)
		} else if t != "" {
			b.WriteString(strings.ToUpper(t[:1]))
		}
	}
	return b.String()
}

// genderClash reports whether a surname mention's honorific contradicts the
// given name of a full name: "Mrs Howard" is not Michael Howard.
func (m *kgModel) genderClash(mt *kgMention, e *kgEntity) bool {
	if mt.Gender == 0 || len(e.Tokens) < 2 {
		return false
	}
	g, ok := m.tab.givenNames[strings.ToLower(e.Tokens[0])]
	return ok && g != 'u' && g != mt.Gender
}

// tailOf finds the one person whose full name ends with toks, compared
// without case: "Van Commenee" opening a sentence is Charles van Commenee.
func (d *kgDoc) tailOf(toks []string) *kgEntity {
	if len(toks) < 2 {
		return nil
	}
	return d.onlyEntity(func(e *kgEntity) bool {
		return len(e.Tokens) > len(toks) && e.Gaz == nil && e.Type != TypeOrganization && e.Type != TypePlace && kgEndsWith(e.Tokens, toks)
	})
}

// shortTailOf returns the one entity named in the headline (the first
// sentence), of two words or more, of no gazetteer, organisation, place or
// person kind and not shaped like a person's name, whose words are the last
// words of toks ("Hall of Fame" for "Rock and Roll Hall of Fame"), or nil:
// the reverse of tailOf, for a headline's short form met first. No person,
// and no "World Cup" of several sports.
func (d *kgDoc) shortTailOf(toks []string) *kgEntity {
	return d.onlyEntity(func(e *kgEntity) bool {
		k := len(e.Tokens)
		return k >= 2 && k < len(toks) && e.Gaz == nil && e.Type == TypeOther && e.First < 1_000_000 &&
			!d.m.personShaped(e.Tokens) && !kgCompetitionName(e.Name) && kgEndsWith(toks, e.Tokens)
	})
}

// onlyEntity returns the one entity of the document that keep accepts, or
// nil when none or several do.
func (d *kgDoc) onlyEntity(keep func(*kgEntity) bool) *kgEntity {
	var found *kgEntity
	for _, e := range d.ents {
		if !keep(e) {
			continue
		}
		if found != nil && found != e {
			return nil
		}
		found = e
	}
	return found
}

// kgEndsWith reports whether the words of long end with the words of short,
// compared without case.
func kgEndsWith(long, short []string) bool {
	if len(short) > len(long) {
		return false
	}
	off := len(long) - len(short)
	for i, w := range short {
		if !strings.EqualFold(long[off+i], w) {
			return false
		}
	}
	return true
}

// kgOrgCompatibleRoles are titles a company holds as well as a person
// ("Yukos, Yugansk's former owner"): in apposition they are no person
// evidence.
var kgOrgCompatibleRoles = map[string]bool{"owner": true, "shareholder": true, "partner": true, "parent": true,
	"backer": true, "sponsor": true, "supplier": true, "rival": true, "buyer": true, "seller": true, "bidder": true}
