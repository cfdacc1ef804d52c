package main

import (
	"os"
	"runtime/debug"
)

// defaultGCPercent is kgb's garbage-collector target when GOGC is unset.
//
// The tagger's and parser's weight tables (about 50 MB) live outside the Go
// heap on Linux (extract/syntax maps them; see weightSlice), so what the heap
// holds is what turns over: Pebble's block cache and memtables, articles
// in flight. Go's default GOGC=100 lets the heap grow to twice its live
// size before collecting; at 50 the headroom is half of it. Measured with
// `kgb ingest` into the embedded store, the same binary with GOGC unset vs
// GOGC=100, runs interleaved (2 rounds each): peak RSS 151-153 vs 169-177 MB
// on the 1x growing-vocabulary corpus of scripts/bench/ingest.sh, 177-178
// vs 210-212 MB on its 4x, 148-149 vs 166-172 MB on all of BBC; CPU seconds
// equal within noise (247.9 vs 247.4 summed over the six runs each).
const defaultGCPercent = 50

// tuneGC applies defaultGCPercent unless the user set GOGC (their value,
// including "off", wins; GOMEMLIMIT works as usual either way).
func tuneGC() {
	if gcPercentFor(os.Getenv("GOGC")) >= 0 {
		debug.SetGCPercent(defaultGCPercent)
	}
}

// gcPercentFor returns the percent kgb sets for the GOGC value env, or -1
// to leave the runtime's own setting.
func gcPercentFor(env string) int {
	if env != "" {
		return -1
	}
	return defaultGCPercent
}
