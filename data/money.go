package data

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// LocaleCurrency is the currency of the user's locale ($LC_ALL,
// $LC_MONETARY, $LANG: "en_GB.UTF-8" gives GBP), or "" when the locale
// names no country.
func LocaleCurrency() string {
	for _, k := range []string{"LC_ALL", "LC_MONETARY", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		tag, err := language.Parse(strings.ReplaceAll(v, "_", "-"))
		if err != nil {
			return ""
		}
		if _, conf := tag.Region(); conf != language.Exact {
			return ""
		}
		u, conf := currency.FromTag(tag)
		if conf == language.No {
			return ""
		}
		return u.String()
	}
	return ""
}

// CurrencySymbol is the short symbol of a currency code ("$", "€", "£"),
// the code itself when it has none, or "" for "".
func CurrencySymbol(code string) string {
	if code == "" {
		return ""
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return ""
	}
	return fmt.Sprint(currency.NarrowSymbol(u))
}

// FormatMoney writes an amount with the currency's symbol: "€85.00".
func FormatMoney(cents int64, code string) string {
	sym := CurrencySymbol(code)
	s := FormatCents(cents)
	if strings.HasPrefix(s, "-") {
		return "-" + sym + s[1:]
	}
	if len([]rune(sym)) > 1 {
		return sym + " " + s
	}
	return sym + s
}
