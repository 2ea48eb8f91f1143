package store

import (
	"strings"
)

// splitPhones reads the other_phones column: one number a line.
func splitPhones(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
