package clauses

import "testing"

func TestHonorific(t *testing.T) {
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"Mr", true}, {"Mrs.", true}, {"Dr", true}, {"Ms", true},
		{"mr", false},  // case matters: a lower-case "mr" opens nothing
		{"Sir", false}, // a title word, not an honorific of this list
		{"Mayor", false}, {"", false},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if got := Honorific(tc.word); got != tc.want {
				t.Errorf("Honorific(%q) = %v, want %v", tc.word, got, tc.want)
			}
		})
	}
}

func TestHoldingNoun(t *testing.T) {
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"operations", true}, {"offices", true},
		{"operation", false}, // the plural names what a firm has in several places
		{"stake", false},     // an "in" party, not a place
		{"", false},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if got := HoldingNoun(tc.word); got != tc.want {
				t.Errorf("HoldingNoun(%q) = %v, want %v", tc.word, got, tc.want)
			}
		})
	}
}
