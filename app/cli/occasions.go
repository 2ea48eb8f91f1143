package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// occasionNames are the occasions as the command line names them.
var occasionNames = map[string]data.Occasion{
	"thanks": data.OccasionThanks, "thank-you": data.OccasionThanks, "welcome": data.OccasionWelcome,
	"miss": data.OccasionMiss, "we-miss-you": data.OccasionMiss, "birthday": data.OccasionBirthday,
	"sorry": data.OccasionSorry, "make-it-right": data.OccasionSorry,
}

// occasionArg reads an occasion's name.
func occasionArg(s string) (data.Occasion, error) {
	o, ok := occasionNames[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return "", usageErr("unknown occasion %q: thanks, welcome, miss, birthday or sorry", s)
	}
	return o, nil
}

// occasionTemplate is the template a batch of an occasion uses when none
// is named: the first of that occasion.
func occasionTemplate(e *env, o data.Occasion, name string) (data.Template, error) {
	if name != "" {
		return findTemplate(e, name)
	}
	ts, err := e.store.Templates(e.ctx)
	if err != nil {
		return data.Template{}, err
	}
	for _, t := range ts {
		if t.Occasion == o {
			return t, nil
		}
	}
	return data.Template{}, fmt.Errorf("there is no template for %s notes; write one with: regulars template set NAME --occasion %s --body-file FILE", o, o)
}

// batchPeriod reads --period (a month) or the default period of the
// occasion and channel: since their last batch.
func batchPeriod(e *env, period string, o data.Occasion, ch data.Channel) (from, to time.Time, err error) {
	if period != "" {
		if from, to, err = data.MonthPeriod(period); err != nil {
			return from, to, usageErr("%v", err)
		}
		return from, to, nil
	}
	return e.store.OccasionPeriod(e.ctx, o, ch, clock.Now())
}

// dueForJSON is the stable JSON form of a client due a note.
type dueForJSON struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Why         string  `json:"why"`
	Email       string  `json:"email"`
	Address     string  `json:"address"`
	ComplaintID *int64  `json:"complaint_id"`
	LastVisitAt *string `json:"last_visit_at"`
}

func runDueFor(e *env, args []string) error {
	fs := flag.NewFlagSet("due-for", flag.ContinueOnError)
	channel := fs.String("channel", "post", "post or email")
	period := fs.String("period", "", "the month, YYYY-MM, for thank-yous, welcomes and make-it-right notes (default: since the last batch)")
	asOfText := fs.String("as-of", "", "the day to judge (default today)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("name one occasion: thanks, welcome, miss, birthday or sorry")
	}
	o, err := occasionArg(pos[0])
	if err != nil {
		return err
	}
	ch := data.Channel(*channel)
	if ch != data.ChannelPost && ch != data.ChannelEmail {
		return usageErr("--channel is post or email, not %q", *channel)
	}
	asOf, err := asOfFlag(*asOfText)
	if err != nil {
		return err
	}
	from, to, err := batchPeriod(e, *period, o, ch)
	if err != nil {
		return err
	}
	due, err := e.store.DueFor(e.ctx, o, ch, from, to, asOf)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]dueForJSON, 0, len(due))
		for _, d := range due {
			j := dueForJSON{ID: d.ID, Name: d.Name(), Why: d.Why, Email: d.Email, Address: strings.Join(d.Address.Lines(), ", "), LastVisitAt: timePtr(d.LastVisitAt)}
			if d.Complaint.ID != 0 {
				id := d.Complaint.ID
				j.ComplaintID = &id
			}
			out = append(out, j)
		}
		return writeJSON(e.stdout, out)
	}
	if len(due) == 0 {
		fmt.Fprintf(e.stdout, "nobody is due a %s note by %s\n", o.Words(), ch)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tWHY")
	for _, d := range due {
		fmt.Fprintf(tw, "%d\t%s\t%s\n", d.ID, data.Printable(d.Name()), data.Printable(d.Why))
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d due a %s note by %s\n", len(due), o.Words(), ch)
	return nil
}

func runNote(e *env, args []string) error {
	fs := flag.NewFlagSet("note", flag.ContinueOnError)
	occasion := fs.String("occasion", "thanks", "thanks, welcome, miss, birthday or sorry")
	tplName := fs.String("template", "", "the template (default: the first of the occasion)")
	layout := fs.String("layout", "a2", "a2, a7, postcard, a6, letter or a4")
	envelope := fs.String("envelope", "a2", "the envelope: a2, a7, 10, c6, dl, or none")
	out := fs.String("o", "", "the folder to write the card to")
	byEmail := fs.Bool("email", false, "send it by email instead of writing a card")
	c, err := clientArg(e, fs, args, "name one client, then --occasion and -o DIR (or --email)")
	if err != nil {
		return err
	}
	if *out == "" && !*byEmail {
		return usageErr("-o DIR is required for a card (or --email to send an email)")
	}
	o, err := occasionArg(*occasion)
	if err != nil {
		return err
	}
	if *byEmail {
		return noteByEmail(e, c, o, *tplName)
	}
	l, err := paper.FindLayout(*layout)
	if err != nil {
		return usageErr("%v", err)
	}
	env := *envelope
	if env == "none" {
		env = ""
	} else if _, err := paper.FindEnvelope(env); err != nil {
		return usageErr("%v", err)
	}
	if c.DoNotContact {
		return fmt.Errorf("%s is marked \"do not contact\"; nothing was written", c.Name())
	}
	if c.PostConsent == data.ConsentUnsubscribed {
		return fmt.Errorf("%s asked not to get post; nothing was written", c.Name())
	}
	tpl, err := occasionTemplate(e, o, *tplName)
	if err != nil {
		return err
	}
	pen, err := letters.PenFromSettings(e.ctx, e.store)
	if err != nil {
		return err
	}
	now := clock.Now()
	n, err := letters.PrepareNote(e.ctx, e.store, c, o, tpl, now)
	if err != nil {
		return err
	}
	files, err := letters.WriteNote(e.ctx, e.store, pen, n, *out, l, env, now)
	if err != nil {
		return err
	}
	k := n.Contact(now)
	if _, err := e.store.LogContact(e.ctx, &k); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "a %s card for %s (template %q), logged as sent:\n", o.Words(), data.Printable(c.Name()), tpl.Name)
	for _, f := range files {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	return nil
}

// noteByEmail sends one note by email: queued in the outbox, sent, and
// logged with its occasion when the server takes it.
func noteByEmail(e *env, c data.Client, o data.Occasion, tplName string) error {
	tpl, err := occasionTemplate(e, o, tplName)
	if err != nil {
		return err
	}
	sd, err := outboxSender(e)
	if err != nil {
		return err
	}
	plan, err := letters.PlanNoteEmail(e.ctx, e.store, c, o, tpl, clock.Now())
	if err != nil {
		return err
	}
	if err := plan.Queue(e.ctx, e.store); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "a %s email to %s (%s), template %q\n", o.Words(), data.Printable(c.Name()), plan.Mails[0].Recipient, tpl.Name)
	return runSender(e, sd)
}

func runStaffSign(e *env, args []string) error {
	fs := flag.NewFlagSet("staff-sign", flag.ContinueOnError)
	line := fs.String("line", "", "the line a note is signed with, e.g. \"Bea\" or \"Bea & the team\"")
	signature := fs.String("signature", "", "a PNG of their signature (\"\" for none)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("name one staff member (in quotes when the name has spaces)")
	}
	if *signature != "" {
		b, err := os.ReadFile(*signature)
		if err == nil {
			err = paper.CheckPNG(b)
		}
		if err != nil {
			return fmt.Errorf("--signature %s: %w", *signature, err)
		}
		if abs, err := filepath.Abs(*signature); err == nil {
			*signature = abs
		}
	}
	if err := e.store.SetSignOff(e.ctx, pos[0], *line, *signature); err != nil {
		if errors.Is(err, data.ErrNotFound) {
			return unknownStaff(e, pos[0])
		}
		return err
	}
	fmt.Fprintf(e.stdout, "notes to %s's clients are signed %q\n", pos[0], *line)
	return nil
}

func runHousehold(e *env, args []string) error {
	fs := flag.NewFlagSet("household", flag.ContinueOnError)
	name := fs.String("name", "", "the household's name, e.g. \"The Okafors\"")
	leave := fs.Bool("leave", false, "take the one client named out of their household")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *leave {
		if len(pos) != 1 {
			return usageErr("--leave takes one client")
		}
		c, err := findClient(e, pos[0])
		if err != nil {
			return err
		}
		if err := e.store.LeaveHousehold(e.ctx, c.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s is on their own\n", data.Printable(c.Name()))
		return nil
	}
	if len(pos) < 2 {
		return usageErr("name two or more clients, and --name \"The Okafors\"")
	}
	var names []string
	var idn []int64
	for _, p := range pos {
		c, err := findClient(e, p)
		if err != nil {
			return err
		}
		idn = append(idn, c.ID)
		names = append(names, data.Printable(c.Name()))
	}
	id, err := e.store.SetHousehold(e.ctx, *name, idn)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "household %d, %s: %s\n", id, data.Printable(*name), strings.Join(names, ", "))
	return nil
}

func runSampleSheet(e *env, args []string) error {
	fs := flag.NewFlagSet("sample-sheet", flag.ContinueOnError)
	out := fs.String("o", "", "the PDF to write")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	if *out == "" {
		return usageErr("-o FILE.pdf is required")
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := pen.WriteSampleSheet(f); err != nil {
		f.Close()
		os.Remove(*out)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: print it, write each letter in its boxes with a pen, scan or photograph it, then: regulars business --font SCAN.png\n", *out)
	return nil
}
