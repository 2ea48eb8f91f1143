package cli

import (
	"flag"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"regulars/data"
	"regulars/internal/clock"
)

// complaintJSON is the stable JSON form of a complaint.
type complaintJSON struct {
	ID          int64   `json:"id"`
	ClientID    int64   `json:"client_id"`
	Client      string  `json:"client"`
	RaisedOn    string  `json:"raised_on"`
	Description string  `json:"description"`
	Resolution  string  `json:"resolution"`
	ResolvedOn  *string `json:"resolved_on"`
}

func runComplaint(e *env, args []string) error {
	fs := flag.NewFlagSet("complaint", flag.ContinueOnError)
	what := fs.String("what", "", "what went wrong, in the client's words")
	on := fs.String("on", "", "the day it was raised (default today)")
	c, err := clientArg(e, fs, args, "name one client, then --what \"what went wrong\"")
	if err != nil {
		return err
	}
	if strings.TrimSpace(*what) == "" {
		return usageErr("say what went wrong with --what")
	}
	k := data.Complaint{ClientID: c.ID, Description: *what, RaisedOn: clock.Now()}
	if *on != "" {
		if k.RaisedOn, err = parseDay("--on", *on); err != nil {
			return err
		}
	}
	id, err := e.store.AddComplaint(e.ctx, &k)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	return nil
}

func runComplaints(e *env, args []string) error {
	fs := flag.NewFlagSet("complaints", flag.ContinueOnError)
	all := fs.Bool("all", false, "resolved complaints too")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	list, err := e.store.OpenComplaints(e.ctx)
	if *all {
		list, err = e.store.AllComplaints(e.ctx)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]complaintJSON, 0, len(list))
		for _, k := range list {
			out = append(out, complaintJSON{k.ID, k.ClientID, k.ClientName, k.RaisedOn.Format("2006-01-02"), k.Description, k.Resolution, dayPtr(k.ResolvedOn)})
		}
		return writeJSON(e.stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "no open complaints")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tRAISED\tCLIENT\tCOMPLAINT\tRESOLVED")
	for _, k := range list {
		res := "open"
		if !k.Open() {
			res = k.ResolvedOn.Format("2006-01-02") + ": " + k.Resolution
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", k.ID, k.RaisedOn.Format("2006-01-02"), data.Printable(k.ClientName), data.Printable(k.Description), data.Printable(res))
	}
	return tw.Flush()
}

func runResolve(e *env, args []string) error {
	fs := flag.NewFlagSet("resolve", flag.ContinueOnError)
	how := fs.String("how", "", "how it was made right")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("give the complaint's id (see: regulars complaints)")
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usageErr("%q is not a complaint id (see: regulars complaints)", pos[0])
	}
	if strings.TrimSpace(*how) == "" {
		return usageErr("say how it was made right with --how")
	}
	if err := e.store.ResolveComplaint(e.ctx, id, *how, clock.Now()); err != nil {
		if strings.Contains(err.Error(), data.ErrNotFound.Error()) {
			return fmt.Errorf("there is no complaint %d (see: regulars complaints --all)", id)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "complaint %d resolved\n", id)
	return nil
}

func runCadence(e *env, args []string) error {
	fs := flag.NewFlagSet("cadence", flag.ContinueOnError)
	tag := fs.String("tag", "", "the tag whose cadence to set (default: the book's)")
	ideal := fs.Int("ideal", 0, "ideal days between contacts")
	max := fs.Int("max", 0, "at most this many days between contacts")
	remove := fs.Bool("remove", false, "remove the tag's own cadence")
	thanksWithin := fs.String("thanks-within", "", "days after a visit that a thank-you still follows it (default 30)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["thanks-within"] {
		n, err := data.ParseThanksWithin(*thanksWithin)
		if err == nil {
			err = e.store.SetThanksWithin(e.ctx, n)
		}
		if err != nil {
			return fmt.Errorf("--thanks-within: %w", err)
		}
	}
	switch {
	case *remove:
		if *tag == "" {
			return usageErr("--remove needs --tag")
		}
		if err := e.store.RemoveTagCadence(e.ctx, *tag); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "tag %s: the book's days again\n", *tag)
		return nil
	case set["ideal"] || set["max"]:
		if !set["ideal"] || !set["max"] {
			return usageErr("give both --ideal and --max")
		}
		c := data.Cadence{Ideal: *ideal, Max: *max}
		if *tag != "" {
			err = e.store.SetTagCadence(e.ctx, *tag, c)
		} else {
			err = e.store.SetDefaultCadence(e.ctx, c)
		}
		if err != nil {
			return err
		}
	case *tag != "":
		return usageErr("give --ideal and --max for the tag, or --remove")
	}
	pol, err := e.store.CadencePolicy(e.ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FOR\tIDEAL\tAT MOST")
	fmt.Fprintf(tw, "every client\t%d\t%d\n", pol.Default.Ideal, pol.Default.Max)
	var tags []string
	for t := range pol.Tags {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	for _, t := range tags {
		fmt.Fprintf(tw, "tag %s\t%d\t%d\n", data.Printable(t), pol.Tags[t].Ideal, pol.Tags[t].Max)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "a thank-you follows a visit of the last %d days\n", pol.ThanksWithin)
	return err
}
