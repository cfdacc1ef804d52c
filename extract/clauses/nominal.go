package clauses

import "strings"

// copula reads "X is the chief executive of Y" and "X is a reform" with
// predicate nominal p.
func (b *builder) copula(p int) {
	subj, _ := b.subjects(p)
	if len(subj) == 0 || b.expletive(subj, p) {
		return
	}
	rel, neg := b.relTokens(p)
	// the relation tokens are the copula and its auxiliaries, not the noun
	var words []int
	for _, i := range rel {
		if i != p {
			words = append(words, i)
		}
	}
	for _, c := range b.kids[p] {
		if b.base[c] == "cop" {
			words = append(words, c)
		}
	}
	if b.isProper(p) && len(subj) == 1 && b.isCommon(subj[0]) {
		// "Fosters' main wine business is Beringer Blass": the name is described
		b.describe(p, subj[0], "copula-inverted", neg, b.rep[p], b.hedge[p])
	}
	for _, s := range subj {
		h, _ := b.antecedent(s)
		cl := Clause{Kind: KindCopula, Pred: p, Rel: sortedUnique(words), Negated: neg, Reporter: b.rep[p], Hedge: b.hedge[p],
			Subj: b.arg(RoleSubj, h, nil), Lemma: "be", Args: []Arg{b.arg(RoleXcomp, p, nil)}}
		b.out = append(b.out, cl)
		for _, q := range b.conjuncts(p) {
			if q != p && b.isProper(q) && !b.properRole(q) {
				break // gapping: "X is its chairman and [Y] its deputy"
			}
			if b.isCommon(q) || b.properRole(q) {
				b.describe(h, q, "copula", neg, b.rep[p], b.hedge[p])
			}
		}
	}
}

// expletive reports whether the subject of predicate p is an "it" that
// stands for a clause: "it has been my privilege to work with him", "it
// was clear that ...".
func (b *builder) expletive(subj []int, p int) bool {
	if len(subj) != 1 || b.low[subj[0]] != "it" {
		return false
	}
	if b.isNoun(p) {
		return b.hasAnyChild(p, "ccomp", "csubj") // not "it was the first film to ..."
	}
	return b.hasAnyChild(p, "ccomp", "csubj", "xcomp", "advcl")
}

// adjective reads "X is critical of Y".
func (b *builder) adjective(p int) {
	subj, _ := b.subjects(p)
	if len(subj) == 0 || b.expletive(subj, p) {
		return
	}
	_, neg := b.relTokens(p)
	for _, c := range b.kids[p] {
		if b.base[c] != "obl" && b.base[c] != "nmod" {
			continue
		}
		prep := b.prepOf(c)
		if len(prep) == 0 {
			continue
		}
		for _, s := range subj {
			h, _ := b.antecedent(s)
			for _, x := range b.conjuncts(c) {
				b.out = append(b.out, Clause{Kind: KindCopula, Pred: p, Lemma: "be " + b.low[p] + " " + b.prepWord(prep),
					Negated: neg, Reporter: b.rep[p], Hedge: b.hedge[p], Subj: b.arg(RoleSubj, h, nil),
					Args: []Arg{b.arg(RoleNmod, x, prep)}, Rules: []string{"adjective-predicate"}})
			}
		}
	}
}

func sortedUnique(xs []int) []int {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
	return dedup(xs)
}

// nominal reads the relations a noun states by itself: appositions, name
// premodifiers, possessives, "of"/"in" phrases of names and event nouns.
func (b *builder) nominal(n int) {
	h := b.s.Tree.Head[n]
	// apposition: "X, chief executive of Y" / "chief executive John Williams"
	if (b.base[n] == "appos" || b.apposLike(n) || b.base[n] == "list" && b.properRole(n)) && h >= 0 {
		switch {
		case b.isProper(h) && (b.isCommon(n) || b.properRole(n) && n > h && b.hasChild(n, "det")):
			// "X, a Labour MEP,": a role the tagger took for a name
			b.describe(h, n, "apposition", false, b.rep[n], b.hedge[n])
		case b.isCommon(h) && b.isProper(n):
			b.describe(n, h, "apposition", false, b.rep[n], b.hedge[n])
		case b.isProper(h) && b.isProper(n) && !b.hasChild(h, "conj") && !b.hasChild(n, "conj"):
			// "Camberley, Surrey": the caller keeps it only for places; not
			// in a list ("such as Populous, Theme Park and Black and White")
			b.emit(KindLocative, n, "in", h, n, nil, "apposition-place", b.rep[n], b.hedge[n])
		}
	}
	if b.isProper(n) && b.base[n] != "compound" && b.base[n] != "flat" {
		b.premodifiers(n)
	}
	if b.isProper(n) {
		for _, c := range b.kids[n] {
			switch {
			case b.label[c] == "nmod:poss" && b.isProper(c):
				// "Surrey's Lionhead Studios", "Labour's Mr Livingstone"
				b.emit(KindLocative, n, "of", n, c, nil, "possessive", b.rep[n], b.hedge[n])
			case b.base[c] == "nmod" && c > n && b.isProper(c):
				prep := b.prepOf(c)
				w := b.prepWord(prep)
				if (w == "of" && b.lx.inst[b.low[n]]) || !(w == "of" || w == "in" || w == "from" || w == "at") {
					continue
				}
				if len(prep) > 0 && prep[0] > 0 && b.low[prep[0]-1] == "," {
					continue // "inducted U2 into the Hall, in New York": where it happened, not where U2 is
				}
				// "Nick Bubb of Evolution Securities": the modifier hangs on the
				// name's last word; the name is its flat chain's head
				sn := n
				for b.base[sn] == "flat" && b.s.Tree.Head[sn] >= 0 && b.isProper(b.s.Tree.Head[sn]) {
					sn = b.s.Tree.Head[sn]
				}
				pred := n
				if len(prep) > 0 {
					pred = prep[0] // the relation's text is the preposition
				}
				for _, x := range b.conjuncts(c) {
					b.emit(KindLocative, pred, w, sn, x, prep, "name-"+w, b.rep[n], b.hedge[n])
				}
			}
		}
	}
	if b.isCommon(n) {
		b.event(n)
		b.holdings(n)
	}
}

// properRole: a role noun the tagger read as a name, standing alone
// ("has been MP for Y"), not a title before one ("MP Jo Cox").
func (b *builder) properRole(i int) bool {
	return b.isProper(i) && b.lx.roles[b.low[i]] && !(i+1 < b.n && b.isProper(i+1))
}

// apposLike: a role noun after a name and a comma that the parser hung
// on the name as a modifier or list item ("X, vice-chairman of Y, ...").
func (b *builder) apposLike(n int) bool {
	h := b.s.Tree.Head[n]
	if h < 0 || n < h || !b.isProper(h) || !b.isCommon(n) || !b.lx.roles[b.low[n]] {
		return false
	}
	switch b.base[n] {
	case "amod", "list":
	default:
		return false
	}
	lo, _ := b.coreRaw(n)
	return lo > 0 && b.low[lo-1] == ","
}

// emit appends a nominal clause between subject head s and object head o.
func (b *builder) emit(k Kind, pred int, lemma string, s, o int, prep []int, rule string, rep int, hedge string) {
	obj := b.arg(RoleNmod, o, prep)
	b.out = append(b.out, Clause{Kind: k, Pred: pred, Lemma: lemma, Subj: b.arg(RoleSubj, s, nil), Args: []Arg{obj},
		Reporter: rep, Hedge: hedge, Rules: []string{rule}})
}

// roleWords is a role noun with its lower-case premodifiers: "chief
// executive", "managing director", "younger brother" -> "brother".
func (b *builder) roleWords(p int) (string, bool, bool) {
	var words []string
	for _, c := range b.kids[p] {
		if c < p && (b.base[c] == "compound" || b.base[c] == "amod") && !b.isProper(c) && b.low[c] == b.s.Words[c] {
			if b.base[c] == "amod" && !b.lx.roles[b.low[c]] {
				continue // "younger", "former"
			}
			words = append(words, b.low[c])
		}
	}
	head := b.lem[p]
	if b.isProper(p) {
		head = b.low[p]
	}
	words = append(words, head)
	phrase := strings.Join(words, " ")
	return phrase, b.lx.kin[head], b.lx.roles[head] || b.lx.roles[strings.ReplaceAll(phrase, " ", "_")] || b.lx.roles[phrase]
}

// describe relates name x to the noun p describing it (apposition or
// predicate nominal): "X, chief executive of Y", "X, a Labour MEP",
// "X is the younger brother of Z".
func (b *builder) describe(x, p int, how string, neg bool, rep int, hedge string) {
	phrase, kin, role := b.roleWords(p)
	if !role && !kin && how == "copula" && b.low[x] == "it" {
		return // "It has been a long journey for X": no role of anyone's
	}
	kind := KindRole
	if kin {
		kind = KindKin
	}
	// "two venues - Hylands Park in Essex and Weston Park in ...": a
	// counted plural describing one name describes a set; its modifiers
	// need not hold of this member ("Rockstar Games, the makers of
	// Manhunt" does)
	setOfOne := (b.s.Tags[p] == "NNS" || b.s.Tags[p] == "NNPS") && b.hasChild(p, "nummod") && !b.hasChild(x, "conj") && b.base[x] != "conj"
	for _, c := range b.kids[p] {
		if (b.base[c] != "nmod" && b.base[c] != "obl") || c < p || setOfOne {
			continue // an "obl": the tagger read the role noun as an adjective
		}
		prep := b.prepOf(c)
		w := b.prepWord(prep)
		if w == "" || b.label[c] == "nmod:poss" || (role || kin) && (w == "by" || w == "as") {
			continue // "replaced as captain by full-back X": no one is captain "by" X
		}
		for _, y := range b.namesIn(c) {
			cl := Clause{Kind: kind, Pred: p, Lemma: "be " + phrase + " " + w, Negated: neg, Reporter: rep, Hedge: hedge,
				Subj: b.arg(RoleSubj, x, nil), Args: []Arg{b.arg(RoleNmod, y, prep)}, Rules: []string{how + "-" + kind.String()}}
			b.out = append(b.out, cl)
		}
	}
	// "Y's chief executive", "its chief executive"
	if p2 := b.child(p, "nmod:poss"); p2 >= 0 && (role || kin || b.isProper(p2)) {
		b.out = append(b.out, Clause{Kind: kind, Pred: p, Lemma: "be " + phrase + " of", Negated: neg, Reporter: rep, Hedge: hedge,
			Subj: b.arg(RoleSubj, x, nil), Args: []Arg{b.arg(RoleNmod, p2, nil)}, Rules: []string{how + "-possessive-" + kind.String()}})
	}
	// "a Labour MEP", "the Wolves chief executive"
	for _, c := range b.kids[p] {
		if c < p && b.base[c] == "compound" && b.isProper(c) {
			k, lemma := KindRole, "be "+phrase+" of"
			if !role && !kin {
				k, lemma = KindLocative, "in"
			}
			cl := Clause{Kind: k, Pred: p, Lemma: lemma, Negated: neg, Reporter: rep, Hedge: hedge,
				Subj: b.arg(RoleSubj, x, nil), Args: []Arg{b.arg(RoleNmod, c, nil)}, Rules: []string{how + "-premodifier-" + k.String()}}
			b.out = append(b.out, cl)
		}
	}
}

// namesIn returns the names a modifier phrase headed by c stands for: c
// and its conjuncts when they are names or pronouns, else the proper
// premodifiers of a common noun ("the Penfolds, Lindemans and Rosemount
// brands").
func (b *builder) namesIn(c int) []int {
	var out []int
	for _, y := range b.conjuncts(c) {
		y = b.nameFor(y)
		if b.isProper(y) || b.isPron(y) {
			out = append(out, y)
			continue
		}
		if !b.isCommon(y) {
			continue
		}
		if b.anaphor(y) {
			out = append(out, y) // "director of the company": the caller resolves it
			continue
		}
		if _, kin, role := b.roleWords(y); kin || role {
			continue // "brother of [Acme president] X": Acme is the president's, not the brother's
		}
		for _, m := range b.kids[y] {
			if m < y && b.base[m] == "compound" && b.isProper(m) {
				for _, z := range b.conjuncts(m) {
					if b.isProper(z) {
						out = append(out, z)
					}
				}
			}
		}
	}
	return out
}

// premodifiers reads a name's own premodifier chain: "Labour MP Dennis
// Skinner", "Wolves chief executive Jez Moxey", "US retail giant X",
// "Laura Ashley's chief executive Ainum Mohd-Saaid".
func (b *builder) premodifiers(n int) {
	lo, hi := b.coreRaw(n)
	lo, hi = b.extendName(n, lo, hi-1)
	hi++
	r := b.rolePremod(lo, hi)
	if r < 0 {
		return
	}
	// role phrase: the run of role/common words ending at r
	rs := r
	for rs-1 >= lo && !b.isProper(rs-1) && (b.isCommon(rs-1) || b.isAdj(rs-1)) {
		rs--
	}
	for rs-1 >= lo && b.isProper(rs-1) && (b.lx.roles[b.low[rs-1]] || b.lx.titleWords[b.low[rs-1]]) {
		rs--
	}
	var words []string
	role, kin := false, false
	for i := rs; i <= r; i++ {
		if b.isAdj(i) && !b.lx.roles[b.low[i]] {
			continue
		}
		words = append(words, b.low[i])
		role = role || b.lx.roles[b.low[i]]
		kin = kin || b.lx.kin[b.low[i]]
	}
	phrase := strings.Join(words, " ")
	x := n
	// the organisation or place: proper-noun runs before the role phrase, and possessors
	var owners []int
	for i := lo; i < rs; i++ {
		if b.isProper(i) && !b.lx.titleWords[b.low[i]] && (i+1 == rs || !b.isProper(i+1)) {
			owners = append(owners, i)
		}
		if b.s.Tags[i] == "POS" && i > lo {
			owners = append(owners, i-1)
		}
	}
	if p := b.child(n, "nmod:poss"); p >= 0 && p < rs {
		owners = append(owners, p)
	}
	seen := map[int]bool{}
	for _, o := range owners {
		if seen[o] {
			continue
		}
		seen[o] = true
		k, lemma := KindRole, "be "+phrase+" of"
		if kin {
			k = KindKin
		} else if !role {
			k, lemma = KindLocative, "in"
		}
		ob := Arg{Role: RoleNmod, Head: o, Via: -1}
		ob.From, ob.To = b.nameRun(o, lo)
		ob.Ext = ob.To
		sb := b.arg(RoleSubj, x, nil)
		b.out = append(b.out, Clause{Kind: k, Pred: r, Lemma: lemma, Subj: sb, Args: []Arg{ob}, Reporter: b.rep[n],
			Hedge: b.hedge[n], Rules: []string{"premodifier-" + k.String()}})
	}
}

// coreRaw is core without the role cut.
func (b *builder) coreRaw(h int) (int, int) {
	lo, hi := h, h
	var grow func(x int)
	grow = func(x int) {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
		for _, c := range b.kids[x] {
			switch b.base[c] {
			case "det", "amod", "compound", "flat", "nummod", "fixed", "goeswith":
				grow(c)
			case "nmod":
				if l := b.label[c]; l == "nmod:poss" || l == "nmod:desc" && c < x {
					grow(c)
				}
			case "case":
				if x != h {
					grow(c)
				}
			}
		}
	}
	grow(h)
	return lo, hi + 1
}

// eventVerb is the verb phrase event noun n names ("bid", "takeover" ->
// "take over"), by lemma, else by lower-case form; ok is false for a noun
// that names no event.
func (b *builder) eventVerb(n int) (verb string, ok bool) {
	if verb, ok = b.lx.events[b.lem[n]]; !ok {
		verb, ok = b.lx.events[b.low[n]]
	}
	return verb, ok
}

// strayNmods are the prepositional phrases the parser hung on a name
// that belong to the noun above it: "a bid [from R [for F]]" - a name
// takes no "for"/"against"/"to" phrase of its own. Places and times ("R
// in Scotland") stay with the name.
func (b *builder) strayNmods(c int) []int {
	if !b.isProper(c) && !(b.isNoun(c) && c > 0 && b.low[c] != b.s.Words[c]) {
		return nil // a name, or a capitalised plural the tagger missed ("Rangers")
	}
	var out []int
	for _, x := range b.kids[c] {
		if x < c || b.base[x] != "nmod" || b.label[x] == "nmod:poss" || b.label[x] == "nmod:desc" {
			continue
		}
		switch b.prepWord(b.prepOf(x)) {
		case "for", "against", "to", "into", "with":
			out = append(out, b.conjuncts(x)...)
		}
	}
	return out
}

// nameRun is the proper-noun run ending at o, not before lo.
func (b *builder) nameRun(o, lo int) (int, int) {
	from := o
	for from-1 >= lo && b.isProper(from-1) {
		from--
	}
	return from, o + 1
}

// event reads an event noun's participants: "a bid from R for F", "the
// purchase of W by X", "Xstrata's bid for WMC", "the Texas lawsuit against Y".
func (b *builder) event(n int) {
	verb, ok := b.eventVerb(n)
	if !ok {
		return
	}
	var agents []int
	possAgent, preAgent := false, false
	type theme struct {
		h    int
		prep []int
	}
	var themes []theme
	for _, c := range b.kids[n] {
		switch {
		case b.label[c] == "nmod:poss":
			if agents == nil {
				possAgent = true
				agents = b.conjuncts(c)
			}
		case b.base[c] == "compound" && b.isProper(c) && c < n:
			if agents == nil {
				agents, preAgent = []int{c}, true
			}
		case b.base[c] == "nmod":
			prep := b.prepOf(c)
			w := b.prepWord(prep)
			if b.lx.agentPreps[w] && !numberWord(b.s.Words[c]) { // "sales fell by 12%": no agent
				agents, possAgent, preAgent = b.conjuncts(c), false, false
				for _, x := range b.strayNmods(c) {
					themes = append(themes, theme{x, b.prepOf(x)})
				}
				continue
			}
			if w == "" {
				continue
			}
			for _, x := range b.conjuncts(c) {
				themes = append(themes, theme{x, prep})
			}
		}
	}
	if len(agents) == 0 || len(themes) == 0 {
		return
	}
	if (possAgent || preAgent) && b.lx.patientEvents[b.lem[n]] {
		return // "Mubanga's arrest in Zambia", "his dismissal against Arsenal": the one it happened to
	}
	rules := []string{"event-noun"}
	if preAgent {
		rules = append(rules, "event-premodifier") // "US sales", "Premiership win": the caller checks the name can act
	}
	for _, a := range agents {
		for _, t := range themes {
			w := b.prepWord(t.prep)
			if possAgent && w == "of" {
				continue // "Moscow's invasion of Ukraine": kept only with an explicit agent
			}
			lemma := verb
			if w != "of" {
				lemma += " " + w
			}
			b.out = append(b.out, Clause{Kind: KindEvent, Pred: n, Lemma: lemma, Subj: b.arg(RoleSubj, a, nil),
				Args: []Arg{b.arg(RoleNmod, t.h, t.prep)}, Reporter: b.rep[n], Hedge: b.hedge[n], Rules: rules})
		}
	}
}

// anaphor: "the company", "the club": a bare definite noun that stands
// for the last named organisation of its kind (the caller resolves it).
func (b *builder) anaphor(y int) bool {
	if !b.lx.anaphors[b.low[y]] {
		return false
	}
	det := false
	for _, c := range b.kids[y] {
		switch {
		case b.base[c] == "det" && b.low[c] == "the":
			det = true
		case c < y && b.base[c] != "case" && b.base[c] != "punct" && b.base[c] != "cc":
			return false // "the parent company", "the Wolves club"
		}
	}
	return det
}

// numberWord reports a word that starts with a digit: "12%", "2004".
func numberWord(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }
