package clients

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/exchange"
)

// planSales reads a sales export with the mapping chosen and plans which
// client each sale belongs to; nothing is written.
func (f *importFlow) planSales() error {
	dates := map[string]string{dateChoices[1]: "day-first", dateChoices[2]: "month-first"}[f.dates.Selected]
	r, err := exchange.SalesRows(f.table, f.format, f.mapping, dates)
	if err != nil {
		return err
	}
	p, err := exchange.PlanSales(f.u.ctx, f.u.store, r)
	if err != nil {
		return err
	}
	f.salesPlan = p
	return nil
}

// showSalesPlan says what importing the sales will do, then does it.
func (f *importFlow) showSalesPlan() {
	p := f.salesPlan
	toLog := 0
	for _, v := range p.Visits {
		if !v.Amend {
			toLog++
		}
	}
	text := fmt.Sprintf("%d sales: %d to log as visits, %d new clients for customers the book does not know, %d without a customer (counted, attached to nobody), %d already in the book.",
		len(p.Reading.Sales), toLog, len(p.NewClients), p.WithoutCustomer, p.Already)
	if p.Reading.DateOrder != "" {
		text += " Dates read " + p.Reading.DateOrder + "."
	}
	text += " A sale is never logged twice. Nothing is changed until you press Import; a backup is taken first."
	summary := widget.NewLabel(text)
	summary.Wrapping = fyne.TextWrapWord
	lines := append(append([]string(nil), p.Reading.Warnings...), p.Possible...)
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject {
			return widgets.NewCutLabel("line 12: a sale left out")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widgets.CutLabel).SetText(lines[i]) })
	f.summary = summary
	f.dlg = form.NewDialog(f.u.forms, "Import sales — review "+f.name, container.NewBorder(summary, nil, nil, nil, list), "Import", f.applySales)
	f.dlg.Form = f
	if len(p.Visits) == 0 {
		f.dlg.Save.Disable()
	}
	f.dlg.Show(fyne.NewSize(820, 480))
}

// applySales logs the sales as visits and says what happened.
func (f *importFlow) applySales() error {
	res, err := f.salesPlan.Apply(f.u.ctx, f.u.store)
	if err != nil {
		return err
	}
	f.result = f.salesPlan.Report(res) + "."
	f.u.book.Reload()
	f.u.book.Count.SetText(f.result)
	msg := f.result
	if res.Backup != "" {
		msg += " The book as it was before is " + filepath.Base(res.Backup) + " (Settings → Restore…)."
	}
	f.u.notify(strings.TrimSpace(msg), nil)
	return nil
}
