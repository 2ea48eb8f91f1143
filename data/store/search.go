package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"regulars/data"
	"regulars/data/search"
)

// The Store's side of the search index (package search): reading the
// clients from the book into it, and the searches over it.

// indexQuery reads what the index needs of every client, or of one.
const indexQuery = `SELECT c.id, c.first_name, c.last_name, c.company, c.email, c.phone,
	c.last_visit_at, c.visit_count, c.deleted_at IS NOT NULL,
	c.created_at, c.last_contact_at, c.last_thank_you_at, c.snoozed_until, c.do_not_contact,
	coalesce(c.cadence_ideal, 0), coalesce(c.cadence_max, 0),
	coalesce(c.birth_year, 0), coalesce(c.birth_month, 0), coalesce(c.birth_day, 0), coalesce(c.last_contact_kind, ''), c.other_phones,
	c.spent_cents, c.first_visit_at, c.other_emails, NOT ((` + reachByPost + `) OR (` + reachByEmail + `)),
	CASE WHEN c.last_contact_kind IN ` + twoWayKinds + ` THEN c.last_contact_at
		ELSE (SELECT k.at FROM contacts k WHERE k.client_id = c.id AND k.kind IN ` + twoWayKinds + ` ORDER BY k.at DESC LIMIT 1) END,
	(SELECT max(k.at) FROM contacts k WHERE k.client_id = c.id AND k.occasion = 'miss' AND k.occasion <> ''),
	(SELECT max(k.at) FROM contacts k WHERE k.client_id = c.id AND k.occasion = 'birthday' AND k.occasion <> ''),
	` + reachByEmail + `
	FROM clients c`

// tagsQuery reads the tags of every client (build) or of one (refresh).
const tagsQuery = `SELECT client_id, tag FROM client_tags`

// LoadIndex reads every client into memory, as Today and the keep-in-touch
// rules need them; the window starts it in the background as it opens, so
// that Today is ready sooner. Search's words are left for WarmSearch.
func (s *Store) LoadIndex(ctx context.Context) error {
	return s.buildIndex(ctx)
}

// WarmSearch builds the in-memory search index now, so that the first
// keystroke does not wait for it. The window calls it in the background
// right after opening a book.
func (s *Store) WarmSearch(ctx context.Context) error {
	if err := s.buildIndex(ctx); err != nil {
		return err
	}
	s.index.Warm()
	return nil
}

// buildIndex reads the whole book into the index, once.
func (s *Store) buildIndex(ctx context.Context) error {
	err := s.index.Build(func(l *search.Loader) error {
		rows, err := s.db.QueryContext(ctx, indexQuery)
		if err != nil {
			return err
		}
		defer rows.Close()
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&n); err != nil {
			return err
		}
		l.Expect(n)
		for rows.Next() {
			e, err := scanEntry(rows)
			if err != nil {
				return err
			}
			l.Add(e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return readTags(ctx, s.db, l.Tag, tagsQuery)
	})
	if err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	return nil
}

// refreshIndex reads the given clients back from the book into the index
// after a write. It does nothing before the index is built (the build
// will read them).
func (s *Store) refreshIndex(ctx context.Context, ids ...int64) error {
	err := s.index.Refresh(ids, func(id int64) (search.Entry, bool, error) {
		e, err := scanEntry(s.db.QueryRowContext(ctx, indexQuery+" WHERE c.id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return e, false, nil
		}
		if err != nil {
			return e, false, err
		}
		err = readTags(ctx, s.db, func(_ int64, tag string) { e.Tags = append(e.Tags, tag) }, tagsQuery+" WHERE client_id = ?", id)
		return e, err == nil, err
	})
	if err != nil {
		return fmt.Errorf("update search index: %w", err)
	}
	return nil
}

// readTags reads client tags, giving each to add.
func readTags(ctx context.Context, db *sql.DB, add func(id int64, tag string), query string, args ...any) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return err
		}
		add(id, tag)
	}
	return rows.Err()
}

// contactKinds are the kinds of contact, for reading them without a new
// string per client.
var contactKinds = []data.ContactKind{data.ContactVisit, data.ContactCard, data.ContactEmail, data.ContactReply, data.ContactCall, data.ContactText, data.ContactMeeting, data.ContactOther}

// scanEntry reads one row of indexQuery.
func scanEntry(row scanner) (search.Entry, error) {
	var e search.Entry
	var first, last, company, email, phone, kind string
	var lastVisit, created, contact, thanks, snooze, firstVisit, twoWay, miss, birthday sql.NullString
	var visits, ideal, most, year, month, day int
	var others string
	if err := row.Scan(&e.ID, &first, &last, &company, &email, &phone, &lastVisit, &visits, &e.Deleted,
		&created, &contact, &thanks, &snooze, &e.DoNotContact, &ideal, &most,
		&year, &month, &day, &kind, &others, &e.SpentCents, &firstVisit, &e.OtherEmails, &e.Unreachable, &twoWay, &miss, &birthday, &e.ByEmail); err != nil {
		return e, err
	}
	e.SetText(first, last, company, email, phone)
	e.Visits = int32(visits)
	e.Cadence = [2]int32{int32(ideal), int32(most)}
	e.BirthYear, e.BirthMonth, e.BirthDay = int16(year), uint8(month), uint8(day)
	e.LastKind = data.ContactKind(kind)
	for _, k := range contactKinds {
		if string(k) == kind {
			e.LastKind = k
		}
	}
	e.Digits = data.PhoneDigits(phone)
	for _, p := range splitPhones(others) {
		if d := data.PhoneDigits(p); d != "" {
			e.Digits += " " + d
		}
	}
	e.LastVisit, e.FirstVisit = stampOfText(lastVisit), stampOfText(firstVisit)
	e.Created, e.LastContact, e.LastThanks = stampOfText(created), stampOfText(contact), stampOfText(thanks)
	e.LastTwoWay, e.LastMiss, e.LastBirthday = stampOfText(twoWay), stampOfText(miss), stampOfText(birthday)
	if snooze.Valid {
		t, _ := time.ParseInLocation(data.DateLayout, snooze.String, time.Local)
		e.Snoozed = search.StampOf(t)
	}
	return e, nil
}

// Search finds the clients that match what was typed: any word prefix of
// the name (accents and case ignored), phone digits anywhere in the number,
// email, company or tag. Best matches come first (exact, then prefix, then
// the rest), then the most recent visitors, then by name. An empty query
// lists everyone, most recent visitors first, then those without a visit
// by name. At most limit rows are
// returned (0 means 200). Deleted clients are left out.
//
// The first search builds the in-memory index (see WarmSearch); later ones
// do not touch the file.
func (s *Store) Search(ctx context.Context, text string, limit int) (data.SearchResult, error) {
	return s.FilteredSearch(ctx, text, data.Filter{}, limit)
}

// FilteredSearch is Search narrowed by a filter. With an empty text and a
// status filter, the longest silence comes first.
func (s *Store) FilteredSearch(ctx context.Context, text string, f data.Filter, limit int) (data.SearchResult, error) {
	if limit <= 0 {
		limit = 200
	}
	if f.AsOf.IsZero() {
		f.AsOf = s.Now()
	}
	empty := strings.TrimSpace(text) == ""
	if empty && f.IsZero() {
		res, err := s.recent(ctx, limit)
		if err == nil {
			s.annotate(ctx, res.Clients, f.AsOf)
		}
		return res, err
	}
	q := search.ParseQuery(text)
	if !empty && q.Digits == "" && len(q.Words) == 0 {
		return data.SearchResult{}, nil // only punctuation typed: nothing to look for
	}
	pol, err := s.CadencePolicy(ctx)
	if err != nil {
		return data.SearchResult{}, fmt.Errorf("search %q: %w", text, err)
	}
	if err := s.buildIndex(ctx); err != nil {
		return data.SearchResult{}, fmt.Errorf("search %q: %w", text, err)
	}
	return s.index.Find(q, empty, f, pol, limit), nil
}

// annotate fills in the standing of listed clients when the index is
// built; it never waits for the index.
func (s *Store) annotate(ctx context.Context, cs []data.ClientSummary, asOf time.Time) {
	pol, err := s.CadencePolicy(ctx)
	if err != nil {
		return
	}
	s.index.Annotate(cs, pol, asOf)
}
