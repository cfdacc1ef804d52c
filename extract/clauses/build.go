package clauses

import (
	"strings"

	"github.com/kgb-dev/kgb/extract/syntax"
)

// builder holds one sentence's indexes while its clauses are read.
type builder struct {
	lx    *lexicon
	s     *Sentence
	n     int
	low   []string
	lem   []string
	label []string // relation per token; the root's is always "root"
	base  []string // label without subtype
	kids  [][]int
	rep   []int    // reporter in force at each token (-1 none)
	hedge []string // hedge in force at each token
	out   []Clause
}

// Extract returns the clauses of one parsed sentence (see the package doc).
func Extract(s *Sentence) []Clause {
	if !wellFormed(s) {
		return nil
	}
	b := &builder{lx: sharedLexicon(), s: s, n: len(s.Words)}
	b.s = b.roleNouns()
	b.s = b.nameEnds()
	b.s = b.prepSubjects()
	b.s = b.titleSiblings()
	b.s = b.auxDependents()
	b.s = b.frontedRoot()
	b.s = b.verbAppositions()
	b.s = b.nameLists()
	b.s = b.nounRelatives()
	b.s = b.intoObliques()
	b.s = b.apposConjuncts()
	b.s = b.whoRelatives()
	b.s = b.toldPerson()
	b.s = b.dashedAppositions()
	b.s = b.roleNames()
	b.index()
	b.context()
	for v := 0; v < b.n; v++ {
		switch {
		case b.isVerbPred(v):
			b.verb(v)
		case b.hasChild(v, "cop") && b.isNoun(v):
			b.copula(v)
		case b.hasChild(v, "cop") && b.isAdj(v):
			b.adjective(v)
		}
		if b.isNoun(v) {
			b.nominal(v)
		}
	}
	return b.out
}

// roleNouns returns the sentence with role nouns the tagger read as
// adjectives tagged as nouns: "an executive at X", "X, vice-chairman of
// Y", "chief executive Z". A role word before a common noun that is not
// itself a role ("official figures", "executive pay") stays an adjective.
// The caller's sentence is not changed.
func (b *builder) roleNouns() *Sentence {
	var tags []string
	for i, t := range b.s.Tags {
		if t != "JJ" || !b.lx.roles[strings.ToLower(b.s.Words[i])] {
			continue
		}
		if j := i + 1; j < b.n && (b.s.Tags[j] == "NN" || b.s.Tags[j] == "NNS" || b.s.Tags[j] == "JJ") &&
			!b.lx.roles[strings.ToLower(b.s.Words[j])] {
			continue
		}
		if tags == nil {
			tags = append([]string(nil), b.s.Tags...)
		}
		tags[i] = "NN"
	}
	if tags == nil {
		return b.s
	}
	s := *b.s
	s.Tags = tags
	return &s
}

// nameEnds returns the sentence with a capitalised common noun that ends a
// name tagged as a proper noun: "Evolution Securities", "Orion Holdings",
// whose last word the tagger reads as a plural noun. It must follow a
// proper noun that the parser attached to it, and not be a title or role
// word ("Lords Leader"). The caller's sentence is not changed.
func (b *builder) nameEnds() *Sentence {
	var tags []string
	t := b.s.Tree
	for i := 1; i < b.n; i++ {
		tg := b.s.Tags[i]
		if tg != "NN" && tg != "NNS" {
			continue
		}
		w := b.s.Words[i]
		if w == strings.ToLower(w) || !strings.HasPrefix(b.s.Tags[i-1], "NNP") || t.Head[i-1] != i ||
			(t.Label[i-1] != "compound" && t.Label[i-1] != "flat") {
			continue
		}
		lw := strings.ToLower(w)
		if b.lx.roles[lw] || b.lx.titleWords[lw] {
			continue
		}
		if tags == nil {
			tags = append([]string(nil), b.s.Tags...)
		}
		tags[i] = "NNP"
		if tg == "NNS" {
			tags[i] = "NNPS"
		}
	}
	if tags == nil {
		return b.s
	}
	s := *b.s
	s.Tags = tags
	return &s
}

// titleSiblings returns the sentence with a title noun that the parser
// made a second subject or object beside the name it qualifies re-attached
// to the name: in "Former Labour leader Neil Kinnock has been made a peer"
// both "leader" and "Neil" came out as subjects of "made". The title must
// be a common noun whose phrase ends right before the name's. The caller's
// tree is not changed.
func (b *builder) titleSiblings() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for a := 0; a+1 < b.n; a++ {
		l := t.Label[a]
		if l != "nsubj" && l != "nsubj:pass" && l != "obj" || (b.s.Tags[a] != "NN" && b.s.Tags[a] != "NNS") {
			continue
		}
		c := a + 1
		if !strings.HasPrefix(b.s.Tags[c], "NNP") {
			continue
		}
		// c may be the name's first word with the head further right
		for c < b.n && t.Head[c] > c && (t.Label[c] == "flat" || t.Label[c] == "compound") {
			c = t.Head[c]
		}
		if c >= b.n || t.Head[c] != t.Head[a] || t.Label[c] != l || !strings.HasPrefix(b.s.Tags[c], "NNP") {
			continue
		}
		e.set(a, c, "nmod:desc")
	}
	return e.done()
}

// auxDependents returns the sentence with dependents of auxiliaries and
// copulas moved to the predicate: UD gives function words no dependents,
// but the parser hangs a subject on "have" in "X and Y have both resigned".
// The caller's tree is not changed.
func (b *builder) auxDependents() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for i, h := range t.Head {
		if h < 0 || t.Head[h] < 0 {
			continue
		}
		if l := syntax.Base(t.Label[h]); l != "aux" && l != "cop" {
			continue
		}
		e.set(i, t.Head[h], t.Label[i])
	}
	return e.done()
}

// frontedRoot returns the sentence with a fronted prepositional phrase the
// parser made the root ("Since 2002, Ms Tan has been director of X":
// root "2002") re-attached as an oblique of the clause it hangs over: the
// first later dependent of the root with a subject of its own. The
// caller's tree is not changed.
func (b *builder) frontedRoot() *Sentence {
	t := b.s.Tree
	r := t.Root()
	if r < 0 || strings.HasPrefix(b.s.Tags[r], "VB") {
		return b.s
	}
	pp := false // the sentence opens with the root's preposition
	for i, h := range t.Head {
		if h == r && i < r && t.Label[i] == "case" && (i == 0 || i == 1 && b.s.Tags[0] == "``") {
			pp = true
		}
	}
	if !pp {
		return b.s
	}
	for c, h := range t.Head {
		if h != r || c < r {
			continue
		}
		subj := false
		for i, h2 := range t.Head {
			if h2 == c && syntax.Base(t.Label[i]) == "nsubj" {
				subj = true
			}
		}
		if !subj {
			continue
		}
		e := treeEdit{s: b.s}
		e.set(c, -1, "root")
		e.set(r, c, "obl")
		for i, h2 := range t.Head {
			if h2 == r && i != c && t.Label[i] == "punct" && i > r {
				e.set(i, c, "punct") // the comma and the full stop go with the clause
			}
		}
		return e.done()
	}
	return b.s
}

// prepSubjects returns the sentence with each subject that opens with a
// preposition re-attached as a modifier of the noun right before it: a
// subject takes no preposition, so "a bid from Rangers [for Scotland
// captain X], the BBC has learnt" was split wrongly. The caller's tree is
// not changed.
func (b *builder) prepSubjects() *Sentence {
	t := b.s.Tree
	var tree *syntax.Tree
	for x, l := range t.Label {
		if syntax.Base(l) != "nsubj" {
			continue
		}
		prep := false // cheap test first: a preposition of x's own before it
		for i := 0; i < x && !prep; i++ {
			prep = t.Head[i] == x && t.Label[i] == "case" && b.s.Tags[i] == "IN"
		}
		if !prep {
			continue
		}
		first := x // the first token of x's subtree, and whether it is x's preposition
		for i := 0; i < x; i++ {
			if b.under(i, x) {
				first = i
				break
			}
		}
		if first == x || first == 0 || t.Head[first] != x || t.Label[first] != "case" || b.s.Tags[first] != "IN" {
			continue
		}
		y := first - 1
		for t.Label[y] == "flat" || t.Label[y] == "compound" {
			if h := t.Head[y]; h > y && h < first {
				y = h
				continue
			}
			break
		}
		if tg := b.s.Tags[y]; !strings.HasPrefix(tg, "NN") {
			continue
		}
		if b.under(y, x) {
			continue // y inside x's subtree would make a cycle
		}
		if tree == nil {
			tree = &syntax.Tree{Head: append([]int(nil), t.Head...), Label: append([]string(nil), t.Label...)}
		}
		tree.Head[x], tree.Label[x] = y, "nmod"
	}
	if tree == nil {
		return b.s
	}
	s := *b.s
	s.Tree = tree
	return &s
}

// wellFormed checks lengths, head ranges and acyclicity.
func wellFormed(s *Sentence) bool {
	if s == nil || s.Tree == nil {
		return false
	}
	n := len(s.Words)
	if n == 0 || len(s.Tags) != n || len(s.Tree.Head) != n || len(s.Tree.Label) != n ||
		(s.Lemmas != nil && len(s.Lemmas) != n) {
		return false
	}
	roots := 0
	for i, h := range s.Tree.Head {
		if h < -1 || h >= n || h == i {
			return false
		}
		if h == -1 {
			roots++
		}
		steps := 0
		for j := h; j != -1; j = s.Tree.Head[j] {
			if steps++; steps > n {
				return false
			}
		}
	}
	return roots == 1
}

func (b *builder) index() {
	b.low = make([]string, b.n)
	b.lem = make([]string, b.n)
	b.base = make([]string, b.n)
	b.label = make([]string, b.n)
	b.kids = make([][]int, b.n)
	for i, w := range b.s.Words {
		b.low[i] = strings.ToLower(w)
		if len(w) > 2 && strings.HasSuffix(w, ".") && i == len(b.s.Words)-1 {
			b.low[i] = b.low[i][:len(b.low[i])-1] // "in May." with the full stop kept on the word
		}
		b.lem[i] = b.low[i]
		if b.s.Lemmas != nil && b.s.Lemmas[i] != "" {
			b.lem[i] = strings.ToLower(b.s.Lemmas[i])
		}
		b.label[i] = b.s.Tree.Label[i]
		if h := b.s.Tree.Head[i]; h >= 0 {
			b.kids[h] = append(b.kids[h], i)
		} else {
			b.label[i] = "root"
		}
		b.base[i] = syntax.Base(b.label[i])
	}
}

// context propagates reported speech and hedges top-down.
func (b *builder) context() {
	b.rep = make([]int, b.n)
	b.hedge = make([]string, b.n)
	root := b.s.Tree.Root()
	var walk func(v, rep int, hedge string)
	walk = func(v, rep int, hedge string) {
		// "..., the firm said": a speech verb in parataxis reports its head.
		for _, c := range b.kids[v] {
			if b.base[c] == "parataxis" && b.lx.speech[b.lem[c]] {
				if sp := b.subjOf(c); sp >= 0 {
					rep = sp
				}
			}
		}
		if h := b.ownHedge(v); h != "" && hedge == "" && !(h == "would" && rep >= 0) {
			// "he said he would call X" reports a plan, not a guess
			hedge = h
		}
		b.rep[v], b.hedge[v] = rep, hedge
		for _, c := range b.kids[v] {
			r, h := rep, hedge
			switch b.base[c] {
			case "ccomp":
				if b.lx.speech[b.lem[v]] {
					if sp := b.subjOf(v); sp >= 0 {
						r = sp
					}
				}
			case "xcomp":
				if b.lx.hedgeGov[b.lem[v]] && h == "" {
					h = b.lem[v]
				}
			case "advcl":
				for _, m := range b.kids[c] {
					if b.base[m] == "mark" && b.lx.condMark[b.low[m]] {
						h = b.low[m] // the condition, not the main clause's modal
					}
				}
			case "parataxis":
				if b.lx.speech[b.lem[c]] {
					r = rep // the speech verb itself is not reported by its own subject
				}
			case "acl":
				if b.lx.hedgeGov[b.lem[v]] && h == "" { // "a bid to buy"
					h = b.lem[v]
				}
			}
			walk(c, r, h)
		}
	}
	if root >= 0 {
		walk(root, -1, "")
	}
}

// ownHedge is the hedge a token's own auxiliaries or marker introduce.
func (b *builder) ownHedge(v int) string {
	for _, c := range b.kids[v] {
		if b.base[c] == "mark" && b.lx.condMark[b.low[c]] {
			return b.low[c] // "If X buys Y" parsed as the main clause
		}
		if b.base[c] == "aux" && (b.lx.hedgeAux[b.low[c]] || b.lx.hedgeAux[b.lem[c]]) {
			return b.low[c]
		}
	}
	// a conjoined verb shares its first conjunct's modal: "could buy A and sell B"
	if b.base[v] == "conj" && !b.hasChild(v, "aux") {
		if h := b.s.Tree.Head[v]; h >= 0 && b.isVerb(h) {
			return b.ownHedge(h)
		}
	}
	return ""
}

func (b *builder) isVerb(i int) bool { return strings.HasPrefix(b.s.Tags[i], "VB") }
func (b *builder) isNoun(i int) bool {
	t := b.s.Tags[i]
	return strings.HasPrefix(t, "NN") || t == "CD" && b.base[i] != "nummod"
}
func (b *builder) isProper(i int) bool { return strings.HasPrefix(b.s.Tags[i], "NNP") }
func (b *builder) isCommon(i int) bool { return b.s.Tags[i] == "NN" || b.s.Tags[i] == "NNS" }
func (b *builder) isAdj(i int) bool    { return strings.HasPrefix(b.s.Tags[i], "JJ") }
func (b *builder) isPron(i int) bool {
	t := b.s.Tags[i]
	return t == "PRP" || t == "PRP$" || t == "WP" || t == "WDT" || t == "WP$"
}

// isVerbPred: a content verb heading a clause (not an auxiliary or copula).
func (b *builder) isVerbPred(v int) bool {
	if !b.isVerb(v) {
		return false
	}
	switch b.base[v] {
	case "aux", "cop", "amod", "compound", "case", "mark", "det", "fixed", "flat", "goeswith", "discourse", "reparandum":
		return false
	}
	return !(b.lem[v] == "be" && !b.hasAnyChild(v, "obj", "obl", "nsubj", "expl"))
}

func (b *builder) hasChild(h int, label string) bool {
	for _, c := range b.kids[h] {
		if b.label[c] == label || b.base[c] == label {
			return true
		}
	}
	return false
}

func (b *builder) hasAnyChild(h int, labels ...string) bool {
	for _, l := range labels {
		if b.hasChild(h, l) {
			return true
		}
	}
	return false
}

func (b *builder) child(h int, labels ...string) int {
	for _, c := range b.kids[h] {
		for _, l := range labels {
			if b.label[c] == l {
				return c
			}
		}
	}
	return -1
}

// subjOf is the head of v's grammatical subject, following conjoined verbs
// back to the conjunct that has one; -1 for none.
func (b *builder) subjOf(v int) int {
	for steps := 0; v >= 0 && steps < b.n; steps++ {
		if c := b.child(v, "nsubj", "nsubj:pass", "nsubj:outer"); c >= 0 {
			return c
		}
		if b.base[v] != "conj" {
			return -1
		}
		v = b.s.Tree.Head[v]
	}
	return -1
}

// possessor reports whether x carries a possessive marker ("Festen's").
func (b *builder) possessor(x int) bool {
	for _, c := range b.kids[x] {
		if b.base[c] == "case" && (b.low[c] == "'s" || b.low[c] == "'" || b.low[c] == "’s" || b.low[c] == "’") {
			return true
		}
	}
	return false
}

// clauseSubjectAfter reports whether the word after the name that
// possessor x qualifies is a finite verb or an auxiliary: the name is
// then the subject of a clause of its own ("Festen's Rufus Norris was").
func (b *builder) clauseSubjectAfter(x int) bool {
	k := x + 1
	for k < b.n && (b.base[k] == "case" || b.base[k] == "compound" || b.base[k] == "flat" || b.base[k] == "amod") {
		k++ // the possessive and the name's premodifiers
	}
	if k < b.n && b.base[k] == "conj" {
		k++ // the name's head, the next conjunct
	}
	if k >= b.n {
		return false
	}
	switch b.s.Tags[k] {
	case "VBD", "VBZ", "VBP", "MD":
		return true
	}
	return false
}

// conjuncts returns h and its coordinated nominal conjuncts. A conjunct
// that looks like an apposition ("X, a student, and Y": an indefinite
// common noun after a name, followed by another conjunct) is left out.
func (b *builder) conjuncts(h int) []int {
	out := []int{h}
	possCC := false // a coordinator on a skipped possessor joins the name after it
	var add func(x int)
	add = func(x int) {
		for _, c := range b.kids[x] {
			if b.base[c] == "flat" && x == h {
				add(c) // "Lena Moss and Karl Vik": the conjunct hangs off the surname
				continue
			}
			if b.base[c] != "conj" || b.isVerb(c) {
				continue
			}
			if b.possessor(c) {
				// "with Dawson and Gloucester's Andy Gomarsall": the
				// possessor belongs to the next conjunct; but in "best
				// actress for Summer and Festen's Rufus Norris was named" it
				// opens the next clause's subject, and no conjunct after it
				// belongs to this list
				if b.clauseSubjectAfter(c) {
					break
				}
				possCC = possCC || b.hasChild(c, "cc")
				continue
			}
			if b.isProper(h) && b.isCommon(c) && !(b.hasChild(c, "cc") && b.nameFor(c) != c) {
				// "Pitylak, a student, and Trotter": an apposition; but "X and
				// his son Y" joins Y
				continue
			}
			out = append(out, c)
			add(c)
		}
	}
	add(h)
	if len(out) > 1 {
		// "United States President, Donald Trump, ...": commas and no
		// conjunction make an apposition, not a list
		cc := possCC
		for _, x := range out[1:] {
			cc = cc || b.hasChild(x, "cc") || b.ccBelow(x)
		}
		if !cc {
			return out[:1]
		}
	}
	// "Zurich and London-based X": the first place is part of the
	// modifier, no conjunct
	if len(out) > 1 {
		kept := out[:0:0]
		for _, x := range out {
			if x+2 < b.n && b.low[x+1] == "and" && originModifier(b.low[x+2]) {
				continue
			}
			kept = append(kept, x)
		}
		out = kept
	}
	// "three children Nora, Hasna and Lev": a plural noun naming its
	// members stands for each of them
	for i := 0; i < len(out); i++ {
		x := out[i]
		if b.s.Tags[x] != "NNS" {
			continue
		}
		n := b.nameFor(x)
		if n == x || !b.hasChild(n, "conj") {
			continue
		}
		if names := b.conjuncts(n); len(names) > 1 {
			out = append(append(append([]int(nil), out[:i]...), names...), out[i+1:]...)
			i += len(names) - 1
		}
	}
	return out
}

// originModifier: a place glued to "-based" or "-born" ("London-based").
func originModifier(w string) bool {
	return strings.HasSuffix(w, "-based") || strings.HasSuffix(w, "-born") || strings.HasSuffix(w, "-headquartered")
}

// ccBelow: a conjunction the parser hung on a premodifier of x ("and
// [chief] executive") rather than on x.
func (b *builder) ccBelow(x int) bool {
	for _, c := range b.kids[x] {
		if c < x && b.hasChild(c, "cc") {
			return true
		}
	}
	return false
}

// prepOf returns a nominal's preposition tokens (case and its fixed words).
func (b *builder) prepOf(h int) []int {
	var out []int
	for _, c := range b.kids[h] {
		if b.base[c] == "case" && b.s.Tags[c] != "POS" {
			out = append(out, c)
			for _, f := range b.kids[c] {
				if b.base[f] == "fixed" {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

func (b *builder) prepWord(p []int) string {
	var w []string
	for _, i := range p {
		w = append(w, b.low[i])
	}
	return strings.Join(w, " ")
}

// antecedent maps a relative pronoun to the noun its relative clause
// modifies; other tokens map to themselves.
func (b *builder) antecedent(i int) (int, bool) {
	t := b.s.Tags[i]
	if !(t == "WDT" || t == "WP" || (b.low[i] == "that" && (b.base[i] == "nsubj" || b.base[i] == "obj"))) {
		return i, false
	}
	v := b.s.Tree.Head[i]
	for v >= 0 && b.label[v] != "acl:relcl" {
		if b.base[v] == "conj" || b.base[v] == "xcomp" {
			v = b.s.Tree.Head[v]
			continue
		}
		return i, false
	}
	if v < 0 {
		return i, false
	}
	a := b.s.Tree.Head[v]
	// "X is among those who called for Y", "X was one of those who ...":
	// the relative's subject is X
	if a >= 0 && b.low[a] == "those" {
		p := a
		if h := b.s.Tree.Head[a]; h >= 0 && b.low[h] == "one" && b.base[a] == "nmod" {
			p = h
		}
		if b.hasChild(p, "cop") {
			if s := b.child(p, "nsubj"); s >= 0 {
				return s, true
			}
		}
	}
	return a, true
}

// arg builds the argument for head h.
func (b *builder) arg(role Role, h int, prep []int) Arg {
	h = b.nameFor(h)
	a := Arg{Role: role, Head: h, Prep: prep, Via: -1}
	a.From, a.To = b.core(h)
	if a.Head < a.From || a.Head >= a.To {
		a.Head = a.To - 1 // a flat chain headed by its title: "Tory MP Jonathan Sayeed"
	}
	a.Ext = a.To
	if b.isCommon(h) {
		a.Ext = b.ext(h, a.To)
	}
	return a
}

// nameFor maps a role noun followed by its name to the name: "chief
// executive Omar Lind", "Australian brewer Fosters" stand for the name
// (an apposition, flat or compound right after the noun).
func (b *builder) nameFor(h int) int {
	if !b.isCommon(h) {
		return h
	}
	for _, c := range b.kids[h] {
		switch b.base[c] {
		case "appos", "flat", "compound", "nmod":
			if c <= h || !b.isProper(c) || (b.base[c] == "nmod" && b.label[c] != "nmod:desc" && len(b.prepOf(c)) > 0) {
				continue
			}
			if lo, _ := b.coreRaw(c); lo == h+1 || b.base[c] == "appos" && lo == h+2 && b.low[h+1] == "," {
				return c // "his wife, Mira,": an apposition after a comma too
			}
		}
	}
	return h
}

// core is the noun phrase of h without clauses, appositions and
// prepositional modifiers; a name keeps only itself (role premodifiers cut).
func (b *builder) core(h int) (int, int) {
	lo, hi := h, h
	var grow func(x int, top bool)
	grow = func(x int, top bool) {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
		for _, c := range b.kids[x] {
			l := b.label[c]
			keep := false
			switch b.base[c] {
			case "det", "amod", "compound", "flat", "nummod", "fixed", "goeswith":
				// not "X, vice-chairman of Y" nor an age: "Mr Boateng, 53,"
				keep = !b.apposLike(c) && !(c > x && c > 0 && b.low[c-1] == "," && b.s.Tags[c] == "CD")
			case "nmod":
				keep = l == "nmod:poss" || l == "nmod:desc" && c < x || (top && b.isProper(x) && b.lx.inst[b.low[x]] && b.prepWord(b.prepOf(c)) == "of" && b.isProper(c))
			case "case":
				keep = !top
			case "punct":
				keep = c > lo && c < hi || b.low[c] == "-"
			case "cc", "conj":
				keep = !top && b.base[x] == "compound" // "Rock and Roll Hall"
			}
			if keep {
				grow(c, false)
			}
		}
	}
	grow(h, true)
	if b.isProper(h) {
		lo, hi = b.extendName(h, lo, hi)
		// "Cold Mile and Long Road" read as one name (the "and" on a
		// modifier, not a conjunct): the name starts after the "and"
		for i := h - 1; i > lo; i-- {
			if b.s.Tags[i] == "CC" && b.base[b.s.Tree.Head[i]] != "conj" {
				lo = i + 1
				break
			}
		}
		// "told the Sunday Times Mr Campbell would ...": a name starts at
		// an honorific inside the chain
		for i := lo + 1; i < h; i++ {
			if Honorific(b.s.Words[i]) && b.isProper(i-1) {
				lo = i
			}
		}
		if r := b.rolePremod(lo, hi+1); r >= 0 {
			lo = r + 1
		}
		// "rival May Department Stores", "the 14th Kepler Lecture": a name
		// starts at its first proper noun; "Thursday Rangers": not at a day
		// "the British Council": a capitalised adjective the tagger took
		// out of the name stays in it
		for lo < h && (!b.isProper(lo) && !b.capitalAdj(lo) || b.timeName(lo)) {
			lo++
		}
	}
	return lo, hi + 1
}

// timeName: a day or month name before a name ("Thursday Rangers"),
// not "May" opening a name mid-sentence ("rival May Department Stores").
func (b *builder) timeName(i int) bool {
	return b.lx.timeWords[b.low[i]] && !(b.low[i] == "may" && i > 0 && i+1 < b.n && b.isProper(i+1) && b.s.Tags[i+1] != "CD")
}

// capitalAdj: a capitalised adjective inside a sentence ("British",
// "European"), which may open a name.
func (b *builder) capitalAdj(i int) bool {
	return i > 0 && b.isAdj(i) && b.low[i] != b.s.Words[i]
}

// extendName widens a name's span [lo, hi] over the proper nouns right
// next to it that the parser attached elsewhere ("Volodymyr | Zelensky",
// "Labour MP | Rosa Finch"): not over a title word on the right ("the
// Sunday Times Mr Campbell") nor the left, and not over a token that
// governs the name.
func (b *builder) extendName(h, lo, hi int) (int, int) {
	for hi+1 < b.n && b.isProper(hi+1) && b.isProper(hi) && !b.lx.titleWords[b.low[hi+1]] &&
		b.s.Tree.Head[hi+1] != -1 && !b.under(h, hi+1) {
		hi++
	}
	for lo-1 >= 0 && b.isProper(lo-1) && b.isProper(lo) && !b.lx.titleWords[b.low[lo-1]] &&
		b.s.Tree.Head[lo-1] != -1 && !b.under(h, lo-1) && !b.timeName(lo-1) {
		lo--
	}
	return lo, hi
}

// ext extends a common noun's phrase over "of" modifiers and infinitives.
func (b *builder) ext(h, to int) int {
	for _, c := range b.kids[h] {
		if c < h {
			continue
		}
		if w := b.prepWord(b.prepOf(c)); (b.base[c] == "nmod" && (w == "of" || w == "from")) || (b.base[c] == "acl" && b.hasChild(c, "mark")) {
			if e := b.subtreeEnd(c); e > to {
				to = e
			}
		}
	}
	return to
}

func (b *builder) subtreeEnd(h int) int {
	hi := h
	var walk func(x int)
	walk = func(x int) {
		if x > hi {
			hi = x
		}
		for _, c := range b.kids[x] {
			if b.base[c] != "punct" || c < hi {
				walk(c)
			}
		}
	}
	walk(h)
	return hi + 1
}

// rolePremod finds, inside a name's phrase [lo, hi), the last role or
// common noun followed only by proper nouns ("Labour MP Dennis Skinner",
// "US retail giant Federated", "Scotland captain Barry Ferguson"); -1 when
// the phrase is all name. It reads tags, not attachments, so a name the
// parser chained flat still splits.
func (b *builder) rolePremod(lo, hi int) int {
	for i := hi - 2; i >= lo; i-- {
		if b.isCommon(i) || (b.isProper(i) && b.lx.roles[b.low[i]]) {
			for j := i + 1; j < hi; j++ {
				if !b.isProper(j) && b.s.Tags[j] != "POS" && b.low[j] != "-" {
					return -1
				}
			}
			return i
		}
		if !b.isProper(i) && b.s.Tags[i] != "POS" && b.low[i] != "-" {
			return -1
		}
	}
	return -1
}

// under reports whether i is in h's subtree.
func (b *builder) under(i, h int) bool {
	for steps := 0; i >= 0 && steps <= b.n; steps++ {
		if i == h {
			return true
		}
		i = b.s.Tree.Head[i]
	}
	return false
}
