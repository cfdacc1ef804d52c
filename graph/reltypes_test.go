package graph

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultRelationTypes(t *testing.T) {
	if _, err := ParseRelationTypes(DefaultRelationTypesYAML(), "default"); err != nil {
		t.Fatalf("shipped relation-types.yaml: %v", err)
	}
	rt := DefaultRelationTypes()
	for _, tc := range []struct{ lemma, want string }{
		{"call", "CALL"},
		{"phone", "CALL"},
		{"Hold  a Phone conversation WITH", "CALL"},
		{"meet", "MEET"},
		{"criticize", "CRITICIZE"},
		{"criticise", "CRITICIZE"},
		{"speak with", "SPEAK_WITH"},
		{"praise", "PRAISE"},
		{"buy", "ACQUIRE"},
		{"negotiate with", "RELATED_TO"}, // not listed: the general type
		{"be", "IS"},
		{"have", "HAVE"},
		{"", "RELATED_TO"},
	} {
		if got := rt.Type(tc.lemma); got != tc.want {
			t.Errorf("Type(%q) = %q, want %q", tc.lemma, got, tc.want)
		}
	}
	if got := rt.TypeFor("holds", "hold a phone conversation with"); got != "CALL" {
		t.Errorf("TypeFor by surface = %q, want CALL", got)
	}
	if got := rt.TypeFor("grill", "grilled"); got != "RELATED_TO" {
		t.Errorf("TypeFor of an unmapped relation = %q, want RELATED_TO", got)
	}
	// The vocabulary is bounded: whatever the lemma, the type is one the
	// file lists or the general type.
	types := map[string]bool{rt.General(): true}
	m, _ := ParseRelationTypes(DefaultRelationTypesYAML(), "default")
	for _, typ := range m {
		types[typ] = true
	}
	if len(types) > 100 {
		t.Errorf("the shipped vocabulary has %d types, want at most 100 (Browser lists them all)", len(types))
	}
	for _, lemma := range []string{"'s", "su", "televis on", "accord to", "be in", "x", "grill the minister over"} {
		if got := rt.TypeFor(lemma, lemma); !types[got] {
			t.Errorf("TypeFor(%q) = %q, outside the shipped vocabulary", lemma, got)
		}
	}
	if p := rt.Phrases("SPEAK_WITH"); len(p) < 2 || p[0] > p[1] {
		t.Errorf("Phrases(SPEAK_WITH) = %q, want several, sorted", p)
	}
}

func TestLoadRelationTypes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", "# mine\nPHONE_CALL: [call, ring up]\nGRILL: grill\nlash out at: CRITICIZE\n\"*\": OTHER\n")
	rt, err := LoadRelationTypes(good)
	if err != nil {
		t.Fatalf("LoadRelationTypes: %v", err)
	}
	for lemma, want := range map[string]string{"call": "PHONE_CALL", "ring up": "PHONE_CALL", "grill": "GRILL", "meet": "MEET", "lash out at": "CRITICIZE", "negotiate with": "OTHER"} {
		if got := rt.Type(lemma); got != want {
			t.Errorf("Type(%q) = %q, want %q (user file over defaults)", lemma, got, want)
		}
	}
	if rt, err := LoadRelationTypes(""); err != nil || rt.Type("phone") != "CALL" {
		t.Errorf(`LoadRelationTypes("") = %v, %v; want the defaults`, rt, err)
	}
	if rt, err := LoadRelationTypes(write("empty.yaml", "")); err != nil || rt.Type("phone") != "CALL" {
		t.Errorf("empty file: %v, %v; want the defaults", rt, err)
	}

	for _, tc := range []struct {
		name, body, want string
		typeErr          bool
	}{
		{"lower-case type", "call: [phone]\n", `:1: bad relationship type`, true},
		{"lemma to lower-case type", "call: phone\n", `:1: bad relationship type`, true},
		{"injection in type", "\"KNOWS]->() DETACH DELETE n //\": x\n", "bad relationship type", true},
		{"phrase under two types", "CALL: [ring]\nMEET: [ring]\n", `"ring" is mapped to both CALL (line 1) and MEET`, false},
		{"list of maps", "CALL:\n  - {a: b}\n", ":2: CALL: phrases must be strings", false},
		{"not a mapping", "- CALL\n", "want a mapping", false},
		{"bad yaml", "CALL: [unclosed\n", "not valid YAML", false},
		{"empty phrase", "CALL: ['  ']\n", "empty phrase", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := write(strings.ReplaceAll(tc.name, " ", "-")+".yaml", tc.body)
			_, err := LoadRelationTypes(p)
			var re *RelationTypesError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *RelationTypesError", err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), p) {
				t.Errorf("err = %q, want it to start with the file name and contain %q", err, tc.want)
			}
			if got := errors.Is(err, ErrInvalidType); got != tc.typeErr {
				t.Errorf("errors.Is(err, ErrInvalidType) = %v, want %v", got, tc.typeErr)
			}
		})
	}
	if _, err := LoadRelationTypes(filepath.Join(dir, "missing.yaml")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v, want one wrapping os.ErrNotExist", err)
	}
}

func FuzzParseRelationTypes(f *testing.F) {
	f.Add([]byte("CALL: [call, phone]\nMEET: meet\n"))
	f.Add(DefaultRelationTypesYAML())
	f.Add([]byte("x: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseRelationTypes(data, "fuzz")
		if err != nil {
			return
		}
		for phrase, typ := range m {
			if !ValidType(typ) {
				t.Fatalf("phrase %q mapped to invalid type %q", phrase, typ)
			}
			if phrase != foldLemma(phrase) || phrase == "" {
				t.Fatalf("phrase %q not folded", phrase)
			}
		}
	})
}
