package extract

import (
	"context"
	"strings"
	"testing"
)

// Articles written for these tests (fictional people and organisations).
const (
	kgDocBounds = `Singer Mara Kell has inducted Irish rock band Zorbs into the Harbour Hall of Fame. A party source told the Evening Courier Mr Dalton would lead the campaign. Last year Kestrel Holdings tried to buy Ardent Metals. Kestrel later sold its stake. Norway-born Lindqvist joined the board. The single was released by Bluefin Records. Danish brewer Hvidbrau has bought a stake in Ostmark Beverages. The brewer said the deal was done. US state Nevada has filed a lawsuit. On Thursday Rangers said they would appeal. Ex-Downing Street aide Ola Brun left.`
	kgDocCoref  = `Deputy Mayor Ines Varro opened the fair. The mayor did not attend. Culture Minister Tomas Brandt and Finance Minister Ruth Olsen met on Monday. The minister left early. Striker Leon Marsh scored twice for Harbourside. Marsh has now scored ten goals. Harbourside chairman Ian Pell praised him. The 24-year-old has signed a new contract. UK Rowing appointed Ellen Voss. Officials at UKR said she starts in May. Anil Berrada and Omar Berrada run the firm. Anil said the firm was growing.`
	kgDocPeers  = `Lord Pell of Ashdown met Baroness Royall of Blaisdon in London. Pell attended Wickham Boys' School in Pengam. Britain's Rod Stewart introduced Percy Sledge.`
	kgDocTwoMen = `Paolo Sarti met Jonas Feld in Turin. Sarti later called Feld. The 40-year-old said the talks went well.`
)

// kgEntityCases cover entity boundaries, typing and descriptions.
func kgEntityCases() []kgCase {
	return []kgCase{
		// Boundaries.
		{name: "role premodifier chain names the entity", doc: kgDocBounds, sent: "inducted", arg: "Irish rock band Zorbs", want: "Zorbs", typ: TypeOrganization, ok: true, rule: "role-premodifier:"},
		{name: "honorific splits a proper-noun run", doc: kgDocBounds, sent: "party source", arg: "Evening Courier Mr Dalton", want: "Dalton", typ: TypePerson, ok: true},
		{name: "the name before the honorific stands alone", doc: kgDocBounds, sent: "party source", arg: "Evening Courier", want: "Evening Courier", typ: TypeOther, ok: true},
		{name: "fronted time phrase is no part of the subject", doc: kgDocBounds, sent: "Last year", arg: "Last year Kestrel Holdings", want: "Kestrel Holdings", typ: TypeOrganization, ok: true, rule: "time-phrase-dropped:"},
		{name: "first word of an organisation is its short form", doc: kgDocBounds, sent: "sold its stake", arg: "Kestrel", want: "Kestrel Holdings", typ: TypeOrganization, ok: true, rule: "short-form:"},
		{name: "hyphenated birthplace is cut", doc: kgDocBounds, sent: "joined the board", arg: "Norway-born Lindqvist", want: "Lindqvist", ok: true, typ: TypeOther},
		{name: "sentence dot is no part of a name", doc: kgDocBounds, sent: "Bluefin", arg: "Bluefin Records.", want: "Bluefin Records", typ: TypeOrganization, ok: true},
		{name: "role noun types the name", doc: kgDocBounds, sent: "Danish brewer", arg: "Danish brewer Hvidbrau", want: "Hvidbrau", typ: TypeOrganization, ok: true},
		{name: "state role before a place", doc: kgDocBounds, sent: "filed a lawsuit", arg: "US state Nevada", want: "Nevada", typ: TypePlace, ok: true, rule: "role-premodifier:"},
		{name: "a prefix glued to a name is cut", doc: kgDocBounds, sent: "Ola Brun", arg: "Ex-Downing Street", want: "Downing Street", typ: TypePlace, ok: true},
		{name: "weekday after on is cut", doc: kgDocBounds, sent: "appeal", arg: "Thursday Rangers", want: "Rangers", typ: TypeOther, ok: true},
		// Descriptions and titles.
		{name: "role description resolves to the entity introduced with it", doc: kgDocBounds, sent: "deal was done", arg: "The brewer", want: "Hvidbrau", typ: TypeOrganization, ok: true, rule: "description:"},
		{name: "a deputy mayor is not the mayor", doc: kgDocCoref, sent: "did not attend", arg: "The mayor", ok: false, rule: "bare-title-dropped:"},
		{name: "two ministers make the minister ambiguous", doc: kgDocCoref, sent: "left early", arg: "The minister", ok: false, rule: "title-anaphor-ambiguous:"},
		{name: "age description resolves to the salient person", doc: kgDocCoref, sent: "new contract", arg: "The 24-year-old", want: "Leon Marsh", typ: TypePerson, ok: true, rule: "description-salient:"},
		{name: "staff noun types an organisation", doc: kgDocCoref, sent: "scored twice", arg: "Harbourside", want: "Harbourside", typ: TypeOrganization, ok: true},
		{name: "initials are a short form", doc: kgDocCoref, sent: "starts in May", arg: "UKR", want: "UK Rowing", typ: TypeOther, ok: true, rule: "short-form:"},
		{name: "a first name with one full name joins it", doc: kgDocCoref, sent: "was growing", arg: "Anil", want: "Anil Berrada", typ: TypeOther, ok: true},
		{name: "a peer's designation is no part of the name", doc: kgDocPeers, sent: "Baroness Royall", arg: "Baroness Royall of Blaisdon", want: "Royall", typ: TypePerson, ok: true},
		{name: "plural possessive inside a name", doc: kgDocPeers, sent: "attended", arg: "Wickham Boys' School", want: "Wickham Boys' School", typ: TypeOrganization, ok: true},
		{name: "a place's possessive before a name is dropped", doc: kgDocPeers, sent: "introduced", arg: "Britain's Rod Stewart", want: "Rod Stewart", typ: TypePerson, ok: true, rule: "possessor-dropped:"},
		{name: "age description with two equal candidates is dropped", doc: kgDocTwoMen, sent: "talks went well", arg: "The 40-year-old", ok: false, rule: "description-ambiguous:"},
	}
}

func TestKGEntities(t *testing.T) {
	kgRunArgCases(t, kgEntityCases(), "entities.golden.json")
}

// TestKGNominal checks the facts title premodifiers state.
func TestKGNominal(t *testing.T) {
	ex := testExtractor(t)
	doc := `Ian Pell joined Harbourside in May. Harbourside chairman Ian Pell praised the squad. Tory MP Jane Doyle spoke next. UK Prime Minister Keir Holm arrived late. US state Nevada has filed a lawsuit. Kill Switch director Ada Moro was there.`
	res, err := ex.Extract(context.Background(), "nominal", doc)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	var rows []string
	for _, tr := range res.Triples {
		if !kgHasRulePrefix(tr.Rules, "nominal-title:") {
			continue
		}
		k := tr.Subject.Name + " | " + tr.Relation.Lemma + " | " + tr.Object.Name
		got[k] = true
		rows = append(rows, k)
		if doc[tr.Relation.Start:tr.Relation.End] != tr.Relation.Text {
			t.Errorf("%s: relation offsets give %q, want %q", k, doc[tr.Relation.Start:tr.Relation.End], tr.Relation.Text)
		}
	}
	tests := []struct {
		triple string
		want   bool
	}{
		{"Ian Pell | be chairman of | Harbourside", true},
		{"Jane Doyle | be mp of | Conservative Party", true},
		{"Nevada | be in | United States", true},
		{"Ada Moro | be director of | Kill Switch", true},
		{"Keir Holm | be prime minister of | UK", false}, // a country's office stays a title
	}
	for _, tc := range tests {
		t.Run(tc.triple, func(t *testing.T) {
			if got[tc.triple] != tc.want {
				t.Errorf("triple %q present=%v, want %v; nominal triples:\n%s", tc.triple, got[tc.triple], tc.want, strings.Join(rows, "\n"))
			}
		})
	}
	kgCheckGolden(t, "nominal.golden.json", rows)
}

// TestKGAliasesAreNames checks that spans reached through a pronoun or a
// description are marked, so their text never becomes an alias, and that a
// surname with an honorific of the other gender is another person.
func TestKGAliasesAreNames(t *testing.T) {
	ex := testExtractor(t)
	doc := `Michael Hale met Chancellor Ruth Amberley in Leeds. Mrs Hale later met Amberley too. He praised the chancellor.`
	res, err := ex.Extract(context.Background(), "aliases", doc)
	if err != nil {
		t.Fatal(err)
	}
	var sawMrs, sawAnaphor bool
	for _, tr := range res.Triples {
		for _, sp := range []Span{tr.Subject, tr.Object} {
			switch {
			case sp.Text == "Mrs Hale":
				sawMrs = true
				if sp.Name == "Michael Hale" {
					t.Errorf("Mrs Hale resolved to Michael Hale")
				}
			case sp.Text == "He" || sp.Text == "chancellor":
				sawAnaphor = true
				if !sp.Anaphor {
					t.Errorf("%q resolved to %s without Anaphor set", sp.Text, sp.Name)
				}
			default:
				if sp.Anaphor {
					t.Errorf("name %q marked as anaphor", sp.Text)
				}
			}
		}
	}
	if !sawMrs || !sawAnaphor {
		t.Errorf("want triples with Mrs Hale and an anaphor; got %+v", res.Triples)
	}
}

// TestKGConditional checks that facts inside a conditional clause carry
// the condition as modality and main-clause facts do not.
func TestKGConditional(t *testing.T) {
	ex := testExtractor(t)
	doc := `If Kestrel Holdings bought Ardent Metals, Brandt Steel would sue Kestrel Holdings. Brandt Steel praised Ardent Metals.`
	res, err := ex.Extract(context.Background(), "conditional", doc)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Kestrel Holdings buy Ardent Metals": "if",
		"Brandt Steel praise Ardent Metals":  "",
	}
	seen := map[string]bool{}
	for _, tr := range res.Triples {
		k := tr.Subject.Name + " " + tr.Relation.Lemma + " " + tr.Object.Name
		m, ok := want[k]
		if !ok {
			continue
		}
		seen[k] = true
		if tr.Relation.Modality != m {
			t.Errorf("%s: modality %q, want %q", k, tr.Relation.Modality, m)
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("no triple %q in %+v", k, res.Triples)
		}
	}
}
