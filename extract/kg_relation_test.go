package extract

import (
	"strings"
	"testing"
)

func TestKGVerbLemma(t *testing.T) {
	m := kgTestModel(t, KGOptions{})
	tests := []struct {
		word, tag, want string
		respelled       bool
	}{
		{"left", "VBD", "leave", false},
		{"met", "VBD", "meet", false},
		{"held", "VBN", "hold", false},
		{"criticised", "VBN", "criticize", true},
		{"criticized", "VBD", "criticize", false},
		{"analysed", "VBD", "analyze", true},
		{"travelled", "VBD", "travel", false}, // the treebank table knows it
		{"sued", "VBD", "sue", false},
		{"diagnosed", "VBN", "diagnose", false},
		{"suing", "VBG", "sue", false},
		{"organising", "VBG", "organize", true},
		{"stopped", "VBD", "stop", false},
		{"hoped", "VBD", "hope", false},
		{"tries", "VBZ", "try", false},
		{"carried", "VBD", "carry", false},
		{"emphasized", "VBN", "emphasize", false},
		{"has", "VBZ", "have", false},
		{"is", "VBZ", "be", false},
		{"declared", "VBD", "declare", false},
		{"demilitarise", "VB", "demilitarize", true},
		// Unknown verbs fall back to spelling rules.
		{"zorbed", "VBD", "zorb", false},
		{"flumpling", "VBG", "flumple", false},
		{"blipped", "VBD", "blip", false},
		{"snarbed", "VBD", "snarb", false},
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			got, re := m.tab.verbLemma(tc.word, tc.tag)
			if got != tc.want || re != tc.respelled {
				t.Errorf("verbLemma(%q, %s) = %q, %v; want %q, %v", tc.word, tc.tag, got, re, tc.want, tc.respelled)
			}
		})
	}
}

func TestKGRelation(t *testing.T) {
	m := kgTestModel(t, KGOptions{})
	tests := []struct {
		name     string
		sent     string
		rel      string // the relation phrase (contiguous tokens)
		obj      string // optional object phrase
		negated  bool   // as flagged by the core
		passive  bool
		lemma    string
		modality string
		neg      bool
		rule     string
	}{
		{name: "semi-modal and light verb", sent: "The president is set to hold a phone conversation with the prime minister.", rel: "is set to hold a phone conversation with", lemma: "call", modality: "set to", rule: "synonym:hold a phone conversation with->call"},
		{name: "hold talks with", sent: "The rebels held talks with the army.", rel: "held talks with", lemma: "talk with", rule: "synonym:"},
		{name: "hold a joint call with", sent: "The leaders held a joint call with the envoy.", rel: "held a joint call with", lemma: "call"},
		{name: "modal and light-verb object folded", sent: "She said she would initiate calls with Mayor Ada Quist.", rel: "would initiate", obj: "calls", lemma: "call", modality: "would"},
		{name: "light-verb object with its participant folded", sent: "She said she would initiate calls with Mayor Ada Quist.", rel: "would initiate", obj: "calls with Mayor Ada Quist", lemma: "call", modality: "would"},
		{name: "light verb object without a name is not folded", sent: "She said she would initiate calls with the mayor.", rel: "would initiate", obj: "calls", lemma: "initiate", modality: "would"},
		{name: "negation inside the relation", sent: "The minister did not meet the delegation.", rel: "did not meet", lemma: "meet", neg: true, rule: "negated"},
		{name: "negation flagged by the core", sent: "The minister never met them.", rel: "met", negated: true, lemma: "meet", neg: true},
		{name: "passive inverted by the core", sent: "The plan was criticised by the unions.", rel: "was criticised by", passive: true, lemma: "criticize", rule: "spelling:criticised->criticize"},
		{name: "perfect auxiliary dropped", sent: "Allies have criticized the move.", rel: "have criticized", lemma: "criticize"},
		{name: "adverbs dropped", sent: "He has repeatedly emphasized his desire.", rel: "has repeatedly emphasized", lemma: "emphasize"},
		{name: "phrasal verb keeps its particle", sent: "They set up a fund.", rel: "set up", lemma: "set up"},
		{name: "copula with noun", sent: "She is the president of the club.", rel: "is the president of", lemma: "be president of"},
		{name: "speak to is speak with", sent: "He spoke to reporters.", rel: "spoke to", lemma: "speak with", rule: "synonym:"},
		{name: "modal may", sent: "Prices may rise in May.", rel: "may rise in", lemma: "rise in", modality: "may"},
		{name: "catenative want", sent: "The firm wants to buy the rival.", rel: "wants to buy", lemma: "buy", modality: "want to"},
	}
	type row struct {
		Case     string   `json:"case"`
		Relation Relation `json:"relation"`
		Rules    []string `json:"rules,omitempty"`
	}
	var golden []row
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := analyseForKG(t, tc.sent)
			d := m.newDocResolver(sents).(*kgDoc)
			s := sents[0]
			rr := kgRangeOf(t, s, tc.rel)
			raw := &rawTriple{Sent: s, Rel: kgRange(rr.From, rr.To), Negated: tc.negated, Passive: tc.passive}
			if tc.obj != "" {
				off := strings.Index(s.Text, tc.rel) + len(tc.rel)
				raw.Obj = kgRangeOf(t, s, s.Text[off:off+strings.Index(s.Text[off:], tc.obj)+len(tc.obj)])
				raw.Obj.From = rr.To
			}
			rel, rules := d.Relation(raw)
			golden = append(golden, row{tc.name, rel, rules})
			if rel.Lemma != tc.lemma || rel.Modality != tc.modality || rel.Negated != tc.neg {
				t.Errorf("Relation(%q) = lemma %q modality %q negated %v; want %q %q %v (rules %v)", tc.rel, rel.Lemma, rel.Modality, rel.Negated, tc.lemma, tc.modality, tc.neg, rules)
			}
			if tc.rule != "" && !kgHasRulePrefix(rules, tc.rule) {
				t.Errorf("rules %v, want one starting %q", rules, tc.rule)
			}
			if sents[0].Text[rel.Start-s.Start:rel.End-s.Start] != rel.Text {
				t.Errorf("relation offsets [%d,%d) do not give %q", rel.Start, rel.End, rel.Text)
			}
		})
	}
	kgCheckGolden(t, "relation.golden.json", golden)
}

func TestKGCanBeIn(t *testing.T) {
	m := kgTestModel(t, KGOptions{})
	tests := []struct {
		a, b string
		want bool
	}{
		{"France", "Europe", true},
		{"Romania", "Manchester", false}, // where a match was, not where the country is
		{"China", "Hong Kong", false},
		{"France", "Germany", false},
		{"Paris", "France", true},
		{"Paris", "Germany", false},
		{"Paris", "London", false},
		{"Leeds", "Yorkshire", true}, // not both in the gazetteer as a country or capital: allowed
	}
	for _, tt := range tests {
		t.Run(tt.a+" in "+tt.b, func(t *testing.T) {
			if got := m.canBeIn(tt.a, tt.b); got != tt.want {
				t.Errorf("canBeIn(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
