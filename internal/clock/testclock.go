//go:build testclock

package clock

import (
	"fmt"
	"os"
	"time"
)

// Variable names the environment variable a testclock build starts its
// clock from.
const Variable = "REGULARS_TEST_NOW"

func init() {
	testBuild = true
	v := os.Getenv(Variable)
	if v == "" {
		return
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s=%q is not an RFC 3339 time (such as 2027-01-01T00:30:00Z): %v\n", Variable, v, err)
		os.Exit(2)
	}
	Set(t)
}
