package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDueFollowUpsContacts(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "Old", "--tag", "VIP")
	mustRun(t, db, "add-client", "--first", "Bo", "--last", "Recent")
	mustRun(t, db, "log-visit", "ana", "--at", "2026-06-01T10:00")
	mustRun(t, db, "log-visit", "bo", "--at", "2026-11-10T10:00")

	var due []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "due", "--as-of", "2026-11-23", "--json")), &due); err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0]["name"] != "Ana Old" || due[0]["status"] != "overdue" || due[0]["days_since_contact"] != float64(175) ||
		due[0]["last_contact_kind"] != "visit" || due[0]["cadence_from"] != "default" || due[0]["cadence_ideal"] != float64(60) {
		t.Fatalf("due: %v", due)
	}
	for _, key := range []string{"id", "last_contact_at", "cadence_max", "cadence_tag", "thank_you_due", "phone", "email"} {
		if _, ok := due[0][key]; !ok {
			t.Errorf("due JSON has no %q", key)
		}
	}
	// A call resets the clock; the text output names the contact it counts from.
	mustRun(t, db, "log-contact", "ana", "--kind", "call", "--at", "2026-11-20T09:00", "--note", "asked about a gift voucher")
	out := mustRun(t, db, "due", "--as-of", "2027-02-01")
	if !strings.Contains(out, "call 2026-11-20") || !strings.Contains(out, "Ana Old") {
		t.Errorf("due text:\n%s", out)
	}
	if out := mustRun(t, db, "due", "--as-of", "2026-11-23", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("after the call: %s", out)
	}
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"log-contact", "ana", "--kind", "pigeon"}, 1, "Unknown kind of contact"},
		{[]string{"log-contact", "ana", "--kind", "visit"}, 1, "Log visit"},
		{[]string{"log-contact", "ana", "--kind", "call", "--thank-you"}, 1, "Only a card or an email"},
		{[]string{"due", "--as-of", "someday"}, 1, "YYYY-MM-DD"},
		{[]string{"follow-up", "ana", "--what", "x"}, 2, "--due is required"},
		{[]string{"follow-up", "ana", "--due", "2026-11-25"}, 1, "Say what was promised"},
		{[]string{"snooze", "ana"}, 2, "--until"},
		{[]string{"followup-done", "77"}, 1, "not found"},
	}
	for _, tc := range cases {
		code, _, errs := run(t, db, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, %q; want %d, %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}

	id := strings.TrimSpace(mustRun(t, db, "follow-up", "bo", "--what", "Call back about the order", "--due", "2026-11-25"))
	var fus []map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "followups", "--json")), &fus)
	if len(fus) != 1 || fus[0]["client"] != "Bo Recent" || fus[0]["due"] != "2026-11-25" {
		t.Fatalf("followups: %v", fus)
	}
	mustRun(t, db, "followup-done", id)
	if out := mustRun(t, db, "followups", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("after done: %s", out)
	}

	// Snoozed clients are not listed until the snooze ends.
	if out := mustRun(t, db, "snooze", "ana", "--until", "2027-03-01"); !strings.Contains(out, "quiet until 2027-03-01") {
		t.Errorf("snooze: %q", out)
	}
	if out := mustRun(t, db, "due", "--as-of", "2027-02-27", "--json"); strings.Contains(out, "Ana") {
		t.Errorf("snoozed client listed: %s", out)
	}
	if out := mustRun(t, db, "due", "--as-of", "2027-03-01", "--json"); !strings.Contains(out, "Ana") {
		t.Errorf("snooze did not end: %s", out)
	}
}
