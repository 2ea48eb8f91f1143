package cli

import (
	"fmt"

	"regulars/exchange"
)

// isSalesFile reports whether a file to import is a till's sales export
// (Square's Transactions or Items, Shopify's orders, any CSV with a date,
// an amount and a customer) rather than a list of contacts.
func isSalesFile(b []byte) bool {
	t, err := exchange.ReadTable(b)
	return err == nil && exchange.IsSales(t.Header)
}

// importSales turns each sale of a sales export into a visit of its
// client, once, and says what happened.
func importSales(e *env, path string, b []byte, mapping, dates string, dryRun bool) error {
	reading, err := exchange.ReadSales(b, mapping, dates)
	if err != nil {
		return fmt.Errorf("import %s: %w; nothing was imported", path, err)
	}
	for _, w := range reading.Warnings {
		fmt.Fprintf(e.stdout, "warning: %s\n", w)
	}
	if reading.DateOrder != "" {
		fmt.Fprintf(e.stdout, "dates read %s\n", reading.DateOrder)
	}
	plan, err := exchange.PlanSales(e.ctx, e.store, reading)
	if err != nil {
		return err
	}
	for _, p := range plan.Possible {
		fmt.Fprintln(e.stdout, p)
	}
	if dryRun {
		fmt.Fprintf(e.stdout, "dry run: nothing was changed; %s sales file: %d sales, %d for clients, %d new clients, %d without a customer\n",
			reading.Format.Title(), len(reading.Sales), len(plan.Visits), len(plan.NewClients), plan.WithoutCustomer)
		return nil
	}
	res, err := plan.Apply(e.ctx, e.store)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s sales file (a backup was taken first: %s)\n", reading.Format.Title(), res.Backup)
	fmt.Fprintln(e.stdout, plan.Report(res))
	return nil
}
