// Package exchange moves clients in and out of the book: CSV (every field)
// and vCard 4.0 exports, and visit logs as CSV. It builds on data and
// knows nothing of windows.
package exchange

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-vcard"

	"regulars/data"
	"regulars/data/store"
)

// ClientColumns are the columns of the clients CSV, in order.
var ClientColumns = []string{
	"id", "first_name", "last_name", "company", "email", "phone",
	"street", "city", "region", "postal_code", "country", "birthday", "tags", "notes",
	"preferred_channel", "post_consent", "email_consent", "do_not_contact",
	"cadence_ideal", "cadence_max", "created_at", "last_visit_at", "visit_count", "other_phones",
	// Issue 26: the name's prefix and suffix, the other emails, the consent
	// to texts and the history before Regulars.
	"name_prefix", "name_suffix", "other_emails", "sms_consent",
	"history_source", "history_first_visit", "history_last_visit", "history_visits", "history_spent",
}

// ownBaseColumns is how many of ClientColumns every export of Regulars
// has written (older ones stop there).
const ownBaseColumns = 24

// day writes a day as YYYY-MM-DD, or "" for none.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(time.Local).Format("2006-01-02")
}

// cents writes an amount, or "" for none.
func cents(c int64) string {
	if c == 0 {
		return ""
	}
	return data.FormatCents(c)
}

func num(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(time.Local).Format(time.RFC3339)
}

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (OWASP's CSV injection advice).
const formulaStarts = "=+-@\t\r"

// EscapeCell writes a cell so that a spreadsheet shows it as text instead
// of running it as a formula: a cell starting with = + - @, a tab or a
// carriage return gets a leading apostrophe, as does one that already
// starts with an apostrophe, so that UnescapeCell gives back exactly what
// was written.
func EscapeCell(s string) string {
	if s != "" && (strings.ContainsRune(formulaStarts, rune(s[0])) || s[0] == '\'') {
		return "'" + s
	}
	return s
}

// UnescapeCell undoes EscapeCell.
func UnescapeCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && (strings.ContainsRune(formulaStarts, rune(s[1])) || s[1] == '\'') {
		return s[1:]
	}
	return s
}

// safeWriter is a CSV writer whose every cell is escaped (EscapeCell).
type safeWriter struct{ *csv.Writer }

// Write writes one record with every cell escaped.
func (w safeWriter) Write(rec []string) error {
	out := make([]string, len(rec))
	for i, s := range rec {
		out[i] = EscapeCell(s)
	}
	return w.Writer.Write(out)
}

// ExportClientsCSV writes every client (not in the trash) with every
// field, tags joined with "; ".
func ExportClientsCSV(ctx context.Context, s *store.Store, w io.Writer) (int, error) {
	cw := safeWriter{csv.NewWriter(w)}
	if err := cw.Write(ClientColumns); err != nil {
		return 0, err
	}
	n := 0
	err := s.EachClient(ctx, func(c data.Client) error {
		n++
		return cw.Write([]string{
			strconv.FormatInt(c.ID, 10), c.FirstName, c.LastName, c.Company, c.Email, c.Phone,
			c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country,
			c.Birthday.String(), strings.Join(c.Tags, "; "), c.Notes,
			string(c.PreferredChannel), string(c.PostConsent), string(c.EmailConsent), strconv.FormatBool(c.DoNotContact),
			num(c.Cadence.Ideal), num(c.Cadence.Max), when(c.CreatedAt), when(c.LastVisitAt), strconv.Itoa(c.VisitCount),
			strings.Join(c.OtherPhones, "; "),
			c.NamePrefix, c.NameSuffix, strings.Join(c.OtherEmails, "; "), string(c.SMSConsent),
			c.History.Source, day(c.History.First), day(c.History.Last), num(c.History.Visits), cents(c.History.SpentCents),
		})
	})
	if err != nil {
		return n, fmt.Errorf("export clients: %w", err)
	}
	cw.Flush()
	return n, cw.Error()
}

// ExportVisitsCSV writes the visit log.
func ExportVisitsCSV(ctx context.Context, s *store.Store, w io.Writer) (int, error) {
	cw := safeWriter{csv.NewWriter(w)}
	if err := cw.Write([]string{"visit_id", "client_id", "client", "at", "staff", "what", "amount", "note"}); err != nil {
		return 0, err
	}
	n := 0
	err := s.EachVisit(ctx, func(v data.Visit, client string) error {
		n++
		return cw.Write([]string{strconv.FormatInt(v.ID, 10), strconv.FormatInt(v.ClientID, 10), client, when(v.At), v.StaffName, v.What, v.Amount(), v.Note})
	})
	if err != nil {
		return n, fmt.Errorf("export visits: %w", err)
	}
	cw.Flush()
	return n, cw.Error()
}

// ExportVCard writes every client as a vCard 4.0.
func ExportVCard(ctx context.Context, s *store.Store, w io.Writer) (int, error) {
	enc := vcard.NewEncoder(w)
	n := 0
	err := s.EachClient(ctx, func(c data.Client) error {
		card := ClientCard(c)
		vcard.ToV4(card)
		n++
		return enc.Encode(card)
	})
	if err != nil {
		return n, fmt.Errorf("export vCard: %w", err)
	}
	return n, nil
}

// ClientCard is a client as a vCard.
func ClientCard(c data.Client) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldVersion, "4.0")
	card.SetValue(vcard.FieldFormattedName, c.Name())
	card.SetName(&vcard.Name{FamilyName: c.LastName, GivenName: c.FirstName})
	if c.Company != "" {
		card.SetValue(vcard.FieldOrganization, c.Company)
	}
	if c.Email != "" {
		card.SetValue(vcard.FieldEmail, c.Email)
	}
	for i, p := range c.Phones() {
		f := &vcard.Field{Value: p, Params: vcard.Params{}}
		if i == 0 {
			f.Params.Set(vcard.ParamPreferred, "1")
		}
		card.Add(vcard.FieldTelephone, f)
	}
	if !c.Address.IsZero() {
		card.AddAddress(&vcard.Address{StreetAddress: c.Address.Street, Locality: c.Address.City, Region: c.Address.Region,
			PostalCode: c.Address.PostalCode, Country: c.Address.Country})
	}
	if !c.Birthday.IsZero() {
		b := fmt.Sprintf("--%02d%02d", int(c.Birthday.Month), c.Birthday.Day)
		if c.Birthday.Year != 0 {
			b = fmt.Sprintf("%04d%02d%02d", c.Birthday.Year, int(c.Birthday.Month), c.Birthday.Day)
		}
		card.SetValue(vcard.FieldBirthday, b)
	}
	if c.Notes != "" {
		card.SetValue(vcard.FieldNote, c.Notes)
	}
	if len(c.Tags) > 0 {
		card.SetCategories(c.Tags)
	}
	return card
}
