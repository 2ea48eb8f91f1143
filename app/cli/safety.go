package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"regulars/data"
	"regulars/data/store"
	"regulars/exchange"
)

func runBackup(e *env, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	out := fs.String("o", "", "the backup file (default: the backups folder next to the book)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	path := *out
	var err error
	if path == "" {
		path, err = e.store.BackupNow(e.ctx, "manual")
	} else {
		err = e.store.BackupTo(e.ctx, path)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, path)
	return nil
}

func runCheck(e *env, args []string) error {
	if err := e.store.Check(e.ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s is sound\n", e.store.Path())
	return nil
}

func runErase(e *env, args []string) error {
	fs := flag.NewFlagSet("erase-client", flag.ContinueOnError)
	yes := fs.Bool("yes", false, "really erase: the client and all their history are gone for good")
	c, err := clientArg(e, fs, args, "name one client")
	if err != nil {
		return err
	}
	if !*yes {
		return usageErr("this erases %s (#%d) and all their visits and notes for good; add --yes to do it (delete-client moves to the trash instead)", data.Printable(c.Name()), c.ID)
	}
	if err := e.store.EraseClient(e.ctx, c.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s (#%d) and all their history are erased; backups made before still hold them until they age out\n", data.Printable(c.Name()), c.ID)
	return nil
}

// runRestore replaces the book with a backup; it runs without the book
// open.
func runRestore(e *env, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("give the backup file to restore")
	}
	book := e.dbPath
	if book == "" {
		if book, err = store.DefaultPath(); err != nil {
			return err
		}
	}
	aside, err := store.Restore(book, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s from %s\n", book, pos[0])
	if aside != "" {
		fmt.Fprintf(e.stdout, "the book as it was is kept in %s\n", aside)
	}
	return nil
}

func runExport(e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "csv", "csv (clients, every field), vcard (clients, vCard 4.0) or visits (the visit log, CSV)")
	out := fs.String("o", "", "the file to write (- for standard output)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageErr("-o FILE is required")
	}
	var export func(context.Context, *store.Store, io.Writer) (int, error)
	what := "clients"
	switch *format {
	case "csv":
		export = exchange.ExportClientsCSV
	case "vcard", "vcf":
		export = exchange.ExportVCard
	case "visits":
		export, what = exchange.ExportVisitsCSV, "visits"
	default:
		return usageErr("unknown format %q (csv, vcard or visits)", *format)
	}
	w := e.stdout
	var f *os.File
	if *out != "-" {
		var err error
		if f, err = os.OpenFile(*out, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600); err != nil { // clients' data: the owner's only
			return fmt.Errorf("export: %w", err)
		}
		w = f
	}
	n, err := export(e.ctx, e.store, w)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(*out)
		}
	}
	if err != nil {
		return err
	}
	if f != nil {
		fmt.Fprintf(e.stdout, "%d %s written to %s\n", n, what, *out)
	}
	return nil
}
