package letters

import (
	"context"
	"errors"
	"fmt"
	"time"

	"regulars/data"
	"regulars/data/store"
	"regulars/letters/mail"
)

// OutboxSender is the sender of the book's outbox, set up the one way
// the window and the command line both use: the mail settings are read
// once (MailSettings: the servers, the From address, and the passwords
// given for this session, else those in the keyring) and handed to a
// mail.Sender over the book's outbox. The front ends add only their own
// hooks (progress, waiting). A *mail.PasswordNeeded error says which
// password to ask for.
func OutboxSender(ctx context.Context, s *store.Store, smtpPassword, imapPassword string) (*mail.Sender, error) {
	smtpSrv, imapSrv, from, err := MailSettings(ctx, s, smtpPassword, imapPassword)
	if err != nil {
		return nil, err
	}
	return &mail.Sender{Outbox: BookOutbox(s), SMTP: smtpSrv, IMAP: imapSrv, From: from}, nil
}

// BookOutbox is the book's outbox as a mail.Sender sends it: the Store,
// whose hold on the outbox (store.Store.HoldOutbox) is given as the
// function that releases it, so that package mail needs only the book's
// messages, never the Store.
func BookOutbox(s *store.Store) mail.Outbox { return bookOutbox{s} }

// bookOutbox is the Store as a mail.Outbox.
type bookOutbox struct{ *store.Store }

// HoldOutbox holds the book's outbox; another seat sending it is
// mail.ErrOutboxBusy.
func (b bookOutbox) HoldOutbox(ctx context.Context, wait time.Duration) (release func(), err error) {
	h, err := b.Store.HoldOutbox(ctx, wait)
	if errors.Is(err, store.ErrOutboxBusy) {
		return nil, mail.ErrOutboxBusy
	}
	if err != nil {
		return nil, err
	}
	return h.Release, nil
}

// Settle records the owner's word on a message in doubt: it arrived
// (delivered), or it did not and is queued again. With imapSrv set the
// business's mailbox is searched first, and a message found there is
// recorded delivered whatever was said (found), so that a wrong guess
// never sends it twice.
func Settle(ctx context.Context, s *store.Store, m data.Mail, delivered bool, imapSrv *mail.Server) (found bool, err error) {
	if m.Status != data.MailSending && m.Status != data.MailUnknown {
		return false, fmt.Errorf("message %d is %s, not in doubt", m.ID, m.Status)
	}
	if imapSrv != nil {
		mb, err := mail.OpenMailbox(*imapSrv)
		if err != nil {
			return false, fmt.Errorf("IMAP: %w", err)
		}
		found, err = mb.Delivered(m.MessageID)
		mb.Close()
		if err != nil {
			return false, fmt.Errorf("IMAP: %w", err)
		}
		if found {
			return true, s.MailSent(ctx, m, "accepted: found in your mailbox by its Message-ID")
		}
	}
	if delivered {
		return false, s.MailSent(ctx, m, "accepted, on the owner's word")
	}
	return false, s.MailNotDelivered(ctx, m, "not delivered, on the owner's word: queued again")
}
