package extract

import (
	"strings"
	"unicode"

	"github.com/kgb-dev/kgb/extract/clauses"
	"github.com/kgb-dev/kgb/extract/syntax"
)

// This file is article mode's syntactic path: a sentence's tokens are
// tagged and parsed (package syntax), read into predicate-argument
// structures (package clauses) and turned into rawTriples the docResolver
// resolves, in place of the POS patterns lines mode keeps.

// lemmas lemmatises the verbs and plural nouns of a parsed sentence for
// the clause reader (other words lower-cased).
func (e *Extractor) lemmas(s *sentence) []string {
	out := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		l := strings.ToLower(t.Text)
		if tag := s.PTB[i]; strings.HasPrefix(tag, "VB") || tag == "NNS" || tag == "MD" {
			l = e.kg.tab.lem.Lemma(l, tag)
		}
		out[i] = l
	}
	return out
}

// repairTags overrides two kinds of tag the EWT-trained tagger gets wrong
// on news text before the parse: honorifics ("Mrs" read as a plural) and
// a lower-case finite verb read as a noun where prose's tagger says verb
// ("Kestrel Holdings bought Ardent": "bought" NN).
func repairTags(s *sentence, words []string) {
	for i, w := range words {
		switch {
		case clauses.Honorific(w): // tagged NNP before parsing whatever the tagger says
			s.PTB[i] = "NNP"
		case i < len(s.Tokens) && strings.HasPrefix(s.Tokens[i].Tag, "NNP") && !strings.HasPrefix(s.PTB[i], "NNP") &&
			w != "" && unicode.IsUpper([]rune(w)[0]) && (i > 0 || strings.HasPrefix(s.PTB[i], "NN")):
			// "Orion Airlines", "Andrés Núñez": both taggers see a name's capital; prose's names win
			s.PTB[i] = s.Tokens[i].Tag
		case (s.PTB[i] == "JJ" || s.PTB[i] == "NN") && w != "" && w[0] >= 'a' && w[0] <= 'z' && afterModal(s, i):
			// "would \"effectively front\" the campaign": after a modal, a verb
			s.PTB[i] = "VB"
		case strings.HasPrefix(s.PTB[i], "NN") && i < len(s.Tokens) && w != "" && w[0] >= 'a' && w[0] <= 'z':
			switch pt := s.Tokens[i].Tag; {
			case pt == "VBD", pt == "VBZ", pt == "VBP":
				s.PTB[i] = pt
			case pt == "VB" && i > 0 && s.PTB[i-1] == "MD": // "would sue"
				s.PTB[i] = pt
			case strings.HasPrefix(s.PTB[i], "NNP") && pt != "" && !strings.HasPrefix(pt, "NNP"):
				s.PTB[i] = pt // a lower-case word is no proper noun
			}
		}
	}
}

// kgParticipleAux are the auxiliaries a past participle follows.
var kgParticipleAux = map[string]bool{"had": true, "has": true, "have": true, "having": true, "been": true, "was": true, "were": true, "is": true, "are": true, "be": true, "being": true}

// repairParticiples tags VBN a listed irregular participle right after an
// auxiliary that both taggers read as a noun or adjective: "the bank had
// lent Ardent Foods £3m" (lent NN, the season).
func (m *kgModel) repairParticiples(s *sentence, words []string) {
	for i := 1; i < len(words); i++ {
		w := words[i]
		if (s.PTB[i] != "NN" && s.PTB[i] != "JJ") || w == "" || w[0] < 'a' || w[0] > 'z' || !kgParticipleAux[s.lowTok(i-1)] {
			continue
		}
		if m.tab.lem.IrregularForm(w) && m.tab.lem.KnownVerb(m.tab.lem.Lemma(w, "VBN")) {
			s.PTB[i] = "VBN"
		}
	}
}

// repairBeat tags VBD a "beat" that the tagger read as a noun or a
// function word between a name (or a number, or a closing bracket) and a
// name or determiner: "Mardy Fish beat Tommy Robredo", "Martinez, 32, beat
// Shinobu Asagoe". "a beat", "Cameroon's beat of" keep their tags.
func repairBeat(s *sentence, words []string) {
	for i := 1; i+1 < len(words); i++ {
		if words[i] != "beat" || kgIsVerbTag(s.PTB[i]) {
			continue
		}
		prev, next := s.PTB[i-1], words[i+1]
		if !(strings.HasPrefix(prev, "NNP") || prev == "CD" || prev == ",") {
			continue
		}
		if kgIsCapWord(next) || strings.EqualFold(next, "the") {
			s.PTB[i] = "VBD"
		}
	}
}

// repairOpeningName tags as proper nouns the words of a known name of two
// or three words (gazetteer, exact spelling) that opens a sentence, where
// the capital tells the tagger nothing: "Downing Street said" (Downing
// read as VBG by both taggers), and a known given name before a proper
// noun ("Ines Marwood"). Both tags change: the parse reads PTB,
// the name finder the Tokens' tags.
func (m *kgModel) repairOpeningName(s *sentence, words []string) {
	// name tags token i a name for both: the parse and the name finder
	name := func(i int, parse bool) {
		if parse && !strings.HasPrefix(s.PTB[i], "NNP") {
			s.PTB[i] = "NNP"
		}
		if !strings.HasPrefix(s.Tokens[i].Tag, "NNP") {
			s.Tokens[i].Tag = "NNP"
		}
	}
	// "Ines Marwood denied": a known given name before a capitalised
	// proper noun (prose reads "Ines" as a plural)
	if len(words) > 2 && kgIsCapWord(words[0]) && kgIsCapWord(words[1]) && strings.HasPrefix(s.PTB[1], "NNP") {
		if _, ok := m.tab.givenNames[strings.ToLower(words[0])]; ok {
			s.PTB[0] = "NNP"
			name(0, false)
			return
		}
	}
	// "Vindar won the race": an opening word the EWT tagger reads as a
	// name before a finite verb, and that is no known English word
	if len(words) > 2 && kgIsCapWord(words[0]) && s.PTB[0] == "NNP" && !strings.HasPrefix(s.Tokens[0].Tag, "NNP") {
		switch s.PTB[1] {
		case "VBD", "VBZ", "MD":
			if l := strings.ToLower(words[0]); !m.tab.lem.KnownNoun(l) && !m.tab.lem.KnownVerb(l) {
				name(0, false)
				return
			}
		}
	}
	for n := 3; n >= 2; n-- {
		if len(words) <= n {
			continue
		}
		if _, ok := m.tab.gaz.Exact[strings.Join(words[:n], " ")]; !ok {
			continue
		}
		for i := 0; i < n; i++ {
			if !kgIsCapWord(words[i]) {
				return
			}
		}
		for i := 0; i < n; i++ {
			name(i, true)
		}
		return
	}
}

// repairTitleTags tags as nouns the lower-case title words the EWT tagger
// reads as adjectives right before a name: "Ostmark chief executive Jan
// Kerr said" (chief/JJ executive/JJ), which the parser otherwise splits
// into three subjects. Title modifiers ("former", "acting") stay adjectives.
func (m *kgModel) repairTitleTags(s *sentence, words []string) {
	lower := func(i int) bool { return words[i] != "" && words[i][0] >= 'a' && words[i][0] <= 'z' }
	for i := 0; i+1 < len(words); i++ {
		// "has been managing director of X": a participle opening a title
		if strings.HasPrefix(s.PTB[i], "VB") && lower(i) && lower(i+1) && m.isTitleHead(words[i]+" "+words[i+1]) {
			s.PTB[i], s.PTB[i+1] = "NN", "NN"
		}
	}
	for i := 0; i < len(words); i++ {
		if !lower(i) || !m.isTitleWord(words[i]) {
			continue
		}
		// [i, j): a run of lower-case title words; it must end in a title
		// head ("chairman", "chief executive") right before a name
		j := i
		for j < len(words) && j-i < 4 && lower(j) && m.isTitleWord(words[j]) {
			j++
		}
		run := i
		i = j - 1
		name := j < len(words) && strings.HasPrefix(s.PTB[j], "NNP") && words[j] != "" && unicode.IsUpper([]rune(words[j])[0])
		// "chief executive of X": a title with its organisation after it
		of := j < len(words) && j-run >= 2 && (words[j] == "of" || words[j] == "at")
		if !name && !of {
			continue
		}
		if last := words[j-1]; !m.isTitleHead(last) && (j-2 < run || !m.isTitleHead(words[j-2]+" "+last)) {
			continue
		}
		for k := run; k < j; k++ {
			if s.PTB[k] == "JJ" && !kgTimeTitleMods[words[k]] {
				s.PTB[k] = "NN"
			}
		}
		// "Wolves chief executive X" opening a sentence: the capitalised
		// noun qualifying the title is a name
		if k := run - 1; name && k >= 0 && (s.PTB[k] == "NN" || s.PTB[k] == "NNS") && words[k] != "" && unicode.IsUpper([]rune(words[k])[0]) {
			s.PTB[k] = "NNP"
		}
	}
}

// isTitleWord: a word of a title ("chief", "executive", "minister").
func (m *kgModel) isTitleWord(w string) bool {
	if _, ok := m.tab.titles[w]; ok {
		return true
	}
	return m.tab.titleMods[w] || m.isTitleHead(w)
}

// kgTimeTitleMods qualify a title in time and stay adjectives: "former
// chief executive X".
var kgTimeTitleMods = map[string]bool{"former": true, "acting": true, "interim": true, "outgoing": true, "incoming": true, "then": true, "late": true}

// isTitleHead reports whether a lower-case word can end a title before a
// name: a title head ("chairman", "mayor"), a person role ("analyst",
// "actor") or a staff noun ("boss"); not an honorific.
func (m *kgModel) isTitleHead(w string) bool {
	if m.personTitle(w) {
		return true
	}
	if rt, ok := m.tab.roles[w]; ok && string(rt) == TypePerson {
		return true
	}
	return m.tab.staff[w]
}

// possessiveOfSubject reports whether the object of a possessor-via
// triple came from a possessive pronoun that could be the subject's own:
// his/her with a person subject, its/their with any other. Such a
// possessive most often is the subject's, so the resolver's antecedent
// would state a false edge.
func possessiveOfSubject(t *rawTriple, subj Span) bool {
	if t.Obj.To-t.Obj.From != 1 {
		return false
	}
	w := strings.ToLower(t.Sent.Tokens[t.Obj.From].Text)
	switch w {
	case "his", "her":
		return subj.Type == TypePerson
	case "its", "their":
		return subj.Type != TypePerson
	}
	return false
}

// afterModal reports whether token i follows a modal, across adverbs and
// quote marks ("would not", "could \"simply\"").
func afterModal(s *sentence, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch s.PTB[j] {
		case "MD":
			return true
		case "RB", "``", "''", "\"":
			continue
		}
		return false
	}
	return false
}

// clauseTriples reads the clauses of one parsed sentence into rawTriples.
// Hedged and conditional clauses keep their hedge as the relation's
// modality ("if", "could", "want"); premodifier facts are left to the
// resolver's nominal triples (kg_nominal.go), which read the mentions.
func (e *Extractor) clauseTriples(s *sentence) []rawTriple {
	if len(s.PTB) != len(s.Tokens) {
		return nil
	}
	words := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		words[i] = t.Text
	}
	cs := clauses.Extract(&clauses.Sentence{Words: words, Tags: s.PTB, Lemmas: e.lemmas(s), Tree: &s.Tree})
	var out []rawTriple
	for i := range cs {
		c := &cs[i]
		if hasAnyRule(c.Rules, "premodifier-role", "premodifier-locative", "premodifier-kin") {
			continue
		}
		for _, a := range c.Args {
			if a.Role == clauses.RoleTime {
				continue
			}
			if c.Kind == clauses.KindCopula && a.Role == clauses.RoleXcomp {
				// "X is the next Bond film": a concept, kept only as such
				if len(c.Rel) == 0 {
					continue
				}
			}
			t := rawTriple{Sent: s, Subj: tokRange{c.Subj.From, c.Subj.To}, Obj: tokRange{a.From, a.To},
				ObjExt: a.Ext, SubjExt: c.Subj.Ext, Negated: c.Negated, Confidence: clauseConfidence(c, a),
				Rules: append([]string{"clause:" + c.Kind.String()}, c.Rules...)}
			t.Hedge = c.Hedge
			if c.Reporter >= 0 {
				t.ReportedBy = reporterRange(cs, c.Reporter, s)
			}
			switch c.Kind {
			case clauses.KindVerb:
				t.Rel = append([]int(nil), c.Rel...)
				if a.Via >= 0 {
					t.Rel = append(append(t.Rel, a.ViaPrep...), a.Via)
					t.PossVia = len(a.Prep) == 0
				}
				t.Rel = append(t.Rel, a.Prep...)
				sortInts(t.Rel)
				t.Passive = c.Agentive
				if c.Passive {
					t.PassiveNoAgent, t.Pred = true, c.Pred
				}
			case clauses.KindCopula:
				if a.Role == clauses.RoleXcomp {
					t.Lemma = "be"
				} else {
					t.Lemma = c.Lemma
				}
				t.Rel = append(append([]int(nil), c.Rel...), c.Pred)
			case clauses.KindRole:
				t.Lemma, t.Role = c.Lemma, true
				t.Rel = []int{c.Pred}
			case clauses.KindLocative:
				t.Lemma, t.Locative = "be", c.Lemma
				t.Rel = []int{c.Pred}
			default:
				t.Lemma = c.Lemma
				t.Rel = []int{c.Pred}
			}
			out = append(out, t)
		}
	}
	return out
}

// reporterRange is the speaker's noun phrase: the subject span of the
// clause whose subject head is the reporter, else the token alone.
func reporterRange(cs []clauses.Clause, h int, s *sentence) tokRange {
	if t := &s.Tree; h < t.Len() && h < len(s.PTB) && (s.PTB[h] == "WP" || s.PTB[h] == "WDT") {
		// "Ms Marwood, who said ...": the relative pronoun stands for the
		// noun its clause qualifies; "who" only for a name or a plural
		// ("charities who say"), as a parse hanging it on "a view" or "a
		// challenge" would name no speaker
		if v := t.Head[h]; v >= 0 && t.Label[v] == "acl:relcl" && t.Head[v] >= 0 {
			a := s.PTB[t.Head[v]]
			if s.PTB[h] == "WDT" && strings.HasPrefix(a, "NN") || strings.HasPrefix(a, "NNP") || a == "NNS" {
				h = t.Head[v]
			}
		}
	}
	for i := range cs {
		if cs[i].Subj.Head == h {
			return tokRange{cs[i].Subj.From, cs[i].Subj.To}
		}
	}
	if h < len(s.Tokens) {
		return nameAround(s, h)
	}
	return tokRange{}
}

// nameAround is the proper name a proper-noun token h heads: h with the
// proper nouns joined to it by compound (before) or flat (after):
// "Downing Street said" is Downing Street, not Street. Any other token
// stands alone.
func nameAround(s *sentence, h int) tokRange {
	t := &s.Tree
	name := func(i int) bool { return i < len(s.PTB) && strings.HasPrefix(s.PTB[i], "NNP") }
	from, to := h, h+1
	if h >= t.Len() || !name(h) {
		return tokRange{from, to}
	}
	for from > 0 && t.Head[from-1] == h && syntax.Base(t.Label[from-1]) == "compound" && name(from-1) {
		from--
	}
	for to < t.Len() && t.Head[to] == h && syntax.Base(t.Label[to]) == "flat" && name(to) {
		to++
	}
	return tokRange{from, to}
}

func clauseConfidence(c *clauses.Clause, a clauses.Arg) float64 {
	conf := 0.8
	switch c.Kind {
	case clauses.KindLocative, clauses.KindEvent:
		conf = 0.65
	case clauses.KindRole, clauses.KindKin:
		conf = 0.75
	}
	if c.Agentive || c.Relative {
		conf -= 0.05
	}
	if a.Via >= 0 {
		conf -= 0.05
	}
	for _, r := range c.Rules {
		if r == "conj-shared-subject" || r == "coordinated-subject" || r == "participle-possessor" {
			conf -= 0.05
		}
	}
	if c.Reporter >= 0 {
		conf -= 0.05
	}
	return conf
}

// noEntityObject are relation lemmas that relate no two names when their
// object is one: light verbs and verbs of saying, whose object names what
// was said about.
var noEntityObject = map[string]bool{"have": true, "be": true, "do": true, "say": true, "add": true, "insist": true,
	"claim": true, "state": true, "announce": true, "reply": true, "admit": true, "note": true, "stress": true, "think": true,
	"believe": true, "know": true, "see": true}

// sentenceStop reports whether a name ends in a sentence's full stop
// rather than an abbreviation's ("May." but not "Inc.", "U.S.", "Jr.").
func sentenceStop(name string) bool {
	if !strings.HasSuffix(name, ".") {
		return false
	}
	last := name[strings.LastIndexByte(name, ' ')+1 : len(name)-1]
	if strings.Contains(last, ".") || len(last) <= 2 {
		return false
	}
	switch strings.ToLower(last) {
	case "inc", "ltd", "corp", "co", "jr", "sr", "bros", "plc", "llc", "st", "mt", "dept", "assn":
		return false
	}
	return true
}

func hasAnyRule(rules []string, names ...string) bool {
	for _, r := range rules {
		for _, n := range names {
			if r == n {
				return true
			}
		}
	}
	return false
}

func sortInts(xs []int) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// clauseRelation is the relation of a clause triple whose ends are resolved:
// nominal relations carry their lemma, locatives choose "be in" or "be from"
// by the types, passives without an agent read "be <participle>". subjRules
// are the rules that resolved the subject: a role noun before a person
// ("retail analyst X of Y") names the post that "of" states.
func clauseRelation(r docResolver, t *rawTriple, subj, obj Span, subjRules []string) (Relation, []string, bool) {
	s := t.Sent
	d, _ := r.(*kgDoc) // the checks that read the model's tables need it; nil for another resolver
	if t.Lemma != "" {
		rel := Relation{Lemma: t.Lemma, Negated: t.Negated}
		if hasAnyRule(t.Rules, "event-premodifier") && (subj.Type == TypePlace || kgCompetitionName(subj.Name)) {
			return rel, nil, false // "US sales at GM", "a Premiership win at Blackburn": where, not who
		}
		if len(t.Rel) > 0 {
			rel.Text, rel.Start, rel.End = kgRawText(s, t.Rel[0], t.Rel[len(t.Rel)-1]+1)
		}
		if t.Locative != "" && hasAnyRulePrefix(subjRules, "possessive-org-name:") {
			return rel, nil, false // "Barnard's Retail Consulting Group" is not "of" Barnard: the possessive is its name
		}
		if t.Locative != "" {
			personAt := subj.Type == TypePerson && hasAnyRule(t.Rules, "name-in", "name-at")
			switch {
			case personAt:
				return rel, nil, false // "Vance at the Vatican": where he was, not where he is from
			case obj.Type == TypePlace && (subj.Type == TypePerson || d.bracketedCountry(t, subj, obj)):
				rel.Lemma = "be from"
			case obj.Type == TypePlace && subj.Type != TypeConcept:
				if hasAnyRule(t.Rules, "possessive") && kgCompetitionName(subj.Name) {
					return rel, nil, false // "Spain's Davis Cup victory": the country's team, not where the cup is
				}
				if d != nil && !d.m.canBeIn(subj.Name, obj.Name) {
					return rel, nil, false // "Kabul in Afghanistan and Pyongyang in North Korea": no country is in another
				}
				rel.Lemma = "be in"
			case t.Locative == "of" && subj.Type == TypePerson && obj.Type == TypeOrganization:
				rel.Lemma = "be member of"
				for _, sr := range subjRules {
					if w, ok := strings.CutPrefix(sr, "role-noun:"); ok {
						rel.Lemma = "be " + kgNounSingular(w) + " of"
					}
				}
			case t.Locative == "of" && subj.Type == TypePerson:
				// "Vogts' assistant Tommy Burns" with the role lost, "Blazin'
				// Squad singer Kenzie": a bare "be of" from a person says nothing sure
				return rel, nil, false
			case t.Locative == "of" && hasAnyRule(t.Rules, "name-of"):
				// "Shaun of the Dead", "Cinema of the Future": a name split at
				// its "of" states nothing
				return rel, nil, false
			case t.Locative == "of" && subj.Type != TypeConcept && obj.Type != TypeConcept:
				rel.Lemma = "be of"
			default:
				return rel, nil, false
			}
		}
		if d != nil && t.Role && !d.m.roleFactHead(rel.Lemma) {
			return rel, nil, false // "X, a study of a family in Indonesia", "a speech at the LSE": no post
		}
		if d != nil && t.Role && subj.Type == TypePlace && d.m.personRoleFact(rel.Lemma) {
			return rel, nil, false // "US rapper The Game is Dr Dre's protege": a place holds no person's post
		}
		if t.Role && obj.Type == TypeConcept && clauses.Anaphor(strings.ToLower(obj.Name)) {
			return rel, nil, false // "director of the company" with no company named before: nothing learnt
		}
		if t.Role && subj.Type == TypePerson && obj.Type == TypePlace && strings.HasSuffix(rel.Lemma, " of") {
			// "Ukraine's chief negotiator X": a country's office is kept as
			// a title, as the resolver's nominal triples do ("ambassador to
			// France", "MP for Leeds" name a post and stay)
			return rel, nil, false
		}
		if rel.Lemma == "be" && obj.Type != TypeConcept {
			return rel, nil, false // "X is Y" between names: identity, not a relation
		}
		if t.Hedge != "" {
			rel.Modality = t.Hedge
		}
		return rel, []string{"relation:" + rel.Lemma}, true
	}
	rel, rules := r.Relation(t)
	if d != nil && !d.relHasVerb(t) {
		return rel, rules, false // "to 18-year-old Aiden McGeady", "fellow nominees Gary McKendry": no verb, no relation
	}
	if t.PossVia && rel.Lemma != "" && !strings.HasSuffix(rel.Lemma, " of") {
		rel.Lemma += " of" // "sought Collins' advice": seek advice of Collins
	}
	if t.Hedge != "" {
		if rel.Modality == "" || !strings.Contains(" "+rel.Modality+" ", " "+t.Hedge+" ") {
			rel.Modality = strings.TrimSpace(t.Hedge + " " + rel.Modality)
		}
		rules = append(rules, "hedged:"+t.Hedge)
	}
	if obj.Type != TypeConcept && noEntityObject[rel.Lemma] {
		// "have him back", "saying the Kremlin seeks ...": no relation between names
		return rel, rules, false
	}
	if d != nil && d.roleNounRelation(rel) {
		return rel, rules, false
	}
	if t.PassiveNoAgent && t.Pred >= 0 && t.Pred < len(s.Tokens) && rel.Lemma != "" {
		part := strings.ToLower(s.Tokens[t.Pred].Text)
		f := strings.Fields(rel.Lemma)
		if len(f) > 0 && f[0] != "be" {
			f[0] = part
			rel.Lemma = "be " + strings.Join(f, " ")
			rules = append(rules, "passive-no-agent")
		}
	}
	return rel, rules, true
}

func hasAnyRulePrefix(rules []string, prefix string) bool {
	for _, r := range rules {
		if strings.HasPrefix(r, prefix) {
			return true
		}
	}
	return false
}

// canBeIn reports whether place a may lie in place b as far as the
// gazetteer knows: no country lies in a country or a capital, and a
// capital lies in no other capital nor in a country but its own. A
// list misread as a location ("Oslo in Norway and Lima") breaks these.
func (m *kgModel) canBeIn(a, b string) bool {
	ea, oka := m.tab.gaz.lookup(a)
	eb, okb := m.tab.gaz.lookup(b)
	if !oka || !okb {
		return true
	}
	switch ea.Kind {
	case "country":
		// a country lies only in a part of the world: not in a city or a
		// region ("played Romania in Manchester" is where the match was)
		return kgSupranational[eb.Name]
	case "capital":
		return eb.Kind != "capital" && (eb.Kind != "country" || eb.Name == ea.MetonymOf)
	}
	return true
}

// kgSupranational are the parts of the world a country can be in.
var kgSupranational = map[string]bool{"Europe": true, "Asia": true, "Africa": true, "North America": true, "South America": true,
	"Latin America": true, "Central America": true, "Middle East": true, "Caribbean": true, "Scandinavia": true, "Balkans": true,
	"Pacific": true, "Far East": true, "South East Asia": true, "Southeast Asia": true, "Central Asia": true, "Eastern Europe": true,
	"Western Europe": true, "Oceania": true, "Gulf": true, "Persian Gulf": true, "East Africa": true, "West Africa": true,
	"North Africa": true, "Southern Africa": true, "South Asia": true, "East Asia": true, "Arctic": true, "Baltic": true}

// kgCompetitionHeads end the names of competitions and events that a
// country's possessive claims as its team's ("England's Six Nations").
var kgCompetitionHeads = map[string]bool{"cup": true, "nations": true, "league": true, "open": true, "championship": true,
	"championships": true, "games": true, "olympics": true, "trophy": true, "prix": true, "slam": true, "series": true,
	"final": true, "tour": true, "awards": true, "premiership": true}

// kgCompetitionName reports whether name ends in a competition's head word.
func kgCompetitionName(name string) bool {
	w := name
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		w = name[i+1:]
	}
	return kgCompetitionHeads[strings.ToLower(w)]
}

// kgModalWords before a bare verb: "will captain Wales".
var kgModalWords = map[string]bool{"will": true, "would": true, "can": true, "could": true, "may": true, "might": true,
	"shall": true, "should": true, "must": true, "do": true, "does": true, "did": true, "not": true, "n't": true}

// roleNounRelation reports whether rel is a person's role noun that the
// tagger read as a verb: "Rangers midfielder Mikel Arteta", "introduced him
// to actor Nicolas Cage". A role noun that is also a verb keeps its verb
// uses: "he captained Wales", "Giggs will captain Wales".
func (d *kgDoc) roleNounRelation(rel Relation) bool {
	if string(d.m.tab.roles[rel.Lemma]) != TypePerson || d.m.tab.lem.KnownVerb(rel.Lemma) {
		return false
	}
	f := strings.Fields(strings.ToLower(rel.Text))
	if len(f) == 0 || f[len(f)-1] != rel.Lemma {
		return false // inflected: "captained"
	}
	return len(f) == 1 || !kgModalWords[f[len(f)-2]]
}

// relHasVerb reports whether a clause triple's relation words hold a verb
// (by kgb's tags). A word only kgb's tagger reads as a verb, that the lemma
// table does not know as one, before a name and after no name, pronoun
// or modal is a premodifier instead: "to 18-year-old Aiden McGeady", "fellow nominees
// Gary McKendry"; "Melzer shocks Agassi" keeps its verb.
func (d *kgDoc) relHasVerb(t *rawTriple) bool {
	s := t.Sent
	n := len(s.Tokens)
	for _, i := range t.Rel {
		if i < 0 || i >= n || !kgIsVerbTag(s.tagAt(i)) {
			continue
		}
		if kgIsVerbTag(s.Tokens[i].Tag) || s.Tokens[i].Tag == "MD" {
			return true
		}
		if l, _ := d.m.tab.verbLemma(s.lowTok(i), s.tagAt(i)); d.m.tab.lem.KnownVerb(l) {
			return true
		}
		if w := s.Tokens[i].Text; strings.Contains(w, "-") {
			// "co-hosted", "re-signed": a verb after the hyphen; "then-US",
			// "18-year-old": none
			last := w[strings.LastIndexByte(w, '-')+1:]
			if l, _ := d.m.tab.verbLemma(strings.ToLower(last), s.tagAt(i)); last != "" && !kgIsCapWord(last) && d.m.tab.lem.KnownVerb(l) {
				return true
			}
			continue
		}
		nameNext := i+1 < n && kgIsCapWord(s.Tokens[i+1].Text)
		nameBefore := i > 0 && (kgIsCapWord(s.Tokens[i-1].Text) || strings.HasPrefix(s.tagAt(i-1), "PRP") || s.tagAt(i-1) == "MD")
		if !nameNext || nameBefore || strings.HasSuffix(s.lowTok(i), "ing") {
			return true
		}
	}
	return false
}

// kgRoleFactNouns are heads of role facts that name no post but still a
// standing relation: "a key ally of", "part of", "the capital of".
var kgRoleFactNouns = map[string]bool{"member": true, "part": true, "champion": true, "star": true, "ally": true,
	"counterpart": true, "fellow": true, "hero": true, "native": true, "capital": true, "subsidiary": true,
	"affiliate": true, "arm": true, "division": true, "unit": true, "venue": true, "host": true, "winner": true,
	"favourite": true, "medallist": true, "recipient": true, "official": true, "expert": true, "regular": true,
	"deputy": true, "assistant": true, "aide": true, "successor": true, "predecessor": true, "rival": true,
	"partner": true, "colleague": true, "friend": true, "port": true, "resort": true, "city": true, "town": true,
	"village": true, "region": true, "province": true, "state": true, "county": true, "suburb": true,
	"island": true, "home": true, "headquarters": true, "club": true, "team": true, "side": true, "band": true,
	"group": true, "firm": true, "company": true, "brand": true, "label": true, "airline": true, "bank": true,
	"school": true, "university": true, "college": true, "party": true, "giant": true, "museum": true,
	"hospital": true, "stadium": true, "son-in-law": true, "daughter-in-law": true, "brother-in-law": true,
	"sister-in-law": true, "father-in-law": true, "mother-in-law": true, "executive": true, "quartet": true,
	"trio": true, "duo": true, "outfit": true, "squad": true, "protege": true, "heir": true, "nanny": true,
	"girlfriend": true, "boyfriend": true, "agent": true, "whip": true, "cop": true, "victim": true,
	"brainchild": true, "child": true, "network": true, "channel": true, "venture": true, "organisation": true,
	"organization": true, "athlete": true, "decathlete": true, "heptathlete": true}

// kgNonAgentNouns end like agent nouns but name no one: "the number of",
// "a paper by".
var kgNonAgentNouns = map[string]bool{"number": true, "answer": true, "paper": true, "order": true, "power": true,
	"water": true, "letter": true, "matter": true, "summer": true, "winter": true, "border": true, "corner": true,
	"chapter": true, "quarter": true, "offer": true, "cover": true, "river": true, "tower": true, "dinner": true,
	"career": true, "register": true, "sector": true, "factor": true, "error": true, "mirror": true,
	"horror": true, "floor": true, "door": true, "centre": true, "center": true, "theatre": true, "theater": true,
	"meter": true, "metre": true, "member": false, "monitor": true, "motor": true, "parliament": true,
	"plant": true, "restaurant": true, "grant": true, "giant": false, "variant": true}

// roleFactHead reports whether a role fact's lemma ("be chief economist
// at", "be key ally of") has a head that names a post, a person's role or
// a standing relation: a title, a role noun, a staff noun, an agent noun
// ("strategist", "lecturer", "consultant") or one of kgRoleFactNouns. Not
// "be speech at", "be study in", "be role opposite in".
func (m *kgModel) roleFactHead(lemma string) bool {
	f := strings.Fields(lemma)
	if len(f) < 3 || f[0] != "be" {
		return true
	}
	words := f[1 : len(f)-1]
	head := words[len(words)-1]
	if i := strings.LastIndexByte(head, '-'); i >= 0 && m.isTitleHead(head[i+1:]) {
		return true // "vice-president", "co-founder"
	}
	if m.isTitleHead(strings.Join(words, " ")) || len(words) >= 2 && m.isTitleHead(strings.Join(words[len(words)-2:], " ")) {
		return true
	}
	if m.isTitleHead(head) || m.tab.roles[head] != "" || kgRoleFactNouns[head] {
		return true
	}
	if kgNonAgentNouns[head] {
		return false
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "eer", "ee", "ant", "man", "woman"} {
		if strings.HasSuffix(head, suf) && len(head) > len(suf)+2 {
			return true
		}
	}
	return false
}

// personRoleFact reports whether a role fact's head ("be protege of",
// "be lawyer for") is a role only a person holds.
func (m *kgModel) personRoleFact(lemma string) bool {
	f := strings.Fields(lemma)
	if len(f) < 3 || f[0] != "be" {
		return false
	}
	head := f[len(f)-2]
	return string(m.tab.roles[head]) == TypePerson || kgPersonRoleNouns[head]
}

// kgPersonRoleNouns are role heads of people that the roles table lacks.
var kgPersonRoleNouns = map[string]bool{"protege": true, "protégé": true, "successor": true, "predecessor": true, "deputy": true}

// bracketedCountry reports whether a locative triple reads a person-shaped
// name of unknown kind before a country in brackets ("4 Maria Sharapova
// (Russia)"): someone from there. False on a nil d.
func (d *kgDoc) bracketedCountry(t *rawTriple, subj, obj Span) bool {
	return d != nil && subj.Type == TypeOther && hasAnyRule(t.Rules, "apposition-place") &&
		t.Obj.From > 0 && t.Sent.Tokens[t.Obj.From-1].Text == "(" &&
		d.m.isCountryName(obj.Name) && d.m.personShaped(strings.Fields(subj.Name))
}

// isCountryName reports whether name is a country of the gazetteer.
func (m *kgModel) isCountryName(name string) bool {
	e, ok := m.tab.gaz.lookup(name)
	return ok && e.Kind == "country"
}
