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

func runClients(e *env, args []string) error {
	fs := flag.NewFlagSet("clients", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 200, "at most `N` clients")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *limit <= 0 {
		return usageErr("--limit must be at least 1")
	}
	res, err := e.store.Search(e.ctx, strings.Join(pos, " "), *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]clientJSON, 0, len(res.Clients))
		now := clock.Now()
		for _, s := range res.Clients {
			c, err := e.store.Client(e.ctx, s.ID)
			if err != nil {
				return err
			}
			full, err := fullClient(e, c, now)
			if err != nil {
				return err
			}
			out = append(out, full)
		}
		return writeJSON(e.stdout, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tPHONE\tEMAIL\tLAST VISIT\tVISITS")
	for _, c := range res.Clients {
		last := "-"
		if !c.LastVisitAt.IsZero() {
			last = c.LastVisitAt.In(time.Local).Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\n", c.ID, data.Printable(c.Name()), data.Printable(c.Phone), data.Printable(c.Email), last, c.VisitCount)
	}
	tw.Flush()
	if res.Total > len(res.Clients) {
		fmt.Fprintf(e.stdout, "showing %d of %d\n", len(res.Clients), res.Total)
	}
	return nil
}

func runAddClient(e *env, args []string) error {
	fs := flag.NewFlagSet("add-client", flag.ContinueOnError)
	var c data.Client
	var tags stringList
	fs.StringVar(&c.FirstName, "first", "", "first name")
	fs.StringVar(&c.LastName, "last", "", "last name")
	fs.StringVar(&c.Company, "company", "", "company")
	fs.StringVar(&c.Email, "email", "", "email address")
	fs.StringVar(&c.Phone, "phone", "", "phone number")
	fs.StringVar(&c.Address.Street, "street", "", "street and number")
	fs.StringVar(&c.Address.City, "city", "", "city")
	fs.StringVar(&c.Address.Region, "region", "", "state, county or province")
	fs.StringVar(&c.Address.PostalCode, "postal", "", "postal code")
	fs.StringVar(&c.Address.Country, "country", "", "country")
	fs.StringVar(&c.Notes, "notes", "", "notes")
	birthday := fs.String("birthday", "", "birthday: 1990-03-14, 14/3/1990 or 14 March (month first in a US book), year optional")
	channel := fs.String("channel", "post", "preferred channel for thank-yous: post or email")
	emailConsent := fs.String("email-consent", "unknown", "subscribed, unsubscribed or unknown")
	postConsent := fs.String("post-consent", "unknown", "subscribed, unsubscribed or unknown")
	fs.BoolVar(&c.DoNotContact, "do-not-contact", false, "never list for thank-yous")
	fs.Var(&tags, "tag", "a tag (repeat for more)")
	force := fs.Bool("force", false, "add even when the client looks like a duplicate")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unexpected argument %q (name fields with --first and --last)", pos[0])
	}
	if c.Birthday, err = data.ReadBirthday(*birthday, e.store.DayOrder(e.ctx)); err != nil {
		return data.ValidationError{{Field: data.FieldBirthday, Message: err.Error()}}
	}
	c.Tags = tags
	c.PreferredChannel = data.Channel(*channel)
	c.EmailConsent, c.PostConsent = data.Consent(*emailConsent), data.Consent(*postConsent)
	if err := c.Validate(); err != nil {
		return err
	}
	if !*force {
		dups, err := e.store.Duplicates(e.ctx, c)
		if err != nil {
			return err
		}
		if len(dups) > 0 {
			var b strings.Builder
			b.WriteString("this may be someone already in the book; nothing was saved:")
			for _, d := range dups {
				fmt.Fprintf(&b, "\n  possible duplicate: #%d %s (%s)", d.Client.ID, d.Client.Name(), d.Reason)
			}
			b.WriteString("\nadd --force to add them anyway")
			return errors.New(b.String())
		}
	}
	id, err := e.store.AddClient(e.ctx, &c)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	return nil
}

func runLogVisit(e *env, args []string) error {
	fs := flag.NewFlagSet("log-visit", flag.ContinueOnError)
	at := fs.String("at", "", "when, YYYY-MM-DD[THH:MM] (default now)")
	staff := fs.String("staff", "", "the staff member who served (default the last one used)")
	what := fs.String("what", "", "what was done or bought")
	amount := fs.String("amount", "", "the amount, like 12.50")
	note := fs.String("note", "", "a note")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("name one client (an id or a search in quotes)")
	}
	v := data.Visit{What: *what, Note: *note, At: clock.Now()}
	if *at != "" {
		if v.At, err = parseAt(*at); err != nil {
			return err
		}
	}
	if v.AmountCents, err = data.ParseAmount(*amount); err != nil {
		return fmt.Errorf("--amount: %w", err)
	}
	if *staff != "" {
		st, err := e.store.StaffByName(e.ctx, *staff)
		if errors.Is(err, data.ErrNotFound) {
			return unknownStaff(e, *staff)
		}
		if err != nil {
			return err
		}
		v.StaffID = st.ID
	} else if st, ok, err := e.store.LastStaff(e.ctx); err != nil {
		return err
	} else if ok {
		v.StaffID = st.ID
	}
	c, err := findClient(e, pos[0])
	if err != nil {
		return err
	}
	v.ClientID = c.ID
	id, err := e.store.LogVisit(e.ctx, &v)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	return nil
}

// unknownStaff explains which staff names exist.
func unknownStaff(e *env, name string) error {
	list, err := e.store.StaffList(e.ctx)
	if err != nil {
		return err
	}
	var names []string
	for _, st := range list {
		if st.Active {
			names = append(names, st.Name)
		}
	}
	known := "there are no staff yet"
	if len(names) > 0 {
		known = "the staff are: " + strings.Join(names, ", ")
	}
	return fmt.Errorf("no staff member is called %q (%s); add them with: regulars add-staff %q", name, known, name)
}

// visitJSON is the stable JSON form of a visit.
type visitJSON struct {
	ID       int64   `json:"id"`
	ClientID int64   `json:"client_id"`
	At       string  `json:"at"`
	Staff    string  `json:"staff"`
	What     string  `json:"what"`
	Amount   *string `json:"amount"`
	Note     string  `json:"note"`
}

func runVisits(e *env, args []string) error {
	fs := flag.NewFlagSet("visits", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	c, err := clientArg(e, fs, args, "name one client (an id or a search in quotes)")
	if err != nil {
		return err
	}
	visits, err := e.store.Visits(e.ctx, c.ID, 0)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]visitJSON, 0, len(visits))
		for _, v := range visits {
			var amount *string
			if v.HasAmount() {
				a := v.Amount()
				amount = &a
			}
			out = append(out, visitJSON{v.ID, v.ClientID, v.At.In(time.Local).Format(time.RFC3339), v.StaffName, v.What, amount, v.Note})
		}
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintf(e.stdout, "%s — %d visit%s\n", data.Printable(c.Name()), len(visits), plural(len(visits)))
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	for _, v := range visits {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", v.ID, v.At.In(time.Local).Format("2006-01-02 15:04"), data.Printable(v.StaffName), data.Printable(v.What), v.Amount(), data.Printable(v.Note))
	}
	return tw.Flush()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func runDeleteClient(e *env, args []string) error {
	fs := flag.NewFlagSet("delete-client", flag.ContinueOnError)
	c, err := clientArg(e, fs, args, "name one client")
	if err != nil {
		return err
	}
	if err := e.store.DeleteClient(e.ctx, c.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s (#%d) is in the trash; `regulars restore-client %d` brings them back\n", data.Printable(c.Name()), c.ID, c.ID)
	return nil
}

func runRestoreClient(e *env, args []string) error {
	fs := flag.NewFlagSet("restore-client", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("give the id of the client to restore")
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usageErr("%q is not a client id", pos[0])
	}
	if err := e.store.RestoreClient(e.ctx, id); err != nil {
		if errors.Is(err, data.ErrNotFound) {
			return fmt.Errorf("there is no client with id %d", id)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "client %d restored\n", id)
	return nil
}
