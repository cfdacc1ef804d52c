// Package clauses is kgb's third NLP stage: it turns one sentence's tokens,
// Penn Treebank tags and dependency tree (package syntax) into
// predicate-argument structures, the facts a knowledge graph is built from.
//
// Contract:
//   - Input is a Sentence: Words, Tags and Lemmas of equal length n (Lemmas
//     may be nil: lower-cased words are used) and a syntax.Tree over the
//     same n tokens (0-based heads, -1 for the root, UD v2 labels with
//     subtypes). A malformed input (lengths differ, a head out of range, a
//     cycle) yields no clauses, never a panic.
//   - Extract returns one Clause per predicate that has a subject and at
//     least one argument: verbs, copulas, role nouns ("Labour MP X",
//     "X, chief executive of Y", "Y's chief executive X"), kinship nouns
//     ("the younger brother of Z"), locatives ("X, Surrey", "X of
//     California", "US retail giant X") and event nouns ("a bid from R for
//     F", "the purchase of W by X").
//   - Every Arg is a token range [From, To) over the sentence: the core noun
//     phrase of its head (determiners, modifiers, compounds and flat names
//     kept; relative clauses, appositions and prepositional modifiers cut),
//     with Ext extending it over "of" modifiers and infinitives for concepts
//     ("rumours of a possible takeover"). Coordinated subjects, objects and
//     verbs are expanded into separate clauses or arguments; an apposition is
//     never a conjunct.
//   - Subjects are the grammatical ones, re-routed where the tree shows the
//     real actor: passives with a by-agent are turned active (Subj is the
//     agent, the patient an RoleObj argument, Agentive set); control and
//     purpose clauses take their controller; relative clauses and reduced
//     relatives take their antecedent for the relative pronoun or the gap;
//     conjoined verbs share their first conjunct's subject.
//   - A clause under a speech verb's complement ("X said Y bought Z") keeps
//     its own subject and names the speaker in ReportedBy. Clauses under a
//     conditional, a hedging modal or a verb of wishing carry Hedge; planned
//     ones ("will", "is to") only their modality words in Rel.
//
// The package knows nothing of entities, names or storage: it reports token
// indexes; package extract resolves them to entities and relations.
package clauses

import (
	"strings"

	"github.com/kgb-dev/kgb/extract/syntax"
)

// Kind is what states a clause.
type Kind uint8

// Clause kinds.
const (
	KindVerb     Kind = iota // a verb and its arguments
	KindCopula               // "X is the chief executive of Y", "X is a reform"
	KindRole                 // a role noun: "Labour MP X", "X, chief executive of Y"
	KindKin                  // a kinship noun: "X, the younger brother of Z"
	KindLocative             // "X, Surrey", "X of California", "US retail giant X", "Surrey's X"
	KindOf                   // a possessive or "of" between names with no role noun: "Iran's Islamic Republic"
	KindEvent                // an event noun with its participants: "a bid from R for F"
)

var kindNames = [...]string{"verb", "copula", "role", "kin", "locative", "of", "event"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Role is the grammatical role of an argument.
type Role uint8

// Argument roles.
const (
	RoleSubj  Role = iota
	RoleObj        // direct object, or the patient of an agentive passive
	RoleIObj       // indirect object
	RoleObl        // oblique with its preposition (Prep)
	RoleXcomp      // nominal or adjectival secondary predicate: "named X chairman"
	RoleNmod       // argument of an event or role noun, with Prep
	RoleTime       // temporal modifier ("on Monday"); never an object
)

var roleNames = [...]string{"subj", "obj", "iobj", "obl", "xcomp", "nmod", "time"}

func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "role?"
}

// Arg is one argument of a clause.
type Arg struct {
	Role     Role
	Head     int   // head token
	From, To int   // core noun phrase [From, To)
	Ext      int   // right end of the phrase extended for concepts (>= To)
	Prep     []int // preposition tokens ("of", "because of"), in order; nil for none
	// Via is set for an argument reached through an object's noun
	// ("rejected a bid [from R]"): the object's head token, whose noun joins
	// the relation ("reject bid from").
	Via     int
	ViaPrep []int // the preposition before Via, for an oblique ("resign [from] the board of Y")
}

// Clause is one predicate with its subject and arguments.
type Clause struct {
	Kind Kind
	Pred int   // predicate token: verb, predicate nominal, role/event noun
	Rel  []int // relation tokens in order: modals, auxiliaries, negation, catenatives, the verb, its particle
	// Lemma is set for nominal kinds: the relation as words ("be chief
	// executive of", "be brother of", "bid"); for KindLocative it is "in",
	// "of" or "from" and the caller chooses "be in" or "be from" by types.
	Lemma    string
	Subj     Arg
	Args     []Arg
	Negated  bool
	Passive  bool // a passive without an agent: Subj is the patient
	Agentive bool // a passive turned active: Subj is the by-agent
	Hedge    string
	Reporter int      // head token of the speaker of reported speech, -1 for none
	Rules    []string // constructions that fired, for --explain
	Relative bool     // the subject or an object is a relative clause's antecedent
}

// Sentence is one parsed sentence.
type Sentence struct {
	Words  []string
	Tags   []string
	Lemmas []string // may be nil
	Tree   *syntax.Tree
}

// Format renders a clause over the sentence's words for tests and
// --explain: "[Subj] rel [Arg] prep [Arg] {kind hedge reported_by rules}".
func (c *Clause) Format(words []string) string {
	span := func(a Arg) string {
		if a.From < 0 || a.To > len(words) || a.From >= a.To {
			return "[]"
		}
		s := "[" + strings.Join(words[a.From:a.To], " ") + "]"
		if a.Ext > a.To && a.Ext <= len(words) {
			s += "+[" + strings.Join(words[a.To:a.Ext], " ") + "]"
		}
		return s
	}
	var b strings.Builder
	b.WriteString(span(c.Subj))
	b.WriteString(" ")
	if c.Lemma != "" {
		b.WriteString("<" + c.Lemma + ">")
	} else {
		var rel []string
		for _, i := range c.Rel {
			if i >= 0 && i < len(words) {
				rel = append(rel, words[i])
			}
		}
		b.WriteString(strings.Join(rel, " "))
	}
	for _, a := range c.Args {
		b.WriteString(" " + a.Role.String() + ":")
		for _, p := range a.ViaPrep {
			b.WriteString(words[p] + " ")
		}
		if a.Via >= 0 && a.Via < len(words) {
			b.WriteString(words[a.Via] + "/")
		}
		for _, p := range a.Prep {
			if p >= 0 && p < len(words) {
				b.WriteString(words[p] + " ")
			}
		}
		b.WriteString(span(a))
	}
	b.WriteString(" {" + c.Kind.String())
	if c.Negated {
		b.WriteString(" negated")
	}
	if c.Passive {
		b.WriteString(" passive")
	}
	if c.Agentive {
		b.WriteString(" agentive")
	}
	if c.Hedge != "" {
		b.WriteString(" hedge=" + c.Hedge)
	}
	if c.Reporter >= 0 && c.Reporter < len(words) {
		b.WriteString(" reported_by=" + words[c.Reporter])
	}
	for _, r := range c.Rules {
		b.WriteString(" " + r)
	}
	b.WriteString("}")
	return b.String()
}
