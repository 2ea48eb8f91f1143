package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"regulars/data"
)

// reachable is the SQL condition (on clients c) that a client can be
// written to on a channel: for post, a postal address (street and city),
// postal consent not "unsubscribed", and not preferring an email they can
// get; for email, an email address, email consent not "unsubscribed" and
// email preferred.
func reachable(ch data.Channel) (string, error) {
	switch ch {
	case data.ChannelPost:
		return reachByPost, nil
	case data.ChannelEmail:
		return reachByEmail, nil
	case data.ChannelAny:
		return `1 = 1`, nil
	}
	return "", fmt.Errorf("unknown channel %q", ch)
}

// reachByPost and reachByEmail are the conditions of reachable.
const (
	reachByPost = `c.street <> '' AND c.city <> '' AND c.post_consent <> 'unsubscribed'
			AND NOT (c.preferred_channel = 'email' AND c.email <> '' AND c.email_consent <> 'unsubscribed')`
	reachByEmail = `c.email <> '' AND c.email_consent <> 'unsubscribed' AND c.preferred_channel = 'email'`
)

// twoWayKinds are the kinds of contact that are a sign of life from the
// client (a note from the shop is not).
const twoWayKinds = `('visit', 'reply', 'call', 'text', 'meeting')`

// occasionFilter narrows the clients read for an occasion before its rule
// is applied in Go, so that a batch does not read the whole book.
func occasionFilter(o data.Occasion, birthMonths []time.Month) (string, error) {
	switch o {
	case data.OccasionThanks:
		return `c.last_visit_at >= @from AND c.last_visit_at < @to`, nil
	case data.OccasionWelcome:
		return `c.first_visit_at >= @from AND c.first_visit_at < @to`, nil
	case data.OccasionMiss:
		// Silent for more than the smallest maximum (their last visit is
		// older than that) and heard from within the lapsed bound (their
		// last contact is newer): the rule decides the rest.
		// A client known only from another system's totals has a last
		// visit and no contact: the visit counts (issue 26).
		return `(c.last_contact_at >= @lapsedfrom OR c.last_visit_at >= @lapsedfrom) AND (c.last_visit_at IS NULL OR c.last_visit_at < @silentsince)`, nil
	case data.OccasionBirthday:
		// The months the birthday window reaches, day by day: from
		// 30 January a window of three weeks reaches 10 February, which
		// "asOf plus 31 days" (2 March) skipped.
		list := make([]string, len(birthMonths))
		for i, m := range birthMonths {
			list[i] = strconv.Itoa(int(m))
		}
		return `c.birth_month IN (` + strings.Join(list, ", ") + `)`, nil
	case data.OccasionSorry:
		return `EXISTS (SELECT 1 FROM complaints k WHERE k.client_id = c.id AND k.resolved_on >= @fromday AND k.resolved_on < @today)`, nil
	}
	return "", fmt.Errorf("unknown occasion %q (thanks, welcome, miss, birthday or sorry)", o)
}

// birthdayMonths lists the months of the days from asOf (a day in loc)
// to reach days ahead, each once: the months a birthday due as of asOf
// can fall in.
func birthdayMonths(asOf time.Time, loc *time.Location, reach int) []time.Month {
	a := asOf.In(loc)
	day := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, loc)
	var out []time.Month
	for i := 0; i <= reach && len(out) < 12; i++ {
		m := day.AddDate(0, 0, i).Month()
		if len(out) == 0 || out[len(out)-1] != m {
			out = append(out, m)
		}
	}
	return out
}

// OccasionRules reads the book's occasion settings (the defaults until
// the owner changes them).
func (s *Store) OccasionRules(ctx context.Context) (data.OccasionRules, error) {
	return data.DefaultOccasionRules, nil
}

// DueFor lists who is due a note of an occasion on a channel: the period
// [from, to) is the batch's, asOf the day it is made. Each client comes
// with the reason; nobody already written to for the occasion (its
// never-twice rule), nobody in the trash, marked "do not contact" or not
// reachable on the channel is listed. Oldest reason first.
func (s *Store) DueFor(ctx context.Context, o data.Occasion, ch data.Channel, from, to, asOf time.Time) ([]data.DueClient, error) {
	var out []data.DueClient
	if err := s.EachDue(ctx, o, ch, from, to, asOf, func(d data.DueClient) { out = append(out, d) }); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].LastVisitAt.Before(out[j].LastVisitAt) })
	return out, nil
}

// EachDue calls fn with each client DueFor would list, in the book's
// order, without keeping them: counting a large book's we-miss-you batch
// (tens of thousands of clients) then holds no list of them all.
func (s *Store) EachDue(ctx context.Context, o data.Occasion, ch data.Channel, from, to, asOf time.Time, fn func(data.DueClient)) error {
	return s.eachDue(ctx, o, ch, from, to, asOf, 0, fn)
}

// eachDue is EachDue, of one client only when clientID is not 0.
func (s *Store) eachDue(ctx context.Context, o data.Occasion, ch data.Channel, from, to, asOf time.Time, clientID int64, fn func(data.DueClient)) error {
	reach, err := reachable(ch)
	if err != nil {
		return err
	}
	pol, err := s.CadencePolicy(ctx)
	if err != nil {
		return err
	}
	rules, err := s.OccasionRules(ctx)
	if err != nil {
		return err
	}
	filter, err := occasionFilter(o, birthdayMonths(asOf, time.Local, rules.BirthdayReach()))
	if err != nil {
		return err
	}
	minMax, err := s.smallestMax(ctx, pol)
	if err != nil {
		return err
	}
	// Only the facts the occasion's rule reads are looked up, so that a
	// thank-you batch of a large book reads no contact log.
	last := func(want data.Occasion, cond string) string {
		if o != want {
			return "NULL"
		}
		return "(SELECT max(k.at) FROM contacts k WHERE k.client_id = c.id AND " + cond + ")"
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+prefixed("c.", clientColumns)+`, c.last_thank_you_at, c.first_visit_at, `+
		last(data.OccasionMiss, "k.kind IN "+twoWayKinds)+", "+
		last(data.OccasionWelcome, "k.occasion = 'welcome' AND k.occasion <> ''")+", "+
		last(data.OccasionMiss, "k.occasion = 'miss' AND k.occasion <> ''")+", "+
		last(data.OccasionBirthday, "k.occasion = 'birthday' AND k.occasion <> ''")+`
		FROM clients c WHERE c.deleted_at IS NULL AND c.do_not_contact = 0 AND (`+reach+`) AND (`+filter+`)
		AND (@client = 0 OR c.id = @client)`,
		sql.Named("client", clientID), sql.Named("from", formatTime(from)), sql.Named("to", formatTime(to)),
		sql.Named("fromday", from.In(time.Local).Format(data.DateLayout)), sql.Named("today", to.In(time.Local).Format(data.DateLayout)),
		sql.Named("lapsedfrom", formatTime(asOf.AddDate(0, 0, -rules.MissLapsedMax-2))),
		sql.Named("silentsince", formatTime(asOf.AddDate(0, 0, -minMax+1))))
	if err != nil {
		return fmt.Errorf("who is due %s: %w", o, err)
	}
	type fact struct {
		c data.Client
		f data.OccasionFacts
	}
	// Tags decide cadences: read them in one pass for a large list, one
	// client at a time for a few. Until the list is known to be large the
	// clients wait in facts; after, each is judged as it is read, so that
	// only one is held at a time.
	var facts []fact
	var allTags map[int64][]string
	judge := func(x fact) error {
		var err error
		if allTags != nil {
			x.c.Tags = allTags[x.c.ID]
		} else if x.c.Tags, err = s.clientTags(ctx, x.c.ID); err != nil {
			return err
		}
		x.f.Tags = x.c.Tags
		if o == data.OccasionSorry {
			if x.f.Complaints, err = s.ClientComplaints(ctx, x.c.ID); err != nil {
				return err
			}
			if x.f.Apologised, err = s.apologised(ctx, x.c.ID); err != nil {
				return err
			}
		}
		why, due := o.Due(x.f, ch, pol, rules, from, to, asOf, time.Local)
		if !due {
			return nil
		}
		d := data.DueClient{Client: x.c, Why: why}
		if o == data.OccasionSorry {
			d.Complaint, _ = x.f.Complaint(from, to)
		}
		fn(d)
		return nil
	}
	for rows.Next() {
		var thanks, first, twoWay, welcome, miss, birthday sql.NullString
		c, err := scanClient(multiScanner{rows, []any{&thanks, &first, &twoWay, &welcome, &miss, &birthday}})
		if err != nil {
			rows.Close()
			return fmt.Errorf("who is due %s: %w", o, err)
		}
		facts = append(facts, fact{c, data.OccasionFacts{
			Touch: data.Touch{Created: c.CreatedAt, LastContact: c.LastContactAt, LastVisit: c.LastVisitAt, LastThankYou: parseTime(thanks),
				SnoozedUntil: c.SnoozedUntil, DoNotContact: c.DoNotContact, Cadence: c.Cadence,
				Unreachable: !data.Reachable(c, data.ChannelPost) && !data.Reachable(c, data.ChannelEmail)},
			Birthday: c.Birthday, FirstVisit: parseTime(first), LastTwoWay: latest(parseTime(twoWay), c.LastVisitAt),
			LastWelcome: parseTime(welcome), LastMiss: parseTime(miss), LastBirthday: parseTime(birthday),
			ByEmail: data.Reachable(c, data.ChannelEmail),
		}})
		// The apology's facts are looked up per client, after the rows.
		if o == data.OccasionSorry || len(facts) <= 50 {
			continue
		}
		if allTags == nil {
			if allTags, err = s.allTags(ctx); err != nil {
				rows.Close()
				return err
			}
		}
		for _, x := range facts {
			if err := judge(x); err != nil {
				rows.Close()
				return err
			}
		}
		facts = facts[:0]
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(facts) > 50 && allTags == nil {
		if allTags, err = s.allTags(ctx); err != nil {
			return err
		}
	}
	for _, x := range facts {
		if err := judge(x); err != nil {
			return err
		}
	}
	return nil
}

// smallestMax is the fewest days any client may go without contact: the
// smallest maximum of the book, its tags and any client's own.
func (s *Store) smallestMax(ctx context.Context, pol data.CadencePolicy) (int, error) {
	m := pol.Default.Max
	for _, c := range pol.Tags {
		if c.Max > 0 && c.Max < m {
			m = c.Max
		}
	}
	var own sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT min(cadence_max) FROM clients WHERE cadence_max > 0").Scan(&own); err != nil {
		return 0, err
	}
	if own.Valid && int(own.Int64) < m {
		m = int(own.Int64)
	}
	return m, nil
}

// allTags reads every client's tags at once.
func (s *Store) allTags(ctx context.Context) (map[int64][]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT client_id, tag FROM client_tags ORDER BY client_id, tag COLLATE NOCASE")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		out[id] = append(out[id], t)
	}
	return out, rows.Err()
}

// apologised lists the complaints of a client already followed by a note.
func (s *Store) apologised(ctx context.Context, clientID int64) (map[int64]bool, error) {
	return s.idSet(ctx, "SELECT complaint_id FROM contacts WHERE client_id = ? AND complaint_id IS NOT NULL", clientID)
}

// idSet reads a query of one id column into a set.
func (s *Store) idSet(ctx context.Context, query string, args ...any) (map[int64]bool, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
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

// multiScanner scans a row into the client's columns and then extra ones.
type multiScanner struct {
	rows  *sql.Rows
	extra []any
}

func (m multiScanner) Scan(dest ...any) error { return m.rows.Scan(append(dest, m.extra...)...) }

// MergeFieldsForBatch are the merge fields of a client in a batch: those
// of MergeFieldsFor, and for a make-it-right note the complaint it answers
// and how it was put right.
func (s *Store) MergeFieldsForBatch(ctx context.Context, c data.Client, b data.Batch) (data.MergeFields, error) {
	f, err := s.MergeFieldsFor(ctx, c)
	if err != nil || b.Occasion != data.OccasionSorry {
		return f, err
	}
	ks, err := s.ClientComplaints(ctx, c.ID)
	if err != nil {
		return f, err
	}
	done, err := s.apologised(ctx, c.ID)
	if err != nil {
		return f, err
	}
	facts := data.OccasionFacts{Complaints: ks, Apologised: done}
	if k, ok := facts.Complaint(b.From, b.To); ok {
		f.Complaint, f.Resolution = k.Description, k.Resolution
	}
	return f, nil
}

// latest is the later of two times; the last visit is a sign of life even
// when it was in another system before Regulars (issue 26).
func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
