package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"regulars/data"
)

// DefaultPeriod is the period a new thank-you batch starts from (see
// OccasionPeriod).
func (s *Store) DefaultPeriod(ctx context.Context, ch data.Channel, now time.Time) (from, to time.Time, err error) {
	return s.OccasionPeriod(ctx, data.OccasionThanks, ch, now)
}

// OccasionPeriod is the period a new batch of an occasion starts from:
// the day after the last sent batch of that occasion and channel ended,
// or the first of last month when there is none; it ends today
// (inclusive). A we-miss-you batch does not move the thank-yous' period,
// and a note to one client moves nothing. A thank-you batch's period is
// the thank-you window (see ThanksDue and ThanksFrom) whatever was sent.
func (s *Store) OccasionPeriod(ctx context.Context, o data.Occasion, ch data.Channel, now time.Time) (from, to time.Time, err error) {
	n := now.In(time.Local)
	to = time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.Local).AddDate(0, 0, 1)
	from = time.Date(n.Year(), n.Month()-1, 1, 0, 0, 0, 0, time.Local)
	if o == data.OccasionThanks {
		// A thank-you follows a recent visit, whatever batch went before:
		// the period is the thank-you window, the same as Today's, and
		// never-twice is the rule's own (a visit after the last thanks).
		within, err := s.ThanksWithin(ctx)
		if err != nil {
			return from, to, err
		}
		return data.ThanksFrom(within, now, time.Local), to, nil
	}
	var last sql.NullString
	if err := s.db.QueryRowContext(ctx, "SELECT max(period_to) FROM batches WHERE channel = ? AND occasion = ? AND sent_at IS NOT NULL AND single = 0", string(ch), string(o)).Scan(&last); err != nil {
		return from, to, fmt.Errorf("last batch: %w", err)
	}
	if last.Valid {
		if t, err := time.ParseInLocation(data.DateLayout, last.String, time.Local); err == nil && t.Before(to) {
			from = t
		}
	}
	return from, to, nil
}

// ThankYouCandidates lists who a batch thanks: clients not in the trash,
// not "do not contact", with a visit in the period after their last
// thank-you, and reachable on the channel (see reachable). Oldest visit
// first. It is DueFor of the thank-you occasion, without the reasons.
func (s *Store) ThankYouCandidates(ctx context.Context, ch data.Channel, from, to time.Time) ([]data.Client, error) {
	due, err := s.DueFor(ctx, data.OccasionThanks, ch, from, to, to)
	if err != nil {
		return nil, err
	}
	return data.Clients(due), nil
}

// prefixed puts a table alias before each column of a list.
func prefixed(alias, cols string) string {
	var out []byte
	start := true
	for i := 0; i < len(cols); i++ {
		ch := cols[i]
		if start && ch != ' ' && ch != '\n' && ch != '\t' {
			out = append(out, alias...)
			start = false
		}
		if ch == ',' {
			start = true
		}
		out = append(out, ch)
	}
	return string(out)
}

// CreateBatch records a new batch and sets b.ID.
func (s *Store) CreateBatch(ctx context.Context, b *data.Batch) error {
	if b.Channel != data.ChannelPost && b.Channel != data.ChannelEmail {
		return fmt.Errorf("unknown channel %q", b.Channel)
	}
	if !b.From.Before(b.To) {
		return fmt.Errorf("the period must end after it starts")
	}
	if b.Occasion == "" {
		b.Occasion = data.OccasionThanks
	}
	b.CreatedAt = s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "INSERT INTO batches (occasion, single, channel, period_from, period_to, template, layout, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			string(b.Occasion), boolInt(b.Single), string(b.Channel), b.From.In(time.Local).Format(data.DateLayout), b.To.In(time.Local).Format(data.DateLayout), b.Template, b.Layout, formatTime(b.CreatedAt)).Scan(&b.ID)
		if err != nil {
			return fmt.Errorf("create batch: %w", err)
		}
		return nil
	})
}

// MarkBatchSent logs one contact of the batch's occasion (a card or an
// email, with the batch and the template; a thank-you for the thanks
// occasion; the complaint answered for a make-it-right note) for each
// client, in one transaction, and marks the batch sent. A client already
// logged for this batch is not logged again. It returns how many contacts
// were logged.
func (s *Store) MarkBatchSent(ctx context.Context, b data.Batch, clientIDs []int64, at time.Time) (int, error) {
	kind := data.ContactCard
	if b.Channel == data.ChannelEmail {
		kind = data.ContactEmail
	}
	if b.Occasion == "" {
		b.Occasion = data.OccasionThanks
	}
	thanks := boolInt(b.Occasion == data.OccasionThanks)
	n := 0
	err := s.write(ctx, func(tx *sql.Tx) error {
		// Two seats may have drafted the same batch, or one each of the
		// same occasion and period: the first to mark it sent wins, the
		// other is told (on a server the marks take turns: SQLite's
		// writes always do).
		if err := s.eng.Serialize(ctx, tx, batchLockKey); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE batches SET sent_at = ? WHERE id = ? AND sent_at IS NULL", formatTime(s.now()), b.ID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return s.alreadySent(ctx, tx, "SELECT sent_at FROM batches WHERE id = ?", b.ID)
		}
		if !b.Single {
			if err := s.alreadySent(ctx, tx, `SELECT max(sent_at) FROM batches WHERE id <> ? AND channel = ? AND occasion = ? AND single = 0
				AND sent_at IS NOT NULL AND sent_at >= ? AND period_from < ? AND period_to > ?`,
				b.ID, string(b.Channel), string(b.Occasion), formatTime(b.CreatedAt),
				b.To.In(time.Local).Format(data.DateLayout), b.From.In(time.Local).Format(data.DateLayout)); err != nil {
				return err
			}
		}
		for _, id := range clientIDs {
			var exists int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM contacts WHERE batch_id = ? AND client_id = ?", b.ID, id).Scan(&exists); err != nil {
				return err
			}
			if exists > 0 {
				continue
			}
			var complaint any
			if b.Occasion == data.OccasionSorry {
				complaint = answeredComplaint(ctx, tx, id, b)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (client_id, at, kind, thank_you, batch_id, template, occasion, complaint_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, formatTime(at), string(kind), thanks, b.ID, b.Template, string(b.Occasion), complaint, formatTime(s.now())); err != nil {
				return fmt.Errorf("client %d: %w", id, err)
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("mark batch %d sent: %w", b.ID, err)
	}
	s.touched(ctx, clientIDs...)
	return n, nil
}

// answeredComplaint is the complaint a make-it-right note of a batch
// answers for a client: the first resolved in the batch's period and not
// yet followed by a note; nil when there is none.
func answeredComplaint(ctx context.Context, tx *sql.Tx, clientID int64, b data.Batch) any {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT k.id FROM complaints k WHERE k.client_id = ? AND k.resolved_on >= ? AND k.resolved_on < ?
		AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.complaint_id = k.id) ORDER BY k.resolved_on, k.id LIMIT 1`,
		clientID, b.From.In(time.Local).Format(data.DateLayout), b.To.In(time.Local).Format(data.DateLayout)).Scan(&id)
	if err != nil {
		return nil
	}
	return id
}

// DraftBatch returns the unsent batch of the same channel, period,
// template and layout, or starts one, so that printing the same batch
// again writes every card exactly as before.
func (s *Store) DraftBatch(ctx context.Context, b *data.Batch) error {
	_, err := s.StartDraftBatch(ctx, b)
	return err
}

// StartDraftBatch is DraftBatch that also says whether the batch was
// started now, so that a run that fails can take it back (DiscardDraft)
// and leave no batch behind.
func (s *Store) StartDraftBatch(ctx context.Context, b *data.Batch) (bool, error) {
	var id int64
	var created string
	if b.Occasion == "" {
		b.Occasion = data.OccasionThanks
	}
	err := s.db.QueryRowContext(ctx, `SELECT id, created_at FROM batches WHERE sent_at IS NULL AND single = 0 AND occasion = ? AND channel = ? AND period_from = ?
		AND period_to = ? AND template = ? AND layout = ? ORDER BY id DESC LIMIT 1`,
		string(b.Occasion), string(b.Channel), b.From.In(time.Local).Format(data.DateLayout), b.To.In(time.Local).Format(data.DateLayout), b.Template, b.Layout).Scan(&id, &created)
	if err == nil {
		b.ID = id
		b.CreatedAt, _ = time.Parse(timeLayout, created)
		return false, nil
	}
	if err != sql.ErrNoRows {
		return false, fmt.Errorf("draft batch: %w", err)
	}
	if err := s.CreateBatch(ctx, b); err != nil {
		return false, err
	}
	return true, nil
}

// DiscardDraft deletes a batch started by a run that failed: only while it
// is unsent and nothing (a contact, a queued email) refers to it.
func (s *Store) DiscardDraft(ctx context.Context, b data.Batch) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM batches WHERE id = ? AND sent_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM contacts WHERE batch_id = ?)
			AND NOT EXISTS (SELECT 1 FROM outbox WHERE batch_id = ?)`, b.ID, b.ID, b.ID)
		if err != nil {
			return fmt.Errorf("discard draft batch %d: %w", b.ID, err)
		}
		return nil
	})
}

// MarkBatchQueued records that an email batch's messages are in the
// outbox: each is logged as a thank-you when the server takes it.
func (s *Store) MarkBatchQueued(ctx context.Context, b data.Batch) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE batches SET sent_at = ? WHERE id = ?", formatTime(s.now()), b.ID)
		return err
	})
}

// alreadySent runs query, which gives the time a batch was marked sent,
// and returns a *BatchSentError when it gives one.
func (s *Store) alreadySent(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	var at sql.NullString
	if err := tx.QueryRowContext(ctx, query, args...).Scan(&at); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if at.Valid && at.String != "" {
		return &data.BatchSentError{At: parseTime(at)}
	}
	return nil
}

// batchLockKey names the lock that has seats mark batches sent in turn.
const batchLockKey = int64(ApplicationID)<<8 | 2
