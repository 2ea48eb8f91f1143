package exchange

import (
	"context"
	"fmt"
	"strings"

	"regulars/data"
	"regulars/data/store"
)

// SalesPlan is what importing a sales export will do: the visits to log
// and whose they are, the clients to add for customers the book does not
// know, and the sales that attach to nobody.
type SalesPlan struct {
	Reading    *SalesReading
	Visits     []data.SaleVisit
	NewClients []data.Client
	// WithoutCustomer counts the sales that name no customer: counted,
	// attached to nobody.
	WithoutCustomer int
	// Unknown counts the sales of a customer the book does not know and
	// the file does not name (a till ID alone, an email without a name).
	Unknown int
	// RefundsAlone counts refunds of sales that are not in the file: left
	// out (import the file with the sale).
	RefundsAlone int
	// Already counts the sales the book has as visits already: left as
	// they are (but for a refund since, which lowers the visit's amount).
	Already int
	// Possible lists the new clients who may be someone in the book (the
	// same phone with another name…): added as new, never merged.
	Possible []string
}

// PlanSales matches each sale to its client: by the till's customer ID
// (kept from a contacts import of the same till), then email, then phone,
// with the rule of the contacts import — a stranger is never merged into
// a client: someone the book may know but whose name disagrees is added
// as a new client, marked. A customer the book does not know at all is
// added when the file names them. Nothing is written.
func PlanSales(ctx context.Context, s *store.Store, r *SalesReading) (*SalesPlan, error) {
	p := &SalesPlan{Reading: r}
	var till map[string]int64
	if r.Format != FormatCSV {
		var err error
		if till, err = s.TillClients(ctx, string(r.Format)); err != nil {
			return nil, err
		}
	}
	m, err := s.NewMatcher(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan the sales: %w", err)
	}
	keys := make([]string, 0, len(r.Sales))
	for _, sale := range r.Sales {
		keys = append(keys, sale.Key)
	}
	have, err := s.SaleKeys(ctx, keys)
	if err != nil {
		return nil, err
	}
	newByID := map[string]int{} // a till ID → its new client
	linked := map[string]bool{} // the till IDs kept with a client by this import
	for _, sale := range r.Sales {
		if have[sale.Key] {
			// Logged already: only its amount may have been lowered by a
			// refund since; AddSaleVisits sees to that, each refund once.
			if !sale.RefundOnly {
				p.Already++
			}
			if sale.Refunded {
				amount := sale.AmountCents
				if sale.RefundOnly {
					amount = -1
				}
				p.Visits = append(p.Visits, data.SaleVisit{Line: sale.Line, Key: sale.Key, At: sale.At,
					AmountCents: amount, Refunds: sale.Refunds, Amend: true})
			}
			continue
		}
		if sale.RefundOnly {
			p.RefundsAlone++
			continue
		}
		if !sale.HasCustomer() {
			p.WithoutCustomer++
			continue
		}
		v := data.SaleVisit{Line: sale.Line, Key: sale.Key, At: sale.At, AmountCents: sale.AmountCents,
			Staff: sale.Staff, What: sale.What, NewClient: -1, Refunds: sale.Refunds}
		if sale.Refunded {
			v.Note = "Refunded " + data.FormatCents(sale.RefundCents)
		}
		if id, ok := till[sale.CustomerID]; ok && sale.CustomerID != "" {
			v.ClientID = id
			p.Visits = append(p.Visits, v)
			continue
		}
		if i, ok := newByID[sale.CustomerID]; ok && sale.CustomerID != "" {
			v.NewClient = i
			p.Visits = append(p.Visits, v)
			continue
		}
		c := saleClient(sale)
		match, ok := m.Find(c)
		switch {
		case ok && match.Agreement == data.Same && match.Client.ID > 0:
			v.ClientID = match.Client.ID
		case ok && match.Agreement == data.Same:
			v.NewClient = int(-match.Client.ID) - 1
		case c.FirstName == "" && c.LastName == "":
			// No name to compare: the one client with this email (else
			// phone), or nobody.
			other, ok := m.FindByContact(c)
			switch {
			case ok && other.ID > 0:
				v.ClientID = other.ID
			case ok:
				v.NewClient = int(-other.ID) - 1
			default:
				p.Unknown++
				continue
			}
		default:
			if err := c.Validate(); err != nil {
				p.Unknown++
				continue
			}
			v.NewClient = len(p.NewClients)
			if ok {
				p.Possible = append(p.Possible, fmt.Sprintf("line %d: %s may be %s (%s): added as new, never merged by itself",
					sale.Line, c.Name(), match.Client.Name(), match.Why))
			}
			p.NewClients = append(p.NewClients, c)
			planned := c
			planned.ID = -int64(v.NewClient) - 1
			m.Add(planned)
		}
		if sale.CustomerID != "" && v.NewClient >= 0 {
			newByID[sale.CustomerID] = v.NewClient
		}
		if sale.CustomerID != "" && r.Format != FormatCSV && !linked[sale.CustomerID] {
			// Kept with the client, so that the till's next sales of this
			// customer find them by it.
			v.TillID = data.TillID{Source: string(r.Format), ID: sale.CustomerID}
			linked[sale.CustomerID] = true
		}
		p.Visits = append(p.Visits, v)
	}
	return p, nil
}

// saleClient is the customer a sale names, as a client to match or add.
func saleClient(s Sale) data.Client {
	var c data.Client
	name := strings.TrimSpace(s.Name)
	if strings.Contains(name, " ") || strings.Contains(name, ",") {
		c.FirstName, c.LastName = SplitName(name)
	} else {
		c.FirstName = name
	}
	if e := strings.TrimSpace(s.Email); e != "" && data.CheckEmail(e) == "" {
		c.Email = e
	}
	if ph := strings.TrimSpace(s.Phone); ph != "" && data.CheckPhone(ph) == "" {
		c.Phone = ph
	}
	c.Normalize()
	return c
}

// Apply logs the planned visits and adds the new clients, in one
// transaction after a backup.
func (p *SalesPlan) Apply(ctx context.Context, s *store.Store) (data.SalesResult, error) {
	return s.AddSaleVisits(ctx, p.Visits, p.NewClients)
}

// Report says what an import of sales did, as the shop reads it: "312
// sales: 287 visits added to 190 clients, 19 without a customer, 6
// already in the book".
func (p *SalesPlan) Report(res data.SalesResult) string {
	n := len(p.Reading.Sales)
	parts := []string{fmt.Sprintf("%s added to %s", plural(res.Added, "visit", "visits"), plural(res.Clients, "client", "clients"))}
	if res.NewClients > 0 {
		parts = append(parts, plural(res.NewClients, "new client", "new clients"))
	}
	if p.WithoutCustomer > 0 {
		parts = append(parts, fmt.Sprintf("%d without a customer", p.WithoutCustomer))
	}
	if p.Unknown > 0 {
		parts = append(parts, fmt.Sprintf("%d of unknown customers with no name to add them by", p.Unknown))
	}
	if already := p.Already + res.Already; already > 0 {
		parts = append(parts, fmt.Sprintf("%d already in the book", already))
	}
	if res.Amended > 0 {
		parts = append(parts, fmt.Sprintf("%d lowered by a refund", res.Amended))
	}
	if p.RefundsAlone > 0 {
		parts = append(parts, fmt.Sprintf("%d refunds of sales not in this file left out", p.RefundsAlone))
	}
	return fmt.Sprintf("%s: %s", plural(n, "sale", "sales"), strings.Join(parts, ", "))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
