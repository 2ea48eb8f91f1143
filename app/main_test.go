package app

import (
	"os"
	"testing"

	"regulars/internal/mailtest"
)

// TestMain keeps the tests away from the OS keyring of the machine they
// run on: by default there is none, as on a server; a test that wants one
// installs go-keyring's in-memory keyring.
func TestMain(m *testing.M) {
	mailtest.NoKeyring()
	os.Exit(m.Run())
}
