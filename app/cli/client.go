package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

// clientJSON is the stable JSON form of a client, with every field. The
// keys never change meaning; new ones may be added.
type clientJSON struct {
	ID               int64        `json:"id"`
	FirstName        string       `json:"first_name"`
	LastName         string       `json:"last_name"`
	Company          string       `json:"company"`
	Email            string       `json:"email"`
	Phone            string       `json:"phone"`
	OtherPhones      []string     `json:"other_phones"` // home, work, a second mobile
	Address          addressJSON  `json:"address"`
	Birthday         string       `json:"birthday"` // YYYY-MM-DD, or --MM-DD without the year; "" when unknown
	Tags             []string     `json:"tags"`
	Notes            string       `json:"notes"`
	PreferredChannel string       `json:"preferred_channel"`
	EmailConsent     string       `json:"email_consent"`
	PostConsent      string       `json:"post_consent"`
	DoNotContact     bool         `json:"do_not_contact"`
	Cadence          cadenceJSON  `json:"cadence"` // the client's own; 0 means from their tags or the book
	SnoozedUntil     *string      `json:"snoozed_until"`
	Status           string       `json:"status"`
	DaysSinceContact int          `json:"days_since_contact"`
	ThankYouDue      bool         `json:"thank_you_due"`
	LastVisitAt      *string      `json:"last_visit_at"`
	LastContactAt    *string      `json:"last_contact_at"`
	VisitCount       int          `json:"visit_count"`
	SpentCents       int64        `json:"spent_cents"`    // the visits' and the history's
	FirstVisitAt     *string      `json:"first_visit_at"` // the history's first visit when earlier than the log's
	History          *historyJSON `json:"history"`        // the totals another system exported, or null
	NamePrefix       string       `json:"name_prefix"`
	NameSuffix       string       `json:"name_suffix"`
	OtherEmails      []string     `json:"other_emails"`
	SMSConsent       string       `json:"sms_consent"`
	CreatedAt        *string      `json:"created_at"`
	DeletedAt        *string      `json:"deleted_at"`
}

// historyJSON is a client's history before Regulars, as the other
// system exported it.
type historyJSON struct {
	Source       string  `json:"source"`
	FirstVisitAt *string `json:"first_visit_at"`
	LastVisitAt  *string `json:"last_visit_at"`
	Visits       int     `json:"visits"`
	SpentCents   int64   `json:"spent_cents"`
}

type addressJSON struct {
	Street     string `json:"street"`
	City       string `json:"city"`
	Region     string `json:"region"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

type cadenceJSON struct {
	Ideal int `json:"ideal"`
	Max   int `json:"max"`
}

func timePtr(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(time.Local).Format(time.RFC3339)
	return &s
}

func dayPtr(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(time.Local).Format("2006-01-02")
	return &s
}

// fullClient reads everything the book knows of a client for JSON.
func fullClient(e *env, c data.Client, now time.Time) (clientJSON, error) {
	st, err := e.store.StandingOfClient(e.ctx, c, now)
	if err != nil {
		return clientJSON{}, err
	}
	visits, err := e.store.Visits(e.ctx, c.ID, 0)
	if err != nil {
		return clientJSON{}, err
	}
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	others := c.OtherPhones
	if others == nil {
		others = []string{}
	}
	emails := c.OtherEmails
	if emails == nil {
		emails = []string{}
	}
	totals := data.ClientTotals(c, visits)
	var history *historyJSON
	if h := c.History; !h.IsZero() {
		history = &historyJSON{Source: h.Source, FirstVisitAt: dayPtr(h.First), LastVisitAt: dayPtr(h.Last), Visits: h.Visits, SpentCents: h.SpentCents}
	}
	return clientJSON{
		FirstVisitAt: timePtr(totals.First), History: history, NamePrefix: c.NamePrefix, NameSuffix: c.NameSuffix,
		OtherEmails: emails, SMSConsent: string(c.SMSConsent),
		ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Company: c.Company, Email: c.Email, Phone: c.Phone, OtherPhones: others,
		Address:  addressJSON{c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country},
		Birthday: c.Birthday.String(), Tags: tags, Notes: c.Notes,
		PreferredChannel: string(c.PreferredChannel), EmailConsent: string(c.EmailConsent), PostConsent: string(c.PostConsent),
		DoNotContact: c.DoNotContact, Cadence: cadenceJSON{c.Cadence.Ideal, c.Cadence.Max}, SnoozedUntil: dayPtr(c.SnoozedUntil),
		Status: string(st.Status), DaysSinceContact: st.DaysSince, ThankYouDue: st.ThankYouDue,
		LastVisitAt: timePtr(c.LastVisitAt), LastContactAt: timePtr(c.LastContactAt), VisitCount: c.VisitCount,
		SpentCents: totals.SpentCents, CreatedAt: timePtr(c.CreatedAt), DeletedAt: timePtr(c.DeletedAt),
	}, nil
}

func runClient(e *env, args []string) error {
	fs := flag.NewFlagSet("client", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	c, err := clientArg(e, fs, args, "name one client (an id, an email, a phone number or a search in quotes)")
	if err != nil {
		return err
	}
	full, err := fullClient(e, c, clock.Now())
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, full)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(tw, "%s\t%s\n", label, data.Printable(value))
		}
	}
	line("id", strconv.FormatInt(c.ID, 10))
	line("name", strings.TrimSpace(strings.Join([]string{c.NamePrefix, c.Name(), c.NameSuffix}, " ")))
	if c.Company != c.Name() {
		line("company", c.Company)
	}
	line("email", c.Email)
	line("other emails", strings.Join(c.OtherEmails, ", "))
	line("phone", c.Phone)
	line("other phones", strings.Join(c.OtherPhones, ", "))
	line("address", strings.Join(c.Address.Lines(), ", "))
	line("birthday", c.Birthday.String())
	line("tags", strings.Join(c.Tags, ", "))
	line("notes", c.Notes)
	line("thank by", string(c.PreferredChannel))
	line("consent", "post "+string(c.PostConsent)+", email "+string(c.EmailConsent)+", texts "+string(c.SMSConsent))
	if c.DoNotContact {
		line("do not contact", "yes")
	}
	if c.Cadence != (data.Cadence{}) {
		line("cadence", fmt.Sprintf("ideal %d, at most %d days (0: inherited)", c.Cadence.Ideal, c.Cadence.Max))
	}
	if p := full.SnoozedUntil; p != nil {
		line("snoozed until", *p)
	}
	line("standing", fmt.Sprintf("%s, %d days since the last contact", full.Status, full.DaysSinceContact))
	line("visits", fmt.Sprintf("%d, %s spent", c.VisitCount, data.FormatCents(full.SpentCents)))
	if h := c.History; !h.IsZero() {
		cur, _ := e.store.Currency(e.ctx)
		line("history", h.Describe(cur))
	}
	if c.Deleted() {
		line("in the trash since", c.DeletedAt.In(time.Local).Format("2006-01-02"))
	}
	return tw.Flush()
}

// editFlags are the flags of edit-client, each changing one field.
var editFlags = []struct{ name, usage string }{
	{"first", "first name"}, {"last", "last name"}, {"company", "company"}, {"email", "email address"}, {"phone", "phone number"},
	{"street", "street and number"}, {"city", "city"}, {"region", "state, county or province"}, {"postal", "postal code"},
	{"country", "country"}, {"birthday", "birthday: 1990-03-14, 14/3/1990 or 14 March (month first in a US book), year optional (\"\" to clear)"}, {"notes", "notes (replaces them)"},
	{"channel", "preferred channel for thank-yous: post or email"}, {"email-consent", "subscribed, unsubscribed or unknown"},
	{"post-consent", "subscribed, unsubscribed or unknown"}, {"do-not-contact", "yes or no"},
	{"ideal", "the client's own ideal days between contacts (0: from tags or the book)"},
	{"max", "the client's own maximum days between contacts (0: from tags or the book)"},
}

func runEditClient(e *env, args []string) error {
	fs := flag.NewFlagSet("edit-client", flag.ContinueOnError)
	values := map[string]*string{}
	for _, f := range editFlags {
		values[f.name] = fs.String(f.name, "", f.usage)
	}
	var tags, addTags, removeTags stringList
	fs.Var(&tags, "tag", "the client's tags (repeat; replaces them all; --tag \"\" clears)")
	fs.Var(&addTags, "add-tag", "add a tag (repeat for more)")
	fs.Var(&removeTags, "remove-tag", "remove a tag (repeat for more)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("name one client, then the fields to change (--email new@example.com …)")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if len(set) == 0 {
		return usageErr("say what to change, e.g. --phone \"(555) 123-4567\" or --email-consent unsubscribed")
	}
	c, err := findClient(e, pos[0])
	if err != nil {
		return err
	}
	before := c
	var errs data.ValidationError
	str := map[string]*string{"first": &c.FirstName, "last": &c.LastName, "company": &c.Company, "email": &c.Email, "phone": &c.Phone,
		"street": &c.Address.Street, "city": &c.Address.City, "region": &c.Address.Region, "postal": &c.Address.PostalCode,
		"country": &c.Address.Country, "notes": &c.Notes}
	for name, p := range str {
		if set[name] {
			*p = *values[name]
		}
	}
	if set["birthday"] {
		if c.Birthday, err = data.ReadBirthday(*values["birthday"], e.store.DayOrder(e.ctx)); err != nil {
			errs = append(errs, data.FieldError{Field: data.FieldBirthday, Message: "--birthday: " + err.Error()})
		}
	}
	if set["channel"] {
		c.PreferredChannel = data.Channel(strings.ToLower(strings.TrimSpace(*values["channel"])))
	}
	if set["email-consent"] {
		c.EmailConsent = data.Consent(strings.ToLower(strings.TrimSpace(*values["email-consent"])))
	}
	if set["post-consent"] {
		c.PostConsent = data.Consent(strings.ToLower(strings.TrimSpace(*values["post-consent"])))
	}
	if set["do-not-contact"] {
		switch strings.ToLower(strings.TrimSpace(*values["do-not-contact"])) {
		case "yes", "y", "true", "1", "on":
			c.DoNotContact = true
		case "no", "n", "false", "0", "off":
			c.DoNotContact = false
		default:
			errs = append(errs, data.FieldError{Field: "do-not-contact", Message: fmt.Sprintf("--do-not-contact %q: write yes or no", *values["do-not-contact"])})
		}
	}
	for _, k := range []struct {
		name string
		p    *int
	}{{"ideal", &c.Cadence.Ideal}, {"max", &c.Cadence.Max}} {
		if !set[k.name] {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(*values[k.name]))
		if err != nil || n < 0 || n > 3650 {
			errs = append(errs, data.FieldError{Field: data.FieldCadence, Message: fmt.Sprintf("--%s %q: write a number of days from 0 to 3650", k.name, *values[k.name])})
			continue
		}
		*k.p = n
	}
	if set["tag"] {
		c.Tags = nil
		for _, t := range tags {
			if strings.TrimSpace(t) != "" {
				c.Tags = append(c.Tags, t)
			}
		}
	}
	c.Tags = append(c.Tags, addTags...)
	if len(removeTags) > 0 {
		kept := c.Tags[:0:0]
		for _, t := range c.Tags {
			drop := false
			for _, r := range removeTags {
				drop = drop || strings.EqualFold(strings.TrimSpace(t), strings.TrimSpace(r))
			}
			if !drop {
				kept = append(kept, t)
			}
		}
		c.Tags = kept
	}
	if len(errs) > 0 {
		return errs
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if err := e.store.UpdateClient(e.ctx, &c); err != nil {
		return err
	}
	after, err := e.store.Client(e.ctx, c.ID)
	if err != nil {
		return err
	}
	changed := changedFields(before, after)
	if len(changed) == 0 {
		fmt.Fprintf(e.stdout, "%s: nothing changed\n", data.Printable(after.Name()))
		return nil
	}
	fmt.Fprintf(e.stdout, "%s: changed %s\n", data.Printable(after.Name()), strings.Join(changed, ", "))
	return nil
}

// changedFields names the fields that differ between two versions of a
// client.
func changedFields(a, b data.Client) []string {
	var out []string
	add := func(name string, differ bool) {
		if differ {
			out = append(out, name)
		}
	}
	add("first name", a.FirstName != b.FirstName)
	add("last name", a.LastName != b.LastName)
	add("company", a.Company != b.Company)
	add("email", a.Email != b.Email)
	add("phone", a.Phone != b.Phone)
	add("address", a.Address != b.Address)
	add("birthday", a.Birthday != b.Birthday)
	add("notes", a.Notes != b.Notes)
	add("tags", strings.Join(a.Tags, ",") != strings.Join(b.Tags, ","))
	add("channel", a.PreferredChannel != b.PreferredChannel)
	add("email consent", a.EmailConsent != b.EmailConsent)
	add("post consent", a.PostConsent != b.PostConsent)
	add("do not contact", a.DoNotContact != b.DoNotContact)
	add("cadence", a.Cadence != b.Cadence)
	return out
}

// exactClient finds the one client whose whole email address or whole
// phone number is arg, so that c5@example.com is not refused because
// c50@… and c500@… start the same way.
func exactClient(e *env, arg string) (data.Client, bool, error) {
	isEmail := strings.Contains(arg, "@")
	isPhone := !isEmail && data.CheckPhone(arg) == ""
	if !isEmail && !isPhone {
		return data.Client{}, false, nil
	}
	res, err := e.store.Search(e.ctx, arg, 1000)
	if err != nil {
		return data.Client{}, false, err
	}
	var found []data.ClientSummary
	for _, c := range res.Clients {
		if isEmail && strings.EqualFold(strings.TrimSpace(c.Email), strings.TrimSpace(arg)) ||
			isPhone && c.Phone != "" && data.Digits(c.Phone) == data.Digits(arg) {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		return data.Client{}, false, nil
	}
	c, err := e.store.Client(e.ctx, found[0].ID)
	if errors.Is(err, data.ErrNotFound) {
		return c, false, nil
	}
	return c, err == nil, err
}
