package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

// A sales export from a till: Square's Transactions and Items CSV,
// Shopify's orders export, or any CSV with a date, an amount and a
// customer. Each sale becomes a visit of the client it belongs to, once:
// its key (the till's transaction or order ID, else the row's content)
// is kept with the visit. See testdata/sales/README.md for the layouts.

// The fields of a sales export's columns.
const (
	FSaleDate   = Field("sale date")   // the day, or the day and time
	FSaleTime   = Field("sale time")   // the time, when a column of its own
	FSaleAmount = Field("sale amount") // what the customer paid (a refund is negative)
	FSaleRefund = Field("refunded")    // an amount refunded later, taken off
	FSaleID     = Field("sale id")     // the transaction or order ID
	FSaleStaff  = Field("staff")
	FSaleItems  = Field("items")
	FSaleQty    = Field("quantity")
	FSaleEvent  = Field("event type") // Square's "Payment" or "Refund"
	FSalePayID  = Field("payment id") // Square's ID of one payment or refund of a sale
)

// SaleFields are the fields a sales export's column can be mapped to.
var SaleFields = []Field{FSaleDate, FSaleTime, FSaleAmount, FSaleRefund, FSaleID, FSaleStaff, FSaleItems, FSaleQty,
	FSaleEvent, FSalePayID, FCustomerID, FFull, FFirst, FLast, FEmail, FPhone}

// saleSynonyms guess a sales export's columns from their names.
var saleSynonyms = map[string]Field{
	// Square Transactions and Items.
	"date": FSaleDate, "time": FSaleTime, "total collected": FSaleAmount, "transaction id": FSaleID,
	"staff name": FSaleStaff, "customer id": FCustomerID, "customer name": FFull, "event type": FSaleEvent,
	"item": FSaleItems, "qty": FSaleQty, "description": FSaleItems, "payment id": FSalePayID,
	// Shopify orders.
	"name": FSaleID, "paid at": FSaleDate, "total": FSaleAmount, "refunded amount": FSaleRefund,
	"lineitem name": FSaleItems, "lineitem quantity": FSaleQty, "email": FEmail, "billing name": FFull,
	"billing phone": FPhone, "phone": FPhone, "employee": FSaleStaff,
	// Any CSV, in English, German, French and Spanish.
	"sale date": FSaleDate, "order date": FSaleDate, "transaction date": FSaleDate, "datum": FSaleDate,
	"fecha": FSaleDate, "visit date": FSaleDate, "sale time": FSaleTime, "uhrzeit": FSaleTime, "heure": FSaleTime,
	"amount": FSaleAmount, "amount paid": FSaleAmount, "betrag": FSaleAmount, "montant": FSaleAmount, "importe": FSaleAmount,
	"price": FSaleAmount, "sale amount": FSaleAmount, "summe": FSaleAmount, "refund": FSaleRefund, "refunds": FSaleRefund,
	"order id": FSaleID, "receipt": FSaleID, "receipt number": FSaleID, "sale id": FSaleID, "beleg": FSaleID,
	"staff": FSaleStaff, "stylist": FSaleStaff, "mitarbeiter": FSaleStaff, "served by": FSaleStaff,
	"items": FSaleItems, "service": FSaleItems, "services": FSaleItems, "product": FSaleItems, "leistung": FSaleItems,
	"quantity": FSaleQty, "menge": FSaleQty,
	"customer": FFull, "client": FFull, "client name": FFull, "kunde": FFull, "customer email": FEmail,
	"client email": FEmail, "e-mail": FEmail, "customer phone": FPhone, "client phone": FPhone, "telefon": FPhone,
	"first name": FFirst, "last name": FLast, "customer first name": FFirst, "customer last name": FLast,
}

// Sale is one sale read from a file: the rows of one transaction or
// order together.
type Sale struct {
	Line        int    // its first line in the file
	Key         string // "square:" and the transaction ID, or the row's content
	At          time.Time
	AmountCents int64 // net of refunds, never below 0; -1 when the file gives no amount
	Refunded    bool  // a refund lowered it
	RefundOnly  bool  // the file has only the refund of this sale, not the sale
	RefundCents int64 // what was refunded
	// Refunds are the refund rows of the sale, each with its own key.
	Refunds []data.SaleRefund
	Staff   string
	What    string
	// The customer as the till wrote them; all empty for a sale without
	// a customer.
	CustomerID, Name, Email, Phone string
}

// HasCustomer reports whether the sale names its customer.
func (s Sale) HasCustomer() bool {
	return s.CustomerID != "" || s.Name != "" || s.Email != "" || s.Phone != ""
}

// SalesReading is what was read from a sales export.
type SalesReading struct {
	Format    Format
	Header    []string
	Mapping   Mapping
	Sales     []Sale
	Rows      int      // the rows read (a sale may span several)
	Warnings  []string // rows left out and why
	DateOrder string
}

// IsSales reports whether a header is a sales export's rather than a list
// of contacts: it has a date and an amount (or a transaction ID with
// items), as Square's, Shopify's and any till's sales exports do.
func IsSales(header []string) bool {
	has := map[Field]bool{}
	for _, h := range header {
		if f, ok := saleSynonyms[columnKey(h)]; ok {
			has[f] = true
		}
	}
	keys := map[string]bool{}
	for _, h := range header {
		keys[columnKey(h)] = true
	}
	if keys["lineitem name"] && keys["financial status"] {
		return true // Shopify's orders
	}
	if keys["transaction id"] && (keys["total collected"] || keys["net sales"] || keys["gross sales"]) {
		return true // Square's transactions and items
	}
	return has[FSaleDate] && has[FSaleAmount]
}

// salesFormat says which till wrote a sales header.
func salesFormat(header []string) Format {
	keys := map[string]bool{}
	for _, h := range header {
		keys[columnKey(h)] = true
	}
	switch {
	case keys["lineitem name"] && keys["financial status"]:
		return FormatShopify
	case keys["transaction id"] && (keys["total collected"] || keys["net sales"] || keys["gross sales"]):
		return FormatSquare
	}
	return FormatCSV
}

// GuessSales maps a sales export's columns by their names.
func GuessSales(header []string) (Format, Mapping) {
	f := salesFormat(header)
	m := make(Mapping, len(header))
	used := map[Field]bool{}
	keys := map[string]bool{}
	for _, h := range header {
		keys[columnKey(h)] = true
	}
	for i, h := range header {
		k := columnKey(h)
		field, ok := saleSynonyms[k]
		switch {
		case f == FormatSquare && k == "net sales" && !keys["total collected"]:
			field, ok = FSaleAmount, true // the Items export: each item's net sales
		case f == FormatShopify && (k == "phone" || k == "billing phone") && used[FPhone]:
			ok = false
		case f != FormatShopify && k == "name":
			field, ok = FFull, true // "Name" is Shopify's order, anyone else's customer
		case f == FormatShopify && k == "created at" && !keys["paid at"]:
			field, ok = FSaleDate, true
		}
		if !ok || used[field] {
			continue
		}
		m[i], used[field] = field, true
	}
	return f, m
}

// ReadSales reads a sales export; mapping ("Column=field,…") overrides
// the guessed columns, dates ("day-first", "month-first") the date order.
func ReadSales(b []byte, mapping, dates string) (*SalesReading, error) {
	t, err := ReadTable(b)
	if err != nil {
		return nil, err
	}
	f, m := GuessSales(t.Header)
	if mapping != "" {
		if m, err = parseMapping(t.Header, m, mapping, SaleFields); err != nil {
			return nil, err
		}
	}
	return SalesRows(t, f, m, dates)
}

// SalesRows reads a table's rows as sales with a mapping.
func SalesRows(t *Table, f Format, m Mapping, dates string) (*SalesReading, error) {
	col := map[Field]int{}
	for i, field := range m {
		if _, ok := col[field]; !ok && field != FIgnore {
			col[field] = i
		}
	}
	if _, ok := col[FSaleDate]; !ok {
		return nil, fmt.Errorf("no column holds the date of the sale (map one to %q)", FSaleDate)
	}
	if _, ok := col[FSaleAmount]; !ok {
		return nil, fmt.Errorf("no column holds the amount of the sale (map one to %q)", FSaleAmount)
	}
	cell := func(rec []string, field Field) string {
		if i, ok := col[field]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	// The date order, from the dates themselves, then the till, then the
	// computer's locale.
	var cells []dateCell
	for i, rec := range t.Rows {
		if v := cell(rec, FSaleDate); v != "" {
			cells = append(cells, dateCell{strings.Fields(v)[0], t.Lines[i]})
		}
	}
	order, why := decideOrder(cells, f, Locale())
	switch dates {
	case "day-first":
		order, why = DayFirst, "day/month, as asked"
	case "month-first":
		order, why = MonthFirst, "month/day, as asked"
	}
	r := &SalesReading{Format: f, Header: t.Header, Mapping: m, DateOrder: why, Warnings: t.Warnings}
	source := strings.ToLower(string(f))
	if f == FormatCSV {
		source = "csv"
	}
	byKey := map[string]int{}
	seen := map[string]int{} // a row's content → how many times so far
	var lastKey string       // Shopify writes an order's totals on its first row only
	var sums []saleSum
	for i, rec := range t.Rows {
		line := t.Lines[i]
		r.Rows++
		id := strings.TrimPrefix(cell(rec, FSaleID), "'")
		dateText := cell(rec, FSaleDate)
		if f == FormatShopify && id != "" && id == lastKey && dateText == "" {
			// A further line item of the order above (none when the
			// order's first row was left out: its items go with it).
			if j, ok := byKey[source+":"+id]; ok {
				s := &r.Sales[j]
				s.What = joinItem(s.What, cell(rec, FSaleItems), cell(rec, FSaleQty))
			}
			continue
		}
		lastKey = id
		if dateText == "" && cell(rec, FSaleAmount) == "" {
			continue // an empty row
		}
		at, ok := saleTime(dateText, cell(rec, FSaleTime), order)
		if !ok {
			r.Warnings = append(r.Warnings, fmt.Sprintf("line %d: the date %q is not a date; the sale was left out", line, dateText))
			continue
		}
		amount := int64(-1)
		if v := cell(rec, FSaleAmount); v != "" {
			c, err := ParseMoney(v)
			if err != nil {
				r.Warnings = append(r.Warnings, fmt.Sprintf("line %d: the amount %q: %v; the sale was left out", line, v, err))
				continue
			}
			amount = c
		}
		isRefund := strings.Contains(strings.ToLower(cell(rec, FSaleEvent)), "refund") || amount < 0
		var refunded int64
		if isRefund && amount != -1 {
			refunded, amount = abs(amount), -1
		}
		if v := cell(rec, FSaleRefund); v != "" {
			if c, err := ParseMoney(v); err == nil {
				refunded += abs(c)
			}
		}
		s := Sale{Line: line, At: at, Staff: cell(rec, FSaleStaff),
			What:       joinItem("", cell(rec, FSaleItems), cell(rec, FSaleQty)),
			CustomerID: strings.TrimPrefix(cell(rec, FCustomerID), "'"), Email: cell(rec, FEmail),
			Phone: strings.TrimPrefix(cell(rec, FPhone), "'")}
		s.Name = cell(rec, FFull)
		if s.Name == "" {
			s.Name = strings.TrimSpace(cell(rec, FFirst) + " " + cell(rec, FLast))
		}
		if id != "" {
			s.Key = source + ":" + id
		} else {
			// No transaction ID: the row's content, and how many times the
			// same content came before in this file (two identical sales
			// on one day are two visits; the same file again adds none).
			content := strings.Join([]string{at.Format("2006-01-02T15:04:05"), fmt.Sprint(amount, refunded), s.CustomerID, s.Name,
				strings.ToLower(s.Email), s.Phone, s.Staff, s.What}, "\x1f")
			seen[content]++
			sum := sha256.Sum256([]byte(content))
			s.Key = fmt.Sprintf("%s:%s#%d", source, hex.EncodeToString(sum[:12]), seen[content])
		}
		j, ok := byKey[s.Key]
		if !ok {
			j = len(r.Sales)
			byKey[s.Key] = j
			r.Sales = append(r.Sales, s)
			sums = append(sums, saleSum{})
		}
		o, sum := &r.Sales[j], &sums[j]
		sum.refunds += refunded
		if isRefund && refunded > 0 {
			// The refund's own key: Square's payment ID of the refund,
			// else the row's content and how often it came before.
			rk := cell(rec, FSalePayID)
			if rk == "" {
				content := strings.Join(append([]string{}, rec...), "\x1f")
				seen["refund\x1f"+content]++
				h := sha256.Sum256([]byte(content))
				rk = fmt.Sprintf("%s#%d", hex.EncodeToString(h[:12]), seen["refund\x1f"+content])
			}
			o.Refunds = append(o.Refunds, data.SaleRefund{Key: s.Key + "/refund:" + rk, Cents: refunded})
		}
		if !isRefund {
			if !sum.hasSale || at.Before(o.At) {
				o.At = at
			}
			sum.hasSale = true
			if amount >= 0 {
				sum.paid += amount
				sum.known = true
			}
			o.What = joinItem(o.What, s.What, "")
		}
		if o.Staff == "" {
			o.Staff = s.Staff
		}
		if !o.HasCustomer() {
			o.CustomerID, o.Name, o.Email, o.Phone = s.CustomerID, s.Name, s.Email, s.Phone
		}
	}
	for i := range r.Sales {
		s, sum := &r.Sales[i], sums[i]
		s.Refunded = sum.refunds > 0
		s.RefundOnly = !sum.hasSale
		s.RefundCents = sum.refunds
		s.AmountCents = -1
		if sum.known {
			s.AmountCents = max(0, sum.paid-sum.refunds) // refunds lower the amount, never below nothing
		}
	}
	return r, nil
}

// saleSum adds up the rows of one sale.
type saleSum struct {
	paid, refunds int64
	known         bool // some row gave the amount paid
	hasSale       bool // some row is the sale, not a refund
}

func abs(c int64) int64 {
	if c < 0 {
		return -c
	}
	return c
}

// joinItem adds an item ("2 × Shampoo") to a sale's list of items.
func joinItem(have, item, qty string) string {
	item = strings.TrimSpace(item)
	if item == "" {
		return have
	}
	if q := strings.TrimSpace(qty); q != "" && q != "1" && q != "1.0" && q != "1,0" {
		item = q + " × " + item
	}
	if have == "" {
		return item
	}
	for _, h := range strings.Split(have, ", ") {
		if h == item {
			return have
		}
	}
	return have + ", " + item
}

// saleTime reads a sale's date and time: "2026-11-02", "11/02/2026",
// "2026-11-02 14:05:33 -0500" (Shopify), "2026-11-02T14:05:33Z", with the
// time in a column of its own ("14:05:33", "2:05 PM") or none (noon).
func saleTime(date, clockText string, order DateOrder) (time.Time, bool) {
	date = strings.TrimSpace(date)
	if date == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 Z0700", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, date, time.Local); err == nil {
			return t, t.Year() >= 1900 && t.Year() < 3000
		}
	}
	day, rest, _ := strings.Cut(strings.Replace(date, "T", " ", 1), " ")
	d, ok := ReadDate(day, order, clock.Now().Year())
	if !ok || d.Year == 0 || d.Month == 0 {
		return time.Time{}, false
	}
	h, m, sec := 12, 0, 0
	if c := strings.TrimSpace(strings.TrimSpace(rest) + " " + strings.TrimSpace(clockText)); c != "" {
		var ok bool
		if h, m, sec, ok = clockOf(c); !ok {
			return time.Time{}, false
		}
	}
	return time.Date(d.Year, d.Month, d.Day, h, m, sec, 0, time.Local), true
}

// clockOf reads a time of day: "14:05", "14:05:33", "2:05 PM".
func clockOf(s string) (h, m, sec int, ok bool) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), " "))
	for _, layout := range []string{"15:04:05", "15:04", "3:04:05 PM", "3:04 PM", "3:04:05PM", "3:04PM", "15:04:05 -0700", "15:04:05 MST", "15.04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Hour(), t.Minute(), t.Second(), true
		}
	}
	return 0, 0, 0, false
}
