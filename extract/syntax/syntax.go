// Package syntax is kgb's second NLP stage: a dependency parser for English.
//
// Given one sentence's tokens and their Penn Treebank tags, a Parser returns
// for every token its head and its Universal Dependencies v2 relation label
// (basic relations of UD English, with subtypes such as "nsubj:pass",
// "obl:tmod", "acl:relcl", "compound:prt").
//
// Contract:
//   - A Tree over n tokens has len(Head) == len(Label) == n. Token indexes are
//     0-based; Head[i] is the index of token i's head, or -1 for the root.
//     Exactly one token has Head -1 and Label "root"; there are no cycles.
//   - Parse never fails: any token and tag sequence (empty, one token,
//     unknown tags) yields a well-formed tree.
//   - Parsers are safe for concurrent use. Parse reuses the slices of the
//     Tree it is given, so a caller that keeps one Tree per goroutine
//     allocates nothing per token in steady state.
//
// The package knows nothing of entities or storage; extraction reads the
// tree (see the Tree helpers).
package syntax

// Tree is a dependency tree over one sentence's tokens.
type Tree struct {
	Head  []int    // head index per token, -1 for the root
	Label []string // UD v2 relation per token, "root" for the root
}

// Len is the number of tokens.
func (t *Tree) Len() int { return len(t.Head) }

// Reset sizes the tree for n tokens, reusing its storage.
func (t *Tree) Reset(n int) {
	if cap(t.Head) < n {
		t.Head = make([]int, n)
		t.Label = make([]string, n)
	}
	t.Head = t.Head[:n]
	t.Label = t.Label[:n]
}

// Children appends to dst the dependents of token h in left-to-right order
// and returns it.
func (t *Tree) Children(dst []int, h int) []int {
	for i, hd := range t.Head {
		if hd == h {
			dst = append(dst, i)
		}
	}
	return dst
}

// Root is the index of the root token, or -1 for an empty tree.
func (t *Tree) Root() int {
	for i, hd := range t.Head {
		if hd == -1 {
			return i
		}
	}
	return -1
}

// Base is a label without its subtype: Base("nsubj:pass") == "nsubj".
func Base(label string) string {
	for i := 0; i < len(label); i++ {
		if label[i] == ':' {
			return label[:i]
		}
	}
	return label
}
