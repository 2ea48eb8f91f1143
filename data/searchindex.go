package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// searchIndex is the in-memory index behind Search. Typing in the search
// field must answer within a few milliseconds on a book of 100,000
// clients, where a short prefix like "mar" matches ten thousand of them;
// SQLite's full-text index needs several times that just to list the
// matching rows. The index holds, per client, the folded words of the name
// and of the email, company and tags, the phone digits and what the list
// shows.
//
// It is built on first use from the book and kept current by the Store's
// own writes: each write that touches a client calls refresh after its
// commit, which reads the client's row back. A word no longer on a client
// may stay in the word lists; every hit is checked against the client's
// current words, so such a left-over never shows.
type searchIndex struct {
	mu      sync.Mutex
	built   bool
	entries []indexEntry
	pos     map[int64]int32    // client id → entry
	lists   map[string][]int32 // word → entries that had it
	words   []string           // the keys of lists, sorted, for prefix ranges
	seen    []uint32           // per entry: the search that last collected it
	stamp   uint32
}

// indexEntry is one client in the index.
type indexEntry struct {
	sum       ClientSummary
	name      []string // folded words of the first and last name
	other     []string // folded words of email, company and tags
	digits    string   // phone digits, without an extension
	others    []string // the digits of the client's other phones
	lastVisit string   // stored form of LastVisitAt, for quick ordering
	sortName  string
	deleted   bool
	touch     Touch // what the keep-in-touch rules need
	birthday  Birthday
	lastKind  ContactKind // kind of the latest contact
}

// hit is a matching client and how well it matched.
type hit struct {
	e      *indexEntry
	rank   int
	status Status
	thanks bool
}

// indexQuery reads what the index needs of every client, or of one.
const indexQuery = `SELECT c.id, c.first_name, c.last_name, c.company, c.email, c.phone,
	c.last_visit_at, c.visit_count, c.deleted_at IS NOT NULL,
	c.created_at, c.last_contact_at, c.last_thank_you_at, c.snoozed_until, c.do_not_contact,
	coalesce(c.cadence_ideal, 0), coalesce(c.cadence_max, 0),
	coalesce(c.birth_year, 0), coalesce(c.birth_month, 0), coalesce(c.birth_day, 0), coalesce(c.last_contact_kind, ''), c.other_phones,
	c.spent_cents, c.first_visit_at
	FROM clients c`

// tagsQuery reads the tags of every client (build) or of one (refresh).
const tagsQuery = `SELECT client_id, tag FROM client_tags`

// build reads the whole book into the index, once.
func (x *searchIndex) build(ctx context.Context, db *sql.DB) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.built {
		return nil
	}
	rows, err := db.QueryContext(ctx, indexQuery)
	if err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	defer rows.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&n); err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	x.entries = make([]indexEntry, 0, n+n/8)
	x.pos = make(map[int64]int32, n)
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return fmt.Errorf("build search index: %w", err)
		}
		x.pos[e.sum.ID] = int32(len(x.entries))
		x.entries = append(x.entries, e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	if err := x.readTags(ctx, db, tagsQuery); err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	x.seen = make([]uint32, len(x.entries))
	x.lists, x.words = nil, nil
	x.built = true
	return nil
}

// ensureWords lists the words of every client, the first time a search
// needs them; the keep-in-touch rules never do, so `regulars due` skips
// this work. The caller holds x.mu.
func (x *searchIndex) ensureWords() {
	if x.lists != nil {
		return
	}
	x.lists = make(map[string][]int32, len(x.entries)/2)
	for p := range x.entries {
		e := &x.entries[p]
		tokenize(e)
		x.listWords(int32(p), e)
	}
	x.words = make([]string, 0, len(x.lists))
	for w := range x.lists {
		x.words = append(x.words, w)
	}
	slices.Sort(x.words)
}

// readTags reads client tags into the entries.
func (x *searchIndex) readTags(ctx context.Context, db *sql.DB, query string, args ...any) error {
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
		if p, ok := x.pos[id]; ok {
			t := &x.entries[p].touch
			t.Tags = append(t.Tags, tag)
		}
	}
	return rows.Err()
}

// scanEntry reads one row of indexQuery.
func scanEntry(row scanner) (indexEntry, error) {
	var e indexEntry
	var last, created, contact, thanks, snooze, first sql.NullString
	var bm int
	var others string
	s := &e.sum
	t := &e.touch
	if err := row.Scan(&s.ID, &s.FirstName, &s.LastName, &s.Company, &s.Email, &s.Phone, &last, &s.VisitCount, &e.deleted,
		&created, &contact, &thanks, &snooze, &t.DoNotContact, &t.Cadence.Ideal, &t.Cadence.Max,
		&e.birthday.Year, &bm, &e.birthday.Day, &e.lastKind, &others, &s.SpentCents, &first); err != nil {
		return e, err
	}
	e.birthday.Month = time.Month(bm)
	s.FirstVisitAt = parseTime(first)
	for _, p := range splitPhones(others) {
		if d := phoneDigits(p); d != "" {
			e.others = append(e.others, d)
		}
	}
	s.LastVisitAt = parseTime(last)
	t.Created, t.LastContact, t.LastThankYou, t.LastVisit = parseTime(created), parseTime(contact), parseTime(thanks), s.LastVisitAt
	t.Deleted = e.deleted
	if snooze.Valid {
		t.SnoozedUntil, _ = time.ParseInLocation(dateLayout, snooze.String, time.Local)
	}
	e.lastVisit = last.String
	e.sortName = Fold(s.LastName + " " + s.FirstName + " " + s.Company)
	return e, nil
}

// tokenize prepares the search words of an entry.
func tokenize(e *indexEntry) {
	s := &e.sum
	e.name = words(Fold(s.FirstName + " " + s.LastName))
	e.digits = phoneDigits(s.Phone)
	e.other = e.other[:0]
	if s.Email != "" {
		em := Fold(s.Email)
		e.other = append(e.other, words(strings.NewReplacer(".", " ", "_", " ", "+", " ", "@", " ").Replace(em))...)
		if at := strings.IndexByte(em, '@'); at > 0 {
			if local := strings.Map(keepAlnum, em[:at]); local != "" {
				e.other = append(e.other, local)
			}
		}
	}
	e.other = append(e.other, words(Fold(s.Company))...)
	for _, tag := range e.touch.Tags {
		e.other = append(e.other, words(Fold(tag))...)
	}
}

// listWords adds entry p to the list of each of its words, returning the
// words that are new to the index.
func (x *searchIndex) listWords(p int32, e *indexEntry) []string {
	var fresh []string
	for _, ws := range [][]string{e.name, e.other} {
		for _, w := range ws {
			l, ok := x.lists[w]
			if !ok {
				fresh = append(fresh, w)
			}
			if n := len(l); n > 0 && l[n-1] == p {
				continue
			}
			x.lists[w] = append(l, p)
		}
	}
	return fresh
}

// refresh reads the given clients back from the book after a write. It
// does nothing before the index is built (the build will read them).
func (x *searchIndex) refresh(ctx context.Context, db *sql.DB, ids ...int64) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.built {
		return nil
	}
	for _, id := range ids {
		e, err := scanEntry(db.QueryRowContext(ctx, indexQuery+" WHERE c.id = ?", id))
		if err == sql.ErrNoRows {
			// Erased for good: keep the slot, never show it.
			if p, ok := x.pos[id]; ok {
				x.entries[p].deleted = true
			}
			continue
		}
		if err != nil {
			// The index may now be stale: rebuild it on the next search.
			x.built = false
			return fmt.Errorf("update search index: %w", err)
		}
		p, ok := x.pos[id]
		if !ok {
			p = int32(len(x.entries))
			x.entries = append(x.entries, indexEntry{})
			x.seen = append(x.seen, 0)
			x.pos[id] = p
		}
		x.entries[p] = e
		if err := x.readTags(ctx, db, tagsQuery+" WHERE client_id = ?", id); err != nil {
			x.built = false
			return fmt.Errorf("update search index: %w", err)
		}
		if x.lists != nil {
			tokenize(&x.entries[p])
			for _, w := range x.listWords(p, &x.entries[p]) {
				i, _ := slices.BinarySearch(x.words, w)
				x.words = slices.Insert(x.words, i, w)
			}
		}
	}
	return nil
}

// reset forgets everything, so that the next search rebuilds the index;
// for bulk writes such as the demo book or an import.
func (x *searchIndex) reset() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.built = false
	x.entries, x.pos, x.lists, x.words, x.seen = nil, nil, nil, nil, nil
}

// find returns every client (not deleted) that matches q, unordered; all
// of them when everyone is set.
func (x *searchIndex) find(q query, everyone bool) []hit {
	x.mu.Lock()
	defer x.mu.Unlock()
	var hits []hit
	if everyone {
		for p := range x.entries {
			if e := &x.entries[p]; !e.deleted {
				hits = append(hits, hit{e: e})
			}
		}
		return hits
	}
	x.ensureWords()
	check := func(p int32) {
		e := &x.entries[p]
		if e.deleted {
			return
		}
		if r := q.rankOf(e); r >= 0 {
			hits = append(hits, hit{e: e, rank: r})
		}
	}
	if q.digits != "" {
		for p := range x.entries {
			e := &x.entries[p]
			found := e.digits != "" && strings.Contains(e.digits, q.digits)
			for _, d := range e.others {
				found = found || strings.Contains(d, q.digits)
			}
			if found {
				check(int32(p))
			}
		}
		return hits
	}
	// Walk the lists of the words that start with the longest typed word
	// (the most selective), then check each client against all of them.
	key := q.words[0]
	for _, w := range q.words[1:] {
		if len(w) > len(key) {
			key = w
		}
	}
	x.stamp++
	if x.stamp == 0 { // wrapped: clear the marks
		clear(x.seen)
		x.stamp = 1
	}
	i, _ := slices.BinarySearch(x.words, key)
	for ; i < len(x.words) && strings.HasPrefix(x.words[i], key); i++ {
		for _, p := range x.lists[x.words[i]] {
			if x.seen[p] == x.stamp {
				continue
			}
			x.seen[p] = x.stamp
			check(p)
		}
	}
	return hits
}
