package clients

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"
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
	"regulars/data/store"
	"regulars/internal/clock"
)

// Screen is the front desk: a search field over the client list on the
// left, the chosen client on the right, and the welcome when the book is
// empty.
type Screen struct {
	u *needs
	// Content is the screen, the tab: it swaps between the welcome and
	// the book.
	Content *fyne.Container

	// Search is the search field over the list; Filter narrows the list
	// (due, overdue, a tag...).
	Search *form.Field
	Filter *widget.Select
	// List lists Rows, the clients found; Count says how many, or what
	// an action did.
	List  *widget.List
	Count *widget.Label
	Rows  []data.ClientSummary
	total int
	// Pane shows the chosen client, right of the list.
	Pane  *Pane
	split *container.Split
	// Welcome is what an empty book shows instead.
	Welcome fyne.CanvasObject

	// Selected is the id of the client on the right, 0 for none.
	Selected int64
}

// searchLimit is how many matches the list shows; typing more narrows it.
const searchLimit = 500

// New builds the Clients screen over store, in the window of forms;
// shell is the window around it.
func New(ctx context.Context, store *store.Store, forms *form.Window, shell Shell) *Screen {
	u := &needs{ctx: ctx, store: store, forms: forms, win: forms.Win, shell: shell}
	b := &Screen{u: u}
	u.book = b
	b.Search = form.NewField(u.forms, "Search name, phone, email or tag")
	b.Search.OnChanged = func(string) { b.RefreshList() }
	b.Search.OnSubmitted = func(string) { b.openHighlighted() }
	b.Search.OnDown = func() { b.moveSelection(1) }
	b.Search.OnUp = func() { b.moveSelection(-1) }
	b.Search.OnEscape = func() {
		if b.Search.Text != "" {
			b.Search.SetText("")
		}
	}

	b.List = widget.NewList(
		func() int { return len(b.Rows) },
		newClientRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { b.updateClientRow(o, b.Rows[id]) },
	)
	b.List.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(b.Rows) {
			b.show(b.Rows[id].ID)
		}
	}
	b.Count = widget.NewLabel("")
	b.Count.Importance = widget.LowImportance

	add := widget.NewButtonWithIcon("New client", theme.ContentAddIcon(), b.NewClient)
	b.Filter = widget.NewSelect(nil, func(string) { b.RefreshList() })
	b.Filter.PlaceHolder = FilterAll
	left := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, nil, add, b.Search), b.Filter),
		b.Count, nil, nil, b.List)

	b.Pane = newPane(u, b)
	b.split = container.NewHSplit(left, b.Pane.content)
	b.split.Offset = 0.38
	b.Welcome = b.newWelcome()
	b.Content = container.NewStack(b.split)
	return b
}

// Open shows a client, highlighted and scrolled into view in the list.
func (b *Screen) Open(id int64) {
	b.Selected = id
	b.Search.SetText("") // refreshes the list, keeping id on it
	b.RefreshList()
	b.Pane.Show(id)
}

// ShowAfresh shows the list and the open client afresh after a change
// made elsewhere (an undo, another program).
func (b *Screen) ShowAfresh() {
	if b.Selected != 0 {
		if _, err := b.u.store.Client(b.u.ctx, b.Selected); err != nil {
			b.Selected = 0
			b.Pane.clear()
		}
	}
	b.Reload()
	if b.Selected != 0 {
		b.Pane.Show(b.Selected)
	}
}

// ReadCurrencyAgain makes the next amounts and phones read the book's
// currency and country afresh, after Settings changed them.
func (b *Screen) ReadCurrencyAgain() { b.u.currencyRead = false }

// The choices of the list filter besides tags.
const (
	FilterAll      = "All clients"
	FilterDue      = "Due (past their ideal days)"
	FilterOverdue  = "Overdue (past their maximum)"
	FilterThankYou = "Thank-you due"
	FilterTag      = "Tag: "
)

// filterOptions lists the filters, with one per tag in the book.
func (b *Screen) filterOptions() []string {
	opts := []string{FilterAll, FilterDue, FilterOverdue, FilterThankYou}
	tags, _ := b.u.store.Tags(b.u.ctx)
	var names []string
	for t := range tags {
		names = append(names, t)
	}
	sort.Slice(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
	for _, t := range names {
		opts = append(opts, FilterTag+t)
	}
	return opts
}

// currentFilter reads the filter chosen.
func (b *Screen) currentFilter() data.Filter {
	var f data.Filter
	switch sel := b.Filter.Selected; {
	case sel == FilterDue:
		f.Status = data.StatusDue
	case sel == FilterOverdue:
		f.Status = data.StatusOverdue
	case sel == FilterThankYou:
		f.ThankYouDue = true
	case strings.HasPrefix(sel, FilterTag):
		f.Tag = strings.TrimPrefix(sel, FilterTag)
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
func (b *Screen) statusColour(c data.ClientSummary) color.Color {
	th := b.List.Theme()
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

func (b *Screen) updateClientRow(o fyne.CanvasObject, c data.ClientSummary) {
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

// Reload shows the welcome for an empty book, else the list.
func (b *Screen) Reload() {
	n, err := b.u.store.ClientCount(b.u.ctx)
	if err != nil {
		b.u.showError(err)
		return
	}
	b.Filter.Options = b.filterOptions()
	deleted, _ := b.u.store.DeletedClients(b.u.ctx)
	if n == 0 && len(deleted) == 0 {
		b.Content.Objects = []fyne.CanvasObject{b.Welcome}
	} else {
		b.Content.Objects = []fyne.CanvasObject{b.split}
	}
	b.Content.Refresh()
	b.RefreshList()
}

// RefreshList runs the search for what is typed and keeps the selection
// on the same client when it is still listed.
func (b *Screen) RefreshList() {
	b.u.busy()
	f := b.currentFilter()
	f.AsOf = clock.Now()
	res, err := b.u.store.FilteredSearch(b.u.ctx, b.Search.Text, f, searchLimit)
	if err != nil {
		b.Count.SetText(err.Error())
		return
	}
	b.Rows, b.total = res.Clients, res.Total
	typed := strings.TrimSpace(b.Search.Text) != ""
	// The highlighted row is what Enter and Ctrl+L act on, and the pane
	// always shows it: the client on the right stays highlighted while
	// listed; otherwise the best match takes its place as the search
	// changes, and with nothing listed the pane is cleared.
	idx := -1
	for i, r := range b.Rows {
		if r.ID == b.Selected {
			idx = i
			break
		}
	}
	if idx < 0 && b.Selected != 0 && !typed && f.IsZero() {
		// A client opened from Today or just added, not among the most
		// recent visitors, is put at the top of the unfiltered list.
		if c, err := b.u.store.Client(b.u.ctx, b.Selected); err == nil && !c.Deleted() {
			b.Rows = append([]data.ClientSummary{c.Summary()}, b.Rows...)
			idx = 0
		}
	}
	if idx < 0 && typed && len(b.Rows) > 0 {
		idx = 0
	}
	b.List.UnselectAll()
	b.List.Refresh()
	switch {
	case !typed && !f.IsZero():
		b.Count.SetText(fmt.Sprintf("%s (%s)", clientCount(b.total), b.Filter.Selected))
	case !typed:
		b.Count.SetText(fmt.Sprintf("%s, most recent visitors first", clientCount(b.total)))
	case b.total == 0:
		b.Count.SetText("No client matches. Ctrl+N adds one.")
	case b.total > len(b.Rows):
		b.Count.SetText(fmt.Sprintf("Best %d of %s matches — keep typing to narrow", len(b.Rows), words.Thousands(b.total)))
	case b.total == 1:
		b.Count.SetText("1 match — Enter opens it, Ctrl+L logs a visit")
	default:
		b.Count.SetText(fmt.Sprintf("%d matches — ↓ ↑ to choose, Enter opens", b.total))
	}
	if idx < 0 {
		if b.Selected != 0 && (typed || !f.IsZero()) {
			b.Selected = 0
			b.Pane.clear()
		}
		return
	}
	b.SelectRow(idx)
}

// FocusSearch puts the cursor in the search field when the list is shown
// (an empty book shows the welcome instead).
func (b *Screen) FocusSearch() {
	if len(b.Content.Objects) > 0 && b.Content.Objects[0] == b.split {
		b.u.win.Canvas().Focus(b.Search)
	}
}

// clientCount writes "1 client", "2,400 clients".
func clientCount(n int) string {
	if n == 1 {
		return "1 client"
	}
	return words.Thousands(n) + " clients"
}

// OnClient runs an action on the highlighted client, or on the only match
// of the search; it says what to do when there is none.
func (b *Screen) OnClient(action func()) {
	if b.u.forms.Open != nil {
		return
	}
	if b.Selected == 0 && len(b.Rows) == 1 {
		b.SelectRow(0)
	}
	if b.Selected == 0 || b.Pane.Client.ID != b.Selected {
		b.u.shell.ShowClients()
		b.Count.SetText("Choose a client first (type a name, then Enter).")
		return
	}
	action()
}

// openHighlighted opens the row chosen with the arrows, else the first.
func (b *Screen) openHighlighted() {
	for i, r := range b.Rows {
		if r.ID == b.Selected {
			b.SelectRow(i)
			return
		}
	}
	b.SelectRow(0)
}

// SelectRow opens the client of row i.
func (b *Screen) SelectRow(i int) {
	if i < 0 || i >= len(b.Rows) {
		return
	}
	b.List.Select(i)
	b.List.ScrollTo(i)
}

// moveSelection moves the highlighted row up or down from the search field.
func (b *Screen) moveSelection(delta int) {
	cur := -1
	for i, r := range b.Rows {
		if r.ID == b.Selected {
			cur = i
		}
	}
	next := cur + delta
	if cur < 0 {
		next = 0
	}
	if next >= len(b.Rows) {
		next = len(b.Rows) - 1
	}
	b.SelectRow(next)
}

// show puts a client in the pane.
func (b *Screen) show(id int64) {
	b.Selected = id
	b.Pane.Show(id)
}

// NewClient opens the form for a new client, with what was typed in the
// search field as a start: an email or phone in its field, "first last"
// split into the names. The pre-filled text is selected, so typing
// replaces it.
func (b *Screen) NewClient() {
	if b.u.forms.Open != nil {
		return
	}
	c, focus := prefill(b.Search.Text)
	f := showClientForm(b.u, c, func(id int64) {
		b.Selected = id
		b.Search.SetText("")
		b.Reload()
		b.Pane.Show(id)
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

// LogVisit opens the visit dialog for the highlighted client (the one on
// the right), or for the only match of the search.
func (b *Screen) LogVisit() {
	b.OnClient(func() {
		c := b.Pane.Client
		showVisitForm(b.u, c, func(v data.Visit) {
			b.RefreshList()
			b.Pane.Show(c.ID)
			b.u.notify(visitLogged(b.u, c, v), func() error { return b.u.store.DeleteVisit(b.u.ctx, v.ID) })
		})
	})
}

// visitLogged is the confirmation of a visit: "Visit logged for Ruth
// Fontaine · 85.00".
func visitLogged(u *needs, c data.Client, v data.Visit) string {
	msg := "Visit logged for " + c.Name()
	if v.HasAmount() {
		msg += " · " + u.money(v.AmountCents)
	}
	return msg
}
