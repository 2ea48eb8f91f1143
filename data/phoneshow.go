package data

import (
	"os"
	"runtime"
	"strings"

	"github.com/jeandeaual/go-locale"
	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
)

// LocaleCountry is the country of the user's locale ($LC_ALL, $LC_CTYPE,
// $LANG: "en_GB.UTF-8" gives GB; on Windows and macOS, where these are
// seldom set, the system's region), or "" when the locale names none.
func LocaleCountry() string {
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return RegionOf(v)
		}
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		if loc, err := locale.GetLocale(); err == nil {
			return RegionOf(loc)
		}
	}
	return ""
}

// RegionOf is the country of a locale name ("en_GB.UTF-8", "fr-CA"), or
// "" when it names none that has phone numbers.
func RegionOf(loc string) string {
	loc, _, _ = strings.Cut(loc, ".")
	loc, _, _ = strings.Cut(loc, "@")
	tag, err := language.Parse(strings.ReplaceAll(loc, "_", "-"))
	if err != nil {
		return ""
	}
	r, conf := tag.Region()
	if conf != language.Exact || phonenumbers.GetCountryCodeForRegion(r.String()) == 0 {
		return ""
	}
	return r.String()
}

// ShowPhone writes a phone the one way people of the book's country read
// it: a number of that country in its national form ("(512) 555-0190" in
// the US), any other in its international form ("+44 20 7946 0958"),
// however it was typed or imported. A number that cannot be read as a
// phone number is shown as it is. Only for showing: the stored number is
// not changed.
func ShowPhone(phone, country string) string {
	phone = strings.TrimSpace(phone)
	if phone == "" {
		return ""
	}
	num, err := phonenumbers.Parse(phone, strings.ToUpper(country))
	if err != nil || !phonenumbers.IsPossibleNumber(num) {
		return phone
	}
	if country != "" && int(num.GetCountryCode()) == phonenumbers.GetCountryCodeForRegion(strings.ToUpper(country)) {
		return phonenumbers.Format(num, phonenumbers.NATIONAL)
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}
