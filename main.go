// Regulars is a desktop app for small businesses: a client book, a visit
// log, keep-in-touch reminders and thank-you cards. With no arguments (or
// only --db FILE) it opens the window; with a command it runs headless
// (see `regulars help`).
package main

import (
	"os"

	"regulars/internal/plainlocale"

	"regulars/app"
	"regulars/app/cli"
)

func main() {
	if path, ok := cli.WindowBook(os.Args[1:]); ok {
		os.Exit(app.Run(path))
	}
	plainlocale.Restore()
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
