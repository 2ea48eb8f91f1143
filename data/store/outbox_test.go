package store

import (
	"errors"
	"testing"

	"regulars/data"
)

// TestOutboxTransitions walks a message through every change of status
// and checks what each one may and may not do.
func TestOutboxTransitions(t *testing.T) {
	s := openTest(t)
	id := addClient(t, s, data.Client{FirstName: "Zoë", LastName: "Núñez", Email: "zoe@example.com"})
	queue := func(msgID string) data.Mail {
		t.Helper()
		ms := []data.Mail{{ClientID: id, MessageID: msgID, Recipient: "zoe@example.com", Subject: "Thanks", Raw: []byte("x")}}
		if n, err := s.Enqueue(ctx, ms); err != nil || n != 1 {
			t.Fatalf("enqueue: %d, %v", n, err)
		}
		return ms[0]
	}
	status := func(m data.Mail) data.MailStatus {
		t.Helper()
		got, err := s.MailByID(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}
	emails := func() int {
		t.Helper()
		cs, err := s.Contacts(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range cs {
			if c.Kind == data.ContactEmail {
				n++
			}
		}
		return n
	}

	m := queue("<a@example.com>")
	// Finding the next message writes nothing: a crash before the "."
	// leaves it queued.
	if next, ok, err := s.NextQueued(ctx); err != nil || !ok || next.ID != m.ID || status(m) != data.MailQueued {
		t.Fatalf("next: %+v %v %v, status %s", next, ok, err, status(m))
	}
	if err := s.MailDot(ctx, &m, "shop@example.com"); err != nil || status(m) != data.MailSending || m.DotAt.IsZero() {
		t.Fatalf("dot: %v, %s", err, status(m))
	}
	if err := s.MailDot(ctx, &m, "shop@example.com"); err == nil {
		t.Error("a message in doubt was recorded as going out again")
	}
	if got, _ := s.MailByID(ctx, m.ID); got.ProofTo != "shop@example.com" || got.DotAt.IsZero() {
		t.Errorf("the proof address and time are not kept: %+v", got)
	}
	if _, ok, _ := s.NextQueued(ctx); ok {
		t.Error("a message in doubt is offered for sending")
	}
	if pending, _ := s.PendingMailClients(ctx); !pending[id] {
		t.Error("a client with a message in doubt is free for a batch")
	}
	for _, st := range []data.MailStatus{data.MailSending, data.MailUnknown} {
		if st == data.MailUnknown {
			if err := s.MailUnknown(ctx, m, "waiting"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RequeueMail(ctx, m.ID); !errors.Is(err, data.ErrFateUnknown) {
			t.Errorf("%s: queued again blindly: %v", st, err)
		}
	}
	// Sent once, logged once, whichever way tells first and however often.
	for i := 0; i < 2; i++ {
		if err := s.MailSent(ctx, m, "250 ok"); err != nil {
			t.Fatal(err)
		}
	}
	if status(m) != data.MailSent || emails() != 1 {
		t.Errorf("sent: %s, %d email contacts", status(m), emails())
	}
	if err := s.MailNotDelivered(ctx, m, "x"); err == nil || status(m) != data.MailSent {
		t.Error("a sent message was queued again")
	}
	if unc, _ := s.Uncopied(ctx); len(unc) != 1 {
		t.Errorf("uncopied: %d", len(unc))
	}
	s.MailCopied(ctx, m.ID)
	if unc, _ := s.Uncopied(ctx); len(unc) != 0 {
		t.Errorf("uncopied after the copy: %d", len(unc))
	}
	if pending, _ := s.PendingMailClients(ctx); pending[id] {
		t.Error("a client is held back after the message was sent")
	}

	// Not delivered: queued again, the time of its "." forgotten.
	m2 := queue("<b@example.com>")
	s.MailDot(ctx, &m2, "shop@example.com")
	if err := s.MailNotDelivered(ctx, m2, "no copy came"); err != nil || status(m2) != data.MailQueued {
		t.Fatalf("not delivered: %v, %s", err, status(m2))
	}
	if got, _ := s.MailByID(ctx, m2.ID); !got.DotAt.IsZero() || got.LastError != "no copy came" {
		t.Errorf("%+v", got)
	}
	// Passing errors before the ".": a try each, failed at MaxTries.
	for i := 1; i <= data.MaxTries; i++ {
		got, _ := s.MailByID(ctx, m2.ID)
		if err := s.MailRetry(ctx, got, errors.New("421 busy")); err != nil {
			t.Fatal(err)
		}
		if want := map[bool]data.MailStatus{true: data.MailFailed, false: data.MailQueued}[i == data.MaxTries]; status(m2) != want {
			t.Fatalf("try %d: %s, want %s", i, status(m2), want)
		}
	}
	// A failed message does not hold its client back, and the owner may
	// send it again.
	if pending, _ := s.PendingMailClients(ctx); pending[id] {
		t.Error("a failed message holds its client back")
	}
	if err := s.RequeueMail(ctx, m2.ID); err != nil || status(m2) != data.MailQueued {
		t.Errorf("retry a failed message: %v, %s", err, status(m2))
	}
	if err := s.RequeueMail(ctx, m.ID); err == nil {
		t.Error("a sent message was queued again")
	}
	if emails() != 1 {
		t.Errorf("%d email contacts, want 1", emails())
	}
}
