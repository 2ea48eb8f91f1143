package clients

import "regulars/data"

// money writes an amount in the book's currency: "€85.00". The currency
// is read once and again when Settings change it.
func (u *needs) money(cents int64) string {
	u.readCurrency()
	return data.FormatMoney(cents, u.currency)
}

// readCurrency reads the book's currency and country once, and again
// when Settings change them.
func (u *needs) readCurrency() {
	if !u.currencyRead {
		u.currency, _ = u.store.Currency(u.ctx)
		u.country, _ = u.store.Country(u.ctx)
		u.currencyRead = true
	}
}

// currencyCode is the book's currency, read once.
func (u *needs) currencyCode() string {
	u.readCurrency()
	return u.currency
}

// phone writes a phone in one readable form for the book's country:
// "(512) 555-0190" in the US, "+44 20 7946 0958" for a number abroad.
func (u *needs) phone(p string) string {
	u.readCurrency()
	return data.ShowPhone(p, u.country)
}
