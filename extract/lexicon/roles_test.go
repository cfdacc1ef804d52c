package lexicon

import "testing"

func TestParseAnaphors(t *testing.T) {
	good := []byte("# comment\ncompany\tOrganization\nBank\tOrganization\tname\ncountry\tPlace\tcountry\n")
	got, err := ParseAnaphors(good)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Anaphor{
		"company": {Type: Organization},
		"bank":    {Type: Organization, Evidence: EvidenceName},
		"country": {Type: Place, Evidence: EvidenceCountry},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %+v, want %+v", k, got[k], w)
		}
	}
	for name, data := range map[string]string{
		"one field":        "company\n",
		"four fields":      "bank\tOrganization\tname\textra\n",
		"concept type":     "idea\tConcept\n",
		"unknown type":     "bank\tBuilding\n",
		"unknown evidence": "bank\tOrganization\tlogo\n",
		"empty noun":       "\tOrganization\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseAnaphors([]byte(data)); err == nil {
				t.Fatalf("%q parsed without error", data)
			}
		})
	}
	if _, err := DefaultAnaphors(); err != nil {
		t.Fatalf("embedded anaphors.tsv: %v", err)
	}
}
