// Messages in doubt: a run that ended between handing a message to the
// SMTP server and recording it looks for it in the Sent folder before
// anything is sent again.

package mail

import (
	"context"
	"errors"
	"fmt"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

// imapLink is the IMAP connection of a run, reopened once when it drops.
type imapLink struct {
	srv *Server
	mb  *Mailbox
}

// do runs f on the mailbox, reconnecting and trying once more when it
// fails (a dropped connection).
func (l *imapLink) do(f func(*Mailbox) error) error {
	if l.srv == nil {
		return errors.New("no IMAP server is set")
	}
	if l.mb != nil {
		if err := f(l.mb); err == nil {
			return nil
		}
		l.mb.Close()
		l.mb = nil
	}
	mb, err := OpenMailbox(*l.srv)
	if err != nil {
		return err
	}
	l.mb = mb
	return f(mb)
}

func (l *imapLink) close() {
	if l.mb != nil {
		l.mb.Close()
		l.mb = nil
	}
}

// recover settles the messages in doubt ("sending" or "unknown") by
// looking for them in the business's mailbox: found, they are recorded
// sent (and the contact logged); not found ProofWait after their final
// ".", queued again; otherwise held as unknown with what is awaited. It
// returns how many are still in doubt.
func (sd *Sender) recover(ctx context.Context, l *imapLink, res *Result) (left int, err error) {
	doubt, err := sd.Outbox.Outbox(ctx, data.MailSending, data.MailUnknown)
	if err != nil {
		return 0, err
	}
	rec := context.WithoutCancel(ctx) // settled is settled, even when paused
	for _, m := range doubt {
		found, lookErr := false, error(nil)
		if sd.IMAP != nil {
			lookErr = l.do(func(mb *Mailbox) (err error) { found, err = mb.Delivered(m.MessageID); return err })
		}
		switch {
		case found:
			if err := sd.Outbox.MailSent(rec, m, "accepted: found in your mailbox by its Message-ID after an interruption"); err != nil {
				return left, err
			}
			res.Recovered++
			res.Proven++
		case sd.IMAP != nil && lookErr == nil && m.ProofTo != "" && !m.DotAt.IsZero() && clock.Now().Sub(m.DotAt) >= sd.proofWait():
			why := fmt.Sprintf("sent again: its copy to %s did not arrive within %s of an interrupted sending, so the server never took it", m.ProofTo, sd.proofWait())
			if err := sd.Outbox.MailNotDelivered(rec, m, why); err != nil {
				return left, err
			}
			res.Recovered++
			res.Requeued++
		default:
			left++
			if err := sd.Outbox.MailUnknown(rec, m, doubtWords(m, sd.IMAP != nil, lookErr, sd.proofWait())); err != nil {
				return left, err
			}
		}
	}
	return left, nil
}

// doubtWords says why a message is in doubt and what settles it; never
// "send it again" without a look for its proof copy.
func doubtWords(m data.Mail, haveIMAP bool, lookErr error, wait time.Duration) string {
	switch {
	case haveIMAP && lookErr != nil:
		return "sending was interrupted; the mailbox could not be searched for it (" + Plainly(lookErr) + "): the next send looks again"
	case haveIMAP && m.ProofTo != "" && !m.DotAt.IsZero():
		return fmt.Sprintf("sending was interrupted; waiting for its copy to %s in your mailbox (sent again if it has not come by %s)",
			m.ProofTo, m.DotAt.Add(wait).Local().Format("15:04"))
	case m.ProofTo != "":
		return fmt.Sprintf("sending was interrupted; look in the mailbox of %s for the copy with the subject “%s”: if it is there, run `regulars outbox --delivered %d`; if it has not come by %s, `regulars outbox --not-delivered %d` sends it again (or set the IMAP server so that Regulars looks itself)",
			m.ProofTo, m.Subject, m.ID, m.DotAt.Add(wait).Local().Format("2006-01-02 15:04"), m.ID)
	default:
		return fmt.Sprintf("sending was interrupted and no copy to your own address went with it; ask %s whether it arrived, then run `regulars outbox --delivered %d` or `regulars outbox --not-delivered %d`",
			m.Recipient, m.ID, m.ID)
	}
}
