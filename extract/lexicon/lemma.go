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

// undouble strips a doubled final consonant: stopp → stop, committ →
// commit, and a British doubled l after two syllables: travell → travel,
// triall → trial. A stem of two letters is kept whole ("add", "err").
func undouble(s string) (string, bool) {
	n := len(s)
	if n < 4 || s[n-1] != s[n-2] {
		return "", false
	}
	switch s[n-1] {
	case 'b', 'd', 'g', 'k', 'm', 'n', 'p', 'r', 't', 'v', 'z':
		return s[:n-1], true
	case 'l':
		if st := s[:n-1]; syllables(st) >= 2 {
			return st, true
		}
	}
	return "", false
}

func isVowel(b byte) bool { return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' }

// guessStem picks a base form for an unknown -ed/-ing verb from its
// candidates (cands[0] the bare stem, cands[1] the stem + e) by English
// spelling regularities. On the regular -ed/-ing verbs of UD English EWT
// train and dev (every verb, known or not) it picks the right one for 97%.
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
	// lone: the vowel before the last letter is a single vowel, not the end
	// of a pair ("hail", "heap", "look" take no e); the u of "qu" and "gu"
	// is no vowel.
	lone := isVowel(prev) && (n < 3 || !isVowel(s[n-3]) || s[n-3] == 'u' && n > 3 && (s[n-4] == 'q' || s[n-4] == 'g'))
	e := s + "e"
	switch {
	case last == 'e':
		if prev == 'r' || prev == 't' {
			return e // agre(ed) → agree, guarante(ed) → guarantee
		}
		return s // see(ing), flee(ing)
	case last == 'k' && strings.HasSuffix(s, "ick") && syllables(s) >= 2:
		return s[:n-1] // panick → panic, mimick → mimic
	case last == 'v' || last == 'c' || last == 'z' && prev != 'z' || last == 'u':
		return e // solv → solve, produc → produce, argu → argue
	case last == 'h' && prev == 't' && n > 3 && isVowel(s[n-3]):
		return e // breath → breathe, seeth → seethe
	case last == 'l' && !isVowel(prev) && prev != 'l' && prev != 'r':
		return e // enabl → enable
	case last == 'r' && !isVowel(prev) && prev != 'r':
		return e // massacr → massacre
	case last == 's' && prev != 's' && !strings.HasSuffix(s, "focus") && !strings.HasSuffix(s, "bias"):
		return e // revers → reverse, promis → promise, caus → cause (not "focus")
	case last == 'g' && (prev == 'd' || prev == 'r' || prev == 'l'):
		return e // judg → judge, charg → charge, indulg → indulge
	case last == 'g' && prev == 'n' && n > 3 && (s[n-3] == 'a' || s[n-3] == 'e' || s[n-3] == 'u'):
		return e // chang → change, aveng → avenge (not "belong")
	case last == 'r' && (prev == 'i' || prev == 'u') && isVowel(prev) && (lone || s[n-3] == 'u'):
		return e // retir → retire, acquir → acquire, captur → capture
	case last == 't' && prev == 'a' && (lone || s[n-3] == 'i' || s[n-3] == 'u' || strings.HasSuffix(s, "creat")):
		return e // operat → operate, negotiat → negotiate, evaluat → evaluate
	case !lone:
		return s // heade → head, looke → look
	case last == 'd' || last == 'k' || last == 'b' || last == 'g' || last == 'm' || last == 'p' && prev == 'a':
		return e // decid → decide, invok → invoke, describ → describe, manag → manage, assum → assume, escap → escape
	case last == 'r' && prev == 'a', last == 'n' && prev == 'i', last == 't' && prev == 'u',
		last == 'l' && (prev == 'i' || prev == 'u'), strings.HasSuffix(s, "com"), strings.HasSuffix(s, "phon"):
		return e // prepar → prepare, defin → define, execut → execute, compil → compile, welcom → welcome
	case last != 'w' && last != 'x' && last != 'y' && syllables(s) == 1:
		return e // hop(e) is a guess; "us" → use
	}
	return s
}

// syllables counts the vowel runs of s, a run of two different vowels with
// i or u first ("trial", "fuel", "dual") as two.
func syllables(s string) int {
	n := vowelGroups(s)
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == 'i' || s[i] == 'u') && isVowel(s[i+1]) && s[i+1] != s[i] && !(s[i] == 'u' && i > 0 && s[i-1] == 'q') {
			n++
		}
	}
	return n
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
