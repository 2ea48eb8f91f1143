package letters

import (
	"context"

	"regulars/data"
	"regulars/letters/mail"
)

// OutboxSender is the sender of the book's outbox, set up the one way
// the window and the command line both use: the mail settings are read
// once (MailSettings: the servers, the From address, and the passwords
// given for this session, else those in the keyring) and handed to a
// mail.Sender over the book's outbox. The front ends add only their own
// hooks (progress, waiting). A *mail.PasswordNeeded error says which
// password to ask for.
func OutboxSender(ctx context.Context, s *data.Store, smtpPassword, imapPassword string) (*mail.Sender, error) {
	smtpSrv, imapSrv, from, err := MailSettings(ctx, s, smtpPassword, imapPassword)
	if err != nil {
		return nil, err
	}
	return &mail.Sender{Outbox: s, SMTP: smtpSrv, IMAP: imapSrv, From: from}, nil
}
