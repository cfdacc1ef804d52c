package extract

import "strings"

// verbLemma returns the base form of a verb token (lower-cased word w with
// Penn tag tag) and whether British spelling was normalised. It is POS-aware
// by construction: callers only pass verbs, so "left" the adjective is never
// turned into "leave".
func (t *kgTables) verbLemma(w, tag string) (lemma string, respelled bool) {
	w = strings.ToLower(w)
	w = strings.ReplaceAll(w, "’", "'")
	switch w {
	case "is", "are", "am", "'re", "'m", "be", "being", "been", "was", "were":
		return "be", false
	case "has", "have", "having", "had", "'ve":
		return "have", false
	case "does", "did", "doing", "done":
		return "do", false
	}
	if b, ok := t.irregular[w]; ok {
		return b, false
	}
	if t.verbs[w] {
		return w, false
	}
	var cands []string
	switch {
	case strings.HasSuffix(w, "ing") && len(w) > 4:
		s := w[:len(w)-3]
		cands = append(cands, s, s+"e")
		if u, ok := kgUndouble(s); ok {
			cands = append(cands, u)
		}
		if strings.HasSuffix(s, "y") {
			cands = append(cands, s[:len(s)-1]+"ie") // dying → die
		}
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		cands = append(cands, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "ed") && len(w) > 3:
		s := w[:len(w)-2]
		cands = append(cands, s, w[:len(w)-1])
		if u, ok := kgUndouble(s); ok {
			cands = append(cands, u)
		}
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		cands = append(cands, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "es") && len(w) > 3:
		cands = append(cands, w[:len(w)-2], w[:len(w)-1])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		cands = append(cands, w[:len(w)-1])
	}
	for _, c := range cands {
		if b, ok := t.irregular[c]; ok && tag == "VB" {
			return b, false
		}
		if t.verbs[c] {
			return c, false
		}
		if a, ok := t.americanVerb(c); ok {
			return a, true
		}
	}
	if a, ok := t.americanVerb(w); ok {
		return a, true
	}
	if len(cands) == 0 {
		return w, false
	}
	return kgGuessStem(w, cands), false
}

// americanVerb maps a British base form to the American one when the
// American one is a known verb: criticise → criticize, analyse → analyze.
func (t *kgTables) americanVerb(w string) (string, bool) {
	switch {
	case strings.HasSuffix(w, "ise"):
		if a := w[:len(w)-3] + "ize"; t.verbs[a] {
			return a, true
		}
	case strings.HasSuffix(w, "yse"):
		if a := w[:len(w)-3] + "yze"; t.verbs[a] {
			return a, true
		}
	case strings.HasSuffix(w, "ll"):
		if a := w[:len(w)-1]; t.verbs[a] { // travell(ed) → travel
			return a, true
		}
	}
	if a, ok := t.spelling[w]; ok {
		return a, true
	}
	return "", false
}

// kgUndouble strips a doubled final consonant: stopp → stop, committ → commit.
func kgUndouble(s string) (string, bool) {
	n := len(s)
	if n < 3 || s[n-1] != s[n-2] {
		return "", false
	}
	switch s[n-1] {
	case 'b', 'd', 'g', 'l', 'm', 'n', 'p', 'r', 't':
		return s[:n-1], true
	}
	return "", false
}

func kgIsVowel(b byte) bool { return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' }

// kgGuessStem picks a base form for an unknown verb from its candidates
// (cands[0] is the bare stem, cands[1] the stem + e) using English
// spelling regularities.
func kgGuessStem(w string, cands []string) string {
	s := cands[0]
	if u, ok := kgUndouble(s); ok && s[len(s)-1] != 'l' {
		return u
	}
	if len(cands) < 2 || !strings.HasSuffix(cands[1], "e") || strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "ses") {
		return s
	}
	n := len(s)
	if n < 2 {
		return s
	}
	last, prev := s[n-1], s[n-2]
	switch {
	case last == 'v' || last == 'c' || last == 'z' && prev != 'z':
		return s + "e"
	case last == 'l' && !kgIsVowel(prev) && prev != 'l' && prev != 'r':
		return s + "e" // enabl → enable
	case (last == 't' && (prev == 'a' || prev == 'u')) && n > 2 && !kgIsVowel(s[n-3]):
		return s + "e" // creat → create, execut → execute
	case last == 'g' && (prev == 'd' || prev == 'n' && n > 4 && (s[n-3] == 'a' || s[n-3] == 'u' || s[n-3] == 'e')):
		return s + "e" // judg → judge, chang → change
	case (last == 'r') && (prev == 'a' || prev == 'i' || prev == 'u') && n > 2 && !kgIsVowel(s[n-3]):
		return s + "e" // declar → declare, requir → require
	case last == 's' && (prev == 'r' || prev == 'n' || prev == 'u' && n > 2 && s[n-3] == 'a'):
		return s + "e" // revers → reverse, licens → license, caus → cause
	}
	return s
}

// kgNounSingular returns a cheap singular of a lower-cased noun for table keys
// ("talks" → talk, "calls" → call). Irregular plurals are left alone.
func kgNounSingular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}
