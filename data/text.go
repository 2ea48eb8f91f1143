package data

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text fields hold what a person can type and read: a name with an escape
// sequence (ESC[2J clears the terminal it is printed on) or a NUL would be
// stored and printed raw, and a company with a line break would break
// every email it is written into ("Dear Acme\nBcc: …"). So every text
// field refuses control characters, and single-line fields (names,
// company, email, phone, staff, business name, template name and subject,
// settings) refuse line breaks too. Multi-line fields (street, notes, a
// template's text, the business address) keep line breaks and tabs.

// lineBreaks are the characters that start a new line, beside \n and \r.
const lineBreaks = "\u2028\u2029\u0085\v\f"

// CheckLine returns why s cannot be stored in the single-line field named
// label, or "" when it can.
func CheckLine(label, s string) string {
	if !utf8.ValidString(s) {
		return fmt.Sprintf("%s is not valid text (the file's encoding may be wrong)", label)
	}
	if strings.ContainsAny(s, "\r\n"+lineBreaks) {
		return fmt.Sprintf("%s cannot contain line breaks", label)
	}
	if strings.ContainsRune(s, '\t') {
		return fmt.Sprintf("%s cannot contain tabs", label)
	}
	if r, ok := controlIn(s, ""); ok {
		return fmt.Sprintf("%s cannot contain the control character %U", label, r)
	}
	return ""
}

// CheckLines returns why s cannot be stored in the multi-line field named
// label, or "" when it can: line breaks and tabs are allowed, other
// control characters are not.
func CheckLines(label, s string) string {
	if !utf8.ValidString(s) {
		return fmt.Sprintf("%s is not valid text (the file's encoding may be wrong)", label)
	}
	if r, ok := controlIn(s, "\r\n\t"); ok {
		return fmt.Sprintf("%s cannot contain the control character %U", label, r)
	}
	return ""
}

// controlIn finds the first control character of s not in allowed.
func controlIn(s, allowed string) (rune, bool) {
	for _, r := range s {
		if isControl(r) && !strings.ContainsRune(allowed, r) {
			return r, true
		}
	}
	return 0, false
}

// isControl reports whether r is a control character (C0, DEL, C1) or a
// bidirectional override, which can make printed text read backwards.
func isControl(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// Printable returns s as it may safely be printed on a terminal: every
// control character (a book written before they were refused may hold
// some) is shown as the replacement character �, and line breaks as a
// space, so that a stored value cannot clear the screen or fake a row.
func Printable(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return isControl(r) || r == utf8.RuneError || strings.ContainsRune(lineBreaks, r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || strings.ContainsRune(lineBreaks, r):
			b.WriteByte(' ')
		case isControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
