//go:build race

package prosetag

// raceOn: the race detector slows prose's tagger and ours about tenfold.
const raceOn = true
