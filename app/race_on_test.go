//go:build race

package app

// raceDetector is set when the tests run with -race, under which the
// window's tests run tens of times slower: the layout test then tries
// the smallest screen only (without -race it tries every size and theme).
const raceDetector = true
