package data

import (
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// countryNames gives the usual ways of writing a country the same key,
// so that "USA", "U.S." and "United States" are one country.
var countryNames = map[string]string{
	"us": "us", "usa": "us", "unitedstates": "us", "unitedstatesofamerica": "us", "america": "us",
	"uk": "gb", "gb": "gb", "unitedkingdom": "gb", "greatbritain": "gb", "england": "gb", "scotland": "gb", "wales": "gb", "northernireland": "gb",
	"ca": "ca", "canada": "ca",
	"ph": "ph", "philippines": "ph", "thephilippines": "ph",
	"de": "de", "germany": "de", "deutschland": "de",
	"fr": "fr", "france": "fr",
	"es": "es", "spain": "es", "españa": "es", "espana": "es",
	"it": "it", "italy": "it", "italia": "it",
	"nl": "nl", "netherlands": "nl", "thenetherlands": "nl", "holland": "nl", "nederland": "nl",
	"ie": "ie", "ireland": "ie", "éire": "ie",
	"au": "au", "australia": "au",
	"nz": "nz", "newzealand": "nz",
	"ch": "ch", "switzerland": "ch", "schweiz": "ch", "suisse": "ch",
	"at": "at", "austria": "at", "österreich": "at",
	"be": "be", "belgium": "be", "belgique": "be", "belgië": "be",
	"pl": "pl", "poland": "pl", "polska": "pl",
	"se": "se", "sweden": "se", "sverige": "se",
	"no": "no", "norway": "no", "norge": "no",
	"dk": "dk", "denmark": "dk", "danmark": "dk",
	"mx": "mx", "mexico": "mx", "méxico": "mx",
	"br": "br", "brazil": "br", "brasil": "br",
	"in": "in", "india": "in",
	"jp": "jp", "japan": "jp",
	"za": "za", "southafrica": "za",
}

// countryKey is the key of a country as written: letters only, lower
// case, with its usual names made one.
func countryKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	k := b.String()
	if v, ok := countryNames[k]; ok {
		return v
	}
	return k
}

// SameCountry reports whether two ways of writing a country name the
// same one ("USA" and "United States"); an empty name is no country.
func SameCountry(a, b string) bool {
	ka, kb := countryKey(a), countryKey(b)
	return ka != "" && ka == kb
}

// LinesFrom returns the address as envelope lines for a letter posted in
// the home country: the country line is left off when it is home.
func (a Address) LinesFrom(home string) []string {
	if SameCountry(a.Country, home) {
		a.Country = ""
	}
	return a.Lines()
}

// DayOrderOf is the order of day and month in dates written in a
// country: month first in the United States and the Philippines (and
// Canada, where both are met and programs mostly write month first), day
// first everywhere else. ok is false when no country is named.
func DayOrderOf(country string) (order DayOrder, ok bool) {
	switch countryKey(country) {
	case "":
		return DayFirst, false
	case "us", "ph", "ca":
		return MonthFirst, true
	}
	return DayFirst, true
}

// CountryCode returns the two-letter code of a country as people write
// it: "US", "usa", "United States" and "Deutschland" are read; ok is false
// for a name it does not know.
func CountryCode(name string) (code string, ok bool) {
	k := countryKey(name)
	if len(k) != 2 {
		return "", false
	}
	code = strings.ToUpper(k)
	if phonenumbers.GetCountryCodeForRegion(code) == 0 {
		return "", false
	}
	return code, true
}
