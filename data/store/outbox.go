package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"regulars/data"
)

// Enqueue writes messages to the outbox in one transaction; they are sent
// later by the sender. A message whose Message-ID is queued already is
// not queued again.
func (s *Store) Enqueue(ctx context.Context, mails []data.Mail) (int, error) {
	n := 0
	now := formatTime(s.now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		for i := range mails {
			m := &mails[i]
			if m.MessageID == "" || m.Recipient == "" || len(m.Raw) == 0 {
				return fmt.Errorf("message to %q: no Message-ID, recipient or content", m.Recipient)
			}
			// A message queued already (its Message-ID) gives no row.
			err := tx.QueryRowContext(ctx, `INSERT INTO outbox (client_id, batch_id, template, message_id, recipient, subject, raw, proof_to, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING RETURNING id`,
				nullID(m.ClientID), nullID(m.BatchID), m.Template, m.MessageID, m.Recipient, m.Subject, m.Raw, m.ProofTo, now, now).Scan(&m.ID)
			switch {
			case errors.Is(err, sql.ErrNoRows):
			case err != nil:
				return fmt.Errorf("queue message to %s: %w", m.Recipient, err)
			default:
				m.Status = data.MailQueued
				n++
			}
		}
		return nil
	})
	return n, err
}

const mailColumns = `id, coalesce(client_id, 0), coalesce(batch_id, 0), template, message_id, recipient, subject, raw, status, tries,
	last_error, server_reply, copied, proof_to, dot_at, created_at, sent_at`

func scanMail(row scanner) (data.Mail, error) {
	var m data.Mail
	var dot, created, sent sql.NullString
	err := row.Scan(&m.ID, &m.ClientID, &m.BatchID, &m.Template, &m.MessageID, &m.Recipient, &m.Subject, &m.Raw, &m.Status, &m.Tries,
		&m.LastError, &m.ServerReply, &m.Copied, &m.ProofTo, &dot, &created, &sent)
	m.DotAt, m.CreatedAt, m.SentAt = parseTime(dot), parseTime(created), parseTime(sent)
	return m, err
}

// Outbox lists the messages with the given statuses (all when none),
// oldest first.
func (s *Store) Outbox(ctx context.Context, statuses ...data.MailStatus) ([]data.Mail, error) {
	q := "SELECT " + mailColumns + " FROM outbox"
	var args []any
	if len(statuses) > 0 {
		q += " WHERE status IN (" + strings.TrimSuffix(strings.Repeat("?,", len(statuses)), ",") + ")"
		for _, st := range statuses {
			args = append(args, string(st))
		}
	}
	return s.mails(ctx, q+" ORDER BY id", args...)
}

// mails reads the messages a query of mailColumns finds.
func (s *Store) mails(ctx context.Context, query string, args ...any) ([]data.Mail, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []data.Mail
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
func (s *Store) OutboxCounts(ctx context.Context) (map[data.MailStatus]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT status, count(*) FROM outbox GROUP BY status")
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	out := map[data.MailStatus]int{}
	for rows.Next() {
		var st data.MailStatus
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// NextQueued finds the oldest queued message; ok is false when none is
// left. Nothing is written: until MailDot, a crash leaves the message
// queued, and sending it again is safe because an SMTP server delivers
// nothing of a transaction that did not end with the final ".".
func (s *Store) NextQueued(ctx context.Context) (m data.Mail, ok bool, err error) {
	m, err = scanMail(s.db.QueryRowContext(ctx, "SELECT "+mailColumns+" FROM outbox WHERE status = 'queued' ORDER BY id LIMIT 1"))
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("outbox: %w", err)
	}
	return m, true, nil
}

// MailDot records, durably, that the final "." of a queued message is
// about to be sent, with the proof recipient the transaction carries
// (empty when the server refused it). From this commit on the message
// is "sending": its fate is unknown until the server's reply is recorded,
// and it is never sent again without a look for its proof copy.
func (s *Store) MailDot(ctx context.Context, m *data.Mail, proofTo string) error {
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE outbox SET status = 'sending', proof_to = ?, dot_at = ?, updated_at = ? WHERE id = ? AND status = 'queued'",
			proofTo, formatTime(now), formatTime(now), m.ID)
		return oneRow(res, err, "queued message", m.ID)
	})
	if err != nil {
		return fmt.Errorf("record the sending of message %d: %w", m.ID, err)
	}
	m.Status, m.ProofTo, m.DotAt = data.MailSending, proofTo, now
	return nil
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
// and logs an email contact (a thank-you when it came from a batch) in
// the same transaction. A message already recorded as sent is left as it
// is, so that the contact is logged exactly once whichever way (the
// server's reply, or its proof copy found after a crash) tells first.
func (s *Store) MailSent(ctx context.Context, m data.Mail, reply string) error {
	now := s.now()
	logged := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE outbox SET status = 'sent', server_reply = ?, last_error = '', sent_at = ?, updated_at = ? WHERE id = ? AND status <> 'sent'",
			reply, formatTime(now), formatTime(now), m.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			// Sent already (and logged then), or not in the outbox at all.
			var one int
			return tx.QueryRowContext(ctx, "SELECT 1 FROM outbox WHERE id = ?", m.ID).Scan(&one)
		}
		if m.ClientID == 0 {
			return nil
		}
		logged = true
		// The email's occasion is its batch's (a thank-you when the batch
		// says nothing); a make-it-right email answers its complaint.
		occasion := ""
		if m.BatchID != 0 {
			occasion = string(data.OccasionThanks)
			var o sql.NullString
			if err := tx.QueryRowContext(ctx, "SELECT occasion FROM batches WHERE id = ?", m.BatchID).Scan(&o); err == nil && o.String != "" {
				occasion = o.String
			}
		}
		var complaint any
		if occasion == string(data.OccasionSorry) {
			var b data.Batch
			var from, to string
			if err := tx.QueryRowContext(ctx, "SELECT period_from, period_to FROM batches WHERE id = ?", m.BatchID).Scan(&from, &to); err == nil {
				b.From, _ = time.ParseInLocation(data.DateLayout, from, time.Local)
				b.To, _ = time.ParseInLocation(data.DateLayout, to, time.Local)
				complaint = answeredComplaint(ctx, tx, m.ClientID, b)
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO contacts (client_id, at, kind, thank_you, batch_id, template, note, occasion, complaint_id, created_at)
			SELECT ?, ?, 'email', ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM clients WHERE id = ?)`,
			m.ClientID, formatTime(now), boolInt(occasion == string(data.OccasionThanks)), nullID(m.BatchID), m.Template, m.Subject, occasion, complaint, formatTime(now), m.ClientID)
		return err
	})
	if err != nil {
		return fmt.Errorf("record message %d as sent: %w", m.ID, err)
	}
	if logged {
		s.touched(ctx, m.ClientID)
	}
	return nil
}

// MailRetry puts a message whose sending failed before its final "."
// (or that the server refused for now, 4xx) back in the queue with one
// more try, or fails it for good at MaxTries.
func (s *Store) MailRetry(ctx context.Context, m data.Mail, cause error) error {
	if m.Tries+1 >= data.MaxTries {
		return s.setMail(ctx, m.ID, "status = 'failed', tries = tries + 1, dot_at = NULL, last_error = ?", cause.Error())
	}
	return s.setMail(ctx, m.ID, "status = 'queued', tries = tries + 1, dot_at = NULL, last_error = ?", cause.Error())
}

// MailFailed gives up on a message the server refused, with its words.
func (s *Store) MailFailed(ctx context.Context, m data.Mail, cause error) error {
	return s.setMail(ctx, m.ID, "status = 'failed', dot_at = NULL, last_error = ?", cause.Error())
}

// MailUnknown holds a message whose final "." may have reached the
// server, with what is awaited or what the owner can do.
func (s *Store) MailUnknown(ctx context.Context, m data.Mail, why string) error {
	return s.setMail(ctx, m.ID, "status = 'unknown', last_error = ?", why)
}

// MailNotDelivered queues again a "sending" or "unknown" message found
// not delivered: its proof copy did not arrive in the business's mailbox
// within the wait, or the owner looked and says so.
func (s *Store) MailNotDelivered(ctx context.Context, m data.Mail, why string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE outbox SET status = 'queued', dot_at = NULL, last_error = ?, updated_at = ? WHERE id = ? AND status IN ('sending', 'unknown')",
			why, formatTime(s.now()), m.ID)
		return oneRow(res, err, "message in doubt", m.ID)
	})
	if err != nil {
		return fmt.Errorf("queue message %d again: %w", m.ID, err)
	}
	return nil
}

// MailCopied records that a copy is in the Sent folder.
func (s *Store) MailCopied(ctx context.Context, id int64) error {
	return s.setMail(ctx, id, "copied = 1")
}

// RequeueMail sends a failed message again, on the owner's word. A
// message whose delivery is unknown is refused with ErrFateUnknown: it is
// settled by the look for its proof copy (on the next send) or by
// MailNotDelivered, never by sending it blindly.
func (s *Store) RequeueMail(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var st data.MailStatus
		if err := tx.QueryRowContext(ctx, "SELECT status FROM outbox WHERE id = ?", id).Scan(&st); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("there is no message %d in the outbox", id)
		} else if err != nil {
			return err
		}
		switch st {
		case data.MailFailed:
		case data.MailSending, data.MailUnknown:
			return fmt.Errorf("message %d: %w", id, data.ErrFateUnknown)
		default:
			return fmt.Errorf("message %d is %s, not failed", id, st)
		}
		_, err := tx.ExecContext(ctx, "UPDATE outbox SET status = 'queued', tries = 0, dot_at = NULL, updated_at = ? WHERE id = ?", formatTime(s.now()), id)
		return err
	})
}

// MailByID finds a message of the outbox.
func (s *Store) MailByID(ctx context.Context, id int64) (data.Mail, error) {
	m, err := scanMail(s.db.QueryRowContext(ctx, "SELECT "+mailColumns+" FROM outbox WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("there is no message %d in the outbox", id)
	}
	return m, err
}

// Uncopied lists the sent messages with no copy in the Sent folder yet,
// oldest first, for the sender to copy (the IMAP server may have been
// away when they went out).
func (s *Store) Uncopied(ctx context.Context) ([]data.Mail, error) {
	return s.mails(ctx, "SELECT "+mailColumns+" FROM outbox WHERE status = 'sent' AND copied = 0 ORDER BY id")
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
func (s *Store) ClientByEmail(ctx context.Context, email string) (data.Client, bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, "SELECT id FROM clients WHERE email = ? COLLATE NOCASE AND deleted_at IS NULL LIMIT 1", strings.TrimSpace(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Client{}, false, nil
	}
	if err != nil {
		return data.Client{}, false, err
	}
	c, err := s.Client(ctx, id)
	return c, err == nil, err
}

// MailByMessageID finds a message we sent by its Message-ID.
func (s *Store) MailByMessageID(ctx context.Context, id string) (data.Mail, bool, error) {
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
	out, err := s.idSet(ctx, "SELECT DISTINCT client_id FROM outbox WHERE client_id IS NOT NULL AND status IN ('queued', 'sending', 'unknown')")
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	return out, nil
}

// UnsubscribeEmail records that a client asked for no more email: their
// email consent becomes "unsubscribed" and anything still queued for them
// is not sent. It reports whether their consent changed.
func (s *Store) UnsubscribeEmail(ctx context.Context, clientID int64) (bool, error) {
	changed := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE clients SET email_consent = 'unsubscribed', updated_at = ?, version = version + 1 WHERE id = ? AND email_consent <> 'unsubscribed'",
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
