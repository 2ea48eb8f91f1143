package cli

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"regulars/data"
	"regulars/exchange"
)

func runImport(e *env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	format := fs.String("format", "", "google, outlook, square, vcard or csv (default: recognised from the file)")
	dryRun := fs.Bool("dry-run", false, "print the plan and change nothing")
	mapping := fs.String("map", "", "map CSV columns by hand: \"Column=field,Column=field\" (fields: first, last, full name, company, email, phone, street, city, region, postal code, country, birthday, notes, tags, …; - ignores a column)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("give the file to import")
	}
	switch exchange.Format(*format) {
	case exchange.FormatAuto, exchange.FormatGoogle, exchange.FormatOutlook, exchange.FormatSquare, exchange.FormatCSV, exchange.FormatVCard:
	default:
		return usageErr("unknown format %q (google, outlook, square, vcard or csv)", *format)
	}
	b, err := os.ReadFile(pos[0])
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	people, f, warnings, err := exchange.ReadFileMapped(b, exchange.Format(*format), *mapping)
	if err != nil {
		return fmt.Errorf("import %s: %w; nothing was imported", pos[0], err)
	}
	rows, err := exchange.Plan(e.ctx, e.store, people)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(e.stdout, "warning: %s\n", w)
	}
	report(e, rows)
	sum := exchange.Summary(rows)
	fmt.Fprintf(e.stdout, "%s file: %d new, %d to update, %d skipped, %d with errors\n",
		f, sum[data.ImportNew], sum[data.ImportUpdate], sum[data.ImportSkip], sum[data.ImportError])
	if *dryRun {
		fmt.Fprintln(e.stdout, "dry run: nothing was changed")
		return nil
	}
	if sum[data.ImportNew]+sum[data.ImportUpdate] == 0 {
		fmt.Fprintln(e.stdout, "nothing to import")
		return nil
	}
	added, updated, backup, err := e.store.ApplyImport(e.ctx, rows)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported: %d added, %d updated (a backup was taken first: %s)\n", added, updated, backup)
	return nil
}

// report prints one line per row of the plan.
func report(e *env, rows []data.ImportRow) {
	for _, r := range rows {
		name := data.Printable(r.Client.Name())
		if name == "" {
			name = "(no name)"
		}
		switch r.Action {
		case data.ImportNew:
			fmt.Fprintf(e.stdout, "line %d: new      %s\n", r.Line, name)
		case data.ImportUpdate:
			fmt.Fprintf(e.stdout, "line %d: update   %s (#%d, %s): fills %s\n", r.Line, name, r.MatchID, r.MatchedBy, strings.Join(r.Filled, ", "))
		case data.ImportSkip:
			fmt.Fprintf(e.stdout, "line %d: skip     %s: %s\n", r.Line, name, r.Reason)
		case data.ImportError:
			fmt.Fprintf(e.stdout, "line %d: error    %s: %s\n", r.Line, name, r.Reason)
		}
		for _, c := range r.Conflicts {
			fmt.Fprintf(e.stdout, "         keeps %s %q (the file says %q)\n", c.Field, c.Kept, c.Incoming)
		}
	}
}

// pairJSON is the stable JSON form of a likely duplicate pair.
type pairJSON struct {
	A      int64  `json:"a"`
	AName  string `json:"a_name"`
	B      int64  `json:"b"`
	BName  string `json:"b_name"`
	Reason string `json:"reason"`
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
			out = append(out, pairJSON{p.A.ID, p.A.Name(), p.B.ID, p.B.Name(), p.Reason})
		}
		return writeJSON(e.stdout, out)
	}
	for _, p := range pairs {
		fmt.Fprintf(e.stdout, "#%d %s  and  #%d %s  (%s)\n", p.A.ID, data.Printable(p.A.Name()), p.B.ID, data.Printable(p.B.Name()), p.Reason)
	}
	fmt.Fprintf(e.stdout, "%d likely duplicate pair%s; `regulars merge A B` keeps A and moves all of B's history to it\n", len(pairs), plural(len(pairs)))
	return nil
}

func runMerge(e *env, args []string) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
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
	conflicts, err := e.store.MergeClients(e.ctx, keep.ID, other.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "merged #%d %s into #%d %s; all visits and history kept\n", other.ID, data.Printable(other.Name()), keep.ID, data.Printable(keep.Name()))
	for _, c := range conflicts {
		fmt.Fprintf(e.stdout, "  kept %s %q (the other said %q)\n", c.Field, c.Kept, c.Incoming)
	}
	return nil
}
