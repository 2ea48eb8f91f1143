package exchange

import (
	"strings"
)

// particles start a family name: "de la Cruz", "van der Berg", "von
// Trapp", "dos Santos", "bin Salleh". A word like these after the first
// one begins the last name.
var particles = map[string]bool{
	"de": true, "del": true, "della": true, "der": true, "den": true, "di": true, "da": true, "das": true,
	"do": true, "dos": true, "du": true, "la": true, "le": true, "las": true, "los": true, "van": true,
	"von": true, "vom": true, "zu": true, "ten": true, "ter": true, "te": true, "st": true, "st.": true,
	"saint": true, "san": true, "santa": true, "bin": true, "binti": true, "ibn": true, "al": true, "el": true,
	"mac": true, "y": true, "d'": true, "l'": true,
}

// suffixes follow a name after a comma without being a first name:
// "Martin Luther King, Jr.".
var suffixes = map[string]bool{
	"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true,
	"md": true, "phd": true, "esq": true, "esq.": true,
}

// titles are dropped before a name: "Mrs Anna Keller".
var titles = map[string]bool{
	"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true, "miss": true, "mx": true,
	"mx.": true, "dr": true, "dr.": true, "prof": true, "prof.": true, "mme": true, "mme.": true, "mlle": true,
	"m.": true, "herr": true, "frau": true, "sra": true, "sra.": true, "sr": true,
}

// SplitName splits a name written in one column into first and last name:
// "Nakamura, Emi" (last, first), "Emi Nakamura" (first last), "Juan de la
// Cruz" (the particles stay with the last name), "Mary Anne O'Brien" (the
// last word is the last name), "Cher" (a first name alone). Titles such
// as "Mrs" are dropped and a suffix such as "Jr." stays with the last name.
func SplitName(s string) (first, last string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", ""
	}
	if before, after, ok := strings.Cut(s, ","); ok {
		before, after = strings.TrimSpace(before), strings.TrimSpace(strings.ReplaceAll(after, ",", " "))
		after = strings.Join(strings.Fields(after), " ")
		switch {
		case after == "":
			return SplitName(before)
		case suffixes[strings.ToLower(after)]:
			f, l := SplitName(before)
			if l == "" {
				return f, after
			}
			return f, l + " " + after
		case before == "":
			return SplitName(after)
		}
		return after, before
	}
	words := strings.Fields(s)
	for len(words) > 1 && titles[strings.ToLower(words[0])] {
		words = words[1:]
	}
	if len(words) == 1 {
		return words[0], ""
	}
	suffix := ""
	if n := len(words); n > 2 && suffixes[strings.ToLower(words[n-1])] {
		suffix, words = " "+words[n-1], words[:n-1]
	}
	for i := 1; i < len(words)-1; i++ {
		if particles[strings.ToLower(words[i])] {
			return strings.Join(words[:i], " "), strings.Join(words[i:], " ") + suffix
		}
	}
	n := len(words)
	return strings.Join(words[:n-1], " "), words[n-1] + suffix
}
