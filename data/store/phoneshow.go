package store

// currencyCountry is the country of a currency used by one country only.
var currencyCountry = map[string]string{
	"USD": "US", "CAD": "CA", "GBP": "GB", "AUD": "AU", "NZD": "NZ", "CHF": "CH", "SEK": "SE", "NOK": "NO",
	"DKK": "DK", "PLN": "PL", "CZK": "CZ", "JPY": "JP", "INR": "IN", "ZAR": "ZA", "MXN": "MX", "BRL": "BR",
}
