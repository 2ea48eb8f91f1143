package letters

import (
	"errors"
	"path/filepath"
	"strconv"
	"testing"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
	"regulars/letters/mail"
)

// TestNoteEmailThroughOutboxSender: a one-note email is queued as a plan
// and sent by the outbox's sender, set up from the book's mail settings
// as both front ends set it up; the server takes it once and the contact
// is logged with the batch of one.
func TestNoteEmailThroughOutboxSender(t *testing.T) {
	s, clients, tpl := runBook(t, data.ChannelEmail)
	srv := startSMTP(t)
	for k, v := range map[string]string{data.SettingSMTPHost: srv.Host, data.SettingSMTPPort: strconv.Itoa(srv.Port), data.SettingSMTPSecurity: "none"} {
		if err := s.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	sd, err := OutboxSender(ctx, s, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if sd.SMTP.Addr() != smtpOf(srv).Addr() || sd.SMTP.Security != smtpOf(srv).Security || sd.IMAP != nil || sd.From != "shop@example.com" {
		t.Fatalf("sender: SMTP %s (%s), IMAP %v, from %s", sd.SMTP.Addr(), sd.SMTP.Security, sd.IMAP, sd.From)
	}
	plan, err := PlanNoteEmail(ctx, s, clients[2], data.OccasionThanks, tpl, clock.Now())
	if err != nil || len(plan.Mails) != 1 || plan.Batch.ID == 0 || !plan.Batch.Single {
		t.Fatalf("plan: %d mails, batch %+v, %v", len(plan.Mails), plan.Batch, err)
	}
	if err := plan.Queue(ctx, s); err != nil {
		t.Fatal(err)
	}
	if res, err := sd.Run(ctx); err != nil || res.Sent != 1 {
		t.Fatalf("sending: %+v %v", res, err)
	}
	if n := len(srv.Received()); n != 1 {
		t.Errorf("the server took %d, want 1", n)
	}
	if got := contactsOf(t, s, clients, plan.Batch.ID); got["Zoë"] != 1 || got["Ann"] != 0 || got["Bo"] != 0 {
		t.Errorf("contacts of the note: %v", got)
	}

	// Without an SMTP server set, nothing is set up.
	if err := s.SetSetting(ctx, data.SettingSMTPHost, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := OutboxSender(ctx, s, "", ""); err == nil {
		t.Error("a sender without an SMTP server")
	}
}

// TestBookOutboxOneSeatSends: the book as the sender's outbox lets one
// seat send at a time; another seat hears mail.ErrOutboxBusy, and holds
// it once the first releases it.
func TestBookOutboxOneSeatSends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	var seats []mail.Outbox
	for range 2 {
		s, err := store.OpenShared(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		seats = append(seats, BookOutbox(s))
	}
	release, err := seats[0].HoldOutbox(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seats[1].HoldOutbox(ctx, 0); !errors.Is(err, mail.ErrOutboxBusy) {
		t.Fatalf("second seat: %v, want mail.ErrOutboxBusy", err)
	}
	release()
	release, err = seats[1].HoldOutbox(ctx, 0)
	if err != nil {
		t.Fatalf("after the first seat let go: %v", err)
	}
	release()
}
