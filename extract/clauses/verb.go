package clauses

import "sort"

// subjects finds the subject heads of verb v and the rule that found them.
// For an acl participle or a relative clause the antecedent noun may be
// returned as the subject (or, via patientOf, as the object).
func (b *builder) subjects(v int) ([]int, string) {
	if c := b.child(v, "nsubj", "nsubj:pass", "nsubj:outer"); c >= 0 {
		for _, x := range b.kids[v] {
			if x != c && b.base[x] == "nsubj" && b.whosePossessed(x) {
				// "Mr Howard, whose grandmother died in Auschwitz, said":
				// the parser gave the relative clause's verb both subjects;
				// its own is the possessed noun, not the name
				return b.conjuncts(x), "whose-subject"
			}
		}
		if a, ok := b.antecedent(c); ok {
			if b.low[c] == "who" {
				// "Bono, The Edge and Adam Clayton, who formed U2": people
				// listed before "who" share it
				return b.conjuncts(a), "relative-subject"
			}
			return b.relConjuncts(a, v), "relative-subject"
		}
		return b.conjuncts(c), ""
	}
	// "On Sunday, leaders from ... held a call": the parser may hang the
	// subject on a fronted time phrase as a comma-only conjunct
	for _, c := range b.kids[v] {
		if c > v || b.base[c] != "obl" || !b.lx.timeWords[b.low[c]] {
			continue
		}
		for _, x := range b.kids[c] {
			if b.base[x] == "conj" && x < v && b.isNoun(x) && !b.lx.timeWords[b.low[x]] && !b.hasChild(x, "cc") &&
				!b.hasAnyChild(v, "nsubj", "nsubj:pass", "expl") {
				return []int{x}, "subject-from-fronted-phrase"
			}
		}
	}
	h := b.s.Tree.Head[v]
	if h < 0 {
		return nil, ""
	}
	switch b.label[v] {
	case "conj":
		if (b.isVerb(h) || b.hasChild(h, "cop")) && b.coordinated(h, v) {
			if a := b.whoseOwner(h); a >= 0 {
				// "Muse, whose members met in Devon, beat X": the main verb
				// the parser joined to the relative clause is the owner's
				return b.conjuncts(a), "conj-shared-subject"
			}
			s, _ := b.subjects(h)
			return s, "conj-shared-subject"
		}
	case "xcomp":
		if o := b.child(h, "obj"); o >= 0 && b.isCommon(o) {
			// "announced her plan to visit Y": the plan's owner visits
			if s, r := b.nounActor(o); len(s) > 0 {
				return s, r
			}
		}
		if o := b.child(h, "obj"); o >= 0 && !b.isCommon(o) && (b.lx.objControl[b.lem[h]] || b.lx.wishVerbs[b.lem[h]] || !b.lx.hedgeGov[b.lem[h]]) {
			return b.conjuncts(o), "object-control"
		}
		if o := b.child(h, "iobj"); o >= 0 {
			return b.conjuncts(o), "object-control"
		}
		s, _ := b.subjects(h)
		if len(s) == 0 && b.label[h] == "acl" {
			s, _ = b.nounActor(b.s.Tree.Head[h])
		}
		return s, "subject-control"
	case "advcl":
		if b.isVerb(h) && (b.hasChild(v, "mark") || b.s.Tags[v] == "VBG") {
			s, _ := b.subjects(h)
			return s, "adverbial-subject"
		}
		// "X ended its search for a director by appointing Y": a means
		// clause the parser hung on a noun belongs to the verb above it
		if m := b.child(v, "mark"); m >= 0 && b.low[m] == "by" && b.s.Tags[v] == "VBG" && b.isNoun(h) {
			if g := b.governingVerb(h); g >= 0 {
				s, _ := b.subjects(g)
				return s, "means-subject"
			}
		}
	case "acl":
		// "a contract to succeed Y", "comments comparing him to Y"
		if b.s.Tags[v] == "VBN" && !b.hasChild(v, "obj") {
			return nil, "" // a reduced passive: see verb()
		}
		if b.s.Tags[v] == "VBN" && b.isNoun(h) {
			// "delegations held their first talks" read as a participle
			return b.conjuncts(h), "participle-subject"
		}
		if b.hasChild(v, "mark") {
			return b.nounActor(h)
		}
		if b.s.Tags[v] == "VBG" {
			if v+1 < b.n && b.lx.roles[b.low[v+1]] {
				return nil, "" // "BNP founding chairman John Tyndall": part of a title
			}
			if p := b.child(h, "nmod:poss"); p >= 0 && b.isCommon(h) {
				return b.conjuncts(p), "participle-possessor"
			}
			if b.isNoun(h) {
				return b.conjuncts(h), "participle-subject"
			}
		}
	case "acl:relcl":
		// a relative clause with no subject of its own: its antecedent
		return b.relConjuncts(h, v), "relative-gap-subject"
	case "ccomp":
		// "X confirmed the brewer had asked for talks": the parser took the
		// complement's subject as the speech verb's object
		if o := b.strayComplementSubject(h); o >= 0 {
			return b.conjuncts(o), "complement-subject"
		}
	}
	return nil, ""
}

// relConjuncts is the antecedent of a relative clause at v: of a list
// "X, Y and Z, which starred W" only the item right before the clause,
// the reading that never adds a false edge ("who" after people is read
// by the caller as shared).
func (b *builder) relConjuncts(a, v int) []int {
	// the name right before the clause (past its comma) when the parser
	// hung the clause on an earlier noun: "Red Harbour and Long Road,
	// which starred X"
	if k := b.subtreeStart(v) - 1; k > a {
		for k > a && (b.low[k] == "," || b.s.Tags[k] == "WDT" || b.s.Tags[k] == "WP") {
			k--
		}
		if k > a && b.isProper(k) && !b.under(k, v) {
			for (b.base[k] == "flat" || b.base[k] == "compound") && b.s.Tree.Head[k] > k && b.isProper(b.s.Tree.Head[k]) {
				k = b.s.Tree.Head[k]
			}
			for (b.base[k] == "flat") && b.s.Tree.Head[k] >= 0 && b.s.Tree.Head[k] < k && b.isProper(b.s.Tree.Head[k]) {
				k = b.s.Tree.Head[k]
			}
			return []int{k}
		}
	}
	cs := b.conjuncts(a)
	if len(cs) < 2 {
		return cs
	}
	near := -1
	for _, x := range cs {
		if x < v && x > near {
			near = x
		}
	}
	if near < 0 {
		return cs
	}
	return []int{near}
}

// governingVerb is the verb whose object or oblique noun phrase holds
// noun n, through "of"/"for" modifiers only ("ended [its search [for a
// director]]"); -1 when a clause or other relation intervenes.
func (b *builder) governingVerb(n int) int {
	for steps := 0; n >= 0 && steps < b.n; steps++ {
		h := b.s.Tree.Head[n]
		if h < 0 {
			return -1
		}
		switch b.base[n] {
		case "obj", "obl":
			if b.isVerb(h) {
				return h
			}
			return -1
		case "nmod":
			if !b.isNoun(h) {
				return -1
			}
		default:
			return -1
		}
		n = h
	}
	return -1
}

// strayComplementSubject is the object of speech verb v that the parser
// took from v's subjectless complement clause right after it ("confirmed
// [the brewer] had asked"); -1 for none.
func (b *builder) strayComplementSubject(v int) int {
	if !b.lx.speech[b.lem[v]] {
		return -1
	}
	o := b.child(v, "obj")
	if o < 0 {
		return -1
	}
	for _, c := range b.kids[v] {
		if b.base[c] != "ccomp" || c < o || b.hasAnyChild(c, "nsubj", "nsubj:pass", "expl") {
			continue
		}
		if b.subtreeEnd(o) == b.subtreeStart(c) {
			return o
		}
	}
	// "confirmed the club are still in talks" read as a clause of its own:
	// a finite verb right after the object
	if e := b.subtreeEnd(o); e < b.n && !b.under(e, o) {
		switch b.s.Tags[e] {
		case "VBZ", "VBP", "VBD", "MD":
			return o
		}
	}
	// "conceded any deal was looking unlikely" read as a relative clause
	// with neither a subject nor a relative pronoun
	for _, c := range b.kids[o] {
		if b.label[c] != "acl:relcl" || b.hasAnyChild(c, "nsubj", "nsubj:pass", "expl", "obj") {
			continue
		}
		rel := false
		for _, k := range b.kids[c] {
			rel = rel || b.isPron(k) || b.low[k] == "that"
		}
		if !rel && b.hasChild(c, "aux") {
			return o
		}
	}
	return -1
}

// subtreeStart is the first token of h's subtree.
func (b *builder) subtreeStart(h int) int {
	lo := h
	var walk func(x int)
	walk = func(x int) {
		if x < lo {
			lo = x
		}
		for _, c := range b.kids[x] {
			if b.base[c] != "punct" {
				walk(c)
			}
		}
	}
	walk(h)
	return lo
}

// clauseBetween: "accused X of being disrespectful [to Trump]": an
// oblique after a clausal complement of its verb belongs in that clause.
func (b *builder) clauseBetween(v, c int) bool {
	for _, k := range b.kids[v] {
		if k > v && k < c {
			switch b.base[k] {
			case "ccomp", "advcl":
				return true
			case "xcomp":
				// "was found dead [in Y]": a bare predicate adjective is no clause
				if b.isVerb(k) || b.hasAnyChild(k, "cop", "mark", "obj", "obl") {
					return true
				}
			}
		}
	}
	return false
}

// placeOfObject: "discussed the talks [in Istanbul]": an "in"/"at" phrase
// right after an event noun object is where the event was.
func (b *builder) placeOfObject(v, c int) bool {
	w := b.prepWord(b.prepOf(c))
	if w != "in" && w != "at" {
		return false
	}
	o := b.child(v, "obj")
	if o < 0 || !b.lx.placeNouns[b.lem[o]] {
		return false
	}
	_, to := b.core(o)
	lo, _ := b.coreRaw(c)
	for _, p := range b.prepOf(c) {
		if p < lo {
			lo = p
		}
	}
	return lo == to
}

// hasPerfect reports whether v has a "have" auxiliary and no "be" one.
func (b *builder) hasPerfect(v int) bool {
	have := false
	for _, c := range b.kids[v] {
		if b.base[c] == "aux" {
			switch b.lem[c] {
			case "have", "has", "had":
				have = true
			case "be", "been", "being", "is", "was", "were", "are":
				return false
			}
		}
	}
	return have
}

// nounActor is the actor of an infinitive modifying noun n: its possessor
// or by-agent ("a decision by A to resign"), else the recipient or subject
// of the verb n is the object of ("X was given a contract to succeed Y").
func (b *builder) nounActor(n int) ([]int, string) {
	if n < 0 {
		return nil, ""
	}
	if p := b.child(n, "nmod:poss"); p >= 0 {
		return b.conjuncts(p), "infinitive-possessor"
	}
	for _, c := range b.kids[n] {
		if b.base[c] == "nmod" && b.prepWord(b.prepOf(c)) == "by" {
			return b.conjuncts(c), "infinitive-agent"
		}
	}
	if b.base[n] == "obj" {
		g := b.s.Tree.Head[n]
		if io := b.child(g, "iobj"); io >= 0 {
			return b.conjuncts(io), "purpose-recipient"
		}
		// "X was given a contract to succeed Y", "X signed a deal to join Y"
		if b.hasChild(g, "nsubj:pass") || b.lx.recipient[b.lem[g]] {
			s, _ := b.subjects(g)
			return s, "purpose-subject"
		}
	}
	return nil, ""
}

// relTokens: modals, auxiliaries, negation and particles of v, with v.
// An xcomp takes its governor's relation words first ("decided to
// resign", "is set to buy"); a conjunct its first conjunct's auxiliaries.
func (b *builder) relTokens(v int) ([]int, bool) {
	var out []int
	neg := false
	for _, c := range b.kids[v] {
		switch b.base[c] {
		case "aux", "mark":
			if b.base[c] == "mark" && b.low[c] != "to" {
				continue
			}
			out = append(out, c)
		case "advmod":
			if b.low[c] == "not" || b.low[c] == "n't" || b.low[c] == "never" || b.low[c] == "n’t" {
				out = append(out, c)
				neg = true
			} else if c == v+1 && particles[b.low[c]] {
				out = append(out, c) // "takes over": a particle read as an adverb
			}
		case "compound":
			if b.label[c] == "compound:prt" {
				out = append(out, c)
			}
		}
	}
	out = append(out, v)
	h := b.s.Tree.Head[v]
	switch {
	case h >= 0 && b.label[v] == "xcomp" && b.isVerb(h) && b.participleObject(v) < 0:
		gov, gneg := b.relTokens(h)
		// the governor's own particle stays; its negation carries over
		out = append(gov, out...)
		neg = neg || gneg
	case h >= 0 && b.label[v] == "conj" && b.isVerb(h) && !b.hasChild(v, "aux") && !b.hasChild(v, "nsubj"):
		for _, c := range b.kids[h] {
			if b.base[c] == "aux" && c < h {
				out = append(out, c)
			}
		}
	}
	sort.Ints(out)
	return dedup(out), neg
}

// particles are the adverbs that form phrasal verbs right after the verb.
var particles = map[string]bool{"over": true, "up": true, "down": true, "out": true, "off": true, "back": true,
	"away": true, "in": true, "on": true, "aside": true}

func dedup(xs []int) []int {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// prepositionLike are participles that work as prepositions: "following
// the mass", "including Y", "according to Z".
var prepositionLike = map[string]bool{"following": true, "including": true, "according": true, "regarding": true,
	"concerning": true, "excluding": true, "considering": true, "involving": true, "pending": true}

// objectName is a name the parser hung on verb v as a bare oblique right
// after v's common-noun object ("bought Australian firm BRL Hardy", "to buy
// rival May Stores"): the name the object noun describes; -1 for none.
func (b *builder) objectName(v int) int {
	o := b.child(v, "obj")
	if o < 0 || !b.isCommon(o) {
		return -1
	}
	for _, c := range b.kids[v] {
		if b.base[c] == "obl" && c > o && b.isProper(c) && len(b.prepOf(c)) == 0 && b.label[c] == "obl" &&
			!b.timeName(c) && b.subtreeEnd(o) == b.subtreeStart(c) {
			return c
		}
	}
	return -1
}

// toInfinitive is a "to" infinitive the parser hung on noun n as a
// modifier ("wanted [UKA [to justify]]"); -1 for none.
func (b *builder) toInfinitive(n int) int {
	for _, c := range b.kids[n] {
		if c > n && (b.base[c] == "advcl" || b.base[c] == "acl") && b.s.Tags[c] == "VB" {
			if m := b.child(c, "mark"); m >= 0 && b.low[m] == "to" {
				return c
			}
		}
	}
	return -1
}

// participleObject returns the object of the verb above participle v
// when the parser made v that verb's xcomp right after the object ("opened
// an exhibition [dedicated] to Smith"); -1 otherwise.
func (b *builder) participleObject(v int) int {
	if b.label[v] != "xcomp" || (b.s.Tags[v] != "VBN" && b.s.Tags[v] != "VBD") || b.hasAnyChild(v, "nsubj", "nsubj:pass", "aux", "aux:pass", "obj", "mark") {
		return -1
	}
	h := b.s.Tree.Head[v]
	if h < 0 || !b.isVerb(h) || b.s.Tags[h] == "VBG" {
		return -1 // "a conference on developing enterprise hosted by X": the participle is the conference's
	}
	o := b.child(h, "obj")
	if o < 0 || o > v || !b.isNoun(o) {
		return -1
	}
	for k := o + 1; k < v; k++ {
		if !b.under(k, o) {
			return -1 // something else between the object and the participle
		}
	}
	return o
}

// whosePossessed reports whether noun x is possessed by "whose".
func (b *builder) whosePossessed(x int) bool {
	for _, c := range b.kids[x] {
		if b.label[c] == "nmod:poss" && b.low[c] == "whose" {
			return true
		}
	}
	return false
}

// whoseOwner returns the name a "whose" relative clause headed by h
// hangs on, when its subject is possessed by "whose": its antecedent, or
// the other subject the parser gave h ("Mr Howard, whose grandmother died
// ..."); -1 otherwise.
func (b *builder) whoseOwner(h int) int {
	sub := -1
	for _, x := range b.kids[h] {
		if b.base[x] == "nsubj" && b.whosePossessed(x) {
			sub = x
		}
	}
	if sub < 0 {
		return -1
	}
	if b.label[h] == "acl:relcl" && b.s.Tree.Head[h] >= 0 {
		return b.s.Tree.Head[h]
	}
	for _, x := range b.kids[h] {
		if x != sub && b.base[x] == "nsubj" {
			return x
		}
	}
	return -1
}

// verb reads the clause of content verb v.
func (b *builder) verb(v int) {
	if prepositionLike[b.low[v]] {
		return
	}
	subj, rule := b.subjects(v)
	// a passive has a passive auxiliary, or a passive subject and no
	// perfect "has" ("Fosters has bought a stake" is active)
	passive := b.hasChild(v, "aux:pass") || b.hasChild(v, "nsubj:pass") && !b.hasPerfect(v)
	var patients []int
	reduced := b.label[v] == "acl" && b.s.Tags[v] == "VBN" && b.isNoun(b.s.Tree.Head[v]) &&
		!b.hasAnyChild(v, "nsubj", "nsubj:pass", "aux", "obj")
	if reduced {
		// "a format developed by X": the noun is the patient
		passive = true
		subj, rule = b.conjuncts(b.s.Tree.Head[v]), "reduced-relative"
	} else if o := b.participleObject(v); o >= 0 && b.s.Tags[v] == "VBN" {
		// "opened an exhibition dedicated to Smith", "had his car
		// stolen": the object is the participle's patient, not the
		// subject of the verb above
		passive = true
		subj, rule = b.conjuncts(o), "object-participle"
	} else if o >= 0 {
		// a past tense there ("said the voting age stayed in place") is
		// a clause of the object's own, or a participle the tagger missed:
		// either way not the subject's act, and too unsure to keep
		return
	}
	var agent []int
	for _, c := range b.kids[v] {
		if b.label[c] == "obl:agent" || (passive && b.base[c] == "obl" && b.prepWord(b.prepOf(c)) == "by") {
			agent = b.conjuncts(c)
			break
		}
	}
	if passive && agent == nil {
		// "was turned into a movie by X": the agent hangs off the oblique
		for _, c := range b.kids[v] {
			if b.base[c] != "obl" && b.base[c] != "obj" {
				continue
			}
			for _, m := range b.kids[c] {
				// "replaced as captain by full-back X": a role noun before its name
				if (b.base[m] == "nmod" || b.base[m] == "obl") && b.isProper(b.nameFor(m)) && b.prepWord(b.prepOf(m)) == "by" && agent == nil {
					agent = b.conjuncts(b.nameFor(m))
				}
			}
		}
	}
	rel, neg := b.relTokens(v)
	cl := Clause{Kind: KindVerb, Pred: v, Rel: rel, Negated: neg, Reporter: b.rep[v], Hedge: b.hedge[v]}
	if rule != "" {
		cl.Rules = append(cl.Rules, rule)
	}
	if passive && len(agent) > 0 {
		patients, subj = subj, agent
		cl.Agentive = true
		cl.Rules = append(cl.Rules, "passive-inverted")
	} else if passive {
		cl.Passive = true
	}
	b.roleComplements(v, subj, patients, neg)
	// arguments
	var args []Arg
	for _, p := range patients {
		args = append(args, b.arg(RoleObj, p, nil))
	}
	hasObj := false
	objName := b.objectName(v)
	for _, c := range b.kids[v] {
		l := b.label[c]
		var role Role
		var prep []int
		base := b.base[c]
		if objName >= 0 && c == b.child(v, "obj") {
			c, l = objName, "obj" // "bought Australian firm [BRL Hardy]": the name is the object
		} else if c == objName {
			continue
		}
		switch base {
		case "obj":
			if c == b.strayComplementSubject(v) {
				hasObj = true
				continue // the subject of what was said, not what was said to
			}
			if b.lx.wishVerbs[b.lem[v]] && (b.hasChild(v, "xcomp") || b.toInfinitive(c) >= 0) {
				hasObj = true
				continue // "wanted X to justify Y": what is wanted is X's act, X is not wanted
			}
			role = RoleObj
			hasObj = true
		case "iobj":
			if !b.isNoun(c) && !b.isPron(c) {
				continue // "told [front]": a verb the parser took for a recipient
			}
			role = RoleIObj
		case "obl":
			if l == "obl:agent" || (cl.Agentive && b.prepWord(b.prepOf(c)) == "by") {
				continue
			}
			prep = b.prepOf(c)
			role = RoleObl
			if c < v && b.base[v] != "acl:relcl" {
				continue // a fronted oblique sets the scene: "In a similar move, X won ..."
			}
			if b.clauseBetween(v, c) || b.placeOfObject(v, c) {
				continue
			}
			if len(prep) == 0 || l == "obl:tmod" || l == "obl:unmarked" || l == "obl:npmod" || b.lx.timeWords[b.low[c]] || b.s.Tags[c] == "CD" {
				role = RoleTime
			}
		case "xcomp":
			if !b.isNoun(c) && !b.isAdj(c) {
				continue
			}
			role, prep = RoleXcomp, b.prepOf(c)
		default:
			continue
		}
		for _, x := range b.conjuncts(c) {
			h, rel := b.antecedent(x)
			if rel {
				cl.Relative = true
			}
			p := prep
			if x != c {
				if own := b.prepOf(x); len(own) > 0 {
					p = own
				}
			}
			a := b.arg(role, h, p)
			args = append(args, a)
			if role == RoleObj && b.isCommon(x) {
				args = append(args, b.viaArgs(x, nil)...)
			}
			if role == RoleObl && b.isCommon(x) && viaObliquePreps[b.prepWord(p)] {
				// "resigned from the board of Y": not "played in the win over Y"
				args = append(args, b.viaArgs(x, p)...)
			}
			if (role == RoleObj || role == RoleObl) && b.isCommon(x) {
				args = append(args, b.exampleArgs(x, role, p)...)
			}
			if role == RoleObl && b.isCommon(x) && scenePreps[b.prepWord(p)] {
				args = append(args, b.placeArgs(x)...)
			}
		}
	}
	// "accused Zelensky of being disrespectful": the parser may hang the
	// object on the complement as its subject
	if !hasObj {
		for _, c := range b.kids[v] {
			if (b.base[c] == "ccomp" || b.base[c] == "advcl") && c > v {
				m := b.child(c, "mark")
				s := b.child(c, "nsubj")
				if m >= 0 && (b.low[m] == "of" || b.low[m] == "for") && s == v+1 && (b.isProper(s) || b.isPron(s)) {
					args = append(args, b.arg(RoleObj, s, nil))
					cl.Rules = append(cl.Rules, "object-of-complement")
				}
			}
		}
	}
	// reduced object relative: "the company Z bought"
	if b.label[v] == "acl:relcl" && !hasObj && !cl.Relative && len(patients) == 0 && b.child(v, "nsubj") >= 0 &&
		!b.hasAnyChild(v, "ccomp", "xcomp", "obl") && !passive {
		args = append(args, b.arg(RoleObj, b.s.Tree.Head[v], nil))
		cl.Rules = append(cl.Rules, "relative-gap-object")
	}
	if len(args) == 0 {
		return
	}
	if cl.Passive {
		b.nounAgent(v, cl, args)
	}
	if len(subj) == 0 {
		return
	}
	b.themeLocation(v, cl, args)
	cl.Args = args
	for _, s := range subj {
		if b.ambiguousPronoun(v, s) {
			continue
		}
		c := cl
		h, rel := b.antecedent(s)
		c.Relative = c.Relative || rel
		c.Subj = b.arg(RoleSubj, h, nil)
		c.Rules = append([]string(nil), cl.Rules...)
		if len(subj) > 1 {
			c.Rules = append(c.Rules, "coordinated-subject")
		}
		b.out = append(b.out, c)
	}
}

// roleComplements reads a role noun complement as the holder's role: "X
// became vice-president of Y", "X was elected leader of Y", "Y named X
// chairman of Z" (the object holds it), "X was unveiled as the new Y
// manager" (an "as" phrase, only with no object: "X joined Y as coach" is
// left alone).
func (b *builder) roleComplements(v int, subj, patients []int, neg bool) {
	obj := b.child(v, "obj")
	for _, c := range b.kids[v] {
		if !b.isCommon(c) && !b.properRole(c) {
			continue
		}
		var holders []int
		switch {
		case b.base[c] == "xcomp" && len(b.prepOf(c)) == 0:
			holders = subj
			if obj >= 0 {
				holders = b.conjuncts(obj)
			} else if len(patients) > 0 {
				holders = patients
			}
		case b.base[c] == "obl" && b.prepWord(b.prepOf(c)) == "as" && obj < 0 && len(patients) == 0:
			holders = subj
		default:
			continue
		}
		if _, kin, role := b.roleWords(c); !kin && !role {
			continue
		}
		for _, h := range holders {
			h, _ = b.antecedent(h)
			if h = b.nameFor(h); b.isProper(h) || b.isPron(h) {
				b.describe(h, c, "complement", neg, b.rep[v], b.hedge[v])
			}
		}
	}
}

// viaObliquePreps are the prepositions of obliques whose noun's modifiers
// join the relation ("resign from the board of Y").
var viaObliquePreps = map[string]bool{"from": true, "to": true, "into": true, "for": true, "against": true, "as": true}

// viaSkipPreps are the prepositions of an object's place or time, never a
// party to the verb.
var viaSkipPreps = map[string]bool{"in": true, "at": true, "on": true, "near": true, "during": true, "since": true,
	"after": true, "before": true, "until": true, "over": true, "under": true, "across": true, "around": true,
	"between": true, "among": true, "like": true, "including": true, "such as": true}

// viaArgs: names inside an object's prepositional modifiers ("rejected a
// bid [from Rangers] [for Ferguson]"): the object noun joins the relation.
// exampleArgs are the names a common-noun argument lists as its members:
// "directed TV series such as X, Y and Z", "appeared in films, including
// X": each is an argument in the noun's place, with its role and
// preposition. Only names; a noun phrase example stays inside the phrase.
func (b *builder) exampleArgs(o int, role Role, prep []int) []Arg {
	var out []Arg
	// "a medley of their songs including X": the list may hang on the
	// noun's "of" phrase
	heads := []int{o}
	for _, c := range b.kids[o] {
		if c > o && b.base[c] == "nmod" && b.isCommon(c) && b.prepWord(b.prepOf(c)) == "of" {
			heads = append(heads, c)
		}
	}
	for _, c := range b.kidsOf(heads) {
		if c < o || b.base[c] != "nmod" || !exampleMarkers[b.prepWord(b.prepOf(c))] {
			continue
		}
		for _, x := range b.conjuncts(c) {
			if x = b.nameFor(x); !b.isProper(x) {
				continue
			}
			a := b.arg(role, x, prep)
			out = append(out, a)
		}
	}
	return out
}

// placeArgs are the places that locate a scene oblique: "was found dead
// in his hotel room [in Miami]", "spoke at a meeting [in Leeds]": where
// the scene was, the event was too. Each is an oblique with its own
// preposition; only names.
func (b *builder) placeArgs(o int) []Arg {
	var out []Arg
	for _, c := range b.kids[o] {
		if c < o || b.base[c] != "nmod" || b.label[c] == "nmod:poss" {
			continue
		}
		prep := b.prepOf(c)
		if w := b.prepWord(prep); w != "in" && w != "at" {
			continue
		}
		for _, x := range b.conjuncts(c) {
			if x = b.nameFor(x); b.isProper(x) {
				out = append(out, b.arg(RoleObl, x, prep))
			}
		}
	}
	return out
}

// scenePreps introduce where or during what a verb happened.
var scenePreps = map[string]bool{"in": true, "at": true, "during": true}

// kidsOf returns the dependents of every token in hs.
func (b *builder) kidsOf(hs []int) []int {
	if len(hs) == 1 {
		return b.kids[hs[0]]
	}
	var out []int
	for _, h := range hs {
		out = append(out, b.kids[h]...)
	}
	return out
}

// exampleMarkers introduce members of a set: "such as", "including".
var exampleMarkers = map[string]bool{"such as": true, "including": true}

func (b *builder) viaArgs(o int, viaPrep []int) []Arg {
	if b.nameFor(o) != o || b.lx.roles[b.lem[o]] || b.lx.kin[b.lem[o]] {
		return nil // "met Y's chief executive X": the object is X, not Y
	}
	var out []Arg
	for _, c := range b.kids[o] {
		if b.label[c] == "nmod:poss" && (b.isProper(c) || b.s.Tags[c] == "PRP$") && b.lx.possNouns[b.lem[o]] {
			// "resigned from Southcorp's board": the owner joins as "board of"
			a := b.arg(RoleNmod, c, nil)
			a.Via, a.ViaPrep = o, viaPrep
			out = append(out, a)
			continue
		}
		if b.base[c] != "nmod" || b.label[c] == "nmod:poss" || c < o {
			continue
		}
		prep := b.prepOf(c)
		// "sought his advice [in Athens]", "edits a newspaper [in Iran]": where
		// the agent did it; not "discussed the talks [in Istanbul]", where the
		// talks were, nor an oblique's noun
		w := b.prepWord(prep)
		place := (w == "in" || w == "at") && viaPrep == nil && !b.lx.placeNouns[b.lem[o]] && b.isProper(c)
		if len(prep) == 0 || viaSkipPreps[w] && !(w == "in" && b.lx.inNouns[b.lem[o]]) && !place {
			continue
		}
		xs := b.conjuncts(c)
		direct := len(xs)
		if _, event := b.eventVerb(o); event && b.lx.agentPreps[w] {
			xs = append(xs, b.strayNmods(c)...) // "rejected a bid from R [for F]"
		}
		for i, x := range xs {
			p := prep
			if i >= direct {
				p = b.prepOf(x)
			}
			if x = b.nameFor(x); !b.isProper(x) && !b.isPron(x) {
				continue
			}
			a := b.arg(RoleNmod, x, p)
			a.Via, a.ViaPrep = o, viaPrep
			out = append(out, a)
		}
	}
	return out
}

// nounAgent reads a passive whose subject is an event or document noun
// premodified by its agent: "The Texas lawsuit was filed against X" ->
// Texas file lawsuit against X.
func (b *builder) nounAgent(v int, cl Clause, args []Arg) {
	n := b.child(v, "nsubj:pass")
	if n < 0 || !b.isCommon(n) {
		return
	}
	if _, event := b.eventVerb(n); !event && !b.lx.agentNouns[b.lem[n]] {
		return // "Tarantino's episode will be broadcast", "Lesotho's currency is fixed to the rand"
	}
	agent := -1
	for _, c := range b.kids[n] {
		if c < n && (b.base[c] == "compound" || b.label[c] == "nmod:poss") && b.isProper(c) {
			agent = c
		}
	}
	if agent < 0 {
		return
	}
	cl.Passive = false
	cl.Subj = b.arg(RoleSubj, agent, nil)
	cl.Subj.From, cl.Subj.To = b.nameRun(agent, cl.Subj.From)
	cl.Subj.Ext = cl.Subj.To
	cl.Rules = append(cl.Rules, "passive-noun-agent")
	for _, a := range args {
		if a.Role != RoleObl {
			continue
		}
		c := cl
		c.Args = []Arg{a}
		b.out = append(b.out, c)
	}
}

// themeLocation adds the theme's own relation to a goal or place: "X
// inducted U2 into the Hall of Fame" -> U2 be inducted into the Hall of Fame.
func (b *builder) themeLocation(v int, cl Clause, args []Arg) {
	if cl.Agentive || cl.Passive || (b.s.Tags[v] != "VBD" && b.s.Tags[v] != "VBN") || !b.lx.themeVerbs[b.lem[v]] {
		return
	}
	var theme *Arg
	for i := range args {
		if args[i].Role == RoleObj && b.isProper(args[i].Head) {
			if theme != nil {
				return // two themes: which one went where is unclear
			}
			theme = &args[i]
		}
	}
	if theme == nil {
		return
	}
	for _, a := range args {
		if a.Role != RoleObl || !b.isProper(a.Head) || !themePreps[b.prepWord(a.Prep)] {
			continue
		}
		c := cl
		c.Subj = *theme
		c.Subj.Role = RoleSubj
		c.Args = []Arg{a}
		c.Passive = true
		c.Rules = append(append([]string(nil), cl.Rules...), "theme-location")
		b.out = append(b.out, c)
	}
}

// themePreps are the prepositions of goals and places a theme ends up at.
var themePreps = map[string]bool{"into": true, "to": true, "as": true, "in": true, "at": true}

// ambiguousPronoun: "Trump told Zelensky he lacked leverage": a personal
// pronoun subject of a clause reported to an addressee may mean the
// speaker or the addressee, so the clause states nothing certain.
func (b *builder) ambiguousPronoun(v, s int) bool {
	if b.s.Tags[s] != "PRP" || b.low[s] == "i" || b.low[s] == "we" || b.low[s] == "it" || b.low[s] == "you" {
		return false
	}
	for x := v; x >= 0; x = b.s.Tree.Head[x] {
		h := b.s.Tree.Head[x]
		if h < 0 {
			return false
		}
		if b.base[x] == "ccomp" && b.lx.speech[b.lem[h]] {
			return b.hasAnyChild(h, "obj", "iobj")
		}
		if b.base[x] != "conj" {
			return false
		}
	}
	return false
}

// coordinated reports whether conjunct v of h is joined to it by a
// coordinator or punctuation: its own "and"/"but"/"or", or a comma, dash
// or semicolon before it ("came, saw and won"; "Muse, whose members met
// in Devon, beat X", where the parser made the main verb a conjunct of the
// relative clause). A verb the parser made a conjunct with neither ("will
// acknowledge that discrimination exists in the UK") heads a clause of
// its own, whose subject is not h's. Nor does a verb of saying set off
// by a comma share it.
func (b *builder) coordinated(h, v int) bool {
	if b.hasChild(v, "cc") {
		return true
	}
	if b.lx.speech[b.lem[v]] && b.nameAfter(v) {
		return false // "Blair changed his mind, writes Robert Peston": the writer is the name after it
	}
	for _, c := range b.kids[v] {
		if c < v && c > h && b.base[c] == "punct" {
			return true
		}
	}
	return false
}

// nameAfter reports whether a name follows v at once, after at most a
// determiner: "writes Mr Peston", "reports the Daily Mail".
func (b *builder) nameAfter(v int) bool {
	k := v + 1
	if k < b.n && b.base[k] == "det" {
		k++
	}
	return k < b.n && b.isProper(k)
}
