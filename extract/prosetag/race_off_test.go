//go:build !race

package prosetag

const raceOn = false
