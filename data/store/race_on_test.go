//go:build race

package store

// raceDetector is set when the tests run with -race, under which the
// SQLite engine runs tens of times slower: the longest table tests then
// try a sample of their cases (they try all of them without -race).
const raceDetector = true
