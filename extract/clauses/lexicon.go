package clauses

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed data/lexicon.txt
var lexiconText string

// lexicon holds the word lists the constructions consult, read once from
// data/lexicon.txt: one "section: word word ..." line per list, or
// "section: key=value ..." for maps.
type lexicon struct {
	speech        map[string]bool   // verbs of saying whose complement is reported
	hedgeAux      map[string]bool   // modals that make a statement hypothetical
	hedgeGov      map[string]bool   // verbs and adjectives whose xcomp is a wish or a guess
	wishVerbs     map[string]bool   // verbs whose object is only their infinitive's subject: "wanted X to go"
	condMark      map[string]bool   // subordinators of conditions
	roles         map[string]bool   // role nouns that relate a person to an organisation
	kin           map[string]bool   // kinship nouns
	events        map[string]string // event noun -> verb phrase
	agentPreps    map[string]bool   // prepositions that mark an event noun's agent
	inst          map[string]bool   // name heads that keep their "of" phrase ("Bank of England")
	timeWords     map[string]bool   // heads of temporal obliques
	objControl    map[string]bool   // verbs whose xcomp's subject is their object even without one in the tree
	recipient     map[string]bool   // verbs whose subject receives the object an infinitive modifies
	titleWords    map[string]bool   // words of titles, never an owner: "Prime", "Mr"
	honorifics    map[string]bool   // honorifics as written, which open a person's name: "Mr", "Dr."
	themeVerbs    map[string]bool   // verbs that put their object somewhere: "induct X into Y"
	inNouns       map[string]bool   // nouns whose "in" phrase is a party: "a stake in Y"
	possNouns     map[string]bool   // nouns whose possessor joins the relation: "Y's board"
	placeNouns    map[string]bool   // event nouns with a place of their own: "the talks in Istanbul"
	holdingNouns  map[string]bool   // "X, with operations in Y": X have operations in Y
	siteNouns     map[string]bool   // "the Olympic Dam mine in Y": the name is in Y
	includeNouns  map[string]string // "His film credits include Y" -> preposition of "have film credit for"
	anaphors      map[string]bool   // "the company": a noun that refers back to a named organisation
	agentNouns    map[string]bool   // documents whose name premodifier is their author: "the Texas lawsuit"
	patientEvents map[string]bool   // event nouns whose possessor undergoes them: "his arrest"
}

var sharedLexicon = sync.OnceValue(func() *lexicon { return parseLexicon(lexiconText) })

func parseLexicon(text string) *lexicon {
	lx := &lexicon{}
	sets := map[string]*map[string]bool{
		"speech": &lx.speech, "hedge-aux": &lx.hedgeAux, "hedge-gov": &lx.hedgeGov, "wish-verbs": &lx.wishVerbs, "cond-mark": &lx.condMark,
		"roles": &lx.roles, "kin": &lx.kin, "agent-preps": &lx.agentPreps, "institutions": &lx.inst,
		"time": &lx.timeWords, "object-control": &lx.objControl, "recipient": &lx.recipient,
		"title-words": &lx.titleWords, "honorifics": &lx.honorifics, "theme-verbs": &lx.themeVerbs, "in-nouns": &lx.inNouns, "poss-nouns": &lx.possNouns, "place-nouns": &lx.placeNouns,
		"holding-nouns": &lx.holdingNouns, "site-nouns": &lx.siteNouns, "anaphors": &lx.anaphors, "agent-nouns": &lx.agentNouns, "patient-events": &lx.patientEvents,
	}
	for _, p := range sets {
		*p = map[string]bool{}
	}
	lx.events = map[string]string{}
	lx.includeNouns = map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		name = strings.TrimSpace(name)
		if name == "events" {
			for _, kv := range strings.Fields(rest) {
				k, v, _ := strings.Cut(kv, "=")
				lx.events[k] = strings.ReplaceAll(v, "_", " ")
			}
			continue
		}
		if name == "include-nouns" {
			for _, kv := range strings.Fields(rest) {
				k, v, _ := strings.Cut(kv, "=")
				lx.includeNouns[k] = v
			}
			continue
		}
		if p, ok := sets[name]; ok {
			for _, w := range strings.Fields(rest) {
				(*p)[strings.ReplaceAll(w, "_", " ")] = true
			}
		}
	}
	return lx
}

// Honorific reports whether w, as written, is an honorific that opens a
// person's name ("Mr", "Mrs", "Ms", "Dr", with or without a full stop).
// It is the one list both the clause builder and the knowledge-graph layer
// read; safe for concurrent use.
func Honorific(w string) bool { return sharedLexicon().honorifics[w] }

// HoldingNoun reports whether w (lower case) is a noun of what a firm has
// somewhere ("operations", "offices"): each member of its "in" list is
// one more place it has them in. Safe for concurrent use.
func HoldingNoun(w string) bool { return sharedLexicon().holdingNouns[w] }

// Kin reports whether w (lower case) is a kinship noun ("daughter",
// "wife"). Safe for concurrent use.
func Kin(w string) bool { return sharedLexicon().kin[w] }

// Anaphor reports whether w (lower case) is a noun that after "the" stands
// for the last named organisation ("the company"). Safe for concurrent use.
func Anaphor(w string) bool { return sharedLexicon().anaphors[w] }
