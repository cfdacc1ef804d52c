package syntax

import "fmt"

// TreeError describes why a Tree is not well formed.
type TreeError struct {
	Token int
	Msg   string
}

func (e *TreeError) Error() string { return fmt.Sprintf("token %d: %s", e.Token, e.Msg) }

// Validate checks the Tree contract: equal lengths, heads in range,
// exactly one root labelled "root", no cycles, no empty label.
func (t *Tree) Validate() error {
	n := len(t.Head)
	if len(t.Label) != n {
		return &TreeError{Token: -1, Msg: fmt.Sprintf("%d heads but %d labels", n, len(t.Label))}
	}
	roots := 0
	for i, h := range t.Head {
		switch {
		case h == -1:
			roots++
			if t.Label[i] != "root" {
				return &TreeError{Token: i, Msg: fmt.Sprintf("root labelled %q", t.Label[i])}
			}
		case h < 0 || h >= n:
			return &TreeError{Token: i, Msg: fmt.Sprintf("head %d out of range", h)}
		case h == i:
			return &TreeError{Token: i, Msg: "own head"}
		case t.Label[i] == "" || t.Label[i] == "root":
			return &TreeError{Token: i, Msg: fmt.Sprintf("non-root labelled %q", t.Label[i])}
		}
	}
	if n > 0 && roots != 1 {
		return &TreeError{Token: -1, Msg: fmt.Sprintf("%d roots", roots)}
	}
	for i := range t.Head {
		h, steps := i, 0
		for h != -1 {
			h = t.Head[h]
			steps++
			if steps > n {
				return &TreeError{Token: i, Msg: "cycle"}
			}
		}
	}
	return nil
}
