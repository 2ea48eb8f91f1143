package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
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
	str("name prefix", &out.NamePrefix, incoming.NamePrefix)
	str("first name", &out.FirstName, incoming.FirstName)
	str("last name", &out.LastName, incoming.LastName)
	str("name suffix", &out.NameSuffix, incoming.NameSuffix)
	str("company", &out.Company, incoming.Company)
	str("email", &out.Email, incoming.Email)
	// Every email is kept: one the client does not have becomes one of
	// their other emails (a different main email is also a conflict, so
	// that a person can choose which is the main one).
	out.OtherEmails = append([]string(nil), out.OtherEmails...)
	emailAdded := false
	for _, e := range append([]string{incoming.Email}, incoming.OtherEmails...) {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
		case sameValue("email", out.Email, e):
		default:
			have := false
			for _, o := range out.OtherEmails {
				have = have || sameValue("email", o, e)
			}
			if !have {
				out.OtherEmails = append(out.OtherEmails, e)
				emailAdded = true
			}
		}
	}
	if emailAdded {
		filled = append(filled, "other email")
	}
	// Every phone is kept: a number the book does not have becomes one of
	// the client's other phones.
	out.OtherPhones = append([]string(nil), out.OtherPhones...)
	added := false
	for _, p := range incoming.Phones() {
		if out.AddPhone(p) {
			added = true
		}
	}
	if added {
		filled = append(filled, "phone")
	}
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
	if (out.SMSConsent == ConsentUnknown || out.SMSConsent == "") && incoming.SMSConsent != "" && incoming.SMSConsent != ConsentUnknown {
		out.SMSConsent = incoming.SMSConsent
		filled = append(filled, "text-message consent")
	} else if incoming.SMSConsent == ConsentUnsubscribed && out.SMSConsent != ConsentUnsubscribed {
		conflicts = append(conflicts, Conflict{"text-message consent", string(out.SMSConsent), string(incoming.SMSConsent)})
		out.SMSConsent = ConsentUnsubscribed
	}
	// A newer export of the same system replaces the history; the same
	// export again changes nothing; another system's history is a
	// conflict (the one the book has is kept: two systems' totals of the
	// same visits would count them twice).
	switch in := incoming.History; {
	case in.IsZero() || out.History.Same(in):
	case out.History.IsZero() || strings.EqualFold(out.History.Source, in.Source):
		out.History = in
		filled = append(filled, "history")
	default:
		conflicts = append(conflicts, Conflict{"history", out.History.Describe(""), in.Describe("")})
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
	MatchID   int64  // the existing client it is (update, skip), or 0
	MatchedBy string // why: "same email", "same phone and name", "possible duplicate: same phone, different names"
	// PossibleID is a client this person may be (a weak match, see
	// Compare): the row adds them as new unless the user chooses to merge.
	PossibleID int64
	// PossibleLine is the earlier row of the same file this person may be.
	PossibleLine int
	Warnings     []string // fields left empty and why ("birthday \"0/0/00\" is not a date")
	Action       ImportAction
	Reason       string     // for skip and error
	Filled       []string   // for an update: the fields filled in
	Conflicts    []Conflict // for an update: values kept
	Visits       []time.Time
	VisitNote    string
	// TillID is the client's customer ID in the system the file came
	// from, kept so that the system's sales find the client.
	TillID TillID
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
		insVisit, err := tx.PrepareContext(ctx, "INSERT INTO visits (client_id, at, what, note, created_at) VALUES (?, ?, '', ?, ?) RETURNING id")
		if err != nil {
			return err
		}
		insContact, err := tx.PrepareContext(ctx, "INSERT INTO contacts (client_id, at, kind, visit_id, created_at) VALUES (?, ?, 'visit', ?, ?)")
		if err != nil {
			return err
		}
		// Prepared once: parsing the statement for every row took a third
		// of a 100,000-row import.
		n := len(strings.Split(editableColumns, ",")) + 2
		insClient, err := tx.PrepareContext(ctx, "INSERT INTO clients ("+editableColumns+", created_at, updated_at) VALUES ("+
			strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+") RETURNING id")
		if err != nil {
			return err
		}
		insTag, err := tx.PrepareContext(ctx, "INSERT INTO client_tags (client_id, tag) VALUES (?, ?)")
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
				if err := insClient.QueryRowContext(ctx, append(clientArgs(&c), formatTime(now), formatTime(now))...).Scan(&c.ID); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				for _, t := range c.Tags {
					if _, err := insTag.ExecContext(ctx, c.ID, t); err != nil {
						return fmt.Errorf("line %d: tag %q: %w", r.Line, t, err)
					}
				}
				r.Client.ID, r.MatchID = c.ID, c.ID
				if !c.History.IsZero() {
					if err := setHistory(ctx, tx, c.ID, c.History); err != nil {
						return fmt.Errorf("line %d: %w", r.Line, err)
					}
				}
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
				if _, err := tx.ExecContext(ctx, "UPDATE clients SET "+strings.Join(sets, ", ")+", updated_at = ?, version = version + 1 WHERE id = ?", args...); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				if err := writeTags(ctx, tx, c.ID, c.Tags); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				if !c.History.IsZero() {
					if err := setHistory(ctx, tx, c.ID, c.History); err != nil {
						return fmt.Errorf("line %d: %w", r.Line, err)
					}
				}
				updated++
			case ImportSkip:
				// Nothing new, but the till's customer ID may be.
				if r.MatchID > 0 {
					if err := addTillID(ctx, tx, r.MatchID, r.TillID); err != nil {
						return fmt.Errorf("line %d: %w", r.Line, err)
					}
				}
				continue
			default:
				continue
			}
			if err := addTillID(ctx, tx, r.MatchID, r.TillID); err != nil {
				return fmt.Errorf("line %d: %w", r.Line, err)
			}
			for _, at := range r.Visits {
				var vid int64
				if err := insVisit.QueryRowContext(ctx, r.MatchID, formatTime(at), r.VisitNote, formatTime(now)).Scan(&vid); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
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

// DuplicatePair is two clients who are likely one person, and why.
type DuplicatePair struct {
	A, B     Client
	Reason   string // "same email", "same phone and name", "same name only", "similar names"
	Sure     bool   // enough agrees for a shop to accept (see Compare)
	NameOnly bool   // found on the name alone: nothing else agrees
}

// FindDuplicates lists likely pairs among the clients not in the trash:
// those who share an email, a phone or a name (or whose first names are
// one letter apart with the same last name) and whom Compare does not
// find to be strangers. People whose names disagree (beyond one letter)
// are left out even when they share a phone or an email: that is a
// household, two clients.
// Surer pairs come first.
func (s *Store) FindDuplicates(ctx context.Context) ([]DuplicatePair, error) {
	var all []Client
	if err := s.EachClient(ctx, func(c Client) error { all = append(all, c); return nil }); err != nil {
		return nil, err
	}
	var out []DuplicatePair
	seen := map[[2]int64]bool{}
	add := func(a, b Client) {
		if a.ID > b.ID {
			a, b = b, a
		}
		k := [2]int64{a.ID, b.ID}
		if a.ID == b.ID || seen[k] {
			return
		}
		seen[k] = true
		l := Compare(a, b)
		if l.Agreement == Strangers || namesOf(a, b) == namesDiffer {
			return
		}
		out = append(out, DuplicatePair{A: a, B: b, Reason: l.Why, Sure: l.Agreement == Same, NameOnly: l.NameOnly})
	}
	group := func(keys func(Client) []string) {
		groups := map[string][]Client{}
		for _, c := range all {
			for _, k := range keys(c) {
				groups[k] = append(groups[k], c)
			}
		}
		for _, g := range groups {
			if len(g) > 20 {
				continue // a shared address like info@… is no sign of one person
			}
			for i := range g {
				for j := i + 1; j < len(g); j++ {
					add(g[i], g[j])
				}
			}
		}
	}
	one := func(k string) []string {
		if k == "" {
			return nil
		}
		return []string{k}
	}
	group(func(c Client) []string { return one(strings.ToLower(strings.TrimSpace(c.Email))) })
	group(phoneKeys)
	group(func(c Client) []string {
		if k := sortedKey(c); strings.Contains(k, " ") {
			return []string{k}
		}
		return nil
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
					add(g[i], g[j])
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Sure != out[j].Sure {
			return out[i].Sure
		}
		if out[i].NameOnly != out[j].NameOnly {
			return !out[i].NameOnly
		}
		if out[i].A.ID != out[j].A.ID {
			return out[i].A.ID < out[j].A.ID
		}
		return out[i].B.ID < out[j].B.ID
	})
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

// TakeableFields are the fields whose value a merge can take from the other
// client when the two disagree (see MergeClientsTaking).
var TakeableFields = []string{"first name", "last name", "company", "email", "phone", "address", "birthday"}

// TakeField sets field of keep to other's value. A phone given up stays one of
// the client's other phones; an email given up is noted, so that nothing
// of either record is lost.
func TakeField(keep *Client, other Client, field string) error {
	switch field {
	case "first name":
		keep.FirstName = other.FirstName
	case "last name":
		keep.LastName = other.LastName
	case "company":
		keep.Company = other.Company
	case "email":
		if old := strings.TrimSpace(keep.Email); old != "" && !strings.EqualFold(old, other.Email) {
			// The old one stays one of the client's emails.
			keep.OtherEmails = otherEmails(other.Email, append(append([]string(nil), keep.OtherEmails...), old))
		}
		keep.Email = other.Email
	case "phone":
		old := keep.Phone
		keep.Phone = ""
		keep.AddPhone(other.Phone)
		keep.AddPhone(old)
	case "address":
		keep.Address = other.Address
	case "birthday":
		keep.Birthday = other.Birthday
	default:
		return fmt.Errorf("merge: cannot take %q from the other client (fields: %s)", field, strings.Join(TakeableFields, ", "))
	}
	return nil
}

// MergeClients makes one client of two: keep gets the empty fields filled
// from other, and every visit, contact, follow-up, complaint, tag and note
// of other; other is removed. A backup is taken first. It returns the
// values of keep that other disagreed with (kept as they were).
func (s *Store) MergeClients(ctx context.Context, keepID, otherID int64) ([]Conflict, error) {
	return s.MergeClientsTaking(ctx, keepID, otherID, nil)
}

// MergeClientsTaking is MergeClients where, for each field named in
// takeOther (one of TakeableFields), the other client's value wins.
func (s *Store) MergeClientsTaking(ctx context.Context, keepID, otherID int64, takeOther []string) ([]Conflict, error) {
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
	base := keep
	for _, f := range takeOther {
		if err := TakeField(&base, other, f); err != nil {
			return nil, err
		}
	}
	if _, err := s.BackupNow(ctx, "before-merge"); err != nil {
		return nil, fmt.Errorf("merge: back up first: %w", err)
	}
	merged, _, conflicts := FillFrom(base, other)
	if err := merged.Validate(); err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		for _, table := range []string{"visits", "contacts", "follow_ups", "complaints", "client_till_ids"} {
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
		if _, err := tx.ExecContext(ctx, "UPDATE clients SET "+strings.Join(sets, ", ")+", updated_at = ?, version = version + 1 WHERE id = ?", args...); err != nil {
			return err
		}
		// The history before Regulars: the one FillFrom kept.
		if !merged.History.IsZero() {
			if err := setHistory(ctx, tx, keepID, merged.History); err != nil {
				return err
			}
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
