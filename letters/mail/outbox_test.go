package mail_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	gomail "github.com/emersion/go-message/mail"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/cardtest"
	"regulars/internal/mailtest"
	"regulars/letters"
	. "regulars/letters/mail"
)

// crash stands for the program being killed: the Pause hook panics with
// it at the n-th time sending reaches a point, and nothing after that
// point runs, as after a kill -9.
type crash struct{ point string }

// runUntilCrash runs the sender until it reaches point for the n-th time.
func runUntilCrash(t *testing.T, sd *Sender, point string, n int) {
	t.Helper()
	seen := 0
	sd.Pause = func(p string) {
		if p == point {
			if seen++; seen == n {
				panic(crash{p})
			}
		}
	}
	defer func() {
		sd.Pause = nil
		r := recover()
		if _, ok := r.(crash); !ok {
			t.Fatalf("the run did not stop at %s (%v)", point, r)
		}
	}()
	sd.Run(ctx)
}

// mailWorld is a book, an SMTP server that delivers the copies addressed
// to the business into its IMAP mailbox, and that mailbox.
type mailWorld struct {
	s    *store.Store
	smtp *mailtest.SMTP
	imap Server
}

func newMailWorld(t *testing.T) mailWorld {
	s := cardtest.Book(t)
	smtpSrv := startSMTP(t)
	imapSrv, user := startIMAP(t)
	smtpSrv.Mailbox = user
	return mailWorld{s, smtpSrv, imapSrv}
}

func (w mailWorld) sender(withIMAP bool) *Sender {
	sd := &Sender{Outbox: letters.BookOutbox(w.s), SMTP: smtpOf(w.smtp), From: "shop@example.com", ProofWait: 300 * time.Millisecond,
		Backoff: func(int) time.Duration { return 10 * time.Millisecond }}
	if withIMAP {
		sd.IMAP = &w.imap
	}
	return sd
}

// openFolder opens the mailbox at srv for a test and says the server's
// name of folder: "Sent" is the mailbox's own sent folder. The caller
// closes the mailbox.
func openFolder(t testing.TB, srv Server, folder string) (*Mailbox, string) {
	t.Helper()
	mb, err := OpenMailbox(srv)
	if err != nil {
		t.Fatal(err)
	}
	if folder == "Sent" {
		folder = mb.SentFolder()
	}
	return mb, folder
}

// copiesIn counts the messages with a Message-ID in a folder.
func copiesIn(t *testing.T, srv Server, folder, messageID string) int {
	t.Helper()
	mb, folder := openFolder(t, srv, folder)
	defer mb.Close()
	if _, err := mb.IMAPClient().Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	res, err := mb.IMAPClient().UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: messageID}}}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return len(res.AllUIDs())
}

// exactlyOnce checks the promise for every message of the outbox: the
// server took it once, it is recorded sent with one copy in Sent, and
// its client has one email contact.
func (w mailWorld) exactlyOnce(t *testing.T, want int) {
	t.Helper()
	took := map[string]int{}
	for _, raw := range w.smtp.Received() {
		r, err := gomail.CreateReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		id, _ := r.Header.MessageID()
		took["<"+id+">"]++
	}
	all, _ := w.s.Outbox(ctx)
	if len(all) != want {
		t.Fatalf("%d messages in the outbox, want %d", len(all), want)
	}
	for _, m := range all {
		if took[m.MessageID] != 1 {
			t.Errorf("the server took the message to %s %d times", m.Recipient, took[m.MessageID])
		}
		if m.Status != data.MailSent || !m.Copied {
			t.Errorf("message to %s: %s, copied %v (%s)", m.Recipient, m.Status, m.Copied, m.LastError)
		}
		if n := copiesIn(t, w.imap, "Sent", m.MessageID); n != 1 {
			t.Errorf("message to %s: %d copies in Sent", m.Recipient, n)
		}
		cs, _ := w.s.Contacts(ctx, m.ClientID)
		if len(cs) != 1 || cs[0].Kind != data.ContactEmail {
			t.Errorf("client of %s: contacts %+v", m.Recipient, cs)
		}
	}
}

// TestCrashAtEveryStep kills the sender (a panic where the program would
// be killed) at each step of the second of three messages, then runs it
// again: every message reaches the server once, is copied to Sent once
// and logged once, and the step in doubt is settled by the mailbox.
func TestCrashAtEveryStep(t *testing.T) {
	for _, tc := range []struct {
		point       string
		after       data.MailStatus // the second message's status after the crash
		copied      bool
		check       func(Result) bool
		server      int // messages the server took before the restart
		wantWaiting bool
	}{
		// The "." never went out: the server dropped the message, no copy
		// comes, and after the wait it is sent again.
		{"before-dot", data.MailSending, false, func(r Result) bool { return r.Requeued == 1 && r.Proven == 0 && r.Sent == 2 }, 1, true},
		// The server took it, the crash came before its reply was
		// recorded: the copy to the shop proves it, it is not sent again.
		{"after-dot", data.MailSending, false, func(r Result) bool { return r.Proven == 1 && r.Requeued == 0 && r.Sent == 1 }, 2, false},
		// Recorded sent, not yet copied to Sent: copied on the restart.
		{"after-sent", data.MailSent, false, func(r Result) bool { return r.Copied == 1 && r.Sent == 1 && r.Recovered == 0 }, 2, false},
		// Copied to Sent, the copy not yet recorded: found, not doubled.
		{"after-append", data.MailSent, false, func(r Result) bool { return r.Copied == 1 && r.Sent == 1 }, 2, false},
	} {
		t.Run(tc.point, func(t *testing.T) {
			w := newMailWorld(t)
			mails := queueBatch(t, w.s, 3)
			runUntilCrash(t, w.sender(true), tc.point, 2)
			m, _, _ := w.s.MailByMessageID(ctx, mails[1].MessageID)
			if m.Status != tc.after || m.Copied != tc.copied {
				t.Fatalf("after the crash: %s, copied %v", m.Status, m.Copied)
			}
			if m.Status == data.MailSending && (m.ProofTo != "shop@example.com" || m.DotAt.IsZero()) {
				t.Errorf("in doubt without its proof address or time: %+v", m)
			}
			if got := len(w.smtp.Received()); got != tc.server {
				t.Fatalf("the server took %d before the restart, want %d", got, tc.server)
			}
			// The client in doubt is not written to by another batch meanwhile.
			if pending, _ := w.s.PendingMailClients(ctx); tc.after == data.MailSending && !pending[m.ClientID] {
				t.Error("a client in doubt was free for another batch")
			}
			waited := false
			sd := w.sender(true)
			// Longer than the store's clock rounds (to the second), so the
			// restart comes before the wait is over.
			sd.ProofWait = 2 * time.Second
			sd.Waiting = func(int, time.Time) { waited = true }
			res, err := sd.Run(ctx)
			if err != nil || !tc.check(res) {
				t.Fatalf("restart: %+v, %v", res, err)
			}
			if waited != tc.wantWaiting {
				t.Errorf("waited for proof: %v, want %v", waited, tc.wantWaiting)
			}
			w.exactlyOnce(t, 3)
			if pending, _ := w.s.PendingMailClients(ctx); len(pending) != 0 {
				t.Errorf("clients still held back: %v", pending)
			}
		})
	}
}

// TestLineCutAtDot: the line breaks after the whole message went out,
// before the server's reply. Whether the server kept it or dropped it,
// the run settles it from the mailbox and the client gets it once.
func TestLineCutAtDot(t *testing.T) {
	for _, kept := range []bool{true, false} {
		t.Run(fmt.Sprintf("kept=%v", kept), func(t *testing.T) {
			w := newMailWorld(t)
			w.smtp.CutAtDot, w.smtp.KeepCut = 2, kept
			queueBatch(t, w.s, 3)
			res, err := w.sender(true).Run(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if kept && (res.Proven != 1 || res.Requeued != 0 || res.Sent != 2) || !kept && (res.Proven != 0 || res.Requeued != 1 || res.Sent != 3) {
				t.Errorf("%+v", res)
			}
			w.exactlyOnce(t, 3)
		})
	}
}

// TestDoubtWithoutIMAP: with no IMAP server nothing can be looked for; a
// message in doubt waits for the owner, is never queued again by a plain
// retry, holds its client back until it is settled, and is settled by
// the mailbox as soon as there is one.
func TestDoubtWithoutIMAP(t *testing.T) {
	w := newMailWorld(t)
	mails := queueBatch(t, w.s, 2)
	runUntilCrash(t, w.sender(false), "after-dot", 1)
	res, err := w.sender(false).Run(ctx)
	if err != nil || res.Unknown != 1 || res.Sent != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	m, _, _ := w.s.MailByMessageID(ctx, mails[0].MessageID)
	if m.Status != data.MailUnknown || !strings.Contains(m.LastError, "--delivered") || !strings.Contains(m.LastError, "shop@example.com") {
		t.Errorf("in doubt: %s, %q", m.Status, m.LastError)
	}
	if err := w.s.RequeueMail(ctx, m.ID); !errors.Is(err, data.ErrFateUnknown) {
		t.Errorf("a message in doubt was queued again: %v", err)
	}
	if pending, _ := w.s.PendingMailClients(ctx); !pending[m.ClientID] {
		t.Error("the client in doubt is free for another batch")
	}
	res, err = w.sender(true).Run(ctx)
	if err != nil || res.Proven != 1 || res.Copied != 2 || res.Unknown != 0 {
		t.Fatalf("with IMAP: %+v, %v", res, err)
	}
	w.exactlyOnce(t, 2)
}

// TestCopiedLater: messages sent while the IMAP server was away get
// their copy in Sent on the next run, once.
func TestCopiedLater(t *testing.T) {
	w := newMailWorld(t)
	queueBatch(t, w.s, 3)
	if res, err := w.sender(false).Run(ctx); err != nil || res.Sent != 3 {
		t.Fatalf("%+v, %v", res, err)
	}
	for i := 0; i < 2; i++ {
		res, err := w.sender(true).Run(ctx)
		if err != nil || res.Copied != 3*(1-i) || res.NotCopied != 0 {
			t.Fatalf("run %d: %+v, %v", i, res, err)
		}
	}
	w.exactlyOnce(t, 3)
}

// TestProofCopiesMarkedRead: the copies to the shop arrive in its INBOX
// and are marked read at the end of the run; a client's unread reply is
// left unread.
func TestProofCopiesMarkedRead(t *testing.T) {
	w := newMailWorld(t)
	queueBatch(t, w.s, 3)
	user := w.smtp.Mailbox
	user.Deliver(t, "From: Client A <ca@example.com>\r\nTo: shop@example.com\r\nSubject: Re: Thank you\r\nMessage-ID: <reply@example.com>\r\n\r\nThanks!\r\n")
	if res, err := w.sender(true).Run(ctx); err != nil || res.Sent != 3 {
		t.Fatalf("%+v, %v", res, err)
	}
	mb, err := OpenMailbox(w.imap)
	if err != nil {
		t.Fatal(err)
	}
	defer mb.Close()
	st, err := mb.IMAPClient().Status("INBOX", &imap.StatusOptions{NumMessages: true, NumUnseen: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if *st.NumMessages != 4 || *st.NumUnseen != 1 {
		t.Errorf("INBOX: %d messages, %d unread; want the 3 proof copies read and the reply unread", *st.NumMessages, *st.NumUnseen)
	}
}

// TestProofGoesToTheSearchedMailbox: when the From address is not the
// IMAP account (an alias), the proof copy is addressed to the account
// that is searched, so a message whose reply was lost is found there and
// not sent twice.
func TestProofGoesToTheSearchedMailbox(t *testing.T) {
	w := newMailWorld(t)
	w.smtp.CutAtDot, w.smtp.KeepCut = 1, true
	queueBatch(t, w.s, 2)
	sd := w.sender(true)
	sd.From = "hello@example.com"
	res, err := sd.Run(ctx)
	if err != nil || res.Proven != 1 || res.Requeued != 0 {
		t.Fatalf("%+v, %v", res, err)
	}
	w.exactlyOnce(t, 2)
}

// TestLineCutAtDotWithoutIMAP: with no mailbox to look in, a message
// whose reply was lost is held with the owner's way to settle it, and
// the rest of the batch goes on.
func TestLineCutAtDotWithoutIMAP(t *testing.T) {
	w := newMailWorld(t)
	w.smtp.CutAtDot, w.smtp.KeepCut = 1, true
	mails := queueBatch(t, w.s, 2)
	res, err := w.sender(false).Run(ctx)
	if err != nil || res.Unknown != 1 || res.Sent != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	m, _, _ := w.s.MailByMessageID(ctx, mails[0].MessageID)
	if m.Status != data.MailUnknown || !strings.Contains(m.LastError, "--delivered") || strings.Contains(m.LastError, "Regulars looks for its copy") {
		t.Errorf("%s: %q", m.Status, m.LastError)
	}
}

// TestProofCopiesAreNoReplies: the copies to the shop arrive in the
// INBOX from the shop's own address; even when a client has that address
// (the owner testing on themselves), they are not logged as replies.
func TestProofCopiesAreNoReplies(t *testing.T) {
	w := newMailWorld(t)
	queueBatch(t, w.s, 2)
	owner := data.Client{FirstName: "Owner", LastName: "Self", Email: "shop@example.com"}
	if _, err := w.s.AddClient(ctx, &owner); err != nil {
		t.Fatal(err)
	}
	if res, err := w.sender(true).Run(ctx); err != nil || res.Sent != 2 {
		t.Fatalf("%+v, %v", res, err)
	}
	got, err := letters.CheckReplies(ctx, w.s, w.imap)
	if err != nil || got.Logged != 0 {
		t.Errorf("%v, %v: the proof copies were taken for replies", got, err)
	}
}

// TestPauseFinishesTheMessageUnderWay: a pause that comes while a message
// is between its final "." and the server's reply finishes and records
// that message (it is not left in doubt); the rest stay queued.
func TestPauseFinishesTheMessageUnderWay(t *testing.T) {
	w := newMailWorld(t)
	queueBatch(t, w.s, 3)
	pausing, pause := context.WithCancel(ctx)
	defer pause()
	sd := w.sender(true)
	sd.Pause = func(p string) {
		if p == "before-dot" {
			pause()
		}
	}
	res, err := sd.Run(pausing)
	if err != nil || res.Sent != 1 || res.Unknown != 0 {
		t.Fatalf("%+v, %v", res, err)
	}
	c, _ := w.s.OutboxCounts(ctx)
	if c[data.MailSent] != 1 || c[data.MailQueued] != 2 || len(c) != 2 {
		t.Errorf("after the pause: %v", c)
	}
}
