package cli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"regulars/internal/mailtest"
)

func TestSendOutboxReplies(t *testing.T) {
	db := newBook(t)
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	t.Setenv("REGULARS_SMTP_PASSWORD", "")
	t.Setenv("REGULARS_IMAP_PASSWORD", imapSrv.Password)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane", "--address", "Austin, TX 78702")
	if code, _, errs := run(t, db, "mail", "--smtp-host", "mail.example.com", "--smtp-port", "25", "--smtp-security", "none", "--from", "shop@example.com", "--test"); code != 1 || !strings.Contains(errs, "only allowed to a server on this computer") {
		t.Errorf("plain SMTP to a remote host: %d %s", code, errs)
	}
	mustRun(t, db, "mail", "--from-name", "Blue Door Salon", "--from", "shop@example.com",
		"--smtp-host", smtpSrv.Host, "--smtp-port", strconv.Itoa(smtpSrv.Port), "--smtp-security", "none",
		"--imap-host", imapSrv.Host, "--imap-port", strconv.Itoa(imapSrv.Port), "--imap-security", "none", "--imap-user", imapSrv.User)
	if out := mustRun(t, db, "mail", "--test"); !strings.Contains(out, "SMTP: logged in") || !strings.Contains(out, `sent messages go to "Sent"`) {
		t.Errorf("mail --test: %s", out)
	}
	for _, c := range [][]string{
		{"--first", "Zoë", "--last", "Núñez", "--email", "zoe@example.com", "--channel", "email"},
		{"--first", "Bo", "--last", "Unsub", "--email", "bo@example.com", "--channel", "email", "--email-consent", "unsubscribed"},
		{"--first", "Cy", "--last", "Post", "--email", "cy@example.com"},
	} {
		mustRun(t, db, append([]string{"add-client"}, c...)...)
	}
	for _, who := range []string{"zoe", "unsub", "cy post"} {
		mustRun(t, db, "log-visit", who, "--at", "2026-11-05T10:00", "--what", "Cut")
	}
	if out := mustRun(t, db, "send", "--period", "2026-11", "--dry-run"); !strings.Contains(out, "1 email") || !strings.Contains(out, "zoe@example.com") || len(smtpSrv.Received()) != 0 {
		t.Errorf("dry run: %s", out)
	}
	if out := mustRun(t, db, "send", "--period", "2026-11"); !strings.Contains(out, "sent 1, failed 0") {
		t.Errorf("send: %s", out)
	}
	if got := smtpSrv.Received(); len(got) != 1 || !strings.Contains(string(got[0]), "zoe@example.com") {
		t.Fatalf("server got %d", len(got))
	}
	// Running it again sends nothing: Zoë is thanked.
	if out := mustRun(t, db, "send", "--period", "2026-11"); !strings.Contains(out, "0 emails") {
		t.Errorf("second send: %s", out)
	}
	var box []map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "outbox", "--json")), &box)
	if len(box) != 1 || box[0]["status"] != "sent" || box[0]["in_sent_folder"] != true {
		t.Errorf("outbox: %v", box)
	}
	if out := mustRun(t, db, "check-replies"); !strings.Contains(out, "0 new replies") {
		t.Errorf("check-replies: %s", out)
	}

	// Without the password (none given, no keyring), the command says
	// which one and how to give it.
	mailtest.NoKeyring()
	t.Setenv("REGULARS_IMAP_PASSWORD", "")
	if code, _, errs := run(t, db, "check-replies"); code != 1 || !strings.Contains(errs, "the IMAP password for shop@example.com is needed: no keyring service answers") ||
		!strings.Contains(errs, "$REGULARS_IMAP_PASSWORD") {
		t.Errorf("no password: %d %s", code, errs)
	}
	// Kept in a keyring, it is found there.
	keyring.MockInit()
	t.Setenv("REGULARS_IMAP_PASSWORD", imapSrv.Password)
	mustRun(t, db, "mail", "--save-passwords")
	t.Setenv("REGULARS_IMAP_PASSWORD", "")
	if out := mustRun(t, db, "check-replies"); !strings.Contains(out, "0 new replies") {
		t.Errorf("check-replies with the password in the keyring: %s", out)
	}
}
