package cli

import (
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

// asOfFlag reads --as-of: a day (whose end is used, so the whole day
// counts), or now when empty.
func asOfFlag(s string) (time.Time, error) {
	if s == "" {
		return clock.Now(), nil
	}
	d, err := parseDay("--as-of", s)
	if err != nil {
		return d, err
	}
	return d.Add(12 * time.Hour), nil
}

// dueJSON is the stable JSON form of a client due for contact.
type dueJSON struct {
	ID              int64   `json:"id"`
	Name            string  `json:"name"`
	Status          string  `json:"status"`
	DaysSince       int     `json:"days_since_contact"`
	LastContactAt   *string `json:"last_contact_at"`
	LastContactKind string  `json:"last_contact_kind"`
	CadenceIdeal    int     `json:"cadence_ideal"`
	CadenceMax      int     `json:"cadence_max"`
	CadenceFrom     string  `json:"cadence_from"`
	CadenceTag      string  `json:"cadence_tag"`
	ThankYouDue     bool    `json:"thank_you_due"`
	Phone           string  `json:"phone"`
	Email           string  `json:"email"`
}

func runDue(e *env, args []string) error {
	fs := flag.NewFlagSet("due", flag.ContinueOnError)
	asOfText := fs.String("as-of", "", "the day to judge, YYYY-MM-DD (default today)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	asOf, err := asOfFlag(*asOfText)
	if err != nil {
		return err
	}
	list, err := e.store.DueClients(e.ctx, asOf)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]dueJSON, 0, len(list))
		for _, c := range list {
			kind := string(c.LastContactKind)
			if c.LastContactAt.IsZero() {
				kind = "added" // never contacted: counted from when the client was added
			}
			out = append(out, dueJSON{c.ID, c.Name(), string(c.Standing.Status), c.DaysSince, timePtr(c.LastContactAt), kind,
				c.Cadence.Ideal, c.Cadence.Max, string(c.CadenceSource), c.CadenceTag, c.Standing.ThankYouDue, c.Phone, c.Email})
		}
		return writeJSON(e.stdout, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tDAYS\tLAST CONTACT\tCADENCE")
	for _, c := range list {
		last := "never (added)"
		if !c.LastContactAt.IsZero() {
			last = string(c.LastContactKind) + " " + c.LastContactAt.In(time.Local).Format("2006-01-02")
		}
		from := string(c.CadenceSource)
		if c.CadenceTag != "" {
			from = "tag " + c.CadenceTag
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%d/%d (%s)\n", c.ID, data.Printable(c.Name()), c.Standing.Status, c.DaysSince, last, c.Cadence.Ideal, c.Cadence.Max, from)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d clients due or overdue as of %s\n", len(list), asOf.Format("2006-01-02"))
	return nil
}

// followUpJSON is the stable JSON form of a follow-up.
type followUpJSON struct {
	ID       int64  `json:"id"`
	ClientID int64  `json:"client_id"`
	Client   string `json:"client"`
	What     string `json:"what"`
	Due      string `json:"due"`
	Late     bool   `json:"late"`
	Staff    string `json:"staff"`
}

func runFollowUps(e *env, args []string) error {
	fs := flag.NewFlagSet("followups", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	list, err := e.store.OpenFollowUps(e.ctx)
	if err != nil {
		return err
	}
	today := clock.Now()
	if *asJSON {
		out := make([]followUpJSON, 0, len(list))
		for _, f := range list {
			out = append(out, followUpJSON{f.ID, f.ClientID, f.ClientName, f.What, f.Due.Format("2006-01-02"), data.Days(today, f.Due, time.Local) < 0, f.StaffName})
		}
		return writeJSON(e.stdout, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDUE\tCLIENT\tWHAT\tSTAFF")
	for _, f := range list {
		due := f.Due.Format("2006-01-02")
		if data.Days(today, f.Due, time.Local) < 0 {
			due += " LATE"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", f.ID, due, data.Printable(f.ClientName), data.Printable(f.What), data.Printable(f.StaffName))
	}
	return tw.Flush()
}

func runFollowUp(e *env, args []string) error {
	fs := flag.NewFlagSet("follow-up", flag.ContinueOnError)
	what := fs.String("what", "", "what was promised")
	due := fs.String("due", "", "by when, YYYY-MM-DD")
	staff := fs.String("staff", "", "who will do it")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("name one client")
	}
	f := data.FollowUp{What: *what}
	if *due == "" {
		return usageErr("--due is required")
	}
	if f.Due, err = parseDay("--due", *due); err != nil {
		return err
	}
	if *staff != "" {
		st, err := e.store.StaffByName(e.ctx, *staff)
		if err != nil {
			return unknownStaff(e, *staff)
		}
		f.StaffID = st.ID
	}
	c, err := findClient(e, pos[0])
	if err != nil {
		return err
	}
	f.ClientID = c.ID
	id, err := e.store.AddFollowUp(e.ctx, &f)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	return nil
}

func runFollowUpDone(e *env, args []string) error {
	fs := flag.NewFlagSet("followup-done", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("give the follow-up id (see `regulars followups`)")
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usageErr("%q is not a follow-up id", pos[0])
	}
	return e.store.FinishFollowUp(e.ctx, id, true)
}

func runLogContact(e *env, args []string) error {
	fs := flag.NewFlagSet("log-contact", flag.ContinueOnError)
	kind := fs.String("kind", "call", "call, text, meeting, email, reply, card or other")
	at := fs.String("at", "", "when, YYYY-MM-DD[THH:MM] (default now)")
	note := fs.String("note", "", "what was said")
	staff := fs.String("staff", "", "who was in touch")
	thanks := fs.Bool("thank-you", false, "the card or email thanked the client")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("name one client")
	}
	ct := data.Contact{Kind: data.ContactKind(*kind), Note: *note, At: clock.Now(), ThankYou: *thanks}
	if *at != "" {
		if ct.At, err = parseAt(*at); err != nil {
			return err
		}
	}
	if *staff != "" {
		st, err := e.store.StaffByName(e.ctx, *staff)
		if err != nil {
			return unknownStaff(e, *staff)
		}
		ct.StaffID = st.ID
	}
	c, err := findClient(e, pos[0])
	if err != nil {
		return err
	}
	ct.ClientID = c.ID
	id, err := e.store.LogContact(e.ctx, &ct)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	return nil
}

func runSnooze(e *env, args []string) error {
	fs := flag.NewFlagSet("snooze", flag.ContinueOnError)
	until := fs.String("until", "", "quiet until this day, YYYY-MM-DD")
	days := fs.Int("days", 0, "quiet for this many days")
	off := fs.Bool("off", false, "end the snooze")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("name one client")
	}
	var day time.Time
	switch {
	case *off:
	case *until != "":
		if day, err = parseDay("--until", *until); err != nil {
			return err
		}
	case *days > 0:
		day = clock.Now().AddDate(0, 0, *days)
	default:
		return usageErr("give --until YYYY-MM-DD, --days N or --off")
	}
	c, err := findClient(e, pos[0])
	if err != nil {
		return err
	}
	if err := e.store.Snooze(e.ctx, c.ID, day); err != nil {
		return err
	}
	if day.IsZero() {
		fmt.Fprintf(e.stdout, "%s: reminders are back on\n", data.Printable(c.Name()))
	} else {
		fmt.Fprintf(e.stdout, "%s: quiet until %s\n", data.Printable(c.Name()), day.Format("2006-01-02"))
	}
	return nil
}
