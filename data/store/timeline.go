package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"regulars/data"
)

// Timeline returns everything that happened with a client, newest first:
// visits, calls and their notes, cards and emails sent (with their batch
// and template), replies, follow-ups and complaints with their outcome.
// Contacts that a visit wrote are shown once, as the visit.
func (s *Store) Timeline(ctx context.Context, clientID int64) ([]data.Event, error) {
	c, err := s.Client(ctx, clientID)
	if err != nil {
		return nil, err
	}
	visits, err := s.Visits(ctx, clientID, 0)
	if err != nil {
		return nil, err
	}
	contacts, err := s.Contacts(ctx, clientID)
	if err != nil {
		return nil, err
	}
	follow, err := s.ClientFollowUps(ctx, clientID)
	if err != nil {
		return nil, err
	}
	complaints, err := s.ClientComplaints(ctx, clientID)
	if err != nil {
		return nil, err
	}
	events := make([]data.Event, 0, len(visits)+len(contacts)+2*len(follow)+2*len(complaints)+1)
	for _, v := range visits {
		events = append(events, data.Event{At: v.At, Kind: data.EventVisit, Visit: v})
	}
	for _, k := range contacts {
		if k.Kind == data.ContactVisit {
			continue
		}
		events = append(events, data.Event{At: k.At, Kind: data.EventContact, Contact: k})
	}
	for _, f := range follow {
		events = append(events, data.Event{At: f.CreatedAt, Kind: data.EventFollowUp, FollowUp: f})
		if f.Done() {
			events = append(events, data.Event{At: f.DoneAt, Kind: data.EventFollowUpDone, FollowUp: f})
		}
	}
	for _, k := range complaints {
		events = append(events, data.Event{At: k.RaisedOn, Kind: data.EventComplaint, Complaint: k})
		if !k.Open() {
			events = append(events, data.Event{At: k.ResolvedOn, Kind: data.EventComplaintResolved, Complaint: k})
		}
	}
	if h := c.History; !h.IsZero() {
		at := h.Last
		if at.IsZero() {
			at = h.First
		}
		if at.IsZero() {
			at = c.CreatedAt
		}
		events = append(events, data.Event{At: at, Kind: data.EventHistory, History: h})
	}
	events = append(events, data.Event{At: c.CreatedAt, Kind: data.EventAdded})
	// The day a client was added sorts below everything else of that day:
	// a visit logged to the minute is often "before" the client's row.
	key := func(e data.Event) time.Time {
		if e.Kind == data.EventAdded {
			l := e.At.In(time.Local)
			return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.Local)
		}
		return e.At
	}
	sort.SliceStable(events, func(i, j int) bool {
		a, b := key(events[i]), key(events[j])
		if !a.Equal(b) {
			return a.After(b)
		}
		return eventOrder(events[i].Kind) < eventOrder(events[j].Kind)
	})
	return events, nil
}

// eventOrder puts same-moment entries in the order a reader expects, the
// outcome above its cause and the client's first day at the bottom.
func eventOrder(k data.EventKind) int {
	switch k {
	case data.EventComplaintResolved, data.EventFollowUpDone:
		return 0
	case data.EventAdded:
		return 9
	}
	return 5
}

// DeleteContact removes a contact logged by mistake (a call, a note): the
// undo of LogContact. A visit's own contact goes with its visit.
func (s *Store) DeleteContact(ctx context.Context, id int64) error {
	var clientID int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		var kind string
		if err := tx.QueryRowContext(ctx, "SELECT client_id, kind FROM contacts WHERE id = ?", id).Scan(&clientID, &kind); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				err = data.ErrNotFound
			}
			return fmt.Errorf("contact %d: %w", id, err)
		}
		if data.ContactKind(kind) == data.ContactVisit {
			return fmt.Errorf("contact %d belongs to a visit; remove the visit instead", id)
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM contacts WHERE id = ?", id)
		return oneRow(res, err, "contact", id)
	})
	if err != nil {
		return fmt.Errorf("remove contact: %w", err)
	}
	s.touched(ctx, clientID)
	return nil
}

// ReopenComplaint takes back a resolution recorded by mistake: the undo of
// ResolveComplaint.
func (s *Store) ReopenComplaint(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE complaints SET resolution = '', resolved_on = NULL WHERE id = ?", id)
		return oneRow(res, err, "complaint", id)
	})
}

// DeleteComplaint removes a complaint entered by mistake.
func (s *Store) DeleteComplaint(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM complaints WHERE id = ?", id)
		return oneRow(res, err, "complaint", id)
	})
}

// DeleteFollowUp removes a follow-up entered by mistake.
func (s *Store) DeleteFollowUp(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM follow_ups WHERE id = ?", id)
		return oneRow(res, err, "follow-up", id)
	})
}

// UnaddClient takes back a client added a moment ago by mistake: unlike
// DeleteClient (the trash) it removes the row, and it refuses once the
// client has any history, so an undo can never lose a visit.
func (s *Store) UnaddClient(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM contacts WHERE client_id = ?)
			+ (SELECT count(*) FROM visits WHERE client_id = ?)
			+ (SELECT count(*) FROM follow_ups WHERE client_id = ?)
			+ (SELECT count(*) FROM complaints WHERE client_id = ?)`, id, id, id, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("client %d has history now; delete them to the trash instead", id)
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM clients WHERE id = ?", id)
		return oneRow(res, err, "client", id)
	})
	if err != nil {
		return fmt.Errorf("undo add client: %w", err)
	}
	s.touched(ctx, id)
	return nil
}

// AllComplaints lists every complaint, open and resolved, oldest first.
func (s *Store) AllComplaints(ctx context.Context) ([]data.Complaint, error) {
	return s.complaints(ctx, "1 = 1")
}
