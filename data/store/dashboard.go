package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"regulars/data"
	"regulars/data/search"
)

// ranked is a client in a dashboard list: where it is in the index and
// its sort key (smaller first).
type ranked struct {
	key int64
	p   int32
}

// standings applies the rules to every client not in the trash as of a
// day, calling fn with each. fn runs with the index locked.
func (s *Store) standings(ctx context.Context, asOf time.Time, fn func(p int32, e *search.Entry, st *data.Standing)) error {
	pol, err := s.CadencePolicy(ctx)
	if err != nil {
		return err
	}
	if err := s.buildIndex(ctx); err != nil {
		return err
	}
	s.index.View(func(entries []search.Entry) {
		for i := range entries {
			e := &entries[i]
			if e.Deleted {
				continue
			}
			st := data.StandingOf(e.Touch(), pol, asOf, time.Local)
			fn(int32(i), e, &st)
		}
	})
	return nil
}

// materialize turns the best n of a ranked list of the index's entries
// into client standings (within the index's View).
func materialize(entries []search.Entry, l []ranked, n int, pol data.CadencePolicy, asOf time.Time) []data.ClientStanding {
	sort.Slice(l, func(i, j int) bool {
		if l[i].key != l[j].key {
			return l[i].key < l[j].key
		}
		return entries[l[i].p].ID < entries[l[j].p].ID
	})
	if n > 0 && len(l) > n {
		l = l[:n]
	}
	out := make([]data.ClientStanding, len(l))
	for i, r := range l {
		e := &entries[r.p]
		out[i] = data.ClientStanding{ClientSummary: e.Summary(), Standing: data.StandingOf(e.Touch(), pol, asOf, time.Local), LastContactKind: e.LastKind, Birthday: e.Birthday()}
		out[i].ClientSummary.Status, out[i].ClientSummary.ThankYouDue = out[i].Standing.Status, out[i].Standing.ThankYouDue
		if days, on, ok := data.NextBirthday(out[i].Birthday, asOf, time.Local); ok {
			out[i].BirthdayIn, out[i].BirthdayOn = days, on
		}
	}
	return out
}

// overdueRank orders overdue clients for the owner's to-do list: first
// those silent for at most a year (still to be won back), then the long
// gone; within each, those who matter most — visits, and spend counted as
// a visit for every 50 (up to 50 of each) — and among them the most
// recently lapsed (fewest days past their maximum). So a regular who just
// drifted comes before someone added years ago and never seen again.
func overdueRank(visits int, spentCents int64, daysSince, daysPast int) int64 {
	worth := int64(min(visits, 50)) + min(spentCents/5000, 50)
	band := int64(0)
	if daysSince > data.DefaultOccasionRules.MissLapsedMax {
		band = 1
	}
	return band*1e9 - worth*100000 + int64(daysPast)
}

// Dashboard computes the Today picture as of a day (asOf is the moment
// the owner looks; the rules count local calendar days).
func (s *Store) Dashboard(ctx context.Context, asOf time.Time) (data.Dashboard, error) {
	d := data.Dashboard{AsOf: asOf}
	pol, err := s.CadencePolicy(ctx)
	if err != nil {
		return d, fmt.Errorf("dashboard: %w", err)
	}
	// Overdue is who the we-miss-you batch finds, by its own rule.
	rules, err := s.OccasionRules(ctx)
	if err != nil {
		return d, fmt.Errorf("dashboard: %w", err)
	}
	var thanks, overdue, due, birthdays []ranked
	err = s.standings(ctx, asOf, func(p int32, e *search.Entry, st *data.Standing) {
		d.Clients++
		if e.LastVisit != 0 && st.Status != data.StatusDoNotContact {
			if data.Days(e.LastVisit.UTC(), asOf, time.Local) <= st.Cadence.Max {
				d.Active++
			} else {
				d.Lapsed++
			}
		}
		if st.ThankYouDue {
			thanks = append(thanks, ranked{-e.LastVisit.UTC().Unix(), p})
		}
		if _, miss := data.OccasionMiss.Due(e.OccasionFacts(), data.ChannelAny, pol, rules, asOf, asOf, asOf, time.Local); miss {
			overdue = append(overdue, ranked{overdueRank(int(e.Visits), e.SpentCents, st.DaysSince, st.DaysSince-st.Cadence.Max), p})
		}
		switch st.Status {
		case data.StatusDue:
			due = append(due, ranked{-int64(st.DaysSince), p})
		}
		if bd := e.Birthday(); !bd.IsZero() {
			// Whoever the birthday batch writes to now: a card in time for
			// the post, an email on the day.
			if _, due := data.OccasionBirthday.Due(e.OccasionFacts(), data.ChannelAny, pol, rules, asOf, asOf, asOf, time.Local); due {
				days, _, _ := data.NextBirthday(bd, asOf, time.Local)
				birthdays = append(birthdays, ranked{int64(days), p})
			}
		}
	})
	if err != nil {
		return d, fmt.Errorf("dashboard: %w", err)
	}
	d.ThankYouDueCount, d.OverdueCount, d.DueCount = len(thanks), len(overdue), len(due)
	s.index.View(func(entries []search.Entry) {
		d.ThankYouDue = materialize(entries, thanks, data.DashboardRows, pol, asOf)
		d.Overdue = materialize(entries, overdue, data.DashboardRows, pol, asOf)
		d.Due = materialize(entries, due, data.DashboardRows, pol, asOf)
		d.Birthdays = materialize(entries, birthdays, data.DashboardRows, pol, asOf)
	})

	open, err := s.OpenFollowUps(ctx)
	if err != nil {
		return d, fmt.Errorf("dashboard: %w", err)
	}
	for _, f := range open {
		days := data.Days(asOf, f.Due, time.Local)
		if days < data.FollowUpWindow {
			d.FollowUps = append(d.FollowUps, f)
			if days < 0 {
				d.LateFollowUps++
			}
		}
	}
	if d.Complaints, err = s.OpenComplaints(ctx); err != nil {
		return d, fmt.Errorf("dashboard: %w", err)
	}
	if d.VisitsByMonth, err = s.visitsByMonth(ctx, asOf); err != nil {
		return d, fmt.Errorf("dashboard: %w", err)
	}
	return d, nil
}

// visitsByMonth counts the visits of the 12 months ending with asOf's.
func (s *Store) visitsByMonth(ctx context.Context, asOf time.Time) ([]data.MonthCount, error) {
	a := asOf.In(time.Local)
	first := time.Date(a.Year(), a.Month()-11, 1, 0, 0, 0, 0, time.Local)
	out := make([]data.MonthCount, 12)
	index := map[string]int{}
	for i := range out {
		out[i].Month = first.AddDate(0, i, 0)
		index[out[i].Month.Format("2006-01")] = i
	}
	rows, err := s.db.QueryContext(ctx, "SELECT month, visits FROM visit_months WHERE month >= ? AND month <= ?",
		first.Format("2006-01"), a.Format("2006-01"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m string
		var n int
		if err := rows.Scan(&m, &n); err != nil {
			return nil, err
		}
		if i, ok := index[m]; ok {
			out[i].Visits = n
		}
	}
	return out, rows.Err()
}

// DueClients lists the clients past their ideal or maximum days as of a
// day, longest silence first: what `regulars due` prints.
func (s *Store) DueClients(ctx context.Context, asOf time.Time) ([]data.ClientStanding, error) {
	pol, err := s.CadencePolicy(ctx)
	if err != nil {
		return nil, fmt.Errorf("due clients: %w", err)
	}
	var l []ranked
	err = s.standings(ctx, asOf, func(p int32, e *search.Entry, st *data.Standing) {
		if st.Status == data.StatusDue || st.Status == data.StatusOverdue {
			l = append(l, ranked{-int64(st.DaysSince), p})
		}
	})
	if err != nil {
		return nil, fmt.Errorf("due clients: %w", err)
	}
	var out []data.ClientStanding
	s.index.View(func(entries []search.Entry) { out = materialize(entries, l, 0, pol, asOf) })
	return out, nil
}

// StandingOfClient is the standing of one client as of a day.
func (s *Store) StandingOfClient(ctx context.Context, c data.Client, asOf time.Time) (data.Standing, error) {
	p, err := s.CadencePolicy(ctx)
	if err != nil {
		return data.Standing{}, err
	}
	var lastThanks time.Time
	var v any
	if err := s.db.QueryRowContext(ctx, "SELECT last_thank_you_at FROM clients WHERE id = ?", c.ID).Scan(&v); err == nil {
		if str, ok := v.(string); ok {
			lastThanks, _ = time.Parse(timeLayout, str)
		}
	}
	t := data.Touch{Created: c.CreatedAt, LastContact: c.LastContactAt, LastVisit: c.LastVisitAt, LastThankYou: lastThanks,
		SnoozedUntil: c.SnoozedUntil, DoNotContact: c.DoNotContact, Deleted: c.Deleted(), Cadence: c.Cadence, Tags: c.Tags,
		Unreachable: !data.Reachable(c, data.ChannelPost) && !data.Reachable(c, data.ChannelEmail)}
	return data.StandingOf(t, p, asOf, time.Local), nil
}
