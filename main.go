// Regulars is a desktop app for small businesses: a client book, a visit
// log, keep-in-touch reminders and thank-you cards. With no arguments it
// opens the window; with a command it runs headless (see `regulars help`).
package main

import (
	"os"

	"regulars/app"
	"regulars/app/cli"
)

func main() {
	if len(os.Args) > 1 {
		os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(app.Run())
}
