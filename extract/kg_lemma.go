package extract

import (
	"strings"

	"github.com/kgb-dev/kgb/extract/lexicon"
)

// verbLemma returns the base form of a verb token (lower-cased word w with
// Penn tag tag) and whether British spelling was normalised. Callers only
// pass verbs, so "left" the adjective is never turned into "leave"; a verb
// the tagger mis-tagged (tag not VB*) is lemmatised by its suffix.
func (t *kgTables) verbLemma(w, tag string) (lemma string, respelled bool) {
	w = strings.ToLower(kgNormApos(w))
	if !lexicon.GroupOf(tag).IsVerb() {
		switch {
		case strings.HasSuffix(w, "ed"):
			tag = "VBD"
		case strings.HasSuffix(w, "ing"):
			tag = "VBG"
		case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
			tag = "VBZ"
		default:
			tag = "VB"
		}
	}
	lemma = t.lem.Lemma(w, tag)
	if a, ok := t.americanVerb(lemma); ok {
		return a, true
	}
	if !t.lem.KnownVerb(lemma) {
		// A British form the table does not hold: "analysed" → analys(e) → analyze.
		if a, ok := t.americanVerb(lemma + "e"); ok {
			return a, true
		}
	}
	return lemma, false
}

// americanVerb maps a British base form to the American one when the
// American one is a known verb: criticise → criticize, analyse → analyze.
func (t *kgTables) americanVerb(w string) (string, bool) {
	switch {
	case strings.HasSuffix(w, "ise"):
		if a := w[:len(w)-3] + "ize"; t.lem.KnownVerb(a) {
			return a, true
		}
	case strings.HasSuffix(w, "yse"):
		if a := w[:len(w)-3] + "yze"; t.lem.KnownVerb(a) {
			return a, true
		}
	case strings.HasSuffix(w, "ll"):
		if a := w[:len(w)-1]; t.lem.KnownVerb(a) { // travell(ed) → travel
			return a, true
		}
	}
	if a, ok := t.spelling[w]; ok {
		return a, true
	}
	return "", false
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
