package clauses

import (
	"strings"

	"github.com/kgb-dev/kgb/extract/syntax"
)

// Repairs of the dependency tree for constructions the parser gets wrong
// often enough to cost facts. Each returns the sentence unchanged when it
// does not apply, and never changes the caller's tree: the first change
// copies it (treeEdit). A repair that would leave the tree malformed is
// dropped (Extract re-checks with wellFormed).

// treeEdit is a lazily copied tree.
type treeEdit struct {
	s    *Sentence
	tree *syntax.Tree
}

func (e *treeEdit) set(i, head int, label string) {
	if e.tree == nil {
		t := e.s.Tree
		e.tree = &syntax.Tree{Head: append([]int(nil), t.Head...), Label: append([]string(nil), t.Label...)}
	}
	e.tree.Head[i], e.tree.Label[i] = head, label
}

func (e *treeEdit) done() *Sentence {
	if e.tree == nil {
		return e.s
	}
	s := *e.s
	s.Tree = e.tree
	if !wellFormed(&s) {
		return e.s
	}
	return &s
}

// nameHead climbs from the last word y of a name over its flat and
// compound arcs to other proper nouns up to hi: the name's head.
func (b *builder) nameHead(t *syntax.Tree, y, hi int) int {
	for steps := 0; steps < len(t.Head); steps++ {
		h := t.Head[y]
		if l := syntax.Base(t.Label[y]); (l == "flat" || l == "compound") && h >= 0 && h <= hi && strings.HasPrefix(b.s.Tags[h], "NNP") {
			y = h
			continue
		}
		break
	}
	return y
}

// nounRelatives returns the sentence with a relative clause the parser
// labelled as an adverbial one ("said Clapton who joined Guy":
// advcl:relcl under a noun) labelled acl:relcl, so that its relative
// pronoun takes the noun as antecedent.
func (b *builder) nounRelatives() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for i, l := range t.Label {
		if h := t.Head[i]; l == "advcl:relcl" && h >= 0 && strings.HasPrefix(b.s.Tags[h], "NN") {
			e.set(i, h, "acl:relcl")
		}
	}
	return e.done()
}

// intoObliques returns the sentence with an "into" or "onto" phrase that
// the parser hung on a verb's object, a name, re-attached to the verb as
// an oblique: "inducted U2 into the Hall of Fame" (a name seldom takes an
// "into" phrase; "an inquiry into AOL" keeps its own).
func (b *builder) intoObliques() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for i, l := range t.Label {
		h := t.Head[i]
		if syntax.Base(l) != "nmod" || h < 0 || t.Label[h] != "obj" || t.Head[h] < 0 || !strings.HasPrefix(b.s.Tags[h], "NNP") || !b.hasCase(t, i, "into", "onto") {
			continue
		}
		e.set(i, t.Head[h], "obl")
	}
	return e.done()
}

// apposConjuncts returns the sentence with a name that the parser
// coordinated with a common-noun apposition re-attached to the name the
// apposition describes: "filed against Ryan Pitylak, a Texas student, and
// Mark Trotter" coordinates the two people, not the student and Trotter
// (the parser makes Trotter the student's conjunct or, with its "and", a
// second apposition).
func (b *builder) apposConjuncts() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for i, l := range t.Label {
		h := t.Head[i]
		if l != "conj" && !(l == "appos" && b.hasCCChild(t, i)) || h < 0 || t.Label[h] != "appos" || t.Head[h] < 0 || !strings.HasPrefix(b.s.Tags[i], "NNP") || !strings.HasPrefix(b.s.Tags[h], "NN") || strings.HasPrefix(b.s.Tags[h], "NNP") {
			continue
		}
		if g := t.Head[h]; strings.HasPrefix(b.s.Tags[g], "NNP") && g < h && h < i {
			e.set(i, g, "conj")
		}
	}
	return e.done()
}

// hasCCChild reports whether x has a coordinating conjunction ("and") as
// a child.
func (b *builder) hasCCChild(t *syntax.Tree, x int) bool {
	for i, h := range t.Head {
		if h == x && t.Label[i] == "cc" {
			return true
		}
	}
	return false
}

// whoRelatives returns the sentence with a "who" clause re-attached to the
// name right before its comma when the parser hung it elsewhere: on an
// adjective or verb ("the clubs have been unable ... for Ferguson, who
// moved to Lancashire": "who" is Ferguson) or on a common noun that is no
// person and holds the name through a preposition other than "of" ("the
// family firm for the Oatleys, who founded ...").
func (b *builder) whoRelatives() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for w := 2; w < b.n; w++ {
		if strings.ToLower(b.s.Words[w]) != "who" || b.s.Words[w-1] != "," || syntax.Base(t.Label[w]) != "nsubj" {
			continue
		}
		r := t.Head[w]
		if r < 0 || t.Label[r] != "acl:relcl" || !strings.HasPrefix(b.s.Tags[r], "VB") {
			continue
		}
		h := t.Head[r]
		y := b.nameHead(t, w-2, w-2)
		if h < 0 || y == h || !strings.HasPrefix(b.s.Tags[y], "NNP") || b.under(y, r) {
			continue
		}
		if strings.HasPrefix(b.s.Tags[h], "NN") {
			lh := strings.ToLower(b.s.Words[h])
			if strings.HasPrefix(b.s.Tags[h], "NNP") || b.lx.roles[lh] || b.lx.kin[lh] || b.lx.kin[strings.TrimSuffix(lh, "s")] {
				continue // "the brother of X, who": either may be meant
			}
			if t.Head[y] != h || !b.hasCase(t, y, "for", "from", "with", "by", "to") {
				continue
			}
		}
		e.set(r, y, "acl:relcl")
	}
	return e.done()
}

// hasCase reports whether x has one of the prepositions as a case child.
func (b *builder) hasCase(t *syntax.Tree, x int, preps ...string) bool {
	for i, h := range t.Head {
		if h == x && t.Label[i] == "case" {
			for _, p := range preps {
				if strings.EqualFold(b.s.Words[i], p) {
					return true
				}
			}
		}
	}
	return false
}

// toldPerson returns the sentence with the person told re-attached as the
// object of "tell" when the parser made it a second subject of the
// complement: "X told the BBC's Politics Show she believed ...": "Show"
// and "she" both subjects of "believed".
func (b *builder) toldPerson() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for v := 0; v < b.n; v++ {
		if lw := strings.ToLower(b.s.Words[v]); lw != "told" && lw != "tell" && lw != "tells" && lw != "telling" {
			continue
		}
		hasObj := false
		for i, h := range t.Head {
			if h == v && (syntax.Base(t.Label[i]) == "obj" || t.Label[i] == "iobj") {
				hasObj = true
			}
		}
		if hasObj {
			continue
		}
		for c, h := range t.Head {
			if h != v || syntax.Base(t.Label[c]) != "ccomp" || c < v {
				continue
			}
			var subj []int
			for i, h2 := range t.Head {
				if h2 == c && syntax.Base(t.Label[i]) == "nsubj" {
					subj = append(subj, i)
				}
			}
			if len(subj) != 2 || !strings.HasPrefix(b.s.Tags[subj[0]], "NN") || subj[0] > subj[1] {
				continue
			}
			e.set(subj[0], v, "obj")
		}
	}
	return e.done()
}

// dashedAppositions returns the sentence with a noun phrase between two
// dashes right after a name attached to the name as an apposition: "Anil -
// the younger brother of Y - resigned", "IPCL - India's largest chemicals
// company - was sold", which the parser hangs on some other word. The
// phrase must have one head, a common noun.
func (b *builder) dashedAppositions() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for d1 := 1; d1 < b.n; d1++ {
		if b.s.Words[d1] != "-" || !strings.HasPrefix(b.s.Tags[d1-1], "NNP") {
			continue
		}
		d2 := -1
		for i := d1 + 2; i < b.n; i++ {
			if b.s.Words[i] == "-" {
				d2 = i
				break
			}
			if b.s.Words[i] == "," || b.s.Tags[i] == "." {
				break
			}
		}
		if d2 < 0 {
			continue
		}
		n := -1 // the phrase's head: its one token with a head outside
		for i := d1 + 1; i < d2 && n != -2; i++ {
			if h := t.Head[i]; h < d1 || h > d2 {
				if n >= 0 {
					n = -2
				} else {
					n = i
				}
			}
		}
		if n < 0 || (b.s.Tags[n] != "NN" && b.s.Tags[n] != "NNS") {
			continue
		}
		x := b.nameHead(t, d1-1, d1-1)
		if t.Head[n] == x && syntax.Base(t.Label[n]) == "appos" || b.under(x, n) {
			continue
		}
		e.set(n, x, "appos")
		e.set(d1, n, "punct")
		e.set(d2, n, "punct")
	}
	return e.done()
}

// roleNames returns the sentence with a name re-attached to the role noun
// right before it when the parser made both dependents of the same word:
// "the brother of [Reliance Group president] [Mukesh Ambani]" had
// "president" (nmod) and "Mukesh" (appos) both under "brother"; the name
// is the president's, so that "of" reaches it.
func (b *builder) roleNames() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for p := 1; p < b.n; p++ {
		c := p - 1
		if t.Label[p] != "appos" || !strings.HasPrefix(b.s.Tags[p], "NNP") || t.Head[c] != t.Head[p] ||
			syntax.Base(t.Label[c]) != "nmod" || (b.s.Tags[c] != "NN" && b.s.Tags[c] != "NNS") ||
			!b.lx.roles[strings.ToLower(b.s.Words[c])] {
			continue
		}
		e.set(p, c, "appos")
	}
	return e.done()
}

// verbAppositions returns the sentence with an apposition the parser hung
// on a verb re-attached to the name right before its comma: "bought the
// stake from Reline Investments, the family firm for the Oatleys": "firm"
// under "bought". A verb has no appositions.
func (b *builder) verbAppositions() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for n := 2; n < b.n; n++ {
		h := t.Head[n]
		if t.Label[n] != "appos" || h < 0 || !strings.HasPrefix(b.s.Tags[h], "VB") || (b.s.Tags[n] != "NN" && b.s.Tags[n] != "NNS") {
			continue
		}
		lo := n // the apposition's first token
		for i := n - 1; i > h && b.under(i, n); i-- {
			lo = i
		}
		if lo < 2 || b.s.Words[lo] != "," && (lo < 1 || b.s.Words[lo-1] != ",") {
			continue
		}
		comma := lo
		if b.s.Words[lo] != "," {
			comma = lo - 1
		}
		y := b.nameHead(t, comma-1, comma-1)
		if !strings.HasPrefix(b.s.Tags[y], "NNP") || !b.under(y, h) || b.under(y, n) {
			continue
		}
		e.set(n, y, "appos")
	}
	return e.done()
}

// nameLists returns the sentence with a name right after a plural common
// noun that the parser labelled a vocative or an unknown dependent made an
// apposition: "survived by three children Nora, Hasna and Guy".
func (b *builder) nameLists() *Sentence {
	e := treeEdit{s: b.s}
	t := b.s.Tree
	for p := 1; p < b.n; p++ {
		if l := t.Label[p]; (l == "vocative" || l == "dep") && t.Head[p] == p-1 && strings.HasPrefix(b.s.Tags[p], "NNP") &&
			(b.s.Tags[p-1] == "NN" || b.s.Tags[p-1] == "NNS") {
			e.set(p, p-1, "appos")
		}
	}
	return e.done()
}
