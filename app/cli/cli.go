// Package cli is the Regulars command line: the same binary as the window,
// run with a command (`regulars clients jose`, `regulars log-visit …`). It
// calls the very same data functions the window does.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"regulars/data"
	"regulars/data/demo"
	"regulars/data/store"
)

// Version is the program's version, set at build time with
// -ldflags "-X regulars/app/cli.Version=…".
var Version = "0.1.0"

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// errUsage marks an error in how the command was called; Main prints the
// command's usage and exits 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageErr(format string, args ...any) error { return errUsage{fmt.Sprintf(format, args...)} }

// env is what a command runs with.
type env struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
	dbPath string
	store  *store.Store
}

// command is one subcommand.
type command struct {
	name    string
	args    string // the synopsis after the name
	summary string
	run     func(e *env, args []string) error
	noBook  bool // runs without opening the book
	// creates: the command may start a new book where none is (it adds
	// to the book); the others refuse a book file that does not exist,
	// so that a mistyped --db makes no empty book.
	creates bool
}

func commands() []command {
	return []command{
		{name: "clients", args: "[QUERY] [--json] [--limit N]", summary: "list or search clients (most recent visitors first)", run: runClients},
		{name: "add-client", args: "--first F --last L [--email E] [--phone P] [--company C] [--street S --city C --region R --postal P --country C] [--birthday DATE] [--tag T]... [--notes N] [--channel post|email] [--force]", summary: "add a client and print its id", run: runAddClient, creates: true},
		{name: "log-visit", args: "CLIENT [--at YYYY-MM-DD[THH:MM]] [--staff NAME] [--what TEXT] [--amount 12.50] [--note TEXT]", summary: "log a visit (CLIENT is an id or a search matching one client)", run: runLogVisit},
		{name: "client", args: "CLIENT [--json]", summary: "everything about one client", run: runClient},
		{name: "edit-client", args: "CLIENT [--first F] [--last L] [--email E] [--phone P] [--company C] [--street …] [--birthday …] [--notes N] [--tag T]… [--add-tag T] [--remove-tag T] [--channel post|email] [--email-consent C] [--post-consent C] [--do-not-contact yes|no] [--ideal N] [--max M]", summary: "change a client's fields", run: runEditClient},
		{name: "visits", args: "CLIENT [--json]", summary: "a client's visits, newest first", run: runVisits},
		{name: "delete-client", args: "CLIENT", summary: "move a client to the trash (history kept)", run: runDeleteClient},
		{name: "restore-client", args: "ID", summary: "take a client out of the trash", run: runRestoreClient},
		{name: "due", args: "[--as-of YYYY-MM-DD] [--json]", summary: "clients past their ideal or maximum days between contacts", run: runDue},
		{name: "due-for", args: "thanks|welcome|miss|birthday|sorry [--channel post|email] [--period YYYY-MM] [--as-of DATE] [--json]", summary: "who is due a note for an occasion, and why", run: runDueFor},
		{name: "note", args: "CLIENT [--occasion thanks|welcome|miss|birthday|sorry] [--template T] [--layout a2] [--envelope a2|none] (-o DIR | --email)", summary: "write one card (or email) for one client now, and log it", run: runNote},
		{name: "log-contact", args: "CLIENT [--kind call|text|meeting|email|reply|card|other] [--at WHEN] [--note TEXT] [--staff NAME] [--thank-you]", summary: "log a call, text, meeting or other contact", run: runLogContact},
		{name: "snooze", args: "CLIENT (--until YYYY-MM-DD | --days N | --off)", summary: "quiet a client's reminders for a while", run: runSnooze},
		{name: "followups", args: "[--json]", summary: "open follow-ups (promised call-backs), soonest first", run: runFollowUps},
		{name: "follow-up", args: "CLIENT --what TEXT --due YYYY-MM-DD [--staff NAME]", summary: "promise to get back to a client by a day", run: runFollowUp},
		{name: "complaint", args: "CLIENT --what TEXT [--on DATE]", summary: "record a complaint a client raised", run: runComplaint},
		{name: "complaints", args: "[--all] [--json]", summary: "open complaints (--all: resolved ones too)", run: runComplaints},
		{name: "resolve", args: "COMPLAINT --how TEXT", summary: "record how a complaint was made right", run: runResolve},
		{name: "cadence", args: "[--tag T] [--ideal N --max M | --remove] [--thanks-within DAYS]", summary: "days between contacts: the book's default or a tag's, and the days after a visit a thank-you follows it (no flags: list them)", run: runCadence, creates: true},
		{name: "template", args: "list | show NAME | set NAME [--subject S] [--occasion O] --body-file FILE|- | fields", summary: "list, show or write a card and email template, or list the fields a template can use", run: runTemplate, creates: true},
		{name: "followup-done", args: "ID", summary: "mark a follow-up done", run: runFollowUpDone},
		{name: "cards", args: "[--period YYYY-MM] [--template NAME] [--layout a2|a7|postcard|a6|letter|a4] [--envelopes a2|a7|10|c6|dl] [--labels 5160|l7160] [--households] [--plot svg|gcode] -o DIR [--mark-sent]", summary: "write the cards of an occasion and period as PDF (and plotter files), to print", run: runCards},
		{name: "business", args: "[--name NAME] [--address LINE]... [--country C] [--font Caveat|Kalam|FILE.ttf] [--signature FILE.png]", summary: "the business's name and address, the hand-writing and signature of the cards", run: runBusiness, creates: true},
		{name: "staff", args: "[--json]", summary: "list the staff", run: runStaff},
		{name: "add-staff", args: "NAME", summary: "add a staff member", run: runAddStaff, creates: true},
		{name: "household", args: "CLIENT CLIENT… --name \"The Okafors\" | CLIENT --leave", summary: "link clients who live together, so a batch can write them one card (cards --households)", run: runHousehold},
		{name: "sample-sheet", args: "-o FILE.pdf", summary: "the sheet to write your own hand on; its scan becomes the hand of your cards", run: runSampleSheet, noBook: true},
		{name: "staff-sign", args: "NAME --line TEXT [--signature FILE.png]", summary: "how a staff member signs notes to the clients they served", run: runStaffSign},
		{name: "demo", args: "--clients N --visits M [--seed S] [--force]", summary: "add made-up clients and visits, to try things out", run: runDemo, creates: true},
		{name: "mail", args: "[--from-name N] [--from ADDR] [--smtp-host H --smtp-port P --smtp-security starttls|tls|none --smtp-user U] [--imap-host …] [--save-passwords] [--test]", summary: "email settings (passwords: $REGULARS_SMTP_PASSWORD, $REGULARS_IMAP_PASSWORD or the OS keyring)", run: runMail, creates: true},
		{name: "send", args: "[--period YYYY-MM] [--occasion thanks|welcome|miss|birthday|sorry] [--template NAME] [--dry-run]", summary: "email the notes of an occasion and period to clients who prefer email", run: runSend},
		{name: "outbox", args: "[--json] [--send] [--retry ID] [--delivered ID | --not-delivered ID]", summary: "the email outbox: queued, sent, failed and in doubt", run: runOutbox},
		{name: "check-replies", summary: "log clients' replies found in the inbox", run: runCheckReplies},
		{name: "import", args: "FILE [--format google|outlook|square|vcard|csv] [--map \"Column=field,…\"] [--dry-run]", summary: "import clients from a CSV or vCard file, matching those already in the book", run: runImport, creates: true},
		{name: "duplicates", args: "[--json]", summary: "list likely duplicate clients", run: runDuplicates},
		{name: "merge", args: "KEEP OTHER", summary: "merge OTHER into KEEP, keeping every visit and note", run: runMerge},
		{name: "export", args: "--format csv|vcard|visits -o FILE", summary: "export clients (CSV with every field, or vCard 4.0) or the visit log", run: runExport},
		{name: "backup", args: "[-o FILE]", summary: "write a consistent copy of the book", run: runBackup},
		{name: "restore", args: "FILE", summary: "replace the book with a backup (the current one is kept aside)", run: runRestore, noBook: true},
		{name: "check", summary: "check the book's integrity", run: runCheck},
		{name: "move", args: "--to postgres://USER@HOST/DB | --to FILE.db", summary: "copy the whole book into an empty PostgreSQL database (or a new book file), counts checked", run: runMove},
		{name: "password", args: "postgres://USER@HOST/DB", summary: "keep the password of a book on a server in the system keyring (read from standard input)", run: runPassword, noBook: true},
		{name: "erase-client", args: "CLIENT --yes", summary: "erase a client and all their history for good (privacy requests)", run: runErase},
		{name: "version", summary: "print the version", run: runVersion, noBook: true},
	}
}

// WindowBook reports whether args ask for the window rather than a
// command: none at all, or only --db FILE. path is the book to open ("":
// the default).
func WindowBook(args []string) (path string, window bool) {
	global := flag.NewFlagSet("regulars", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	db := global.String("db", "", "")
	if err := global.Parse(args); err != nil || global.NArg() > 0 {
		return "", false
	}
	return *db, true
}

// Main runs the command line with args (without the program name) and
// returns the exit code: 0 done, 1 failed, 2 wrong usage. It writes
// results to stdout and messages to stderr, and never exits itself.
func Main(args []string, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("regulars", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	db := global.String("db", "", "the client book `file`, or postgres://USER@HOST/DB")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "regulars: %v\n\n", err)
		printUsage(stderr)
		return exitUsage
	}
	rest := global.Args()
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "--help" {
		printUsage(stdout)
		return exitOK
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == rest[0] {
			c := c
			cmd = &c
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "regulars: unknown command %q\n\n", rest[0])
		printUsage(stderr)
		return exitUsage
	}
	if asksHelp(rest[1:]) {
		// --help only shows how to call the command: it opens no book.
		fmt.Fprintf(stdout, "usage: regulars %s %s\n%s\n", cmd.name, cmd.args, cmd.summary)
		return exitOK
	}
	e := &env{ctx: context.Background(), stdout: stdout, stderr: stderr, dbPath: *db}
	if !cmd.noBook {
		path := e.dbPath
		if path == "" {
			p, err := store.DefaultPath()
			if err != nil {
				fmt.Fprintf(stderr, "regulars: %v\n", err)
				return exitFailure
			}
			path = p
		}
		isNew := false
		if store.Missing(path) {
			if !cmd.creates {
				fmt.Fprintf(stderr, "regulars %s: there is no client book at %s (check --db and $REGULARS_DB); nothing was created. A new book is started by adding to it, e.g. regulars --db %s add-client --first NAME\n", cmd.name, path, path)
				return exitFailure
			}
			isNew = true
		}
		s, err := store.OpenShared(path)
		if err != nil {
			fmt.Fprintf(stderr, "regulars: %v\n", err)
			return exitFailure
		}
		defer s.Close()
		e.store = s
		if isNew {
			fmt.Fprintf(stderr, "regulars: started a new client book at %s\n", s.Path())
		}
	}
	err := cmd.run(e, rest[1:])
	if e.store != nil {
		// A read that found the server gone says whether anything was saved.
		err = store.ServerFault(err, e.store.Saved())
	}
	var ue errUsage
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stdout, "usage: regulars %s %s\n", cmd.name, cmd.args)
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "regulars %s: %v\nusage: regulars %s %s\n", cmd.name, err, cmd.name, cmd.args)
		return exitUsage
	default:
		var ve data.ValidationError
		if errors.As(err, &ve) {
			for _, f := range ve {
				fmt.Fprintf(stderr, "regulars %s: %s\n", cmd.name, f.Message)
			}
			fmt.Fprintf(stderr, "regulars %s: nothing was saved\n", cmd.name)
			return exitFailure
		}
		if errors.Is(err, store.ErrDiskFull) {
			// Not "line 5073: …": the row being written is not the cause.
			fmt.Fprintf(stderr, "regulars %s: the disk is full; nothing of this was saved. Free some space and try again\n", cmd.name)
			return exitFailure
		}
		fmt.Fprintf(stderr, "regulars %s: %v\n", cmd.name, err)
		return exitFailure
	}
}

// asksHelp reports whether a command's arguments ask for its usage
// (-h, -help or --help before any "--").
func asksHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Regulars keeps your client book and visit log.")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "usage: regulars [--db FILE|postgres://USER@HOST/DB] COMMAND [ARGUMENTS]")
	fmt.Fprintln(w, "       regulars [--db FILE|postgres://USER@HOST/DB]   (no command: open the window on the book)")
	fmt.Fprintln(w, "")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "The book is --db FILE, else $REGULARS_DB, else regulars.db in your data folder")
	fmt.Fprintln(w, "(~/.local/share/regulars on Linux). A book shared by two computers is on a PostgreSQL")
	fmt.Fprintln(w, "server: --db postgres://USER@HOST/DB (see the README). `regulars COMMAND --help` shows a command's flags.")
}

// parse parses flags that may come before, between or after the
// positional arguments ("log-visit Ana --at 2026-11-01"), and returns the
// positional ones. "--" ends the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageErr("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		// flag stops at "--" (consumed) or at a positional argument.
		if n := len(args); n > 0 && args[0] != "" && !strings.HasPrefix(args[0], "-") {
			pos = append(pos, args[0])
			args = args[1:]
			continue
		}
		return append(pos, args...), nil
	}
}

// stringList is a flag that may be repeated (--tag VIP --tag wedding).
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// clientArg parses a command's flags and resolves its one CLIENT
// argument; usage is the message when there is not exactly one.
func clientArg(e *env, fs *flag.FlagSet, args []string, usage string) (data.Client, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return data.Client{}, err
	}
	if len(pos) != 1 {
		return data.Client{}, usageErr("%s", usage)
	}
	return findClient(e, pos[0])
}

// findClient resolves CLIENT: an id (a plain number), a whole email
// address or phone number of one client, or a search that matches exactly
// one client (phone digits written with a space or dash,
// "555 1234", are a search).
func findClient(e *env, arg string) (data.Client, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil && id > 0 {
		c, err := e.store.Client(e.ctx, id)
		if errors.Is(err, data.ErrNotFound) {
			return c, fmt.Errorf("there is no client with id %d", id)
		}
		return c, err
	}
	if c, ok, err := exactClient(e, arg); ok || err != nil {
		return c, err
	}
	res, err := e.store.Search(e.ctx, arg, 11)
	if err != nil {
		return data.Client{}, err
	}
	switch {
	case res.Total == 0:
		return data.Client{}, fmt.Errorf("no client matches %q", arg)
	case res.Total > 1:
		var b strings.Builder
		fmt.Fprintf(&b, "%d clients match %q; use the id of one:", res.Total, arg)
		for i, c := range res.Clients {
			if i == 10 {
				fmt.Fprintf(&b, "\n  …")
				break
			}
			fmt.Fprintf(&b, "\n  %6d  %s", c.ID, describe(c))
		}
		return data.Client{}, errors.New(b.String())
	}
	return e.store.Client(e.ctx, res.Clients[0].ID)
}

// describe is a one-line description of a client for messages.
func describe(c data.ClientSummary) string {
	parts := []string{c.Name()}
	if c.Phone != "" {
		parts = append(parts, c.Phone)
	}
	if c.Email != "" {
		parts = append(parts, c.Email)
	}
	return data.Printable(strings.Join(parts, "  "))
}

// staffJSON is the stable JSON form of a staff member.
type staffJSON struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

func runStaff(e *env, args []string) error {
	fs := flag.NewFlagSet("staff", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	list, err := e.store.StaffList(e.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]staffJSON, 0, len(list))
		for _, st := range list {
			out = append(out, staffJSON{st.ID, st.Name, st.Active})
		}
		return writeJSON(e.stdout, out)
	}
	for _, st := range list {
		left := ""
		if !st.Active {
			left = "  (left)"
		}
		fmt.Fprintf(e.stdout, "%d\t%s%s\n", st.ID, data.Printable(st.Name), left)
	}
	return nil
}

func runAddStaff(e *env, args []string) error {
	fs := flag.NewFlagSet("add-staff", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErr("give the staff member's name")
	}
	id, err := e.store.AddStaff(e.ctx, strings.Join(pos, " "))
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	return nil
}

func runDemo(e *env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	clients := fs.Int("clients", 500, "how many clients")
	visits := fs.Int("visits", 5000, "about how many visits in all")
	seed := fs.Uint64("seed", 1, "the same seed makes the same book")
	force := fs.Bool("force", false, "add made-up clients even to a book that has clients")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	if *clients < 0 || *visits < 0 || *clients > 10_000_000 || *visits > 100_000_000 {
		return usageErr("--clients and --visits must be between 0 and 10 million and 100 million")
	}
	start := time.Now()
	st, err := demo.Make(e.ctx, e.store, demo.Options{Clients: *clients, Visits: *visits, Seed: *seed, Force: *force})
	if errors.Is(err, demo.ErrBookNotEmpty) {
		return fmt.Errorf("%s already has clients: made-up ones would mix with them. Use a new book (--db sample.db), or add --force", e.store.Path())
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %d clients, %d visits and %d staff to %s in %.1f s\n", st.Clients, st.Visits, st.Staff, e.store.Path(), time.Since(start).Seconds())
	return nil
}

func runVersion(e *env, args []string) error {
	fmt.Fprintf(e.stdout, "regulars %s (book schema %d)\n", Version, store.SchemaVersion())
	return nil
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
