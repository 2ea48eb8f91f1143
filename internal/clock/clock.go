// Package clock is the one clock Regulars reads for the date and time of
// day: the window, the command line, the rules ("as of") and the tests all
// ask it, so that a test run can be moved to any day as a whole.
//
// In a normal build Now is time.Now. A build with the tag testclock reads
// REGULARS_TEST_NOW (an RFC 3339 time) when the program starts and makes
// the clock start at that time and run on at the real pace; without the
// tag the variable is ignored. Durations and timeouts still measure real
// time, since the clock only adds a fixed offset.
package clock

import (
	"sync/atomic"
	"time"
)

// offset is added to the system's time; it is zero unless a test clock
// moved it.
var offset atomic.Int64

// Now returns the current local time as the program should see it.
func Now() time.Time {
	return time.Now().Add(time.Duration(offset.Load()))
}

// Set moves the clock so that Now returns t at this moment and runs on from
// there; it returns a function that puts the clock back. It is meant for
// tests, which use it to run the program on a chosen day.
func Set(t time.Time) (restore func()) {
	old := offset.Swap(int64(time.Until(t)))
	return func() { offset.Store(old) }
}

// Today returns the start of the current day in the local time zone.
func Today() time.Time {
	n := Now()
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, n.Location())
}

// testBuild is true in a build with the tag testclock.
var testBuild bool

// BuildArgs returns the arguments a test passes to "go build" when it
// builds the program to run it, so that the program it runs reads the
// same clock as the test: "-tags testclock" in a testclock build (the
// program then starts at REGULARS_TEST_NOW, which it inherits), nothing
// otherwise.
func BuildArgs() []string {
	if testBuild {
		return []string{"-tags", "testclock"}
	}
	return nil
}
