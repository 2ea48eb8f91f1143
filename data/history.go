package data

import (
	"fmt"
	"strings"
	"time"
)

// History is what another system (a till, a booking app, a spreadsheet)
// exported of a client's visits before Regulars: the first and last
// visit, the number of visits and the amount spent, in the book's
// currency. It is kept as the file said it and counts in every figure of
// the book (visit count, spend, first and last visit), except for the
// sales from the same system that the visit log holds already.
type History struct {
	Source      string // the system's name as people write it: "Square"
	First, Last time.Time
	Visits      int
	SpentCents  int64
}

// IsZero reports whether there is no history.
func (h History) IsZero() bool {
	return h.Visits == 0 && h.SpentCents == 0 && h.First.IsZero() && h.Last.IsZero()
}

// Same reports whether two histories say the same (to the day).
func (h History) Same(o History) bool {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(time.Local).Format(DateLayout)
	}
	return strings.EqualFold(h.Source, o.Source) && h.Visits == o.Visits && h.SpentCents == o.SpentCents &&
		day(h.First) == day(o.First) && day(h.Last) == day(o.Last)
}

// Describe is the history's line on the timeline, with amounts in the
// currency code given: "History from Square: 12 visits since March 2023,
// $640.00".
func (h History) Describe(currency string) string {
	src := h.Source
	if src == "" {
		src = "another system"
	}
	var parts []string
	switch {
	case h.Visits == 1:
		parts = append(parts, "1 visit")
	case h.Visits > 1:
		parts = append(parts, fmt.Sprintf("%d visits", h.Visits))
	}
	if !h.First.IsZero() {
		since := "since " + h.First.In(time.Local).Format("January 2006")
		if len(parts) > 0 {
			parts[0] += " " + since
		} else {
			parts = append(parts, since)
		}
	}
	if h.SpentCents > 0 {
		parts = append(parts, FormatMoney(h.SpentCents, currency))
	}
	if !h.Last.IsZero() {
		parts = append(parts, "last "+h.Last.In(time.Local).Format("2 Jan 2006"))
	}
	return "History from " + src + ": " + strings.Join(parts, ", ")
}

// ClientTotals are a client's figures for the client pane and the command
// line: the visits in the log and the history before Regulars together
// (the history's share that the log does not hold already).
func ClientTotals(c Client, visits []Visit) Totals {
	t := VisitTotals(visits)
	if c.History.IsZero() {
		return t
	}
	covered, coveredCents := coveredBy(c.History, visits)
	extra := max(0, c.History.Visits-covered)
	extraCents := max(0, c.History.SpentCents-coveredCents)
	t.Visits += extra
	t.SpentCents += extraCents
	if extraCents > 0 {
		t.WithAmount += extra
	}
	if f := c.History.First; !f.IsZero() && (t.First.IsZero() || f.Before(t.First)) {
		t.First = f
	}
	if l := c.History.Last; !l.IsZero() && l.After(t.Last) {
		t.Last = l
	}
	return t
}

// HistoryEnd is the instant up to which the log's sales from the
// history's own system are counted in the history already: the end of the
// history's last day (the whole log when it gives no last day).
func HistoryEnd(h History) time.Time {
	if h.Last.IsZero() {
		return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	l := h.Last.In(time.Local)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.Local).AddDate(0, 0, 1)
}

// SalePrefix is how the sale keys of one system begin.
func SalePrefix(source string) string { return strings.ToLower(strings.TrimSpace(source)) + ":" }

// coveredBy counts the visits of the log that the history counts already:
// sales from the same system up to the history's last day.
func coveredBy(h History, visits []Visit) (n int, cents int64) {
	end, prefix := HistoryEnd(h), SalePrefix(h.Source)
	for _, v := range visits {
		if v.SaleKey != "" && strings.HasPrefix(v.SaleKey, prefix) && v.At.Before(end) {
			n++
			if v.AmountCents > 0 {
				cents += v.AmountCents
			}
		}
	}
	return n, cents
}

// TillID is a client's customer ID in a till or shop system, kept from a
// contacts import so that the system's sales find their client.
type TillID struct {
	Source string // "square", "shopify"
	ID     string
}

// otherEmails trims a client's other emails and drops empty ones, those
// equal to the main email and repeats (ignoring case).
func otherEmails(main string, others []string) []string {
	var out []string
	seen := map[string]bool{strings.ToLower(strings.TrimSpace(main)): true}
	for _, e := range others {
		e = strings.TrimSpace(StripInvisible(e))
		k := strings.ToLower(e)
		if e == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	return out
}
