package extract

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

var (
	testAnOnce sync.Once
	testAn     *analyzer
	testAnErr  error
)

func testAnalyzer(t testing.TB) *analyzer {
	t.Helper()
	testAnOnce.Do(func() { testAn, testAnErr = newAnalyzer() })
	if testAnErr != nil {
		t.Fatalf("load models: %v", testAnErr)
	}
	return testAn
}

// describe renders a candidate as "subj | rel | obj | extra; extra | flags".
func describeCand(s *sentence, c *cand) string {
	var rel []string
	if c.synthetic != "" {
		rel = append(rel, c.synthetic)
	}
	for _, i := range c.rel {
		rel = append(rel, s.Tokens[i].Text)
	}
	var extra []string
	for _, x := range c.extra {
		extra = append(extra, rangeText(s, x))
	}
	var flags []string
	if c.passive {
		flags = append(flags, "passive")
	}
	if c.agent {
		flags = append(flags, "agent")
	}
	if c.negated {
		flags = append(flags, "negated")
	}
	if c.clausal {
		flags = append(flags, "clausal")
	}
	if !c.reportedBy.Empty() {
		flags = append(flags, "by="+rangeText(s, c.reportedBy))
	}
	if len(c.subjParts) > 1 {
		flags = append(flags, fmt.Sprintf("subjparts=%d", len(c.subjParts)))
	}
	if len(c.objParts) > 1 {
		flags = append(flags, fmt.Sprintf("objparts=%d", len(c.objParts)))
	}
	return strings.Join([]string{rangeText(s, c.subj), strings.Join(rel, " "), rangeText(s, c.obj),
		strings.Join(extra, "; "), strings.Join(flags, ",")}, " | ")
}

func extractText(t testing.TB, text string) []string {
	t.Helper()
	var out []string
	for _, s := range testAnalyzer(t).sentences(text) {
		for _, c := range extractSentence(s) {
			out = append(out, describeCand(s, c))
		}
	}
	return out
}

// TestRules checks each rule on sentences written for this test.
func TestRules(t *testing.T) {
	tests := []struct {
		rule, text string
		want       []string // each must appear among the extractions
	}{
		{"svo", "The bakery sold forty loaves.",
			[]string{"The bakery | sold | forty loaves |  | "}},
		{"verb-prep", "Marta Quill moved to Lisbon in 2011.",
			[]string{"Marta Quill | moved to | Lisbon | in 2011 | "}},
		{"reverb-vwp", "The council made a final offer on the rent.",
			[]string{"The council | made a final offer on | the rent |  | "}},
		{"passive-agent", "The bridge was designed by Ada Brandt.",
			[]string{"The bridge | was designed by | Ada Brandt |  | passive,agent"}},
		{"negation", "The mayor did not sign the budget.",
			[]string{"The mayor | did not sign | the budget |  | negated"}},
		{"apposition", "Oskar Lind, the head of the union, rejected the deal.",
			[]string{"Oskar Lind | is | the head of the union |  | ", "Oskar Lind | rejected | the deal |  | "}},
		{"coordination-objects", "The envoy met Greta Holm and Pavel Novak.",
			[]string{"The envoy | met | Greta Holm and Pavel Novak |  | objparts=2"}},
		{"coordination-subjects", "Greta Holm and Pavel Novak signed the treaty.",
			[]string{"Greta Holm and Pavel Novak | signed | the treaty |  | subjparts=2"}},
		{"coordinated-verbs", "The striker scored twice and thanked the fans.",
			[]string{"The striker | thanked | the fans |  | "}},
		{"relative-clause", "The firm hired Lena Ortiz, who founded a small studio in Porto.",
			[]string{"Lena Ortiz | founded | a small studio | in Porto | "}},
		{"reported-speech", "Inspector Rowe said the suspect met the courier.",
			[]string{"the suspect | met | the courier |  | by=Inspector Rowe",
				"Inspector Rowe | said | the suspect met the courier |  | clausal"}},
		{"reported-speech-that", "The minister said on Friday that the army would leave the town.",
			[]string{"the army | would leave | the town |  | by=The minister"}},
		{"reported-speech-trailing", "The factory will close in March, the owners said.",
			[]string{"The factory | will close in | March |  | by=the owners"}},
		{"infinitival-complement", "The president is set to hold talks with the rebels on Monday.",
			[]string{"The president | is set to hold talks with | the rebels | on Monday | "}},
		{"infinitive-control", "The club persuaded the coach to stay.",
			[]string{"The club | persuaded | the coach |  | ", "the coach | to stay |  |  | "}},
		{"nary-time-place", "Two climbers reached the summit at dawn on Sunday.",
			[]string{"Two climbers | reached | the summit | at dawn; on Sunday | "}},
		{"coordination-not-across-clauses", "Varga was sent off in the second half and Eastbrook scored twice.",
			[]string{"Eastbrook | scored |  |  | "}},
		{"verb-phrase-list", "The brigade crossed the river , took the village , and marched to the coast .",
			[]string{"The brigade | took | the village |  | ", "The brigade | marched to | the coast |  | "}},
		{"parenthetical-subject", "The storm , at a speed of ninety miles an hour , reached the islands .",
			[]string{"The storm | reached | the islands |  | "}},
		{"complement-clause", "Local farmers fear that the new dam will flood their fields .",
			[]string{"Local farmers | fear | the new dam will flood their fields |  | clausal",
				"the new dam | will flood | their fields |  | "}},
		{"adverb-preposition", "Exports surged ahead of imports in May .",
			[]string{"Exports | surged ahead of | imports | in May | "}},
		{"object-relative-clause", "The council rejected the plan that the mayor proposed .",
			[]string{"the mayor | proposed | the plan |  | "}},
		{"coordinated-verb-after-infinitive", "Mira Stone has often stressed the need to reform the courts and recently backed a new judge.",
			[]string{"Mira Stone | to reform | the courts |  | ", "Mira Stone | recently backed | a new judge |  | "}},
		{"coordinated-verb-after-object-relative", "The mayor praised the plan that the council drafted but later rejected the budget.",
			[]string{"The mayor | later rejected | the budget |  | "}},
		{"infinitive-possessor-control", "Tomas Brun declared his intention to speak with Lisa Holt.",
			[]string{"Tomas Brun | declared | his intention |  | ", "his | to speak with | Lisa Holt |  | "}},
		{"infinitive-genitive-control", "The rebels welcomed the envoy's plan to visit the camp.",
			[]string{"the envoy | to visit | the camp |  | "}},
		{"announced-plan-is-no-speech", "Lisa Holt announced her plan to visit Tallinn.",
			[]string{"Lisa Holt | announced | her plan |  | ", "her | to visit | Tallinn |  | "}},
		{"verb-bare-noun-prep", "The envoy will initiate calls with the rebel leaders.",
			[]string{"The envoy | will initiate calls with | the rebel leaders |  | "}},
		{"of-chain-subject", "The leader of the rebel group praised the ceasefire.",
			[]string{"The leader of the rebel group | praised | the ceasefire |  | "}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got := extractText(t, tt.text)
			for _, w := range tt.want {
				found := false
				for _, g := range got {
					if g == w {
						found = true
					}
				}
				if !found {
					t.Errorf("%q:\n want %q\n got  %q", tt.text, w, got)
				}
			}
		})
	}
}
