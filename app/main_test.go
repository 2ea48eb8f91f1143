package app

import (
	"os"
	"testing"

	"regulars/internal/mailtest"
)

// TestMain keeps the tests away from the OS keyring of the machine they
// run on: by default there is none, as on a server; a test that wants one
// installs go-keyring's in-memory keyring.
//
// The window's watcher of other writes queues its refreshes (see
// uiDo) for the test to run with drainUI, on its own goroutine.
func TestMain(m *testing.M) {
	mailtest.NoKeyring()
	uiDo = func(f func()) {
		select {
		case watched <- f:
		default: // a test that never drains keeps the first few
		}
	}
	os.Exit(m.Run())
}

// watched holds what background goroutines handed to the window.
var watched = make(chan func(), 64)

// drainUI runs what was queued, as the window's goroutine would have.
func drainUI() {
	for {
		select {
		case f := <-watched:
			f()
		default:
			return
		}
	}
}
