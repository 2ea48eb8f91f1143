package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Conflict is a field where two records of one person disagree; the
// value already in the book is kept, never silently overwritten.
type Conflict struct {
	Field    string
	Kept     string
	Incoming string
}

// FillFrom fills the empty fields of existing from incoming and adds the
// incoming tags. It returns the result, the fields it filled, and the
// fields where both have different values (existing wins).
func FillFrom(existing, incoming Client) (Client, []string, []Conflict) {
	out := existing
	var filled []string
	var conflicts []Conflict
	str := func(name string, dst *string, in string) {
		in = strings.TrimSpace(in)
		switch {
		case in == "":
		case strings.TrimSpace(*dst) == "":
			*dst = in
			filled = append(filled, name)
		case !sameValue(name, *dst, in):
			conflicts = append(conflicts, Conflict{name, *dst, in})
		}
	}
	str("first name", &out.FirstName, incoming.FirstName)
	str("last name", &out.LastName, incoming.LastName)
	str("company", &out.Company, incoming.Company)
	str("email", &out.Email, incoming.Email)
	str("phone", &out.Phone, incoming.Phone)
	if out.Address.IsZero() && !incoming.Address.IsZero() {
		out.Address = incoming.Address
		filled = append(filled, "address")
	} else if !incoming.Address.IsZero() && !sameValue("address", strings.Join(out.Address.Lines(), ", "), strings.Join(incoming.Address.Lines(), ", ")) {
		conflicts = append(conflicts, Conflict{"address", strings.Join(out.Address.Lines(), ", "), strings.Join(incoming.Address.Lines(), ", ")})
	}
	if out.Birthday.IsZero() && !incoming.Birthday.IsZero() {
		out.Birthday = incoming.Birthday
		filled = append(filled, "birthday")
	} else if !incoming.Birthday.IsZero() && out.Birthday != incoming.Birthday {
		if out.Birthday.Year == 0 && incoming.Birthday.Month == out.Birthday.Month && incoming.Birthday.Day == out.Birthday.Day {
			out.Birthday.Year = incoming.Birthday.Year
			filled = append(filled, "birth year")
		} else if incoming.Birthday.Year != 0 || incoming.Birthday.Month != out.Birthday.Month || incoming.Birthday.Day != out.Birthday.Day {
			conflicts = append(conflicts, Conflict{"birthday", out.Birthday.String(), incoming.Birthday.String()})
		}
	}
	switch n := strings.TrimSpace(incoming.Notes); {
	case n == "" || strings.Contains(out.Notes, n):
	case strings.TrimSpace(out.Notes) == "":
		out.Notes = n
		filled = append(filled, "notes")
	default:
		// Notes add up: nothing of either is lost.
		out.Notes = strings.TrimSpace(out.Notes) + "\n\n" + n
		filled = append(filled, "notes (added)")
	}
	before := len(NormalizeTags(out.Tags))
	out.Tags = NormalizeTags(append(append([]string(nil), out.Tags...), incoming.Tags...))
	if len(out.Tags) > before {
		filled = append(filled, "tags")
	}
	if out.EmailConsent == ConsentUnknown && incoming.EmailConsent != "" && incoming.EmailConsent != ConsentUnknown {
		out.EmailConsent = incoming.EmailConsent
		filled = append(filled, "email consent")
	} else if incoming.EmailConsent == ConsentUnsubscribed && out.EmailConsent != ConsentUnsubscribed {
		// An opt-out always wins: never email someone who said no.
		conflicts = append(conflicts, Conflict{"email consent", string(out.EmailConsent), string(incoming.EmailConsent)})
		out.EmailConsent = ConsentUnsubscribed
	}
	if out.PostConsent == ConsentUnknown && incoming.PostConsent != "" && incoming.PostConsent != ConsentUnknown {
		out.PostConsent = incoming.PostConsent
		filled = append(filled, "post consent")
	}
	if out.Cadence == (Cadence{}) && incoming.Cadence != (Cadence{}) {
		out.Cadence = incoming.Cadence
		filled = append(filled, "cadence")
	}
	if incoming.DoNotContact && !out.DoNotContact {
		out.DoNotContact = true
		filled = append(filled, "do not contact")
	}
	return out, filled, conflicts
}

// sameValue compares two values of a field the way a person would.
func sameValue(field, a, b string) bool {
	switch field {
	case "email":
		return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
	case "phone":
		da, db := phoneDigits(a), phoneDigits(b)
		if len(da) > 9 {
			da = da[len(da)-9:]
		}
		if len(db) > 9 {
			db = db[len(db)-9:]
		}
		return da == db
	}
	return Fold(strings.Join(strings.Fields(a), " ")) == Fold(strings.Join(strings.Fields(b), " "))
}

// ImportAction is what an import does with one incoming person.
type ImportAction string

// The import actions.
const (
	ImportNew    ImportAction = "new"
	ImportUpdate ImportAction = "update"
	ImportSkip   ImportAction = "skip"
	ImportError  ImportAction = "error"
)

// ImportRow is one incoming person and what the import will do with them.
type ImportRow struct {
	Line      int    // where in the file (1-based), for the report
	Client    Client // the person as read (for an update: the merged result)
	MatchID   int64  // the existing client it matches, or 0
	MatchedBy string // "same email", "same phone", "same name"
	Action    ImportAction
	Reason    string     // for skip and error
	Filled    []string   // for an update: the fields filled in
	Conflicts []Conflict // for an update: values kept
	Visits    []time.Time
	VisitNote string
}

// ApplyImport carries out a planned import in one transaction: new
// clients are added and matched ones updated; if anything fails, the book
// is as before. A backup is taken first.
func (s *Store) ApplyImport(ctx context.Context, rows []ImportRow) (added, updated int, backup string, err error) {
	backup, err = s.BackupNow(ctx, "before-import")
	if err != nil {
		return 0, 0, "", fmt.Errorf("import: back up first: %w", err)
	}
	now := s.now()
	var touched []int64
	err = s.write(ctx, func(tx *sql.Tx) error {
		insVisit, err := tx.PrepareContext(ctx, "INSERT INTO visits (client_id, at, what, note, created_at) VALUES (?, ?, '', ?, ?)")
		if err != nil {
			return err
		}
		insContact, err := tx.PrepareContext(ctx, "INSERT INTO contacts (client_id, at, kind, visit_id, created_at) VALUES (?, ?, 'visit', ?, ?)")
		if err != nil {
			return err
		}
		for i := range rows {
			r := &rows[i]
			switch r.Action {
			case ImportNew:
				c := r.Client
				if err := c.Validate(); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				if err := insertClient(ctx, tx, &c, now); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				r.Client.ID, r.MatchID = c.ID, c.ID
				added++
			case ImportUpdate:
				c := r.Client
				c.ID = r.MatchID
				if err := c.Validate(); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				sets := strings.Split(editableColumns, ",")
				for j := range sets {
					sets[j] = strings.TrimSpace(sets[j]) + " = ?"
				}
				args := append(clientArgs(&c), formatTime(now), c.ID)
				if _, err := tx.ExecContext(ctx, "UPDATE clients SET "+strings.Join(sets, ", ")+", updated_at = ? WHERE id = ?", args...); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				if err := writeTags(ctx, tx, c.ID, c.Tags); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				updated++
			default:
				continue
			}
			for _, at := range r.Visits {
				res, err := insVisit.ExecContext(ctx, r.MatchID, formatTime(at), r.VisitNote, formatTime(now))
				if err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				vid, _ := res.LastInsertId()
				if _, err := insContact.ExecContext(ctx, r.MatchID, formatTime(at), vid, formatTime(now)); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
			}
			touched = append(touched, r.MatchID)
		}
		return nil
	})
	if err != nil {
		return 0, 0, backup, fmt.Errorf("import: nothing was changed: %w", err)
	}
	if len(touched) > 200 {
		s.index.reset()
	} else {
		s.touched(ctx, touched...)
	}
	return added, updated, backup, nil
}

// Matcher finds the existing client an incoming person is, by email,
// phone digits or name, without a query per person.
type Matcher struct {
	byEmail map[string]int64
	byPhone map[string]int64
	byName  map[string]int64
	clients map[int64]Client
}

// NewMatcher reads the book's clients (not in the trash).
func (s *Store) NewMatcher(ctx context.Context) (*Matcher, error) {
	m := &Matcher{byEmail: map[string]int64{}, byPhone: map[string]int64{}, byName: map[string]int64{}, clients: map[int64]Client{}}
	err := s.EachClient(ctx, func(c Client) error {
		m.Add(c)
		return nil
	})
	return m, err
}

func phoneKey(p string) string {
	d := phoneDigits(p)
	if len(d) < 7 {
		return ""
	}
	if len(d) > 9 {
		d = d[len(d)-9:]
	}
	return d
}

// Add makes a client findable (also one planned to be added, so that a
// file listing a person twice adds them once).
func (m *Matcher) Add(c Client) {
	m.clients[c.ID] = c
	if c.Email != "" {
		m.byEmail[strings.ToLower(c.Email)] = c.ID
	}
	if k := phoneKey(c.Phone); k != "" {
		m.byPhone[k] = c.ID
	}
	if k := NameKey(c.FirstName, c.LastName); strings.Contains(k, " ") {
		m.byName[k] = c.ID
	}
}

// Find returns the client that c matches, and why.
func (m *Matcher) Find(c Client) (Client, string, bool) {
	if c.Email != "" {
		if id, ok := m.byEmail[strings.ToLower(c.Email)]; ok {
			return m.clients[id], "same email", true
		}
	}
	if k := phoneKey(c.Phone); k != "" {
		if id, ok := m.byPhone[k]; ok {
			return m.clients[id], "same phone", true
		}
	}
	if k := NameKey(c.FirstName, c.LastName); strings.Contains(k, " ") {
		if id, ok := m.byName[k]; ok {
			return m.clients[id], "same name", true
		}
	}
	return Client{}, "", false
}

// DuplicatePair is two clients who are likely one person, and why.
type DuplicatePair struct {
	A, B   Client
	Reason string // "same email", "same phone", "same name", "similar names"
}

// FindDuplicates lists likely pairs among the clients not in the trash:
// the same email, the same phone digits, the same name, or names one
// letter apart with the same last name.
func (s *Store) FindDuplicates(ctx context.Context) ([]DuplicatePair, error) {
	var all []Client
	if err := s.EachClient(ctx, func(c Client) error { all = append(all, c); return nil }); err != nil {
		return nil, err
	}
	var out []DuplicatePair
	seen := map[[2]int64]bool{}
	add := func(a, b Client, why string) {
		if a.ID > b.ID {
			a, b = b, a
		}
		k := [2]int64{a.ID, b.ID}
		if a.ID == b.ID || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, DuplicatePair{A: a, B: b, Reason: why})
	}
	group := func(why string, key func(Client) string) {
		groups := map[string][]Client{}
		for _, c := range all {
			if k := key(c); k != "" {
				groups[k] = append(groups[k], c)
			}
		}
		for _, g := range groups {
			if len(g) > 20 {
				continue // a shared address like info@… is no sign of one person
			}
			for i := range g {
				for j := i + 1; j < len(g); j++ {
					add(g[i], g[j], why)
				}
			}
		}
	}
	group("same email", func(c Client) string { return strings.ToLower(c.Email) })
	group("same phone", func(c Client) string { return phoneKey(c.Phone) })
	group("same name", func(c Client) string {
		if k := NameKey(c.FirstName, c.LastName); strings.Contains(k, " ") {
			return k
		}
		return ""
	})
	// Names one letter apart (Jon / John, Ana / Anna) with the same last name.
	byLast := map[string][]Client{}
	for _, c := range all {
		if l := NameKey("", c.LastName); l != "" && c.FirstName != "" {
			byLast[l] = append(byLast[l], c)
		}
	}
	for _, g := range byLast {
		if len(g) > 200 {
			continue
		}
		for i := range g {
			for j := i + 1; j < len(g); j++ {
				a, b := NameKey(g[i].FirstName, ""), NameKey(g[j].FirstName, "")
				if a != b && oneEditApart(a, b) && len(a) > 2 && len(b) > 2 {
					add(g[i], g[j], "similar names")
				}
			}
		}
	}
	return out, nil
}

// oneEditApart reports whether a and b differ by one inserted, deleted or
// changed letter.
func oneEditApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i:]) == string(rb[i+1:])
}

// MergeClients makes one client of two: keep gets the empty fields filled
// from other, and every visit, contact, follow-up, complaint, tag and note
// of other; other is removed. A backup is taken first. It returns the
// values of keep that other disagreed with (kept as they were).
func (s *Store) MergeClients(ctx context.Context, keepID, otherID int64) ([]Conflict, error) {
	if keepID == otherID {
		return nil, fmt.Errorf("merge: a client cannot be merged with itself")
	}
	keep, err := s.Client(ctx, keepID)
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	other, err := s.Client(ctx, otherID)
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	if _, err := s.BackupNow(ctx, "before-merge"); err != nil {
		return nil, fmt.Errorf("merge: back up first: %w", err)
	}
	merged, _, conflicts := FillFrom(keep, other)
	if err := merged.Validate(); err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		for _, table := range []string{"visits", "contacts", "follow_ups", "complaints"} {
			if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET client_id = ? WHERE client_id = ?", keepID, otherID); err != nil {
				return fmt.Errorf("move %s: %w", table, err)
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM clients WHERE id = ?", otherID); err != nil {
			return err
		}
		sets := strings.Split(editableColumns, ",")
		for j := range sets {
			sets[j] = strings.TrimSpace(sets[j]) + " = ?"
		}
		args := append(clientArgs(&merged), formatTime(s.now()), keepID)
		if _, err := tx.ExecContext(ctx, "UPDATE clients SET "+strings.Join(sets, ", ")+", updated_at = ? WHERE id = ?", args...); err != nil {
			return err
		}
		// The older of the two "client since" dates.
		if !other.CreatedAt.IsZero() && other.CreatedAt.Before(keep.CreatedAt) {
			if _, err := tx.ExecContext(ctx, "UPDATE clients SET created_at = ? WHERE id = ?", formatTime(other.CreatedAt), keepID); err != nil {
				return err
			}
		}
		return writeTags(ctx, tx, keepID, merged.Tags)
	})
	if err != nil {
		return nil, fmt.Errorf("merge %s into %s: nothing was changed: %w", other.Name(), keep.Name(), err)
	}
	s.touched(ctx, keepID, otherID)
	return conflicts, nil
}
