package cli

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"regulars/data/postgres"
	"regulars/data/store"
)

// runMove copies the book into an empty PostgreSQL database or a new book
// file, checks the counts, and says how to open it.
func runMove(e *env, args []string) error {
	fs := flag.NewFlagSet("move", flag.ContinueOnError)
	to := fs.String("to", "", "an empty PostgreSQL database (postgres://USER@HOST/DB) or a new book file")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *to == "" {
		return usageErr("say where to: --to postgres://USER@HOST/DB or --to FILE.db")
	}
	counts, err := store.Move(e.ctx, e.store, *to, func(table string) {
		fmt.Fprintf(e.stderr, "copying %s…\n", table)
	})
	if err != nil {
		return err
	}
	var rows int64
	for _, c := range counts {
		fmt.Fprintf(e.stdout, "%-14s %d rows\n", c.Table, c.Rows)
		rows += c.Rows
	}
	dest := *to
	if postgres.IsServerBook(dest) {
		if a, err := postgres.ParseAddress(dest); err == nil {
			dest = a.String()
		}
	}
	fmt.Fprintf(e.stdout, "copied %d tables, %d rows, every count checked on both sides\n", len(counts), rows)
	fmt.Fprintf(e.stdout, "the book %s is left as it was; use the copy from now on:\n", e.store.Path())
	fmt.Fprintf(e.stdout, "  --db %s\n", dest)
	return nil
}

// runPassword keeps a server book's password in the system keyring; it is
// read from the terminal without echo, or from standard input.
func runPassword(e *env, args []string) error {
	fs := flag.NewFlagSet("password", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || !postgres.IsServerBook(pos[0]) {
		return usageErr("give the book's address, postgres://USER@HOST/DB")
	}
	a, err := postgres.ParseAddress(pos[0])
	if err != nil {
		return err
	}
	var password string
	if fd := int(os.Stdin.Fd()); term.IsTerminal(fd) {
		fmt.Fprintf(e.stderr, "password of %s: ", a)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(e.stderr)
		if err != nil {
			return fmt.Errorf("read the password: %w", err)
		}
		password = string(b)
	} else {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read the password from standard input: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if password == "" {
		return usageErr("the password is empty")
	}
	if err := postgres.SavePassword(a.String(), password); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "the password of %s is kept in this computer's keyring\n", a)
	return nil
}
