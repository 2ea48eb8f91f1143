package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"regulars/data"
)

// A Bulk adds rows to the book by the hundred thousand inside one
// transaction of WriteBulk, without the checks and the bookkeeping of the
// Store's one-at-a-time writes: for the demo book, whose clients and
// visits are made up but must look like a shop's.
type Bulk struct {
	ctx                                              context.Context
	insClient, insTag, insVisit, insContact, insCard *sql.Stmt
}

// WriteBulk runs fn in one write transaction readied for a very large
// write: all of it is saved or none. On a file, a large page cache keeps
// the transaction's pages in memory instead of spilling them to the
// journal. The search index is built again afterwards, on its next use.
func (s *Store) WriteBulk(ctx context.Context, fn func(b *Bulk) error) error {
	defer s.index.Reset()
	return s.write(ctx, func(tx *sql.Tx) error {
		undo, err := s.eng.BulkWrite(ctx, tx)
		if err != nil {
			return err
		}
		defer undo()
		b := &Bulk{ctx: ctx}
		b.insClient, err = tx.PrepareContext(ctx, "INSERT INTO clients ("+editableColumns+", created_at, updated_at) VALUES ("+
			strings.TrimSuffix(strings.Repeat("?, ", len(strings.Split(editableColumns, ","))+2), ", ")+") RETURNING id")
		if err != nil {
			return err
		}
		b.insTag, err = tx.PrepareContext(ctx, "INSERT INTO client_tags (client_id, tag) VALUES (?, ?)")
		if err != nil {
			return err
		}
		b.insVisit, err = tx.PrepareContext(ctx, "INSERT INTO visits (client_id, at, staff_id, what, amount_cents, note, created_at) VALUES (?, ?, ?, ?, ?, '', ?) RETURNING id")
		if err != nil {
			return err
		}
		b.insContact, err = tx.PrepareContext(ctx, "INSERT INTO contacts (client_id, at, kind, visit_id, staff_id, created_at) VALUES (?, ?, 'visit', ?, ?, ?)")
		if err != nil {
			return err
		}
		b.insCard, err = tx.PrepareContext(ctx, "INSERT INTO contacts (client_id, at, kind, thank_you, template, created_at) VALUES (?, ?, 'card', 1, ?, ?)")
		if err != nil {
			return err
		}
		return fn(b)
	})
}

// AddClient adds a client as given, with its CreatedAt and its tags, and
// sets its ID; updated is the moment of the row's last change.
func (b *Bulk) AddClient(c *data.Client, updated time.Time) error {
	args := append(clientArgs(c), formatTime(c.CreatedAt), formatTime(updated))
	if err := b.insClient.QueryRowContext(b.ctx, args...).Scan(&c.ID); err != nil {
		return err
	}
	for _, t := range c.Tags {
		if _, err := b.insTag.ExecContext(b.ctx, c.ID, t); err != nil {
			return err
		}
	}
	return nil
}

// AddVisit adds a visit of a client at a moment, with the member of staff
// (an id), what was done and paid, and the contact it counts as; created
// is the moment it was written down.
func (b *Bulk) AddVisit(clientID int64, at time.Time, staffID int64, what string, cents int, created time.Time) error {
	var vid int64
	if err := b.insVisit.QueryRowContext(b.ctx, clientID, formatTime(at), staffID, what, cents, formatTime(created)).Scan(&vid); err != nil {
		return err
	}
	_, err := b.insContact.ExecContext(b.ctx, clientID, formatTime(at), vid, staffID, formatTime(created))
	return err
}

// AddThankYouCard adds a thank-you card sent to a client at a moment,
// written from the template of that name; created is the moment it was
// written down.
func (b *Bulk) AddThankYouCard(clientID int64, at time.Time, template string, created time.Time) error {
	_, err := b.insCard.ExecContext(b.ctx, clientID, formatTime(at), template, formatTime(created))
	return err
}
