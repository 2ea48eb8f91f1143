package data

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/jeandeaual/go-locale"
	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
)

// SettingCountry is the settings key of the book's country (an ISO 3166
// code such as US or GB): phones written without a country code are of
// this country, and are shown in its national form.
const SettingCountry = "country"

// LocaleCountry is the country of the user's locale ($LC_ALL, $LC_CTYPE,
// $LANG: "en_GB.UTF-8" gives GB; on Windows and macOS, where these are
// seldom set, the system's region), or "" when the locale names none.
func LocaleCountry() string {
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return regionOf(v)
		}
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		if loc, err := locale.GetLocale(); err == nil {
			return regionOf(loc)
		}
	}
	return ""
}

// regionOf is the country of a locale name ("en_GB.UTF-8", "fr-CA"), or
// "" when it names none that has phone numbers.
func regionOf(loc string) string {
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

// currencyCountry is the country of a currency used by one country only.
var currencyCountry = map[string]string{
	"USD": "US", "CAD": "CA", "GBP": "GB", "AUD": "AU", "NZD": "NZ", "CHF": "CH", "SEK": "SE", "NOK": "NO",
	"DKK": "DK", "PLN": "PL", "CZK": "CZ", "JPY": "JP", "INR": "IN", "ZAR": "ZA", "MXN": "MX", "BRL": "BR",
}

// Country is the book's country: the one set, else the locale's, else the
// one country of the book's currency, else none ("").
func (s *Store) Country(ctx context.Context) (string, error) {
	v, err := s.Setting(ctx, SettingCountry)
	if err != nil || v != "" {
		return v, err
	}
	if c := LocaleCountry(); c != "" {
		return c, nil
	}
	cur, err := s.Currency(ctx)
	return currencyCountry[cur], err
}

// SetCountry sets the book's country from its two-letter code ("" for
// none).
func (s *Store) SetCountry(ctx context.Context, code string) error {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code != "" && phonenumbers.GetCountryCodeForRegion(code) == 0 {
		return ValidationError{{SettingCountry, fmt.Sprintf("%q is not a country code (US, GB, DE…)", code)}}
	}
	return s.SetSetting(ctx, SettingCountry, code)
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
