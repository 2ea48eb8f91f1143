package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/emersion/go-smtp"

	"regulars/data"
	"regulars/internal/clock"
)

// How a message is sent exactly once, even when the sending program is
// killed at any moment:
//
//  1. It is written to the outbox ("queued") before anything is sent.
//  2. Over SMTP it goes to the client and, in the same transaction, to
//     the business's own address (the proof recipient, like a Bcc: it is
//     not in the headers). A server accepts or refuses one transaction
//     for all its recipients at once, with its one reply to the final ".".
//  3. Just before that final "." the outbox records, durably, "sending".
//     A crash before it leaves the message queued, and sending it again
//     is safe: a server drops a transaction that did not end with ".".
//  4. The server's reply is recorded ("sent", with the email contact, in
//     one transaction), and only then is a copy put in the Sent folder
//     (looked for first, so never twice; copied later if the IMAP server
//     is away).
//
// A message left "sending" (a crash, or a line broken, between the "."
// and the recording of the reply) is the only one whose fate is unknown.
// It is never sent again until the business's mailbox has been searched
// over IMAP for its Message-ID: found (the proof copy in INBOX, or a copy
// in Sent), it was accepted and is recorded sent; not found within
// ProofWait of its ".", the server never accepted it (it would have
// delivered the proof copy) and it is queued again. Without an IMAP
// server it waits for the owner (`regulars outbox --delivered` or
// `--not-delivered`), with the words to decide.

// DefaultProofWait is how long after its final "." a message in doubt
// may take to show up in the business's own mailbox before it is taken
// as not accepted and sent again.
const DefaultProofWait = 5 * time.Minute

// ErrOutboxBusy is what Outbox.HoldOutbox returns when another seat
// (Regulars on another computer, another window, a command) is sending
// the outbox and its run did not end within the wait.
var ErrOutboxBusy = errors.New("another seat is sending the email outbox")

// Outbox is where the messages to send wait, and where what became of
// each is recorded: the client book is one (letters.BookOutbox). Sender
// needs nothing else of the book.
type Outbox interface {
	// HoldOutbox makes this run the only seat sending, waiting up to wait
	// for another seat's run to end (ErrOutboxBusy if it does not);
	// release gives the outbox back to the other seats.
	HoldOutbox(ctx context.Context, wait time.Duration) (release func(), err error)
	// Outbox lists the messages in the given states.
	Outbox(ctx context.Context, statuses ...data.MailStatus) ([]data.Mail, error)
	// OutboxCounts counts the messages in each state.
	OutboxCounts(ctx context.Context) (map[data.MailStatus]int, error)
	// NextQueued is the next message to send, if any.
	NextQueued(ctx context.Context) (m data.Mail, ok bool, err error)
	// MailDot records, durably, that the final "." of m is about to go
	// out, with the address its proof copy goes to.
	MailDot(ctx context.Context, m *data.Mail, proofTo string) error
	// MailSent records that the server took m (and logs the contact).
	MailSent(ctx context.Context, m data.Mail, reply string) error
	// MailRetry queues m again after a temporary failure.
	MailRetry(ctx context.Context, m data.Mail, cause error) error
	// MailFailed records that the server refused m for good.
	MailFailed(ctx context.Context, m data.Mail, cause error) error
	// MailUnknown holds m in doubt, saying why and what settles it.
	MailUnknown(ctx context.Context, m data.Mail, why string) error
	// MailNotDelivered queues again a message found not delivered.
	MailNotDelivered(ctx context.Context, m data.Mail, why string) error
	// MailCopied records that a sent message has its copy in Sent.
	MailCopied(ctx context.Context, id int64) error
	// Uncopied lists the sent messages with no copy in Sent yet.
	Uncopied(ctx context.Context) ([]data.Mail, error)
	// MailByMessageID finds a message of the outbox by its Message-ID.
	MailByMessageID(ctx context.Context, id string) (data.Mail, bool, error)
}

// Sender sends the outbox over one SMTP connection, copies each sent
// message to the Sent folder and logs the contact.
type Sender struct {
	Outbox Outbox
	SMTP   Server
	IMAP   *Server // nil: no copy in Sent, and messages in doubt wait for the owner
	From   string
	// ProofWait overrides DefaultProofWait.
	ProofWait time.Duration
	// Backoff is the wait before reconnecting after the n-th failure in a
	// row (1, 2, …); nil uses 1 s, 2 s, 4 s … up to 30 s.
	Backoff func(n int) time.Duration
	// Progress, if set, hears how many are done of how many.
	Progress func(done, total int)
	// Waiting, if set, hears that n messages in doubt are awaited in the
	// mailbox until the time given, at most.
	Waiting func(n int, until time.Time)
	// OtherSeat, if set, hears that another seat (Regulars on another
	// computer, another window, a command) is sending the outbox, and
	// that this run waits until it is done (see Outbox.HoldOutbox).
	OtherSeat func()
	// Pause, if set, is called at the named points of a message's sending
	// ("before-dot", "after-dot", "after-sent", "after-append"): the kill
	// tests stop the program there.
	Pause func(point string)
}

// Result says what a run of the sender did.
type Result struct {
	Sent, Failed int
	// Unknown is how many messages are still in doubt at the end: their
	// proof of delivery could not be looked for, or was not awaited (the
	// run was paused).
	Unknown int
	// Recovered is how many messages in doubt were settled: Proven found
	// delivered, Requeued found not delivered and queued again.
	Recovered, Proven, Requeued int
	// Copied is how many copies were put in Sent for messages sent
	// earlier; NotCopied how many sent messages still have none.
	Copied, NotCopied int
}

func (sd *Sender) backoff(n int) time.Duration {
	if sd.Backoff != nil {
		return sd.Backoff(n)
	}
	d := time.Second << min(n-1, 5)
	if d > 30*time.Second {
		d = 30 * time.Second
	}
	return d
}

func (sd *Sender) proofWait() time.Duration {
	if sd.ProofWait > 0 {
		return sd.ProofWait
	}
	return DefaultProofWait
}

func (sd *Sender) pause(point string) {
	if sd.Pause != nil {
		sd.Pause(point)
	}
}

// proofAddress is where the proof copy goes: the IMAP account when its
// user name is an address (the mailbox that is searched), else the From
// address, the business's own.
func (sd *Sender) proofAddress() string {
	if sd.IMAP != nil && strings.Contains(sd.IMAP.User, "@") {
		return sd.IMAP.User
	}
	return sd.From
}

// Run settles the messages in doubt, copies to Sent what is still
// uncopied, then sends every queued message, one by one over one
// connection, reconnecting with backoff when the connection drops. While
// a message in doubt may still prove delivered it waits (up to ProofWait
// after its final ".") and sends again those found not delivered. At the
// end the proof copies that have arrived are marked read, so that they do
// not fill the owner's inbox with unread mail. Cancelling ctx pauses: the
// message under way is finished, the rest stay queued (or in doubt) for
// the next run.
func (sd *Sender) Run(ctx context.Context) (Result, error) {
	var res Result
	// One seat at a time sends: two could otherwise both take the same
	// queued message. The other seat's run sends what is queued here too,
	// so waiting for it is enough.
	release, err := sd.Outbox.HoldOutbox(ctx, 0)
	if errors.Is(err, ErrOutboxBusy) {
		if sd.OtherSeat != nil {
			sd.OtherSeat()
		}
		release, err = sd.Outbox.HoldOutbox(ctx, 24*time.Hour)
	}
	if err != nil {
		return res, fmt.Errorf("send the outbox: %w", err)
	}
	defer release()
	l := &imapLink{srv: sd.IMAP}
	defer l.close()
	if sd.IMAP != nil {
		mb, err := OpenMailbox(*sd.IMAP)
		if err != nil {
			return res, fmt.Errorf("IMAP: %w", err)
		}
		l.mb = mb
	}
	var waitedUntil time.Time
	for {
		left, err := sd.recover(ctx, l, &res)
		if err != nil {
			return res, err
		}
		res.Unknown = left
		if err := sd.copyUp(ctx, l, &res); err != nil {
			return res, err
		}
		if err := sd.sendQueue(ctx, l, &res); err != nil {
			return res, err
		}
		if ctx.Err() != nil {
			break
		}
		counts, err := sd.Outbox.OutboxCounts(ctx)
		if err != nil {
			return res, err
		}
		if counts[data.MailQueued] > 0 {
			continue // queued again by the look above
		}
		// Wait for the proof of messages in doubt that can still come.
		until, n := sd.awaited(ctx)
		if n == 0 {
			break
		}
		if sd.Waiting != nil && !until.Equal(waitedUntil) {
			sd.Waiting(n, until)
			waitedUntil = until
		}
		if !sleep(ctx, min(2*time.Second, until.Sub(clock.Now())+time.Second)) {
			break
		}
	}
	if sd.IMAP != nil && ctx.Err() == nil {
		// Best effort: a proof copy not marked now is marked next time.
		l.do(func(mb *Mailbox) error {
			_, err := mb.MarkProofsRead(sd.From, func(id string) bool {
				m, ok, _ := sd.Outbox.MailByMessageID(ctx, id)
				return ok && m.Status == data.MailSent
			})
			return err
		})
	}
	// The summary is read even after a pause.
	left, err := sd.Outbox.Outbox(context.WithoutCancel(ctx), data.MailSending, data.MailUnknown)
	if err != nil {
		return res, err
	}
	res.Unknown = len(left)
	unc, err := sd.Outbox.Uncopied(context.WithoutCancel(ctx))
	if err != nil {
		return res, err
	}
	if sd.IMAP != nil {
		res.NotCopied = len(unc)
	}
	return res, nil
}

// awaited counts the messages in doubt whose proof can still come, and
// the latest time it is awaited.
func (sd *Sender) awaited(ctx context.Context) (time.Time, int) {
	if sd.IMAP == nil {
		return time.Time{}, 0
	}
	doubt, err := sd.Outbox.Outbox(ctx, data.MailSending, data.MailUnknown)
	if err != nil {
		return time.Time{}, 0
	}
	var until time.Time
	n := 0
	for _, m := range doubt {
		if m.ProofTo == "" || m.DotAt.IsZero() {
			continue
		}
		n++
		if t := m.DotAt.Add(sd.proofWait()); t.After(until) {
			until = t
		}
	}
	return until, n
}

// copyUp copies to Sent the sent messages that have no copy there yet.
func (sd *Sender) copyUp(ctx context.Context, l *imapLink, res *Result) error {
	if sd.IMAP == nil {
		return nil
	}
	unc, err := sd.Outbox.Uncopied(ctx)
	if err != nil {
		return err
	}
	for _, m := range unc {
		if ctx.Err() != nil {
			return nil
		}
		if err := sd.copyToSent(ctx, l, m); err != nil {
			return nil // the IMAP server is away: the next run copies them
		}
		res.Copied++
	}
	return nil
}

// sendQueue sends the queued messages.
func (sd *Sender) sendQueue(ctx context.Context, l *imapLink, res *Result) error {
	counts, err := sd.Outbox.OutboxCounts(ctx)
	if err != nil {
		return err
	}
	total, done := counts[data.MailQueued], 0
	var c *smtp.Client
	defer func() {
		if c == nil {
			return
		}
		if p := recover(); p != nil {
			c.Close() // no QUIT in the middle of a message
			panic(p)
		}
		c.Quit()
		c.Close()
	}()
	// A pause (ctx cancelled) finishes the message under way: what it
	// records is not cancelled with it.
	rec := context.WithoutCancel(ctx)
	failures := 0
	for ctx.Err() == nil {
		m, ok, err := sd.Outbox.NextQueued(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if c == nil {
			c, err = dialSMTP(sd.SMTP)
			if err != nil {
				failures++
				var se *smtp.SMTPError
				if errors.As(err, &se) || failures > MaxReconnects {
					return fmt.Errorf("SMTP: %s", Plainly(err))
				}
				c = nil
				if !sleep(ctx, sd.backoff(failures)) {
					return nil
				}
				continue
			}
		}
		reply, err := sd.send(rec, c, &m)
		switch {
		case err == nil:
			failures = 0
			sd.pause("after-dot")
			if err := sd.Outbox.MailSent(rec, m, reply); err != nil {
				return err
			}
			res.Sent++
			sd.pause("after-sent")
			if sd.IMAP != nil {
				sd.copyToSent(rec, l, m) // else copied by a later run
			}
		case errors.Is(err, errNotRecorded):
			// The "." was never sent: the server drops the message.
			c.Close()
			c = nil
			return err
		case isPermanent(err):
			if err := sd.Outbox.MailFailed(rec, m, errors.New(Plainly(err))); err != nil {
				return err
			}
			res.Failed++
			// Clear the refused transaction (Postfix answers the next MAIL
			// with "503 nested MAIL command" otherwise).
			if err := c.Reset(); err != nil {
				c.Close()
				c = nil
			}
		case errors.Is(err, errAfterData):
			// The line broke after the "." went out but before the server
			// said whether it took the message: settled by its proof copy.
			if err := sd.Outbox.MailUnknown(rec, m, doubtWords(m, sd.IMAP != nil, nil, sd.proofWait())); err != nil {
				return err
			}
			c.Close()
			c = nil
		default:
			// A temporary refusal (4xx, also to the ".") or a dropped
			// connection before the ".": queue it again and reconnect.
			if err := sd.Outbox.MailRetry(rec, m, errors.New(Plainly(err))); err != nil {
				return err
			}
			c.Close()
			c = nil
			failures++
			if failures > MaxReconnects {
				return fmt.Errorf("SMTP: gave up after %d tries: %s", failures, Plainly(err))
			}
			if !sleep(ctx, sd.backoff(failures)) {
				return nil
			}
		}
		done++
		if sd.Progress != nil {
			sd.Progress(done, total)
		}
	}
	return nil
}

// copyToSent puts a sent message in the Sent folder unless a copy is
// there already (one put there before a crash, or the server's own), so
// there is never a second copy; then it records the copy.
func (sd *Sender) copyToSent(ctx context.Context, l *imapLink, m data.Mail) error {
	err := l.do(func(mb *Mailbox) error {
		there, err := mb.InSent(m.MessageID)
		if err != nil || there {
			return err
		}
		if err := mb.AppendSent(m.Raw, sentAt(m)); err != nil {
			return err
		}
		sd.pause("after-append")
		return nil
	})
	if err != nil {
		return err
	}
	return sd.Outbox.MailCopied(ctx, m.ID)
}

// sentAt is the date a copy in Sent carries: when it was sent.
func sentAt(m data.Mail) time.Time {
	if !m.SentAt.IsZero() {
		return m.SentAt
	}
	return clock.Now()
}

// MaxReconnects is how many failed connections in a row end a run.
const MaxReconnects = 6

var (
	// errAfterData marks a failure after the final "." was sent.
	errAfterData = errors.New("connection lost after the message was sent")
	// errNotRecorded marks a message not sent because its "sending" could
	// not be recorded first.
	errNotRecorded = errors.New("not sent")
)

// send sends one message to its recipient and to the proof address in
// one transaction, records "sending" just before the final "." and
// returns the server's reply to it.
func (sd *Sender) send(ctx context.Context, c *smtp.Client, m *data.Mail) (string, error) {
	if err := c.Mail(sd.From, nil); err != nil {
		return "", err
	}
	if err := c.Rcpt(m.Recipient, nil); err != nil {
		return "", err
	}
	proof := sd.proofAddress()
	if strings.EqualFold(proof, m.Recipient) {
		proof = "" // the copy to the client is in the business's mailbox already
	} else if err := c.Rcpt(proof, nil); err != nil {
		if !isPermanent(err) {
			return "", err
		}
		proof = "" // a server that refuses the sender's own address: no proof
	}
	w, err := c.Data()
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(w, bytes.NewReader(m.Raw)); err != nil {
		return "", err // the caller drops the line: no "." goes out
	}
	if err := sd.Outbox.MailDot(ctx, m, proof); err != nil {
		return "", fmt.Errorf("%w: %w", errNotRecorded, err)
	}
	sd.pause("before-dot")
	resp, err := w.CloseWithResponse()
	if err != nil {
		var se *smtp.SMTPError
		if errors.As(err, &se) {
			return "", err
		}
		return "", fmt.Errorf("%w: %v", errAfterData, err)
	}
	return resp.StatusText, nil
}

// isPermanent reports a 5xx refusal: sending again would not help.
func isPermanent(err error) bool {
	var se *smtp.SMTPError
	return errors.As(err, &se) && se.Code >= 500
}

// sleep waits, or returns false when ctx is cancelled.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
