package clauses

import "strings"

// holdings reads what a common noun says its owner has or where a named
// site is:
//   - "X is a mining giant with operations in A, B and C" / "X, with
//     offices in A": X have operations in A (holding nouns, lexicon);
//   - "the Olympic Dam mine in South Australia": Olympic Dam in South
//     Australia (site nouns; the caller keeps it only for places);
//   - "His film credits include A and B", "X's best known roles included
//     A": his/X have film credit for A (include nouns);
//   - "His career began at A": his/X start career at A.
func (b *builder) holdings(n int) {
	switch {
	case b.lx.holdingNouns[b.low[n]]:
		b.withIn(n)
	case b.lx.siteNouns[b.low[n]]:
		b.siteIn(n)
	}
	if prep, ok := b.lx.includeNouns[b.low[n]]; ok {
		b.includes(n, prep)
	}
	if b.lem[n] == "career" {
		b.career(n)
	}
}

// withIn: "X ... with operations in A, B".
func (b *builder) withIn(n int) {
	if b.base[n] != "nmod" || b.prepWord(b.prepOf(n)) != "with" {
		return
	}
	h := b.s.Tree.Head[n]
	owner := -1
	switch {
	case h < 0:
		return
	case b.isProper(h):
		owner = h // "Xstrata, with operations in A"
	case b.isCommon(h) && b.hasChild(h, "cop"):
		if s := b.child(h, "nsubj"); s >= 0 && b.isProper(s) {
			owner = s // "Xstrata is a giant with operations in A"
		}
	}
	if owner < 0 {
		return
	}
	for _, c := range b.kids[n] {
		if b.base[c] != "nmod" || c < n || b.prepWord(b.prepOf(c)) != "in" {
			continue
		}
		prep := b.prepOf(c)
		for _, x := range b.conjuncts(c) {
			if b.isProper(x) {
				b.emit(KindOf, n, "have "+b.low[n]+" in", owner, x, prep, "holding-in", b.rep[n], b.hedge[n])
			}
		}
	}
}

// siteIn: "the Olympic Dam mine in South Australia": the name before a
// site noun is in the place of the noun's "in" phrase.
func (b *builder) siteIn(n int) {
	name := -1
	for _, c := range b.kids[n] {
		if c < n && b.base[c] == "compound" && b.isProper(c) {
			if lo, hi := b.coreRaw(c); hi == n && lo <= c {
				name = c
			}
		}
	}
	if name < 0 {
		return
	}
	for _, c := range b.kids[n] {
		if b.base[c] != "nmod" || c < n || !b.isProper(c) {
			continue
		}
		if prep := b.prepOf(c); b.prepWord(prep) == "in" && len(prep) > 0 && b.low[prep[0]-1] != "," {
			b.emit(KindLocative, n, "in", name, c, prep, "site-in", b.rep[n], b.hedge[n])
		}
	}
}

// includes: "His film credits include A, B and C".
func (b *builder) includes(n int, prep string) {
	v := b.s.Tree.Head[n]
	if v < 0 || b.base[n] != "nsubj" || b.lem[v] != "include" || !b.isVerb(v) || b.negated(v) {
		return
	}
	owner := b.child(n, "nmod:poss")
	if owner < 0 {
		return
	}
	words := []string{"have"}
	for _, c := range b.kids[n] {
		if c < n && b.base[c] == "compound" && !b.isProper(c) {
			words = append(words, b.low[c])
		}
	}
	words = append(words, strings.TrimSuffix(b.low[n], "s"))
	if prep != "" {
		words = append(words, prep)
	}
	lemma := strings.Join(words, " ")
	for _, o := range b.kids[v] {
		if b.base[o] != "obj" {
			continue
		}
		for _, x := range b.conjuncts(o) {
			if b.isProper(x) {
				b.emit(KindOf, n, lemma, owner, x, nil, "include-noun", b.rep[v], b.hedge[v])
			}
		}
	}
}

// career: "His career began at Bullfrog Studios".
func (b *builder) career(n int) {
	v := b.s.Tree.Head[n]
	if v < 0 || b.base[n] != "nsubj" || !b.isVerb(v) || (b.lem[v] != "begin" && b.lem[v] != "start") || b.negated(v) {
		return
	}
	owner := b.child(n, "nmod:poss")
	if owner < 0 {
		return
	}
	for _, c := range b.kids[v] {
		if b.base[c] != "obl" || c < v {
			continue
		}
		prep := b.prepOf(c)
		w := b.prepWord(prep)
		if w != "at" && w != "with" && w != "in" {
			continue
		}
		for _, x := range b.conjuncts(c) {
			if b.isProper(x) {
				b.emit(KindOf, n, "start career "+w, owner, x, prep, "career-start", b.rep[v], b.hedge[v])
			}
		}
	}
}

// negated: v has a negation of its own.
func (b *builder) negated(v int) bool {
	for _, c := range b.kids[v] {
		if b.label[c] == "advmod" && (b.low[c] == "not" || b.low[c] == "n't" || b.low[c] == "never") || b.base[c] == "neg" {
			return true
		}
	}
	return false
}
