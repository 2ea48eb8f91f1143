package exchange

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
)

// Options say how to read a file.
type Options struct {
	Format  Format // FormatAuto recognises it from the content
	Mapping string // columns mapped by hand over the guess (see ParseMapping)
	// Dates is "day-first" or "month-first" to set the order of numeric
	// dates; "" decides from the file, the exporter, then the locale.
	Dates string
}

// Reading is what was read from a file, for the review.
type Reading struct {
	People    []Person
	Format    Format
	Encoding  string
	Header    []string // CSV: the columns
	Mapping   Mapping  // CSV: the field of each column
	Unmapped  []string // CSV: columns with data that are not imported
	DateOrder string   // the order numeric dates were read in, and why
	Warnings  []string // about the file as a whole
}

// ReadFile reads people from a file's bytes in a format (FormatAuto looks
// at the content), guessing the column mapping for CSV.
func ReadFile(b []byte, f Format) ([]Person, Format, []string, error) {
	return ReadFileMapped(b, f, "")
}

// ReadFileMapped is ReadFile with a column mapping over the guessed one
// (see ParseMapping).
func ReadFileMapped(b []byte, f Format, mapping string) ([]Person, Format, []string, error) {
	r, err := Read(b, Options{Format: f, Mapping: mapping})
	if err != nil {
		if r != nil {
			return nil, r.Format, r.Warnings, err
		}
		return nil, f, nil, err
	}
	return r.People, r.Format, r.Warnings, nil
}

// Read reads a CSV or vCard file into people.
func Read(b []byte, o Options) (*Reading, error) {
	f := o.Format
	if f == FormatVCard || (f == FormatAuto && bytes.Contains(bytes.ToUpper(b[:min(len(b), 4096)]), []byte("BEGIN:VCARD"))) {
		p, err := ReadVCards(b)
		if err != nil {
			return nil, err
		}
		return &Reading{People: p, Format: FormatVCard, Encoding: "as the file says"}, nil
	}
	t, err := ReadTable(b)
	if err != nil {
		return nil, err
	}
	guessed, m := Guess(t.Header)
	if f == FormatAuto {
		f = guessed
	}
	if o.Mapping != "" {
		if m, err = ParseMapping(t.Header, m, o.Mapping); err != nil {
			return &Reading{Format: f, Encoding: t.Encoding, Header: t.Header, Warnings: t.Warnings}, err
		}
	}
	return ReadRows(t, f, m, o.Dates)
}

// ReadRows reads a table's rows with a mapping (guessed by Guess, set on
// the mapping screen or by ParseMapping): the people, the columns left out
// and the order of the dates (dates: "", "day-first" or "month-first").
func ReadRows(t *Table, f Format, m Mapping, dates string) (*Reading, error) {
	r := &Reading{Format: f, Encoding: t.Encoding, Header: t.Header, Mapping: m, Warnings: append([]string(nil), t.Warnings...)}
	hasName := false
	for _, field := range m {
		hasName = hasName || field == FFirst || field == FLast || field == FFull || field == FCompany
	}
	if !hasName {
		return r, fmt.Errorf("no column looks like a name (the columns are: %s); map them, e.g. --map \"%s=first\"", strings.Join(t.Header, ", "), t.Header[0])
	}
	rows := t.Rows
	if isOwnExport(t.Header) {
		rows = make([][]string, len(t.Rows))
		for i, rec := range t.Rows {
			rows[i] = make([]string, len(rec))
			for j := range rec {
				rows[i][j] = UnescapeCell(rec[j])
			}
		}
	}
	if isOwnExport(t.Header) {
		// Regulars' own export: its visit figures are the book's (the
		// visits' file carries the visits), not a history before it.
		m = append(Mapping(nil), m...)
		for j, field := range m {
			if field == FVisitCount || field == FFirstVisit || field == FLastVisit || field == FSpent {
				m[j] = FIgnore
			}
			// Its own history columns are the history.
			if own, ok := ownHistoryColumns[strings.TrimSpace(t.Header[j])]; ok {
				m[j] = own
			}
		}
	}
	t = &Table{Header: t.Header, Rows: rows, Lines: t.Lines, Encoding: t.Encoding, Comma: t.Comma}
	r.Unmapped = Unmapped(t, m)
	for _, u := range r.Unmapped {
		r.Warnings = append(r.Warnings, "not imported: "+u)
	}
	var order DateOrder
	switch dates {
	case "day-first":
		order, r.DateOrder = DayFirst, "day/month, as asked"
	case "month-first":
		order, r.DateOrder = MonthFirst, "month/day, as asked"
	case "":
		var cells []dateCell
		for j, field := range m {
			if field != FBirthday && field != FFirstVisit && field != FLastVisit {
				continue
			}
			for i, rec := range t.Rows {
				if j < len(rec) && rec[j] != "" {
					cells = append(cells, dateCell{strings.TrimSpace(rec[j]), t.Lines[i]})
				}
			}
		}
		numeric := false
		for _, c := range cells {
			if _, _, _, _, sep, ok := numericDate(c.text); ok && sep != '.' && !emptyDate(c.text) {
				numeric = true
				break
			}
		}
		order, r.DateOrder = decideOrder(cells, f, Locale())
		if !numeric {
			r.DateOrder = ""
		}
	default:
		return r, fmt.Errorf("dates %q: write day-first or month-first", dates)
	}
	r.People = peopleOf(t, m, f, order)
	return r, nil
}

// People turns the table's rows into people with a mapping, reading
// numeric dates in the order the file, the exporter or the locale gives.
func People(t *Table, m Mapping, f Format) []Person {
	var cells []dateCell
	for j, field := range m {
		if field == FBirthday || field == FFirstVisit || field == FLastVisit {
			for i, rec := range t.Rows {
				if j < len(rec) {
					cells = append(cells, dateCell{strings.TrimSpace(rec[j]), t.Lines[i]})
				}
			}
		}
	}
	order, _ := decideOrder(cells, f, Locale())
	return peopleOf(t, m, f, order)
}

func peopleOf(t *Table, m Mapping, f Format, order DateOrder) []Person {
	rr := &rowReader{header: t.Header, m: m, f: f, order: order, pivot: clock.Now().Year()}
	for _, field := range m {
		rr.lastOK = rr.lastOK || field == FLast
	}
	out := make([]Person, 0, len(t.Rows))
	for i, rec := range t.Rows {
		out = append(out, rr.read(rec, t.Lines[i]))
	}
	return out
}

// isOwnExport reports whether a header is Regulars' clients CSV.
func isOwnExport(header []string) bool {
	if len(header) < ownBaseColumns {
		return false
	}
	for i, c := range ClientColumns[:ownBaseColumns] {
		if strings.TrimPrefix(strings.TrimSpace(header[i]), "\ufeff") != c {
			return false
		}
	}
	return true
}

// Plan decides, for every person, whether they are new, an update of a
// client in the book (empty fields filled, conflicts kept), the same as
// someone already in the file, or an error. A person who only may be a
// client of the book (a shared phone with another name, the same name
// alone) is new, marked as a possible duplicate: never merged by itself.
// Nothing is written.
func Plan(ctx context.Context, s *store.Store, people []Person) ([]data.ImportRow, error) {
	m, err := s.NewMatcher(ctx)
	if err != nil {
		return nil, err
	}
	rows := make([]data.ImportRow, 0, len(people))
	planned := map[int64]int{} // temporary id of a new client → its row
	next := int64(-1)
	for _, p := range people {
		r := data.ImportRow{Line: p.Line, Client: p.Client, Visits: p.Visits, VisitNote: p.VisitNote, Warnings: p.Warnings, TillID: p.TillID}
		if p.Problem != "" {
			r.Action, r.Reason = data.ImportError, p.Problem
			rows = append(rows, r)
			continue
		}
		p.Client.Normalize()
		r.Client = p.Client
		match, ok := m.Find(p.Client)
		if ok && match.Client.ID > 0 && len(p.Visits) > 0 {
			// A visit the book has (an earlier import of the same file)
			// is not logged twice.
			known, err := knownVisits(ctx, s, match.Client.ID, p.Visits)
			if err != nil {
				return nil, err
			}
			if match.Agreement == data.Same || len(known) == len(p.Visits) {
				p.Visits = without(p.Visits, known)
				r.Visits = p.Visits
			}
		}
		switch {
		case ok && match.Agreement == data.Same && match.Client.ID < 0:
			// Someone earlier in this file: merge into that row.
			first := &rows[planned[match.Client.ID]]
			merged, _, _ := data.FillFrom(first.Client, p.Client)
			first.Client = merged
			first.Client.ID = 0
			first.Visits = append(first.Visits, p.Visits...)
			first.Warnings = append(first.Warnings, p.Warnings...)
			merged.ID = match.Client.ID
			m.Add(merged)
			r.Action, r.Reason = data.ImportSkip, fmt.Sprintf("the same person as line %d (%s); merged into it", first.Line, match.Why)
		case ok && match.Agreement == data.Same:
			r = updateRow(r, match.Client, match.Why, p)
			if r.Action == data.ImportUpdate {
				m.Add(r.Client)
			}
		case ok && nothingNew(match.Client, p):
			// A weak match that the file adds nothing to: importing it
			// again must not add a copy.
			r.Action, r.Client = data.ImportSkip, match.Client
			r.MatchID, r.MatchedBy = match.Client.ID, match.Why
			r.Reason = "already in the book (" + match.Why + "), nothing new"
			if match.Client.ID < 0 {
				r.MatchID = 0
				r.Reason = fmt.Sprintf("the same as line %d (%s), nothing new", rows[planned[match.Client.ID]].Line, match.Why)
			}
		default:
			r.Action = data.ImportNew
			if ok {
				r.PossibleID, r.MatchedBy = match.Client.ID, "possible duplicate: "+match.Why
				if match.Client.ID < 0 {
					r.PossibleID, r.PossibleLine = 0, rows[planned[match.Client.ID]].Line
					r.MatchedBy = fmt.Sprintf("possible duplicate of line %d: %s", r.PossibleLine, match.Why)
				}
			}
			c := p.Client
			c.ID = next
			r.Client.ID = 0
			planned[next] = len(rows)
			next--
			m.Add(c)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// knownVisits returns the visits of at that the client already has on the
// same day.
func knownVisits(ctx context.Context, s *store.Store, id int64, at []time.Time) ([]time.Time, error) {
	have, err := s.Visits(ctx, id, 0)
	if err != nil {
		return nil, fmt.Errorf("plan: read the visits of client %d: %w", id, err)
	}
	days := map[string]bool{}
	for _, v := range have {
		days[v.At.In(time.Local).Format("2006-01-02")] = true
	}
	var out []time.Time
	for _, t := range at {
		if days[t.In(time.Local).Format("2006-01-02")] {
			out = append(out, t)
		}
	}
	return out, nil
}

func without(all, drop []time.Time) []time.Time {
	var out []time.Time
	for _, t := range all {
		found := false
		for _, d := range drop {
			found = found || d.Equal(t)
		}
		if !found {
			out = append(out, t)
		}
	}
	return out
}

// nothingNew reports whether a person adds nothing to a client: every
// field they have is already there, the same.
func nothingNew(existing data.Client, p Person) bool {
	_, filled, conflicts := data.FillFrom(existing, p.Client)
	return len(filled) == 0 && len(conflicts) == 0 && len(p.Visits) == 0
}

// updateRow plans a person as an update of an existing client (or a skip
// when they add nothing).
func updateRow(r data.ImportRow, existing data.Client, why string, p Person) data.ImportRow {
	merged, filled, conflicts := data.FillFrom(existing, p.Client)
	r.MatchID, r.MatchedBy, r.Conflicts = existing.ID, why, conflicts
	if len(filled) == 0 && len(p.Visits) == 0 {
		r.Action, r.Reason = data.ImportSkip, "already in the book ("+why+"), nothing new"
		r.Client = existing
		return r
	}
	merged.ID = existing.ID
	r.Action, r.Client, r.Filled = data.ImportUpdate, merged, filled
	return r
}

// MergePossible turns a row planned as a possible duplicate into an update
// of that client, when the user says they are one person.
func MergePossible(r data.ImportRow, existing data.Client) data.ImportRow {
	r.PossibleID = 0
	p := Person{Client: r.Client, Visits: r.Visits}
	p.Client.ID = 0
	return updateRow(r, existing, "merged by hand", p)
}

// Summary counts a plan's rows by action.
func Summary(rows []data.ImportRow) map[data.ImportAction]int {
	out := map[data.ImportAction]int{}
	for _, r := range rows {
		out[r.Action]++
	}
	return out
}
