package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"regulars/data"
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
	pos     map[int64]int32 // client id → entry
	// words are the search words of every client, sorted, for prefix
	// ranges; lists[i] are the entries that had words[i]. Two sorted
	// slices rather than a map: a book of 100,000 clients has about as
	// many distinct words (each email gives one), and a map of them costs
	// twice the memory.
	words  []string
	lists  [][]int32
	seen   []uint32 // per entry: the search that last collected it
	stamp  uint32
	phones phoneScan // the searches by phone digits
}

// indexEntry is one client in the index, kept small: the index holds
// every client of the book for as long as the window is open, so its size
// is most of the window's memory on a large book (see BenchmarkIndexMemory).
// Moments are stamps rather than time.Time, the list row's texts one string,
// and the search words one string, whose words the word lists share.
type indexEntry struct {
	id int64
	// text is the first name, last name, company, email and phone one after
	// the other; cut holds where each but the first starts.
	text string
	cut  [4]uint32
	// terms are the folded search words separated by spaces: those of the
	// name up to nameEnd, then those of the email, company and tags. They are
	// listed the first time a search needs them (see ensureWords).
	terms   string
	nameEnd uint32
	// digits are the phone's digits (without an extension), then a space
	// and the digits of each other phone.
	digits string
	tags   []string
	// otherEmails are the client's emails besides the main one, one a
	// line ("" for nearly all): searchable as the main one is.
	otherEmails string
	// sortFolded is Fold("last first company") when that is not plain
	// ASCII, for ordering (see sortName); "" otherwise, as for nearly all.
	sortFolded string

	lastVisit, firstVisit, created, lastContact, lastThanks stamp
	lastTwoWay, lastMiss, lastBirthday                      stamp // the latest sign of life, we-miss-you and birthday note
	snoozed                                                 stamp // a local date
	spentCents                                              int64
	visits                                                  int32
	cadence                                                 [2]int32 // the client's own ideal and maximum days
	birthYear                                               int16
	birthMonth, birthDay                                    uint8
	deleted, doNotContact                                   bool
	unreachable                                             bool             // neither a postal address nor an email they get
	byEmail                                                 bool             // written to by email (see Reachable)
	lastKind                                                data.ContactKind // kind of the latest contact
}

// field returns the i-th text of the entry (see text).
func (e *indexEntry) field(i int) string {
	from, to := uint32(0), uint32(len(e.text))
	if i > 0 {
		from = e.cut[i-1]
	}
	if i < len(e.cut) {
		to = e.cut[i]
	}
	return e.text[from:to]
}

// The texts of an entry, in order.
const (
	fieldFirst = iota
	fieldLast
	fieldCompany
	fieldEmail
	fieldPhone
)

// summary is the list row of the entry, its standing left blank.
func (e *indexEntry) summary() data.ClientSummary {
	return data.ClientSummary{ID: e.id, FirstName: e.field(fieldFirst), LastName: e.field(fieldLast), Company: e.field(fieldCompany),
		Email: e.field(fieldEmail), Phone: e.field(fieldPhone), LastVisitAt: e.lastVisit.utc(), VisitCount: int(e.visits),
		SpentCents: e.spentCents, FirstVisitAt: e.firstVisit.utc()}
}

// touch is what the keep-in-touch rules need of the entry.
func (e *indexEntry) touch() data.Touch {
	return data.Touch{Created: e.created.utc(), LastContact: e.lastContact.utc(), LastVisit: e.lastVisit.utc(),
		LastThankYou: e.lastThanks.utc(), SnoozedUntil: e.snoozed.local(), DoNotContact: e.doNotContact, Deleted: e.deleted,
		Cadence: data.Cadence{Ideal: int(e.cadence[0]), Max: int(e.cadence[1])}, Tags: e.tags, Unreachable: e.unreachable}
}

// occasionFacts is what the occasion rules need of the entry (for the
// we-miss-you: its sign of life and its last we-miss-you).
func (e *indexEntry) occasionFacts() data.OccasionFacts {
	return data.OccasionFacts{Touch: e.touch(), Birthday: e.birthday(), FirstVisit: e.firstVisit.utc(),
		LastTwoWay: latest(e.lastTwoWay.utc(), e.lastVisit.utc()), LastMiss: e.lastMiss.utc(), LastBirthday: e.lastBirthday.utc(), ByEmail: e.byEmail}
}

// birthday is the entry's birthday.
func (e *indexEntry) birthday() data.Birthday {
	return data.Birthday{Year: int(e.birthYear), Month: time.Month(e.birthMonth), Day: int(e.birthDay)}
}

// nameWords and otherWords are the entry's search words, space-separated.
func (e *indexEntry) nameWords() string  { return e.terms[:e.nameEnd] }
func (e *indexEntry) otherWords() string { return e.terms[e.nameEnd:] }

// nextWord cuts the first space-separated word off s.
func nextWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// hit is a matching client and how well it matched.
type hit struct {
	e      *indexEntry
	rank   int
	status data.Status
	thanks bool
}

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
	return s.index.build(ctx, s.db)
}

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
	// Room for a few clients more before the entries are copied.
	x.entries = make([]indexEntry, 0, n+n/32+16)
	x.pos = make(map[int64]int32, n)
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return fmt.Errorf("build search index: %w", err)
		}
		x.pos[e.id] = int32(len(x.entries))
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
	x.phones.forget()
	x.built = true
	return nil
}

// ensureWords lists the words of every client, the first time a search
// needs them; the keep-in-touch rules never do, so `regulars due` skips
// this work. The caller holds x.mu.
func (x *searchIndex) ensureWords() {
	if x.words != nil {
		return
	}
	// Gather the lists in a map, then lay them out sorted, every list in
	// one shared array cut to its length (a refresh that adds to a list
	// copies it out).
	at := make(map[string]int32, len(x.entries))
	var lists [][]int32
	total := 0
	for p := range x.entries {
		e := &x.entries[p]
		tokenize(e)
		for w, rest := nextWord(e.terms); w != ""; w, rest = nextWord(rest) {
			i, ok := at[w]
			if !ok {
				i = int32(len(lists))
				at[w] = i
				lists = append(lists, nil)
			}
			if l := lists[i]; len(l) == 0 || l[len(l)-1] != int32(p) {
				lists[i] = append(l, int32(p))
				total++
			}
		}
	}
	x.words = make([]string, 0, len(at))
	for w := range at {
		x.words = append(x.words, w)
	}
	slices.Sort(x.words)
	x.lists = make([][]int32, len(x.words))
	arena := make([]int32, 0, total)
	for i, w := range x.words {
		l := lists[at[w]]
		from := len(arena)
		arena = append(arena, l...)
		x.lists[i] = arena[from:len(arena):len(arena)]
	}
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
			e := &x.entries[p]
			e.tags = append(e.tags, tag)
		}
	}
	return rows.Err()
}

// contactKinds are the kinds of contact, for reading them without a new
// string per client.
var contactKinds = []data.ContactKind{data.ContactVisit, data.ContactCard, data.ContactEmail, data.ContactReply, data.ContactCall, data.ContactText, data.ContactMeeting, data.ContactOther}

// scanEntry reads one row of indexQuery.
func scanEntry(row scanner) (indexEntry, error) {
	var e indexEntry
	var first, last, company, email, phone, kind string
	var lastVisit, created, contact, thanks, snooze, firstVisit, twoWay, miss, birthday sql.NullString
	var visits, ideal, most, year, month, day int
	var others string
	if err := row.Scan(&e.id, &first, &last, &company, &email, &phone, &lastVisit, &visits, &e.deleted,
		&created, &contact, &thanks, &snooze, &e.doNotContact, &ideal, &most,
		&year, &month, &day, &kind, &others, &e.spentCents, &firstVisit, &e.otherEmails, &e.unreachable, &twoWay, &miss, &birthday, &e.byEmail); err != nil {
		return e, err
	}
	e.text = first + last + company + email + phone
	e.cut[0] = uint32(len(first))
	e.cut[1] = e.cut[0] + uint32(len(last))
	e.cut[2] = e.cut[1] + uint32(len(company))
	e.cut[3] = e.cut[2] + uint32(len(email))
	e.visits = int32(visits)
	e.cadence = [2]int32{int32(ideal), int32(most)}
	e.birthYear, e.birthMonth, e.birthDay = int16(year), uint8(month), uint8(day)
	e.lastKind = data.ContactKind(kind)
	for _, k := range contactKinds {
		if string(k) == kind {
			e.lastKind = k
		}
	}
	e.digits = data.PhoneDigits(phone)
	for _, p := range splitPhones(others) {
		if d := data.PhoneDigits(p); d != "" {
			e.digits += " " + d
		}
	}
	e.lastVisit, e.firstVisit = stampOfText(lastVisit), stampOfText(firstVisit)
	e.created, e.lastContact, e.lastThanks = stampOfText(created), stampOfText(contact), stampOfText(thanks)
	e.lastTwoWay, e.lastMiss, e.lastBirthday = stampOfText(twoWay), stampOfText(miss), stampOfText(birthday)
	if snooze.Valid {
		t, _ := time.ParseInLocation(data.DateLayout, snooze.String, time.Local)
		e.snoozed = stampOf(t)
	}
	return e, nil
}

// tokenize prepares the search words of an entry.
func tokenize(e *indexEntry) {
	var b strings.Builder
	add := func(ws []string) {
		for _, w := range ws {
			b.WriteString(w)
			b.WriteByte(' ')
		}
	}
	add(words(data.Fold(e.field(fieldFirst) + " " + e.field(fieldLast))))
	nameEnd := b.Len()
	for _, email := range append([]string{e.field(fieldEmail)}, splitLines(e.otherEmails)...) {
		if email == "" {
			continue
		}
		em := data.Fold(email)
		add(words(strings.NewReplacer(".", " ", "_", " ", "+", " ", "@", " ").Replace(em)))
		if at := strings.IndexByte(em, '@'); at > 0 {
			if local := strings.Map(keepAlnum, em[:at]); local != "" {
				add([]string{local})
			}
		}
	}
	add(words(data.Fold(e.field(fieldCompany))))
	for _, tag := range e.tags {
		add(words(data.Fold(tag)))
	}
	e.terms, e.nameEnd = b.String(), uint32(nameEnd)
	foldSortName(e)
}

// listWords adds entry p to the list of each of its words (the caller
// holds x.mu and the words are listed).
func (x *searchIndex) listWords(p int32, e *indexEntry) {
	for w, rest := nextWord(e.terms); w != ""; w, rest = nextWord(rest) {
		i, found := slices.BinarySearch(x.words, w)
		if !found {
			x.words = slices.Insert(x.words, i, w)
			x.lists = slices.Insert(x.lists, i, nil)
		}
		if l := x.lists[i]; len(l) == 0 || l[len(l)-1] != p {
			x.lists[i] = append(l, p)
		}
	}
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
		x.phones.changed(p, x.entries[p].digits, e.digits)
		x.entries[p] = e
		if err := x.readTags(ctx, db, tagsQuery+" WHERE client_id = ?", id); err != nil {
			x.built = false
			return fmt.Errorf("update search index: %w", err)
		}
		if x.words != nil {
			tokenize(&x.entries[p])
			x.listWords(p, &x.entries[p])
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
	x.phones.forget()
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
		x.phones.find(x.entries, q.digits, check)
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
		for _, p := range x.lists[i] {
			if x.seen[p] == x.stamp {
				continue
			}
			x.seen[p] = x.stamp
			check(p)
		}
	}
	return hits
}
