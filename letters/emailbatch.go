package letters

import (
	"context"
	"fmt"
	"strings"

	"regulars/data"
	"regulars/data/store"
	"regulars/letters/mail"
)

// MailSettings reads the servers from the book; passwords come from the
// keyring, or from session, which wins (a password typed for this
// session, or REGULARS_SMTP_PASSWORD / REGULARS_IMAP_PASSWORD).
func MailSettings(ctx context.Context, s *store.Store, smtpPassword, imapPassword string) (smtpServer mail.Server, imapServer *mail.Server, from string, err error) {
	m, err := s.MailSettings(ctx)
	if err != nil {
		return smtpServer, nil, "", err
	}
	return MailServers(m, smtpPassword, imapPassword)
}

// MailSettingsFrom is MailSettings over settings given by get (the
// settings keys of data, e.g. data.SettingSMTPHost), so that values typed
// but not saved yet can be tried.
func MailSettingsFrom(get func(key string) string, smtpPassword, imapPassword string) (smtpServer mail.Server, imapServer *mail.Server, from string, err error) {
	return MailServers(data.MailSettingsFrom(get), smtpPassword, imapPassword)
}

// MailServers are the servers and the From address of the mail settings,
// with the passwords given (those in the keyring when none is). A port
// not set is the protocol's usual one (587, 993); a security not set is
// the one the port stands for (993 → TLS), else STARTTLS.
func MailServers(m data.MailSettings, smtpPassword, imapPassword string) (smtpServer mail.Server, imapServer *mail.Server, from string, err error) {
	from = m.FromAddress
	port := func(n, def int) int {
		if n == 0 {
			return def
		}
		return n
	}
	sec := func(s string, port int) mail.Security { return mail.SecurityFor(mail.Security(s), port) }
	sp := port(m.SMTP.Port, 587)
	smtpServer = mail.Server{Host: m.SMTP.Host, Port: sp, Security: sec(m.SMTP.Security, sp), User: m.SMTP.User, Password: smtpPassword}
	var missing error
	if smtpServer.User != "" && smtpServer.Password == "" {
		smtpServer.Password, missing = mail.LoadPassword("smtp", smtpServer.User)
	}
	if h := m.IMAP.Host; h != "" {
		ip := port(m.IMAP.Port, 993)
		im := mail.Server{Host: h, Port: ip, Security: sec(m.IMAP.Security, ip), User: m.IMAP.User, Password: imapPassword}
		if im.User != "" && im.Password == "" {
			var err error
			if im.Password, err = mail.LoadPassword("imap", im.User); missing == nil {
				missing = err
			}
		}
		imapServer = &im
	}
	if smtpServer.Host == "" {
		return smtpServer, imapServer, from, fmt.Errorf("the SMTP server is not set (Settings, or `regulars mail --smtp-host`)")
	}
	if from == "" {
		return smtpServer, imapServer, from, fmt.Errorf("the From address is not set (Settings, or `regulars mail --from`)")
	}
	return smtpServer, imapServer, from, missing
}

// SkipInOutbox ends the skip note of a client who has a message queued or
// in doubt in the outbox: a batch never writes to them twice.
const SkipInOutbox = "a message to them is already in the outbox"

// PrepareEmails composes a batch's thank-you emails, one per client, from
// the template (or the text typed for a client in texts). Clients who
// cannot be emailed (no address, unsubscribed, do not contact) are left
// out and named in skipped.
func PrepareEmails(ctx context.Context, s *store.Store, b data.Batch, t data.Template, clients []data.Client, texts map[int64]string) (mails []data.Mail, skipped []string, err error) {
	bs, err := s.BusinessSettings(ctx)
	if err != nil {
		return nil, nil, err
	}
	ms, err := s.MailSettings(ctx)
	if err != nil {
		return nil, nil, err
	}
	business, fromName, from := strings.TrimSpace(bs.Name), ms.FromName, ms.FromAddress
	if fromName == "" {
		fromName = business
	}
	var postal []string
	for _, l := range strings.Split(bs.Address, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			postal = append(postal, l)
		}
	}
	pending, err := s.PendingMailClients(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range clients {
		switch {
		case pending[c.ID]:
			skipped = append(skipped, c.Name()+": "+SkipInOutbox)
			continue
		case c.DoNotContact:
			skipped = append(skipped, c.Name()+": do not contact")
			continue
		case c.EmailConsent == data.ConsentUnsubscribed:
			skipped = append(skipped, c.Name()+": unsubscribed from email")
			continue
		case c.Email == "":
			skipped = append(skipped, c.Name()+": no email address")
			continue
		}
		f, err := s.MergeFieldsForBatch(ctx, c, b)
		if err != nil {
			return nil, nil, err
		}
		m, err := t.Merge(f)
		if err != nil {
			return nil, nil, fmt.Errorf("template %s for %s: %w", t.Name, c.Name(), err)
		}
		if text, ok := texts[c.ID]; ok {
			m.Body = text
		}
		if m.Subject == "" {
			m.Subject = "Thank you, " + f.FirstName
		}
		raw, id, err := mail.Compose(mail.Email{FromName: fromName, FromAddress: from, ToName: c.Name(), ToAddress: c.Email,
			Subject: m.Subject, Text: m.Body, Business: business, Postal: postal})
		if err != nil {
			return nil, nil, err
		}
		mails = append(mails, data.Mail{ClientID: c.ID, BatchID: b.ID, Template: t.Name, MessageID: id, Recipient: c.Email, Subject: m.Subject, Raw: raw})
	}
	return mails, skipped, nil
}
