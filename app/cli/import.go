package cli

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"regulars/data"
	"regulars/exchange"
)

// errRowsFailed makes import exit 1 when some rows were errors, after
// the good ones were imported; the counts are already printed.
type errRowsFailed struct{ n int }

func (e errRowsFailed) Error() string {
	return fmt.Sprintf("%d row%s with errors not imported (see above)", e.n, plural(e.n))
}

func formatNames() string {
	var names []string
	for _, f := range exchange.Formats {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

func runImport(e *env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	format := fs.String("format", "", "the program that wrote the file: "+formatNames()+" (default: recognised from the file)")
	dryRun := fs.Bool("dry-run", false, "print the plan and change nothing")
	sales := fs.Bool("sales", false, "the file is a till's sales export: each sale becomes a visit of its client, once (recognised by itself for Square, Shopify and a CSV with a date, an amount and a customer; with --map, fields: sale date, sale time, sale amount, refunded, sale id, staff, items, quantity, customer id, full name, first, last, email, phone)")
	mapping := fs.String("map", "", "map CSV columns by hand: \"Column=field,Column=field\" (fields: first, last, full name, company, email, phone, street, city, region, postal code, country, birthday, notes, tags, …; - ignores a column; quote a column name with a comma)")
	dates := fs.String("dates", "", "day-first or month-first: how the file writes dates such as 04/07/1985 (default: decided from the file, the program that wrote it, then the computer's locale)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("give the file to import")
	}
	known := exchange.Format(*format) == exchange.FormatAuto
	for _, f := range exchange.Formats {
		known = known || exchange.Format(*format) == f
	}
	if !known {
		return usageErr("unknown format %q (%s)", *format, formatNames())
	}
	switch *dates {
	case "", "day-first", "month-first":
	default:
		return usageErr("--dates %q: write day-first or month-first", *dates)
	}
	b, err := os.ReadFile(pos[0])
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if *sales || *format == "" && isSalesFile(b) {
		return importSales(e, pos[0], b, *mapping, *dates, *dryRun)
	}
	reading, err := exchange.Read(b, exchange.Options{Format: exchange.Format(*format), Mapping: *mapping, Dates: *dates})
	if err != nil {
		return fmt.Errorf("import %s: %w; nothing was imported", pos[0], err)
	}
	rows, err := exchange.Plan(e.ctx, e.store, reading.People)
	if err != nil {
		return err
	}
	for _, w := range reading.Warnings {
		fmt.Fprintf(e.stdout, "warning: %s\n", w)
	}
	if reading.DateOrder != "" {
		fmt.Fprintf(e.stdout, "dates read %s\n", reading.DateOrder)
	}
	report(e, rows)
	sum := exchange.Summary(rows)
	possible := 0
	for _, r := range rows {
		if r.Action == data.ImportNew && r.MatchedBy != "" {
			possible++
		}
	}
	counts := fmt.Sprintf("%s file: %d new (%d possible duplicate%s), %d to update, %d skipped, %d with errors",
		reading.Format.Title(), sum[data.ImportNew], possible, plural(possible), sum[data.ImportUpdate], sum[data.ImportSkip], sum[data.ImportError])
	var failed error
	if sum[data.ImportError] > 0 {
		failed = errRowsFailed{sum[data.ImportError]}
	}
	if *dryRun {
		fmt.Fprintln(e.stdout, "dry run: nothing was changed")
		fmt.Fprintln(e.stdout, counts)
		return failed
	}
	if sum[data.ImportNew]+sum[data.ImportUpdate] == 0 {
		fmt.Fprintln(e.stdout, "nothing to import")
		fmt.Fprintln(e.stdout, counts)
		return failed
	}
	added, updated, backup, err := e.store.ApplyImport(e.ctx, rows)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported: %d added, %d updated (a backup was taken first: %s)\n", added, updated, backup)
	byLine := map[int]int64{}
	for _, r := range rows {
		if r.Action == data.ImportNew {
			byLine[r.Line] = r.MatchID
		}
	}
	for _, r := range rows {
		other := r.PossibleID
		if other == 0 {
			other = byLine[r.PossibleLine]
		}
		if r.Action == data.ImportNew && other != 0 {
			if strings.Contains(r.MatchedBy, "(a household?)") {
				// Two people of one phone and address: offered as a
				// household, never merged.
				fmt.Fprintf(e.stdout, "  #%d %s and #%d share a phone or an address but not a birthday or a name: to write them one card, `regulars household %d %d`\n",
					r.MatchID, r.Client.Name(), other, other, r.MatchID)
				continue
			}
			fmt.Fprintf(e.stdout, "  #%d %s may be #%d: if they are one person, `regulars merge %d %d`\n", r.MatchID, r.Client.Name(), other, other, r.MatchID)
		}
	}
	fmt.Fprintln(e.stdout, counts)
	return failed
}

// report prints one line per row of the plan, with the fields left out.
func report(e *env, rows []data.ImportRow) {
	for _, r := range rows {
		name := data.Printable(r.Client.Name())
		if name == "" {
			name = "(no name)"
		}
		switch r.Action {
		case data.ImportNew:
			if r.MatchedBy != "" {
				target := r.MatchedBy
				if r.PossibleID != 0 {
					target = fmt.Sprintf("possible duplicate of #%d (%s)", r.PossibleID, strings.TrimPrefix(r.MatchedBy, "possible duplicate: "))
				}
				fmt.Fprintf(e.stdout, "line %d: new      %s — %s: added as new, never merged by itself\n", r.Line, name, target)
			} else {
				fmt.Fprintf(e.stdout, "line %d: new      %s\n", r.Line, name)
			}
		case data.ImportUpdate:
			fmt.Fprintf(e.stdout, "line %d: update   %s (#%d, %s): fills %s\n", r.Line, name, r.MatchID, r.MatchedBy, strings.Join(r.Filled, ", "))
		case data.ImportSkip:
			fmt.Fprintf(e.stdout, "line %d: skip     %s: %s\n", r.Line, name, r.Reason)
		case data.ImportError:
			fmt.Fprintf(e.stdout, "line %d: error    %s: %s\n", r.Line, name, r.Reason)
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(e.stdout, "         skipped: %s\n", w)
		}
		for _, c := range r.Conflicts {
			fmt.Fprintf(e.stdout, "         keeps %s %q (the file says %q)\n", c.Field, c.Kept, c.Incoming)
		}
	}
}

// pairJSON is the stable JSON form of a likely duplicate pair.
type pairJSON struct {
	A        int64  `json:"a"`
	AName    string `json:"a_name"`
	B        int64  `json:"b"`
	BName    string `json:"b_name"`
	Reason   string `json:"reason"`
	Sure     bool   `json:"sure"`      // enough agrees for a shop to accept
	NameOnly bool   `json:"name_only"` // found on the name alone
}

func runDuplicates(e *env, args []string) error {
	fs := flag.NewFlagSet("duplicates", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	pairs, err := e.store.FindDuplicates(e.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]pairJSON, 0, len(pairs))
		for _, p := range pairs {
			out = append(out, pairJSON{p.A.ID, p.A.Name(), p.B.ID, p.B.Name(), p.Reason, p.Sure, p.NameOnly})
		}
		return writeJSON(e.stdout, out)
	}
	for _, p := range pairs {
		label := p.Reason
		switch {
		case p.NameOnly:
			label += "; found on the name alone"
		case !p.Sure:
			label += "; possible"
		}
		fmt.Fprintf(e.stdout, "#%d %s  and  #%d %s  (%s)\n", p.A.ID, data.Printable(p.A.Name()), p.B.ID, data.Printable(p.B.Name()), label)
		fmt.Fprintf(e.stdout, "    %s\n    %s\n", pairLine(p.A), pairLine(p.B))
	}
	fmt.Fprintf(e.stdout, "%d likely duplicate pair%s; `regulars merge A B` keeps A and moves all of B's history to it (--take FIELD=other keeps B's value of a field)\n", len(pairs), plural(len(pairs)))
	return nil
}

// pairLine is one side of a pair, as the duplicates list shows it.
func pairLine(c data.Client) string {
	parts := []string{fmt.Sprintf("#%d", c.ID)}
	if p := c.Phones(); len(p) > 0 {
		parts = append(parts, strings.Join(p, ", "))
	}
	if c.Email != "" {
		parts = append(parts, c.Email)
	}
	if !c.Birthday.IsZero() {
		parts = append(parts, "born "+c.Birthday.String())
	}
	if a := c.Address.Lines(); len(a) > 0 {
		parts = append(parts, strings.Join(a, ", "))
	}
	parts = append(parts, fmt.Sprintf("%d visit%s", c.VisitCount, plural(c.VisitCount)))
	if !c.LastVisitAt.IsZero() {
		parts = append(parts, "last "+c.LastVisitAt.In(time.Local).Format("2006-01-02"))
	}
	if len(c.Tags) > 0 {
		parts = append(parts, "tags "+strings.Join(c.Tags, ", "))
	}
	return data.Printable(strings.Join(parts, " · "))
}

// takeFlag collects --take FIELD=other, repeated or comma-separated.
type takeFlag []string

func (t *takeFlag) String() string { return strings.Join(*t, ",") }

func (t *takeFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		field, side, ok := strings.Cut(strings.TrimSpace(part), "=")
		field = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(field, "_", " ")))
		switch field {
		case "first":
			field = "first name"
		case "last":
			field = "last name"
		}
		if !ok || strings.TrimSpace(side) != "other" {
			return fmt.Errorf("--take %q: write FIELD=other (fields: %s)", part, strings.Join(data.TakeableFields, ", "))
		}
		known := false
		for _, f := range data.TakeableFields {
			known = known || f == field
		}
		if !known {
			return fmt.Errorf("--take %q: no field %q (fields: %s)", part, field, strings.Join(data.TakeableFields, ", "))
		}
		*t = append(*t, field)
	}
	return nil
}

func runMerge(e *env, args []string) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	var take takeFlag
	fs.Var(&take, "take", "FIELD=other: where the two disagree, keep the other client's value of FIELD (first name, last name, company, email, phone, address, birthday); repeat or separate with commas")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErr("give two clients: the one to keep, then the one to merge into it")
	}
	keep, err := findClient(e, pos[0])
	if err != nil {
		return err
	}
	other, err := findClient(e, pos[1])
	if err != nil {
		return err
	}
	conflicts, err := e.store.MergeClientsTaking(e.ctx, keep.ID, other.ID, take)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "merged #%d %s into #%d %s; all visits and history kept\n", other.ID, data.Printable(other.Name()), keep.ID, data.Printable(keep.Name()))
	for _, c := range conflicts {
		fmt.Fprintf(e.stdout, "  kept %s %q (the other said %q)\n", c.Field, c.Kept, c.Incoming)
	}
	return nil
}
