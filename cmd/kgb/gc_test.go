package main

import "testing"

func TestGCPercentFor(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want int
	}{
		{"", defaultGCPercent},
		{"100", -1},
		{"off", -1},
		{"25", -1},
	} {
		t.Run("GOGC="+tc.env, func(t *testing.T) {
			if got := gcPercentFor(tc.env); got != tc.want {
				t.Fatalf("gcPercentFor(%q) = %d, want %d", tc.env, got, tc.want)
			}
		})
	}
}
