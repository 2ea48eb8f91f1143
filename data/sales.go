package data

import (
	"strings"
	"time"
)

// SaleVisit is one sale from a till, to be logged as a visit of a client.
type SaleVisit struct {
	Line     int    // the sale's first line in the file, for messages
	Key      string // the sale's key, "square:" and its transaction ID: one visit per key, ever
	ClientID int64  // the client it belongs to, or 0 for NewClient
	// NewClient is the index in the new clients given to AddSaleVisits of
	// the client to add for this sale, used when ClientID is 0.
	NewClient   int
	At          time.Time
	AmountCents int64  // net of refunds; -1 when the file gives no amount
	Staff       string // the staff member's name as the till wrote it
	What        string // the items
	Note        string
	// TillID is the customer's ID in the till, kept with the client so
	// that the till's next sales find them.
	TillID TillID
	// Amend says the book has this sale already: only its amount is
	// lowered, to AmountCents when the file gives the sale and a refund
	// since made it less, or by each of Refunds the book has not applied.
	Amend bool
	// Refunds are the sale's refunds in the file, each applied once ever.
	Refunds []SaleRefund
}

// SaleRefund is one refund of a sale, with its own key (Square's payment
// ID of the refund, or the row's content).
type SaleRefund struct {
	Key   string
	Cents int64
}

// SalesResult is what AddSaleVisits did.
type SalesResult struct {
	Added      int // visits logged
	Already    int // sales the book had as visits already
	Amended    int // of those, visits whose amount a refund lowered
	Clients    int // clients the added visits belong to
	NewClients int // clients added for sales of people the book did not know
	Backup     string
}

// FindByContact returns the one client (not in the trash) with c's
// email, else the one with c's phone: for a sale that names no person,
// only an email or a phone. ok is false when none or several have it.
func (m *Matcher) FindByContact(c Client) (Client, bool) {
	if e := strings.ToLower(strings.TrimSpace(c.Email)); e != "" {
		if ids := m.byEmail[e]; len(ids) == 1 {
			return m.clients[ids[0]], true
		} else if len(ids) > 1 {
			return Client{}, false
		}
	}
	var found []int64
	for _, k := range PhoneKeys(c) {
		for _, id := range m.byPhone[k] {
			dup := false
			for _, f := range found {
				dup = dup || f == id
			}
			if !dup {
				found = append(found, id)
			}
		}
	}
	if len(found) == 1 {
		return m.clients[found[0]], true
	}
	return Client{}, false
}
