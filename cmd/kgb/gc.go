package main

import (
	"os"
	"runtime/debug"
)

// defaultGCPercent is kgb's garbage-collector target when GOGC is unset.
//
// Most of kgb's live heap is the tagger's and parser's weights (about 52 MB,
// pointer-free, never garbage); the rest (Pebble's block cache and
// memtables, articles in flight) is 40-60 MB. Go's default GOGC=100 lets the
// heap grow to twice the live heap before collecting, so it reserved another
// 52 MB for weights that never die. At 50 the headroom is about that of
// GOGC=100 over the heap that does turn over. Measured with `kgb ingest` on
// the 1x growing-vocabulary corpus of scripts/bench/ingest.sh: peak RSS
// 254 MB -> 201 MB (4x corpus: 285 -> 231 MB), CPU seconds within noise
// (17.17 vs 17.52; 82.33 vs 81.63); marking is
// cheap because the weights hold no pointers.
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
