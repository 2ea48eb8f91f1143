package app

import (
	"fmt"
	"image/color"
	"sort"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/app/words"
	"regulars/data"
	"regulars/internal/clock"
)

// bookScreen is the front desk: a search field over the client list on the
// left, the chosen client on the right, and the welcome when the book is
// empty.
type bookScreen struct {
	u       *ui
	content *fyne.Container // swaps between the welcome and the book

	search  *form.Field
	filter  *widget.Select
	list    *widget.List
	count   *widget.Label
	rows    []data.ClientSummary
	total   int
	pane    *clientPane
	split   *container.Split
	welcome fyne.CanvasObject

	selected int64 // id of the client on the right, 0 for none
}

// searchLimit is how many matches the list shows; typing more narrows it.
const searchLimit = 500

func newBookScreen(u *ui) *bookScreen {
	b := &bookScreen{u: u}
	go b.watchOtherWrites()
	b.search = form.NewField(u.forms, "Search name, phone, email or tag")
	b.search.OnChanged = func(string) { b.refreshList() }
	b.search.OnSubmitted = func(string) { b.openHighlighted() }
	b.search.OnDown = func() { b.moveSelection(1) }
	b.search.OnUp = func() { b.moveSelection(-1) }
	b.search.OnEscape = func() {
		if b.search.Text != "" {
			b.search.SetText("")
		}
	}

	b.list = widget.NewList(
		func() int { return len(b.rows) },
		newClientRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { b.updateClientRow(o, b.rows[id]) },
	)
	b.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(b.rows) {
			b.show(b.rows[id].ID)
		}
	}
	b.count = widget.NewLabel("")
	b.count.Importance = widget.LowImportance

	add := widget.NewButtonWithIcon("New client", theme.ContentAddIcon(), b.newClient)
	b.filter = widget.NewSelect(nil, func(string) { b.refreshList() })
	b.filter.PlaceHolder = filterAll
	left := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, nil, add, b.search), b.filter),
		b.count, nil, nil, b.list)

	b.pane = newClientPane(u, b)
	b.split = container.NewHSplit(left, b.pane.content)
	b.split.Offset = 0.38
	b.welcome = b.newWelcome()
	b.content = container.NewStack(b.split)
	return b
}

// The choices of the list filter besides tags.
const (
	filterAll      = "All clients"
	filterDue      = "Due (past their ideal days)"
	filterOverdue  = "Overdue (past their maximum)"
	filterThankYou = "Thank-you due"
	filterTag      = "Tag: "
)

// filterOptions lists the filters, with one per tag in the book.
func (b *bookScreen) filterOptions() []string {
	opts := []string{filterAll, filterDue, filterOverdue, filterThankYou}
	tags, _ := b.u.store.Tags(b.u.ctx)
	var names []string
	for t := range tags {
		names = append(names, t)
	}
	sort.Slice(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
	for _, t := range names {
		opts = append(opts, filterTag+t)
	}
	return opts
}

// currentFilter reads the filter chosen.
func (b *bookScreen) currentFilter() data.Filter {
	var f data.Filter
	switch sel := b.filter.Selected; {
	case sel == filterDue:
		f.Status = data.StatusDue
	case sel == filterOverdue:
		f.Status = data.StatusOverdue
	case sel == filterThankYou:
		f.ThankYouDue = true
	case strings.HasPrefix(sel, filterTag):
		f.Tag = strings.TrimPrefix(sel, filterTag)
	}
	return f
}

// newClientRow is the template of a list row: a status stripe, the name
// and a line of details under it.
func newClientRow() fyne.CanvasObject {
	stripe := canvas.NewRectangle(color.Transparent)
	stripe.SetMinSize(fyne.NewSize(4, 10))
	stripe.CornerRadius = 2
	return container.NewBorder(nil, nil, stripe, nil, widgets.TwoLines("Firstname Lastname", "(555) 123-4567 · name@example.com"))
}

// statusColour is the stripe of a status: red overdue, yellow due, the
// primary colour for a thank-you due.
func (b *bookScreen) statusColour(c data.ClientSummary) color.Color {
	th := b.list.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	switch {
	case c.Status == data.StatusOverdue:
		return th.Color(theme.ColorNameError, v)
	case c.Status == data.StatusDue:
		return th.Color(theme.ColorNameWarning, v)
	case c.ThankYouDue:
		return th.Color(theme.ColorNamePrimary, v)
	}
	return color.Transparent
}

func (b *bookScreen) updateClientRow(o fyne.CanvasObject, c data.ClientSummary) {
	row := o.(*fyne.Container)
	objs := row.Objects[0].(*fyne.Container).Objects
	stripe := row.Objects[1].(*canvas.Rectangle)
	stripe.FillColor = b.statusColour(c)
	stripe.Refresh()
	name := c.Name()
	if c.Company != "" && name != c.Company {
		name += "  ·  " + c.Company
	}
	objs[0].(*widgets.CutLabel).SetText(name)
	var parts []string
	if c.Phone != "" {
		parts = append(parts, widgets.KeepTogether(b.u.phone(c.Phone)))
	}
	if c.Email != "" {
		parts = append(parts, c.Email)
	}
	if c.LastVisitAt.IsZero() && c.VisitCount == 0 {
		parts = append(parts, "no visits yet")
	} else {
		t := c.Totals()
		visits := widgets.KeepTogether(words.Count(c.VisitCount, "visit", "visits"))
		if c.SpentCents > 0 {
			visits += ", " + b.u.money(c.SpentCents) + " (" + b.u.money(t.AverageCents()) + " a visit)"
		}
		if d := t.AverageDays(); d > 0 {
			visits += ", every " + words.Count(d, "day", "days")
		}
		parts = append(parts, visits)
		if !c.LastVisitAt.IsZero() { // a history before Regulars may give no dates
			parts = append(parts, "last "+words.Ago(c.LastVisitAt, clock.Now()))
		}
	}
	switch {
	case c.Status == data.StatusOverdue:
		parts = append([]string{"overdue"}, parts...)
	case c.Status == data.StatusDue:
		parts = append([]string{"due"}, parts...)
	case c.Status == data.StatusSnoozed:
		parts = append([]string{"snoozed"}, parts...)
	}
	if c.ThankYouDue {
		parts = append([]string{"thank-you due"}, parts...)
	}
	objs[1].(*widgets.CutLabel).SetText(strings.Join(parts, "  ·  "))
}

// reload shows the welcome for an empty book, else the list.
func (b *bookScreen) reload() {
	n, err := b.u.store.ClientCount(b.u.ctx)
	if err != nil {
		b.u.showError(err)
		return
	}
	b.filter.Options = b.filterOptions()
	deleted, _ := b.u.store.DeletedClients(b.u.ctx)
	if n == 0 && len(deleted) == 0 {
		b.content.Objects = []fyne.CanvasObject{b.welcome}
	} else {
		b.content.Objects = []fyne.CanvasObject{b.split}
	}
	b.content.Refresh()
	b.refreshList()
}

// uiDo runs what a background goroutine (the watcher of other writes,
// the retry of an unreachable server) found on the window's goroutine.
// Tests replace it: Fyne's test driver runs fyne.Do on the calling
// goroutine, where it would race the test's own presses.
var uiDo = fyne.Do

// watchOtherWrites asks the book every two seconds whether another
// process (a command run while the window is open) changed it, and then
// shows the book afresh: the list, the open client and Today; the search
// index is brought up to date by Changed itself. A book on a server also
// wakes it at once when another seat writes (PostgreSQL's NOTIFY).
func (b *bookScreen) watchOtherWrites() {
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	b.u.store.Changed(b.u.ctx) // takes note of where the book stands
	wake := b.u.store.Wake()
	for {
		select {
		case <-b.u.ctx.Done():
			return
		case <-wake:
			if changed, err := b.u.store.Changed(b.u.ctx); err == nil && changed {
				uiDo(b.u.refreshAll)
			}
		case <-tick.C:
			if changed, err := b.u.store.Changed(b.u.ctx); err == nil && changed {
				uiDo(b.u.refreshAll) // the list, the open client and Today
			}
		}
	}
}

// refreshList runs the search for what is typed and keeps the selection
// on the same client when it is still listed.
func (b *bookScreen) refreshList() {
	b.u.busy()
	f := b.currentFilter()
	f.AsOf = clock.Now()
	res, err := b.u.store.FilteredSearch(b.u.ctx, b.search.Text, f, searchLimit)
	if err != nil {
		b.count.SetText(err.Error())
		return
	}
	b.rows, b.total = res.Clients, res.Total
	typed := strings.TrimSpace(b.search.Text) != ""
	// The highlighted row is what Enter and Ctrl+L act on, and the pane
	// always shows it: the client on the right stays highlighted while
	// listed; otherwise the best match takes its place as the search
	// changes, and with nothing listed the pane is cleared.
	idx := -1
	for i, r := range b.rows {
		if r.ID == b.selected {
			idx = i
			break
		}
	}
	if idx < 0 && b.selected != 0 && !typed && f.IsZero() {
		// A client opened from Today or just added, not among the most
		// recent visitors, is put at the top of the unfiltered list.
		if c, err := b.u.store.Client(b.u.ctx, b.selected); err == nil && !c.Deleted() {
			b.rows = append([]data.ClientSummary{c.Summary()}, b.rows...)
			idx = 0
		}
	}
	if idx < 0 && typed && len(b.rows) > 0 {
		idx = 0
	}
	b.list.UnselectAll()
	b.list.Refresh()
	switch {
	case !typed && !f.IsZero():
		b.count.SetText(fmt.Sprintf("%s (%s)", clientCount(b.total), b.filter.Selected))
	case !typed:
		b.count.SetText(fmt.Sprintf("%s, most recent visitors first", clientCount(b.total)))
	case b.total == 0:
		b.count.SetText("No client matches. Ctrl+N adds one.")
	case b.total > len(b.rows):
		b.count.SetText(fmt.Sprintf("Best %d of %s matches — keep typing to narrow", len(b.rows), words.Thousands(b.total)))
	case b.total == 1:
		b.count.SetText("1 match — Enter opens it, Ctrl+L logs a visit")
	default:
		b.count.SetText(fmt.Sprintf("%d matches — ↓ ↑ to choose, Enter opens", b.total))
	}
	if idx < 0 {
		if b.selected != 0 && (typed || !f.IsZero()) {
			b.selected = 0
			b.pane.clear()
		}
		return
	}
	b.selectRow(idx)
}

// focusSearch puts the cursor in the search field when the list is shown
// (an empty book shows the welcome instead).
func (b *bookScreen) focusSearch() {
	if len(b.content.Objects) > 0 && b.content.Objects[0] == b.split {
		b.u.win.Canvas().Focus(b.search)
	}
}

// clientCount writes "1 client", "2,400 clients".
func clientCount(n int) string {
	if n == 1 {
		return "1 client"
	}
	return words.Thousands(n) + " clients"
}

// onClient runs an action on the highlighted client, or on the only match
// of the search; it says what to do when there is none.
func (b *bookScreen) onClient(action func()) {
	if b.u.forms.Open != nil {
		return
	}
	if b.selected == 0 && len(b.rows) == 1 {
		b.selectRow(0)
	}
	if b.selected == 0 || b.pane.client.ID != b.selected {
		b.u.tabs.Select(b.u.booktab)
		b.count.SetText("Choose a client first (type a name, then Enter).")
		return
	}
	action()
}

// openHighlighted opens the row chosen with the arrows, else the first.
func (b *bookScreen) openHighlighted() {
	for i, r := range b.rows {
		if r.ID == b.selected {
			b.selectRow(i)
			return
		}
	}
	b.selectRow(0)
}

// selectRow opens the client of row i.
func (b *bookScreen) selectRow(i int) {
	if i < 0 || i >= len(b.rows) {
		return
	}
	b.list.Select(i)
	b.list.ScrollTo(i)
}

// moveSelection moves the highlighted row up or down from the search field.
func (b *bookScreen) moveSelection(delta int) {
	cur := -1
	for i, r := range b.rows {
		if r.ID == b.selected {
			cur = i
		}
	}
	next := cur + delta
	if cur < 0 {
		next = 0
	}
	if next >= len(b.rows) {
		next = len(b.rows) - 1
	}
	b.selectRow(next)
}

// show puts a client in the pane.
func (b *bookScreen) show(id int64) {
	b.selected = id
	b.pane.show(id)
}

// newClient opens the form for a new client, with what was typed in the
// search field as a start: an email or phone in its field, "first last"
// split into the names. The pre-filled text is selected, so typing
// replaces it.
func (b *bookScreen) newClient() {
	if b.u.forms.Open != nil {
		return
	}
	c, focus := prefill(b.search.Text)
	f := showClientForm(b.u, c, func(id int64) {
		b.selected = id
		b.search.SetText("")
		b.reload()
		b.pane.show(id)
	})
	if e := f.fieldNamed(focus); e != nil {
		b.u.win.Canvas().Focus(e)
		e.SelectAll()
	}
}

// prefill turns a search into the start of a new client, and names the
// field to put the cursor in.
func prefill(q string) (data.Client, string) {
	var c data.Client
	q = strings.TrimSpace(q)
	switch {
	case q == "":
		return c, data.FieldFirst
	case strings.Contains(q, "@"):
		c.Email = q
		return c, data.FieldEmail
	case data.Digits(q) != "" && !strings.ContainsFunc(q, unicode.IsLetter):
		c.Phone = q
		return c, data.FieldPhone
	}
	typed := strings.Fields(q)
	if len(typed) == 1 {
		c.FirstName = words.CapitalizeWords(typed[0])
		return c, data.FieldFirst
	}
	if strings.Contains(q, ",") {
		// "Nakamura, Emi"
		last, first, _ := strings.Cut(q, ",")
		c.FirstName, c.LastName = words.CapitalizeWords(strings.TrimSpace(first)), words.CapitalizeWords(strings.TrimSpace(last))
		return c, data.FieldFirst
	}
	typed = strings.Fields(words.CapitalizeWords(q))
	c.FirstName, c.LastName = typed[0], strings.Join(typed[1:], " ")
	return c, data.FieldFirst
}

// logVisit opens the visit dialog for the highlighted client (the one on
// the right), or for the only match of the search.
func (b *bookScreen) logVisit() {
	b.onClient(func() {
		c := b.pane.client
		showVisitForm(b.u, c, func(v data.Visit) {
			b.refreshList()
			b.pane.show(c.ID)
			b.u.notify(visitLogged(b.u, c, v), func() error { return b.u.store.DeleteVisit(b.u.ctx, v.ID) })
		})
	})
}

// visitLogged is the confirmation of a visit: "Visit logged for Ruth
// Fontaine · 85.00".
func visitLogged(u *ui, c data.Client, v data.Visit) string {
	msg := "Visit logged for " + c.Name()
	if v.HasAmount() {
		msg += " · " + u.money(v.AmountCents)
	}
	return msg
}
