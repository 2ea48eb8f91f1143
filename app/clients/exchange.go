package clients

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/app/words"
	"regulars/data"
	"regulars/exchange"
	"regulars/internal/clock"
)

// importFlow is the import dialog: the file's columns mapped to fields
// (guessed, adjustable), then the plan of every row, then the import.
type importFlow struct {
	u       *needs
	name    string
	raw     []byte
	table   *exchange.Table
	format  exchange.Format
	mapping exchange.Mapping
	selects []*widget.Select
	dates   *widget.Select    // how the file writes dates
	left    *widget.Label     // the columns not imported, on the mapping screen
	reading *exchange.Reading // what was read, for the review
	people  []exchange.Person
	rows    []data.ImportRow
	dlg     *form.Dialog
	summary *widget.Label
	list    *widget.List
	merge   *mergeView // the side-by-side view of a possible duplicate, when open
	// sales is set for a till's sales export: its sales become visits
	// (salesPlan), through the same mapping screen.
	sales     bool
	salesPlan *exchange.SalesPlan
	result    string
}

// The date order choices of the mapping screen.
var dateChoices = []string{"Decide from the file", "Day first (31/12/1990)", "Month first (12/31/1990)"}

// chooseImport asks for a file and starts the import.
func (u *needs) chooseImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, exchange.MaxFileSize+1))
		if err != nil {
			u.showError(err)
			return
		}
		u.startImport(r.URI().Name(), b)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".vcf", ".vcard"}))
	d.Show()
}

// startImport reads the file and shows the mapping (CSV) or the plan.
func (u *needs) startImport(name string, b []byte) *importFlow {
	f := &importFlow{u: u, name: name, raw: b}
	if bytes.Contains(bytes.ToUpper(b[:min(len(b), 4096)]), []byte("BEGIN:VCARD")) {
		r, err := exchange.Read(b, exchange.Options{Format: exchange.FormatVCard})
		if err != nil {
			u.showError(fmt.Errorf("%s: %w; nothing was imported", name, err))
			return nil
		}
		f.format, f.people, f.reading = exchange.FormatVCard, r.People, r
		f.showPlan()
		return f
	}
	t, err := exchange.ReadTable(b)
	if err != nil {
		u.showError(fmt.Errorf("%s: %w; nothing was imported", name, err))
		return nil
	}
	f.table = t
	f.format, f.mapping = exchange.Guess(t.Header)
	if exchange.IsSales(t.Header) {
		f.sales = true
		f.format, f.mapping = exchange.GuessSales(t.Header)
	}
	f.showMapping()
	return f
}

// showMapping lets the owner say which field each column fills.
func (f *importFlow) showMapping() {
	options := []string{"(ignore)"}
	fields := exchange.Fields
	if f.sales {
		fields = exchange.SaleFields
	}
	for _, fl := range fields {
		options = append(options, string(fl))
	}
	grid := container.New(newTwoColumn())
	f.selects = nil
	for i, h := range f.table.Header {
		// Examples from several rows: the first values with something in them.
		label := widgets.NewCutLabel(h + "   (e.g. " + strings.Join(exchange.Examples(f.table, i, 3, 30), "; ") + ")")
		sel := widget.NewSelect(options, nil)
		if f.mapping[i] == exchange.FIgnore {
			sel.SetSelected(options[0])
		} else {
			sel.SetSelected(string(f.mapping[i]))
		}
		sel.OnChanged = func(string) { f.showLeftOut() }
		f.selects = append(f.selects, sel)
		grid.Add(label)
		grid.Add(sel)
	}
	intro := widget.NewLabel(fmt.Sprintf("%s: %d rows, %s, read as a %s file. Check which field each column fills (several columns may fill phone: every number is kept), then review.",
		f.name, len(f.table.Rows), f.table.Encoding, f.format.Title()))
	intro.Wrapping = fyne.TextWrapWord
	f.dates = widget.NewSelect(dateChoices, nil)
	f.dates.SetSelected(dateChoices[0])
	f.left = widget.NewLabel("")
	f.left.Wrapping = fyne.TextWrapWord
	f.left.Importance = widget.WarningImportance
	f.showLeftOut()
	top := container.NewVBox(intro, container.NewBorder(nil, nil, widget.NewLabel("Dates such as 04/07/1990:"), nil, f.dates))
	body := container.NewBorder(top, f.left, nil, nil, container.NewVScroll(grid))
	title := "Import clients — columns"
	if f.sales {
		title = "Import sales — columns"
	}
	f.dlg = form.NewDialog(f.u.forms, title, body, "Review", func() error {
		f.readMapping()
		if f.sales {
			return f.planSales()
		}
		hasName := false
		for _, m := range f.mapping {
			hasName = hasName || m == exchange.FFirst || m == exchange.FLast || m == exchange.FFull || m == exchange.FCompany
		}
		if !hasName {
			return fmt.Errorf("map at least one column to a name (first, last, full name or company)")
		}
		dates := map[string]string{dateChoices[1]: "day-first", dateChoices[2]: "month-first"}[f.dates.Selected]
		r, err := exchange.ReadRows(f.table, f.format, f.mapping, dates)
		if err != nil {
			return err
		}
		f.reading, f.people = r, r.People
		return nil
	})
	mapping := f.dlg
	// The review opens once the mapping dialog has closed, when it saved.
	mapping.OnClose = func() {
		if f.salesPlan != nil {
			f.showSalesPlan()
		} else if f.people != nil {
			f.showPlan()
		}
	}
	f.dlg.Form = f
	f.dlg.Show(fyne.NewSize(720, 560))
}

// showLeftOut lists, under the mapping, the columns with data that no
// field takes, so that nobody loses data without being told.
func (f *importFlow) showLeftOut() {
	if f.left == nil || len(f.selects) < len(f.table.Header) {
		return
	}
	f.readMapping()
	left := exchange.Unmapped(f.table, f.mapping)
	if len(left) == 0 {
		f.left.SetText("Every column with data is imported.")
		f.left.Importance = widget.LowImportance
	} else {
		f.left.SetText("Not imported: " + strings.Join(left, ", "))
		f.left.Importance = widget.WarningImportance
	}
	f.left.Refresh()
}

// readMapping takes the choices of the mapping screen.
func (f *importFlow) readMapping() {
	for i, sel := range f.selects {
		if sel.Selected == "(ignore)" {
			f.mapping[i] = exchange.FIgnore
		} else {
			f.mapping[i] = exchange.Field(sel.Selected)
		}
	}
}

// showPlan lists what the import will do with every row.
func (f *importFlow) showPlan() {
	rows, err := exchange.Plan(f.u.ctx, f.u.store, f.people)
	if err != nil {
		f.u.showError(err)
		return
	}
	f.rows = rows
	f.summary = widget.NewLabel("")
	f.summary.Wrapping = fyne.TextWrapWord
	f.sumUp()
	f.list = widget.NewList(
		func() int { return len(f.rows) },
		func() fyne.CanvasObject {
			return widgets.NewCutLabel("line 12: update  Name — reason")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widgets.CutLabel)
			l.SetText(planLine(f.rows[i]))
			l.Importance = map[data.ImportAction]widget.Importance{data.ImportError: widget.DangerImportance, data.ImportNew: widget.SuccessImportance, data.ImportSkip: widget.LowImportance}[f.rows[i].Action]
			l.Refresh()
		})
	f.list.OnSelected = func(i widget.ListItemID) {
		f.list.UnselectAll()
		if i < len(f.rows) && f.rows[i].PossibleID != 0 {
			f.comparePossible(i)
		}
	}
	body := container.NewBorder(f.summary, nil, nil, nil, f.list)
	f.dlg = form.NewDialog(f.u.forms, "Import clients — review "+f.name, body, "Import", f.apply)
	f.dlg.Form = f
	sum := exchange.Summary(rows)
	if sum[data.ImportNew]+sum[data.ImportUpdate] == 0 {
		f.dlg.Save.Disable()
	}
	f.dlg.Show(fyne.NewSize(820, 560))
}

// sumUp says what the import will do, in how many rows, how the dates were
// read and which columns are left out.
func (f *importFlow) sumUp() {
	sum := exchange.Summary(f.rows)
	possible := 0
	for _, r := range f.rows {
		if r.Action == data.ImportNew && r.MatchedBy != "" {
			possible++
		}
	}
	text := fmt.Sprintf("%d new, %d to update (empty fields filled, existing values kept), %d skipped, %d with errors.",
		sum[data.ImportNew], sum[data.ImportUpdate], sum[data.ImportSkip], sum[data.ImportError])
	if possible > 0 {
		text += fmt.Sprintf(" %d of the new may be clients you have: added as new unless you open them and choose to merge.", possible)
	}
	if f.reading != nil && f.reading.DateOrder != "" {
		text += " Dates read " + f.reading.DateOrder + "."
	}
	if f.reading != nil && len(f.reading.Unmapped) > 0 {
		text += " Not imported: " + strings.Join(f.reading.Unmapped, ", ") + "."
	}
	f.summary.SetText(text + " Nothing is changed until you press Import; a backup is taken first.")
}

// comparePossible opens a possible duplicate side by side with the client
// it may be: kept as new, or merged into that client with the values the
// user picks.
func (f *importFlow) comparePossible(i int) {
	row := f.rows[i]
	existing, err := f.u.store.Client(f.u.ctx, row.PossibleID)
	if err != nil {
		f.u.showError(err)
		return
	}
	incoming := row.Client
	why := fmt.Sprintf("Line %d of the file is a possible duplicate of #%d (%s). New or merge? It stays a new client unless you merge.",
		row.Line, existing.ID, strings.TrimPrefix(row.MatchedBy, "possible duplicate: "))
	v := newMergeView(existing, incoming, why, fmt.Sprintf("#%d in the book", existing.ID), fmt.Sprintf("line %d of the file", row.Line), false)
	f.merge = v
	prev := f.u.forms.Open
	d := form.NewDialog(f.u.forms, "New client or the same person?", v.content, "Merge into #"+fmt.Sprint(existing.ID), func() error {
		merged := exchange.MergePossible(row, existing)
		for _, field := range v.take() {
			if err := data.TakeField(&merged.Client, incoming, field); err != nil {
				return err
			}
		}
		if len(v.take()) > 0 {
			var kept []data.Conflict
			for _, c := range merged.Conflicts {
				taken := false
				for _, field := range v.take() {
					taken = taken || c.Field == field
				}
				if !taken {
					kept = append(kept, c)
				}
			}
			merged.Conflicts = kept
			if merged.Action == data.ImportSkip {
				merged.Action, merged.Client.ID = data.ImportUpdate, existing.ID
			}
		}
		f.rows[i] = merged
		f.list.Refresh()
		f.sumUp()
		return nil
	})
	d.Cancel.SetText("Keep as new")
	d.OnClose = func() {
		f.merge = nil
		if prev != nil && !prev.Closed() {
			f.u.forms.Open = prev
		}
	}
	d.Form = v
	d.Show(fyne.NewSize(860, 560))
}

// planLine is one row of the plan in words.
func planLine(r data.ImportRow) string {
	name := r.Client.Name()
	if name == "" {
		name = "(no name)"
	}
	skipped := ""
	if len(r.Warnings) > 0 {
		skipped = "; skipped: " + strings.Join(r.Warnings, "; ")
	}
	switch r.Action {
	case data.ImportNew:
		if r.PossibleID != 0 {
			return fmt.Sprintf("line %d: new — %s: possible duplicate of #%d (%s) — new or merge? Click to compare%s",
				r.Line, name, r.PossibleID, strings.TrimPrefix(r.MatchedBy, "possible duplicate: "), skipped)
		}
		if r.MatchedBy != "" {
			return fmt.Sprintf("line %d: new — %s: %s%s", r.Line, name, r.MatchedBy, skipped)
		}
		return fmt.Sprintf("line %d: new — %s%s", r.Line, name, skipped)
	case data.ImportUpdate:
		s := fmt.Sprintf("line %d: update — %s (%s): fills %s", r.Line, name, r.MatchedBy, strings.Join(r.Filled, ", "))
		for _, c := range r.Conflicts {
			s += fmt.Sprintf("; keeps %s %q, not %q", c.Field, c.Kept, c.Incoming)
		}
		return s + skipped
	case data.ImportSkip:
		return fmt.Sprintf("line %d: skip — %s: %s", r.Line, name, r.Reason)
	}
	return fmt.Sprintf("line %d: error — %s: %s", r.Line, name, r.Reason)
}

// apply carries the import out.
func (f *importFlow) apply() error {
	added, updated, backup, err := f.u.store.ApplyImport(f.u.ctx, f.rows)
	if err != nil {
		return err
	}
	f.result = fmt.Sprintf("Imported %s and updated %d.", words.Count(added, "new client", "new clients"), updated)
	f.u.book.Reload()
	f.u.book.Count.SetText(f.result)
	msg := f.result
	if backup != "" {
		// An import cannot be taken back row by row; the copy taken just
		// before it can be restored whole.
		msg += " The book as it was before was backed up " + words.BackupWhen(clock.Now()) + ": Settings → Restore… takes it back."
	}
	f.u.notify(msg, nil)
	return nil
}

// twoColumn lays objects out in pairs: a flexible label and a fixed-width
// choice.
type twoColumn struct{}

func newTwoColumn() *twoColumn { return &twoColumn{} }

func (twoColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		h += fyne.Max(objs[i].MinSize().Height, objs[i+1].MinSize().Height) + 4
	}
	return fyne.NewSize(520, h)
}

func (twoColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	right := float32(220)
	for i := 0; i+1 < len(objs); i += 2 {
		h := fyne.Max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(size.Width-right-8, h))
		objs[i+1].Move(fyne.NewPos(size.Width-right, y))
		objs[i+1].Resize(fyne.NewSize(right, h))
		y += h + 4
	}
}

// showDuplicates lists likely duplicate pairs, the surest first, each
// with a button that opens the two side by side to merge them.
func (u *needs) showDuplicates() { u.openDuplicates() }

// openDuplicates is showDuplicates returning the pairs' buttons, in order.
func (u *needs) openDuplicates() []*widget.Button {
	pairs, err := u.store.FindDuplicates(u.ctx)
	if err != nil {
		u.showError(err)
		return nil
	}
	box := container.NewVBox()
	var d *form.Dialog
	buttons := make([]*widget.Button, len(pairs))
	for i, p := range pairs {
		i, p := i, p
		why := p.Reason
		if p.NameOnly {
			why += " — found on the name alone"
		}
		label := widgets.NewCutLabel(fmt.Sprintf("%s (#%d)  and  %s (#%d) — %s", p.A.Name(), p.A.ID, p.B.Name(), p.B.ID, why))
		if p.NameOnly {
			label.Importance = widget.LowImportance
		}
		buttons[i] = widget.NewButton("Compare…", func() {
			u.showMergePair(p, func(gone int64) {
				buttons[i].SetText("Merged")
				buttons[i].Disable()
				// Other pairs with the client merged away cannot be merged any more.
				for j, q := range pairs {
					if j != i && (q.A.ID == gone || q.B.ID == gone) {
						buttons[j].SetText("Merged away")
						buttons[j].Disable()
					}
				}
			})
		})
		box.Add(container.NewBorder(nil, nil, nil, buttons[i], label))
	}
	if len(pairs) == 0 {
		box.Add(widget.NewLabel("No likely duplicates: no shared emails or phone numbers with names that fit, no look-alike names."))
	}
	d = form.NewDialog(u.forms, fmt.Sprintf("Likely duplicates (%d)", len(pairs)), container.NewVScroll(box), "Done", func() error { return nil })
	d.Cancel.Hide()
	d.Show(fyne.NewSize(760, 520))
	return buttons
}

// chooseExport asks where to save an export.
func (u *needs) chooseExport(format string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if err := u.export(format, path); err != nil {
			u.showError(err)
		}
	}, u.win)
	names := map[string]string{"csv": "clients.csv", "vcard": "clients.vcf", "visits": "visits.csv"}
	d.SetFileName(names[format])
	d.Show()
}

// export writes an export to a file.
func (u *needs) export(format, path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600) // clients' data: the owner's only
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	var n int
	switch format {
	case "vcard":
		n, err = exchange.ExportVCard(u.ctx, u.store, f)
	case "visits":
		n, err = exchange.ExportVisitsCSV(u.ctx, u.store, f)
	default:
		n, err = exchange.ExportClientsCSV(u.ctx, u.store, f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return err
	}
	u.book.Count.SetText(fmt.Sprintf("Exported %d to %s", n, filepath.Base(path)))
	return nil
}

// ChooseImport asks for a file of clients or sales and imports it.
func (b *Screen) ChooseImport() { b.u.chooseImport() }

// ChooseExport asks where to export the book in a format ("csv",
// "vcard", "visits") and writes it there.
func (b *Screen) ChooseExport(format string) { b.u.chooseExport(format) }

// ShowDuplicates lists the clients who may be the same person.
func (b *Screen) ShowDuplicates() { b.u.showDuplicates() }
