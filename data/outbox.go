package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// MailStatus is where a message stands in the outbox.
type MailStatus string

// The outbox statuses.
const (
	MailQueued  MailStatus = "queued"
	MailSending MailStatus = "sending"
	MailSent    MailStatus = "sent"
	MailFailed  MailStatus = "failed"
	MailUnknown MailStatus = "unknown" // a crash or dropped line left it unclear; the owner checks
)

// MaxTries is how many times a message is tried before it fails.
const MaxTries = 4

// Mail is one message in the outbox: written first, sent later.
type Mail struct {
	ID          int64
	ClientID    int64
	BatchID     int64
	Template    string
	MessageID   string
	Recipient   string
	Subject     string
	Raw         []byte
	Status      MailStatus
	Tries       int
	LastError   string
	ServerReply string
	Copied      bool // a copy is in the IMAP Sent folder
	CreatedAt   time.Time
	SentAt      time.Time
}

// Settings keys of email.
const (
	SettingFromName       = "mail_from_name"
	SettingFromAddress    = "mail_from_address"
	SettingSMTPHost       = "smtp_host"
	SettingSMTPPort       = "smtp_port"
	SettingSMTPSecurity   = "smtp_security" // starttls, tls or none
	SettingSMTPUser       = "smtp_user"
	SettingIMAPHost       = "imap_host"
	SettingIMAPPort       = "imap_port"
	SettingIMAPSecurity   = "imap_security"
	SettingIMAPUser       = "imap_user"
	SettingRepliesChecked = "replies_checked_at"
)

// Enqueue writes messages to the outbox in one transaction; they are sent
// later by the sender. A message whose Message-ID is queued already is
// not queued again.
func (s *Store) Enqueue(ctx context.Context, mails []Mail) (int, error) {
	n := 0
	now := formatTime(s.now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		for i := range mails {
			m := &mails[i]
			if m.MessageID == "" || m.Recipient == "" || len(m.Raw) == 0 {
				return fmt.Errorf("message to %q: no Message-ID, recipient or content", m.Recipient)
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO outbox (client_id, batch_id, template, message_id, recipient, subject, raw, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`,
				nullID(m.ClientID), nullID(m.BatchID), m.Template, m.MessageID, m.Recipient, m.Subject, m.Raw, now, now)
			if err != nil {
				return fmt.Errorf("queue message to %s: %w", m.Recipient, err)
			}
			if k, _ := res.RowsAffected(); k > 0 {
				m.ID, _ = res.LastInsertId()
				m.Status = MailQueued
				n++
			}
		}
		return nil
	})
	return n, err
}

const mailColumns = `id, coalesce(client_id, 0), coalesce(batch_id, 0), template, message_id, recipient, subject, raw, status, tries,
	last_error, server_reply, copied, created_at, sent_at`

func scanMail(row scanner) (Mail, error) {
	var m Mail
	var created, sent sql.NullString
	err := row.Scan(&m.ID, &m.ClientID, &m.BatchID, &m.Template, &m.MessageID, &m.Recipient, &m.Subject, &m.Raw, &m.Status, &m.Tries,
		&m.LastError, &m.ServerReply, &m.Copied, &created, &sent)
	m.CreatedAt, m.SentAt = parseTime(created), parseTime(sent)
	return m, err
}

// Outbox lists the messages with the given statuses (all when none),
// oldest first.
func (s *Store) Outbox(ctx context.Context, statuses ...MailStatus) ([]Mail, error) {
	q := "SELECT " + mailColumns + " FROM outbox"
	var args []any
	if len(statuses) > 0 {
		q += " WHERE status IN (" + strings.TrimSuffix(strings.Repeat("?,", len(statuses)), ",") + ")"
		for _, st := range statuses {
			args = append(args, string(st))
		}
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		m, err := scanMail(rows)
		if err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// OutboxCounts counts the messages by status.
func (s *Store) OutboxCounts(ctx context.Context) (map[MailStatus]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT status, count(*) FROM outbox GROUP BY status")
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	out := map[MailStatus]int{}
	for rows.Next() {
		var st MailStatus
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// NextQueued claims the oldest queued message: it is marked "sending"
// (with one more try) in a durable commit before a byte goes out, so a
// crash can never send it twice unnoticed. ok is false when none is left.
func (s *Store) NextQueued(ctx context.Context) (m Mail, ok bool, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		m, err = scanMail(tx.QueryRowContext(ctx, "SELECT "+mailColumns+" FROM outbox WHERE status = 'queued' ORDER BY id LIMIT 1"))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		ok = true
		m.Status, m.Tries = MailSending, m.Tries+1
		_, err = tx.ExecContext(ctx, "UPDATE outbox SET status = 'sending', tries = tries + 1, updated_at = ? WHERE id = ?", formatTime(s.now()), m.ID)
		return err
	})
	return m, ok, err
}

// setMail updates a message's status and notes.
func (s *Store) setMail(ctx context.Context, id int64, sets string, args ...any) error {
	args = append(args, formatTime(s.now()), id)
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE outbox SET "+sets+", updated_at = ? WHERE id = ?", args...)
		return oneRow(res, err, "message", id)
	})
}

// MailSent records that the server accepted a message, with its reply,
// and logs an email contact (a thank-you when it came from a batch).
func (s *Store) MailSent(ctx context.Context, m Mail, reply string) error {
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE outbox SET status = 'sent', server_reply = ?, last_error = '', sent_at = ?, updated_at = ? WHERE id = ?",
			reply, formatTime(now), formatTime(now), m.ID)
		if err := oneRow(res, err, "message", m.ID); err != nil {
			return err
		}
		if m.ClientID == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO contacts (client_id, at, kind, thank_you, batch_id, template, note, created_at)
			SELECT ?, ?, 'email', ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM clients WHERE id = ?)`,
			m.ClientID, formatTime(now), boolInt(m.BatchID != 0), nullID(m.BatchID), m.Template, m.Subject, formatTime(now), m.ClientID)
		return err
	})
	if err == nil {
		s.touched(ctx, m.ClientID)
	}
	return err
}

// MailRetry puts a message back in the queue after a passing error, or
// fails it for good after MaxTries.
func (s *Store) MailRetry(ctx context.Context, m Mail, cause error) error {
	if m.Tries >= MaxTries {
		return s.MailFailed(ctx, m, cause)
	}
	return s.setMail(ctx, m.ID, "status = 'queued', last_error = ?", cause.Error())
}

// MailFailed gives up on a message, with the server's words.
func (s *Store) MailFailed(ctx context.Context, m Mail, cause error) error {
	return s.setMail(ctx, m.ID, "status = 'failed', last_error = ?", cause.Error())
}

// MailUnknown holds a message whose fate is unclear for the owner to check.
func (s *Store) MailUnknown(ctx context.Context, m Mail, why string) error {
	return s.setMail(ctx, m.ID, "status = 'unknown', last_error = ?", why)
}

// MailCopied records that a copy is in the Sent folder.
func (s *Store) MailCopied(ctx context.Context, id int64) error {
	return s.setMail(ctx, id, "copied = 1")
}

// RequeueMail sends a failed or unknown message again, on the owner's word.
func (s *Store) RequeueMail(ctx context.Context, id int64) error {
	return s.setMail(ctx, id, "status = 'queued', tries = 0")
}

// ReplySeen records a reply's Message-ID; it reports false when it was
// recorded already, so each reply is logged once.
func (s *Store) ReplySeen(ctx context.Context, messageID string, clientID int64, at time.Time, subject string) (bool, error) {
	fresh := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "INSERT INTO replies_seen (message_id, client_id, logged_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			messageID, clientID, formatTime(s.now()))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		fresh = true
		_, err = tx.ExecContext(ctx, `INSERT INTO contacts (client_id, at, kind, note, created_at) VALUES (?, ?, 'reply', ?, ?)`,
			clientID, formatTime(at), subject, formatTime(s.now()))
		return err
	})
	if err != nil {
		return false, fmt.Errorf("log reply: %w", err)
	}
	if fresh {
		s.touched(ctx, clientID)
	}
	return fresh, nil
}

// ReplyKnown reports whether a reply with this Message-ID was logged
// already, so that a check reads only the new ones.
func (s *Store) ReplyKnown(ctx context.Context, messageID string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM replies_seen WHERE message_id = ?", messageID).Scan(&n); err != nil {
		return false, fmt.Errorf("look up reply %s: %w", messageID, err)
	}
	return n > 0, nil
}

// ClientByEmail finds the client (not in the trash) with an email address.
func (s *Store) ClientByEmail(ctx context.Context, email string) (Client, bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, "SELECT id FROM clients WHERE email = ? COLLATE NOCASE AND deleted_at IS NULL LIMIT 1", strings.TrimSpace(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Client{}, false, nil
	}
	if err != nil {
		return Client{}, false, err
	}
	c, err := s.Client(ctx, id)
	return c, err == nil, err
}

// MailByMessageID finds a message we sent by its Message-ID.
func (s *Store) MailByMessageID(ctx context.Context, id string) (Mail, bool, error) {
	m, err := scanMail(s.db.QueryRowContext(ctx, "SELECT "+mailColumns+" FROM outbox WHERE message_id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	return m, err == nil, err
}

// PendingMailClients is the set of clients with a message in the outbox
// that is not sent or failed (queued, sending or unknown), so that a
// batch run again never writes to them twice.
func (s *Store) PendingMailClients(ctx context.Context) (map[int64]bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT client_id FROM outbox WHERE client_id IS NOT NULL AND status IN ('queued', 'sending', 'unknown')")
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// UnsubscribeEmail records that a client asked for no more email: their
// email consent becomes "unsubscribed" and anything still queued for them
// is not sent. It reports whether their consent changed.
func (s *Store) UnsubscribeEmail(ctx context.Context, clientID int64) (bool, error) {
	changed := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE clients SET email_consent = 'unsubscribed', updated_at = ? WHERE id = ? AND email_consent <> 'unsubscribed'",
			formatTime(s.now()), clientID)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		changed = n > 0
		_, err = tx.ExecContext(ctx, "UPDATE outbox SET status = 'failed', last_error = 'the client asked for no more email', updated_at = ? WHERE client_id = ? AND status = 'queued'",
			formatTime(s.now()), clientID)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("unsubscribe client %d: %w", clientID, err)
	}
	if changed {
		s.touched(ctx, clientID)
	}
	return changed, nil
}
