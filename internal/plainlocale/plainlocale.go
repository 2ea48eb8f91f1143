// Package plainlocale keeps the C locale from making noise on the command
// line. Under LANG=C.UTF-8 (usual on servers, containers and CI) Fyne's
// translations, read while its packages start, log "Error parsing user
// locale C" on stderr before main runs, on every command. This package
// has no dependencies beyond the standard library, so Go initializes it
// before Fyne; it writes the C locale the way Fyne understands ("C"),
// and Restore puts the variable back for programs Regulars starts.
//
// The command line imports it first thing, from package main.
package plainlocale

import (
	"os"
	"strings"
)

// changed is the variable that was rewritten and its value, if any.
var changed struct {
	name, value string
}

func init() {
	// The variables in the order Fyne's locale lookup reads them.
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if (base == "C" || base == "POSIX") && v != base {
			changed.name, changed.value = name, v
			os.Setenv(name, base)
		}
		return
	}
}

// Restore gives the locale variable back its value from the start.
func Restore() {
	if changed.name != "" {
		os.Setenv(changed.name, changed.value)
	}
}
