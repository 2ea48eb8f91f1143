package data

import (
	"strings"
	"unicode"
)

// Invisible characters come into names, emails and phones from other
// programs' files and from pasting: a byte-order mark inside a field,
// right-to-left and Arabic letter marks (U+200F, U+061C), soft hyphens,
// zero-width spaces, direction embeddings and isolates. A list then shows
// "Ann‏X" and a search for "AnnX" misses it. They are stripped on every
// way in (import, window, command line: Client.Normalize), keeping only
// the zero-width joiner and non-joiner between the letters of a script
// that needs them (a Persian or an Indic name).

// invisible reports whether r is a character that is never wanted in a
// name, email or phone.
func invisible(r rune) bool {
	switch r {
	case '\uFEFF', '\u200B', '\u200E', '\u200F', '\u061C', '\u00AD', '\u2060', '\u180E', '\u034F',
		'\u2061', '\u2062', '\u2063', '\u2064', '\uFFFE':
		return true
	}
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}

// joinerScripts are the scripts whose spelling uses ZWJ and ZWNJ.
var joinerScripts = []*unicode.RangeTable{unicode.Arabic, unicode.Syriac, unicode.Devanagari, unicode.Bengali,
	unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya, unicode.Tamil, unicode.Telugu, unicode.Kannada,
	unicode.Malayalam, unicode.Sinhala, unicode.Mongolian, unicode.Nko, unicode.Khmer, unicode.Myanmar}

func needsJoiner(r rune) bool {
	for _, t := range joinerScripts {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

// StripInvisible removes invisible characters from a one-line value (see
// above), keeping ZWJ and ZWNJ only between two letters of a script that
// needs them.
func StripInvisible(s string) string {
	clean := true
	for _, r := range s {
		if invisible(r) || r == '\u200C' || r == '\u200D' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch {
		case invisible(r):
			continue
		case r == '\u200C' || r == '\u200D':
			if i == 0 || i == len(rs)-1 || !needsJoiner(rs[i-1]) && !unicode.Is(unicode.Mn, rs[i-1]) || !needsJoiner(rs[i+1]) {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
