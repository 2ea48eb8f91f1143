//go:build !race

package app

// raceDetector is false: see race_on_test.go.
const raceDetector = false
