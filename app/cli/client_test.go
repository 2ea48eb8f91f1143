package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regulars/internal/clock"
	"strings"
	"testing"
)

// TestExactEmailAndPhone: a whole email address or phone number names one
// client even when it begins others.
func TestExactEmailAndPhone(t *testing.T) {
	db := newBook(t)
	for _, e := range []string{"c5@example.com", "c50@example.com", "c500@example.com"} {
		mustRun(t, db, "add-client", "--first", "C", "--last", strings.TrimSuffix(e, "@example.com"), "--email", e, "--force")
	}
	mustRun(t, db, "add-client", "--first", "Phone", "--last", "Short", "--phone", "555 1234", "--force")
	mustRun(t, db, "add-client", "--first", "Phone", "--last", "Long", "--phone", "555 1234 99", "--force")
	if out := mustRun(t, db, "log-visit", "c5@example.com"); strings.TrimSpace(out) == "" {
		t.Fatal("no visit id")
	}
	var c clientJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "client", "c5@example.com", "--json")), &c); err != nil {
		t.Fatal(err)
	}
	if c.Email != "c5@example.com" || c.VisitCount != 1 {
		t.Fatalf("client %+v", c)
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "client", "(555) 1234", "--json")), &c); err != nil {
		t.Fatal(err)
	}
	if c.LastName != "Short" {
		t.Fatalf("the phone 555 1234 found %q", c.LastName)
	}
	// A part of an address is still a search, and a search of several.
	if code, _, errs := run(t, db, "log-visit", "c5"); code != 1 || !strings.Contains(errs, "clients match") {
		t.Fatalf("log-visit c5: exit %d: %s", code, errs)
	}
}

// TestClientJSONHasEveryField: clients --json and client --json carry
// every field with stable keys.
func TestClientJSONHasEveryField(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "López", "--email", "ana@example.com", "--phone", "(555) 123-4567",
		"--street", "3 Mill Lane", "--city", "Austin", "--region", "TX", "--postal", "78702", "--country", "USA",
		"--birthday", "1985-07-14", "--tag", "VIP", "--notes", "likes it short", "--channel", "email", "--email-consent", "subscribed")
	mustRun(t, db, "edit-client", "ana", "--ideal", "20", "--max", "30", "--do-not-contact", "yes")
	mustRun(t, db, "snooze", "ana", "--days", "10")
	for _, args := range [][]string{{"clients", "--json"}, {"client", "ana", "--json"}} {
		out := mustRun(t, db, args...)
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		obj, _ := v.(map[string]any)
		if list, ok := v.([]any); ok {
			obj = list[0].(map[string]any)
		}
		for _, key := range []string{"id", "first_name", "last_name", "company", "email", "phone", "address", "birthday", "tags", "notes",
			"preferred_channel", "email_consent", "post_consent", "do_not_contact", "cadence", "snoozed_until", "status",
			"days_since_contact", "thank_you_due", "last_visit_at", "last_contact_at", "visit_count", "spent_cents", "created_at", "deleted_at"} {
			if _, ok := obj[key]; !ok {
				t.Errorf("%v: no key %q", args, key)
			}
		}
		addr := obj["address"].(map[string]any)
		if addr["city"] != "Austin" || addr["postal_code"] != "78702" || obj["birthday"] != "1985-07-14" || obj["notes"] != "likes it short" ||
			obj["preferred_channel"] != "email" || obj["email_consent"] != "subscribed" || obj["do_not_contact"] != true ||
			obj["cadence"].(map[string]any)["ideal"] != 20.0 || obj["snoozed_until"] == nil {
			t.Errorf("%v: values %v", args, obj)
		}
	}
}

// TestNewCommandsRefuseBadInput: a table of bad calls to the new commands;
// each says what is wrong, exits 1 or 2, and leaves the book's bytes as
// they were.
func TestNewCommandsRefuseBadInput(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "López", "--email", "ana@example.com")
	mustRun(t, db, "complaint", "ana", "--what", "too hot")
	body := filepath.Join(t.TempDir(), "body.txt")
	os.WriteFile(body, []byte("Dear {{.Nickname}},"), 0o644)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"edit-client", "ana", "--colour", "red"}, 2, "flag provided but not defined"},
		{[]string{"edit-client", "ana"}, 2, "say what to change"},
		{[]string{"edit-client", "nobody", "--phone", "555 1234"}, 1, "no client matches"},
		{[]string{"edit-client", "ana", "--email-consent", "maybe"}, 1, "Consent must be"},
		{[]string{"edit-client", "ana", "--email", "not-an-email"}, 1, "not-an-email"},
		{[]string{"edit-client", "ana", "--do-not-contact", "perhaps"}, 1, "write yes or no"},
		{[]string{"edit-client", "ana", "--ideal", "-3"}, 1, "number of days"},
		{[]string{"edit-client", "ana", "--birthday", "1985-13-40"}, 1, "birthday"},
		{[]string{"edit-client", "ana", "--channel", "pigeon"}, 1, "pigeon"},
		{[]string{"client"}, 2, "name one client"},
		{[]string{"client", "nobody"}, 1, "no client matches"},
		{[]string{"complaint", "ana"}, 2, "--what"},
		{[]string{"complaint", "nobody", "--what", "x"}, 1, "no client matches"},
		{[]string{"resolve", "1"}, 2, "--how"},
		{[]string{"resolve", "abc", "--how", "x"}, 2, "not a complaint id"},
		{[]string{"resolve", "99", "--how", "x"}, 1, "no complaint 99"},
		{[]string{"cadence", "--ideal", "90", "--max", "60"}, 1, "cannot be fewer"},
		{[]string{"cadence", "--ideal", "30"}, 2, "both --ideal and --max"},
		{[]string{"cadence", "--remove"}, 2, "--remove needs --tag"},
		{[]string{"template"}, 2, "list, show NAME or set NAME"},
		{[]string{"template", "burn"}, 2, "unknown template command"},
		{[]string{"template", "show", "Nope"}, 1, "no template is called"},
		{[]string{"template", "set", "New one"}, 2, "needs its text"},
		{[]string{"template", "set", "New one", "--body-file", body}, 1, "Nickname"},
		{[]string{"template", "set", "Welcome", "--occasion", "party"}, 1, "party"},
		{[]string{"template", "set", "Welcome", "--body-file", "/no/such/file"}, 1, "no such file"},
		{[]string{"demo", "--clients", "5", "--visits", "5"}, 1, "already has clients"},
	}
	for _, k := range cases {
		before := sum(t, db)
		code, _, errs := run(t, db, k.args...)
		if code != k.code || !strings.Contains(errs, k.msg) {
			t.Errorf("%v: exit %d, %q; want exit %d with %q", k.args, code, errs, k.code, k.msg)
		}
		if sum(t, db) != before {
			t.Errorf("%v changed the book", k.args)
		}
	}
}

// TestNewCommandsDoTheirJob: each new command changes the book as asked.
func TestNewCommandsDoTheirJob(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "López", "--email", "ana@example.com", "--tag", "wedding")
	out := mustRun(t, db, "edit-client", "ana", "--last", "López Ruiz", "--add-tag", "VIP", "--remove-tag", "wedding", "--post-consent", "unsubscribed")
	if !strings.Contains(out, "changed last name, tags, post consent") {
		t.Errorf("edit-client said %q", out)
	}
	var c clientJSON
	json.Unmarshal([]byte(mustRun(t, db, "client", "ana", "--json")), &c)
	if c.LastName != "López Ruiz" || len(c.Tags) != 1 || c.Tags[0] != "VIP" || c.PostConsent != "unsubscribed" {
		t.Fatalf("after edit %+v", c)
	}
	id := strings.TrimSpace(mustRun(t, db, "complaint", "ana", "--what", "colour too dark", "--on", "2026-11-02"))
	var ks []complaintJSON
	json.Unmarshal([]byte(mustRun(t, db, "complaints", "--json")), &ks)
	if len(ks) != 1 || ks[0].Description != "colour too dark" || ks[0].ResolvedOn != nil {
		t.Fatalf("complaints %+v", ks)
	}
	mustRun(t, db, "resolve", id, "--how", "redone for free")
	if out := mustRun(t, db, "complaints"); !strings.Contains(out, "no open complaints") {
		t.Errorf("after resolve: %s", out)
	}
	json.Unmarshal([]byte(mustRun(t, db, "complaints", "--all", "--json")), &ks)
	if len(ks) != 1 || ks[0].Resolution != "redone for free" {
		t.Fatalf("all complaints %+v", ks)
	}
	mustRun(t, db, "cadence", "--ideal", "45", "--max", "75")
	out = mustRun(t, db, "cadence", "--tag", "VIP", "--ideal", "20", "--max", "30")
	if !strings.Contains(out, "every client  45") || !strings.Contains(out, "tag vip       20") {
		t.Errorf("cadence:\n%s", out)
	}
	body := filepath.Join(t.TempDir(), "body.txt")
	os.WriteFile(body, []byte("Dear {{.FirstName}},\r\nsee you soon.\r\n"), 0o644)
	mustRun(t, db, "template", "set", "Short note", "--subject", "Hello {{.FirstName}}", "--body-file", body)
	var tpl templateJSON
	json.Unmarshal([]byte(mustRun(t, db, "template", "show", "Short note", "--json")), &tpl)
	if tpl.Body != "Dear {{.FirstName}},\nsee you soon." || tpl.Subject != "Hello {{.FirstName}}" || tpl.Occasion != "thanks" {
		t.Fatalf("template %+v", tpl)
	}
	if !strings.Contains(mustRun(t, db, "template", "list"), "Short note") {
		t.Error("template list lacks the new one")
	}
}

// TestNoStrayOutputUnderCLocale runs the real binary under LANG=C and
// C.UTF-8: a command prints only its own output.
func TestNoStrayOutputUnderCLocale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "regulars")
	build := exec.Command("go", append(append([]string{"build"}, clock.BuildArgs()...), "-o", bin, "regulars")...)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := bookFile(t)
	// The book exists (a new one is announced on stderr, and reading
	// commands make none).
	mustRun(t, db, "add-client", "--first", "Bo", "--force")
	for _, env := range [][]string{{"LANG=C"}, {"LANG=C.UTF-8"}, {"LC_ALL=C.UTF-8"}, {"LANG=POSIX"}} {
		for _, args := range [][]string{{"version"}, {"--db", db, "clients"}, {"--db", db, "add-client", "--first", "Ana", "--force"}} {
			cmd := exec.Command(bin, args...)
			cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("%v %v: %v: %s", env, args, err, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("%v %v printed on stderr: %q", env, args, stderr.String())
			}
		}
	}
}
