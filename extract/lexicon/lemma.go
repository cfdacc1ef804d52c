package lexicon

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Group is the inflection class a Penn Treebank tag puts a word in; the
// lemma table and the suffix rules are keyed by it.
type Group uint8

// Inflection groups of verbs and common nouns.
const (
	GroupNone  Group = iota // not a verb or common noun: the word is its own lemma
	VerbBase                // VB, VBP: "sue", "are"
	VerbPast                // VBD, VBN: "sued", "taken"
	VerbGerund              // VBG: "suing"
	Verb3rd                 // VBZ: "sues"
	NounSing                // NN: "news"
	NounPlural              // NNS: "brothers", "children"
)

var groupNames = [...]string{"", "VB", "VBD", "VBG", "VBZ", "NN", "NNS"}

// String returns the group's representative tag.
func (g Group) String() string {
	if int(g) < len(groupNames) {
		return groupNames[g]
	}
	return fmt.Sprintf("Group(%d)", int(g))
}

// GroupOf maps a Penn Treebank tag to its inflection group.
func GroupOf(tag string) Group {
	switch tag {
	case "VB", "VBP":
		return VerbBase
	case "VBD", "VBN":
		return VerbPast
	case "VBG":
		return VerbGerund
	case "VBZ":
		return Verb3rd
	case "NN":
		return NounSing
	case "NNS":
		return NounPlural
	}
	return GroupNone
}

func parseGroup(s string) (Group, bool) {
	for g, n := range groupNames {
		if g > 0 && n == s {
			return Group(g), true
		}
	}
	return GroupNone, false
}

// IsVerb reports whether g is a verb group.
func (g Group) IsVerb() bool { return g >= VerbBase && g <= Verb3rd }

// Lemmatizer turns inflected verbs and common nouns into their lemma:
// "sued" → sue, "diagnosed" → diagnose, "children" → child. It looks the
// word up in a table of exceptions to its suffix rules (learned from a
// treebank's lemma column) and otherwise applies the rules, preferring a
// candidate that is a known lemma. Safe for concurrent use.
type Lemmatizer struct {
	exc   map[excKey]string
	verbs map[string]bool // known verb lemmas
	nouns map[string]bool // known noun lemmas
}

type excKey struct {
	form  string
	group Group
}

// ParseLemmas reads a lemma table: lines "form<TAB>GROUP<TAB>lemma" for
// exceptions, "=V<TAB>lemma" and "=N<TAB>lemma" for known verb and noun
// lemmas; "#" starts a comment line.
func ParseLemmas(data []byte) (*Lemmatizer, error) {
	l := &Lemmatizer{exc: map[excKey]string{}, verbs: map[string]bool{}, nouns: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case len(f) == 2 && f[0] == "=V":
			l.verbs[f[1]] = true
		case len(f) == 2 && f[0] == "=N":
			l.nouns[f[1]] = true
		case len(f) == 3:
			g, ok := parseGroup(f[1])
			if !ok || f[0] == "" || f[2] == "" {
				return nil, fmt.Errorf("lemma table line %d: bad group or empty field: %q", n, line)
			}
			l.exc[excKey{f[0], g}] = f[2]
		default:
			return nil, fmt.Errorf("lemma table line %d: want 2 or 3 tab-separated fields: %q", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read lemma table: %w", err)
	}
	return l, nil
}

// Lemma returns the lemma of word with Penn tag tag, lower-cased. Words
// that are not verbs or common nouns are only lower-cased.
func (l *Lemmatizer) Lemma(word, tag string) string {
	w := strings.ToLower(strings.ReplaceAll(word, "’", "'"))
	g := GroupOf(tag)
	if g == GroupNone {
		return w
	}
	if lem, ok := l.exc[excKey{w, g}]; ok {
		return lem
	}
	return l.Rule(w, g)
}

// KnownVerb reports whether w is a verb lemma in the table.
func (l *Lemmatizer) KnownVerb(w string) bool { return l.verbs[w] }

// KnownNoun reports whether w is a noun lemma in the table.
func (l *Lemmatizer) KnownNoun(w string) bool { return l.nouns[w] }

// Rule applies the suffix rules alone to the lower-cased word w of group g,
// with no exception lookup (the table's generator uses it to find the
// exceptions).
func (l *Lemmatizer) Rule(w string, g Group) string {
	known := l.nouns
	if g.IsVerb() {
		known = l.verbs
	}
	var cands []string
	switch g {
	case VerbBase, NounSing, GroupNone:
		return w
	case Verb3rd, NounPlural:
		n := len(w)
		switch {
		case n > 4 && strings.HasSuffix(w, "ies"):
			cands = append(cands, w[:n-3]+"y", w[:n-1])
		case n > 3 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") ||
			strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zes") || strings.HasSuffix(w, "oes")):
			cands = append(cands, w[:n-2], w[:n-1])
		case n > 3 && strings.HasSuffix(w, "ves") && g == NounPlural:
			cands = append(cands, w[:n-1], w[:n-3]+"f", w[:n-3]+"fe")
		case n > 2 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
			cands = append(cands, w[:n-1])
		case n > 3 && strings.HasSuffix(w, "es"):
			cands = append(cands, w[:n-1], w[:n-2])
		default:
			return w
		}
		for _, c := range cands {
			if known[c] {
				return c
			}
		}
		return cands[0]
	case VerbPast:
		n := len(w)
		switch {
		case n > 4 && strings.HasSuffix(w, "ied"):
			cands = append(cands, w[:n-3]+"y", w[:n-1])
		case n > 3 && strings.HasSuffix(w, "ed"):
			s := w[:n-2]
			cands = append(cands, s, s+"e")
			if u, ok := undouble(s); ok {
				cands = append(cands, u)
			}
		default:
			return w // irregular and unknown: left as is
		}
	case VerbGerund:
		n := len(w)
		if n <= 4 || !strings.HasSuffix(w, "ing") {
			return w
		}
		s := w[:n-3]
		cands = append(cands, s, s+"e")
		if u, ok := undouble(s); ok {
			cands = append(cands, u)
		}
		if strings.HasSuffix(s, "y") {
			cands = append(cands, s[:len(s)-1]+"ie") // dying → die
		}
	}
	for _, c := range cands {
		if known[c] {
			return c
		}
	}
	return guessStem(cands)
}

// undouble strips a doubled final consonant: stopp → stop, committ → commit.
func undouble(s string) (string, bool) {
	n := len(s)
	if n < 3 || s[n-1] != s[n-2] {
		return "", false
	}
	switch s[n-1] {
	case 'b', 'd', 'g', 'k', 'm', 'n', 'p', 'r', 't', 'v', 'z':
		return s[:n-1], true
	}
	return "", false
}

func isVowel(b byte) bool { return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' }

// guessStem picks a base form for an unknown -ed/-ing verb from its
// candidates (cands[0] the bare stem, cands[1] the stem + e) by English
// spelling regularities.
func guessStem(cands []string) string {
	s := cands[0]
	if u, ok := undouble(s); ok {
		return u
	}
	n := len(s)
	if n < 2 || len(cands) < 2 {
		return s
	}
	last, prev := s[n-1], s[n-2]
	switch {
	case last == 'v' || last == 'c' || last == 'z' && prev != 'z' || last == 'u':
		return s + "e" // solv → solve, produc → produce, argu → argue
	case last == 'l' && !isVowel(prev) && prev != 'l' && prev != 'r':
		return s + "e" // enabl → enable
	case isVowel(prev) && !isVowel(last) && last != 'w' && last != 'x' && last != 'y' && vowelGroups(s) == 1:
		return s + "e" // creat → create, us → use (one syllable: hop(e) is a guess)
	case last == 'g' && (prev == 'd' || prev == 'n' && n > 4):
		return s + "e" // judg → judge, chang → change
	case last == 's' && (prev == 'r' || prev == 'n' || prev == 'p'):
		return s + "e" // revers → reverse, licens → license, collaps → collapse
	case last == 's' && (prev == 'a' || prev == 'i'):
		return s + "e" // showcas → showcase, promis → promise (not "focus")
	}
	return s
}

// vowelGroups counts runs of vowels in s.
func vowelGroups(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		v := isVowel(s[i])
		if v && !in {
			n++
		}
		in = v
	}
	return n
}
