package letters

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"regulars/data"
	"regulars/data/store"
	"regulars/letters/mail"
)

// MailSettings reads the servers from the book; passwords come from the
// keyring, or from session, which wins (a password typed for this
// session, or REGULARS_SMTP_PASSWORD / REGULARS_IMAP_PASSWORD).
func MailSettings(ctx context.Context, s *store.Store, smtpPassword, imapPassword string) (smtpServer mail.Server, imapServer *mail.Server, from string, err error) {
	return MailSettingsFrom(func(k string) string { v, _ := s.Setting(ctx, k); return v }, smtpPassword, imapPassword)
}

// MailSettingsFrom is MailSettings over settings given by get (the
// settings keys of data, e.g. data.SettingSMTPHost), so that values typed
// but not saved yet can be tried. A security not set is the one the port
// stands for (993 → TLS), else STARTTLS.
func MailSettingsFrom(get func(key string) string, smtpPassword, imapPassword string) (smtpServer mail.Server, imapServer *mail.Server, from string, err error) {
	value := func(k string) string { return strings.TrimSpace(get(k)) }
	from = value(data.SettingFromAddress)
	port := func(k string, def int) int {
		if n, err := strconv.Atoi(value(k)); err == nil {
			return n
		}
		return def
	}
	sec := func(k string, port int) mail.Security { return mail.SecurityFor(mail.Security(value(k)), port) }
	sp := port(data.SettingSMTPPort, 587)
	smtpServer = mail.Server{Host: value(data.SettingSMTPHost), Port: sp, Security: sec(data.SettingSMTPSecurity, sp), User: value(data.SettingSMTPUser), Password: smtpPassword}
	var missing error
	if smtpServer.User != "" && smtpServer.Password == "" {
		smtpServer.Password, missing = mail.LoadPassword("smtp", smtpServer.User)
	}
	if h := value(data.SettingIMAPHost); h != "" {
		ip := port(data.SettingIMAPPort, 993)
		im := mail.Server{Host: h, Port: ip, Security: sec(data.SettingIMAPSecurity, ip), User: value(data.SettingIMAPUser), Password: imapPassword}
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
	get := func(k string) string { v, _ := s.Setting(ctx, k); return strings.TrimSpace(v) }
	business, fromName, from := get(data.SettingBusinessName), get(data.SettingFromName), get(data.SettingFromAddress)
	if fromName == "" {
		fromName = business
	}
	var postal []string
	for _, l := range strings.Split(get(data.SettingBusinessAddress), "\n") {
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
