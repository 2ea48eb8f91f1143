package cli

import (
	"strings"
	"testing"
)

// TestThanksWindowByCommand: `cadence --thanks-within` sets how long after
// a visit a thank-you follows it, and due-for counts by it; a bad number
// is refused with what to write.
func TestThanksWindowByCommand(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ten", "--last", "Days", "--street", "1 Elm St", "--city", "Austin", "--force")
	mustRun(t, db, "log-visit", "Days", "--at", "-10d")
	if out := mustRun(t, db, "cadence"); !strings.Contains(out, "last 30 days") {
		t.Errorf("cadence:\n%s", out)
	}
	if out := mustRun(t, db, "due-for", "thanks"); !strings.Contains(out, "Ten Days") {
		t.Errorf("within 30 days, due-for thanks:\n%s", out)
	}
	code, _, errs := run(t, db, "cadence", "--thanks-within", "a week")
	if code == 0 || !strings.Contains(errs, "number from 1 to 365") {
		t.Errorf("a bad window: exit %d, %q", code, errs)
	}
	if out := mustRun(t, db, "cadence", "--thanks-within", "7"); !strings.Contains(out, "last 7 days") {
		t.Errorf("cadence after 7:\n%s", out)
	}
	if out := mustRun(t, db, "due-for", "thanks"); strings.Contains(out, "Ten Days") {
		t.Errorf("a visit 10 days ago is thanked within 7 days:\n%s", out)
	}
}
