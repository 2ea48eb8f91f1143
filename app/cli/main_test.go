package cli

import (
	"errors"
	"os"
	"testing"

	"github.com/zalando/go-keyring"
)

// TestMain keeps the tests away from the OS keyring of the machine they
// run on: by default there is none, as on a server; a test that wants one
// installs go-keyring's in-memory keyring.
func TestMain(m *testing.M) {
	keyring.MockInitWithError(errors.New("no keyring service answers (tests)"))
	os.Exit(m.Run())
}
