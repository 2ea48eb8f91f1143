package app

import (
	"fmt"
	"image/color"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
)

// bookScreen is the front desk: a search field over the client list on the
// left, the chosen client on the right, and the welcome when the book is
// empty.
type bookScreen struct {
	u       *ui
	content *fyne.Container // swaps between the welcome and the book

	search  *field
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
	b.search = newField(u, "Search name, phone, email or tag")
	b.search.OnChanged = func(string) { b.refreshList() }
	b.search.OnSubmitted = func(string) { b.openHighlighted() }
	b.search.onDown = func() { b.moveSelection(1) }
	b.search.onUp = func() { b.moveSelection(-1) }
	b.search.onEscape = func() {
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
	return container.NewBorder(nil, nil, stripe, nil, twoLines("Firstname Lastname", "(555) 123-4567 · name@example.com"))
}

// twoLines is a list row's text: a bold line over a quieter one, both cut
// with an ellipsis when too long. The texts size the row template.
func twoLines(first, second string) *fyne.Container {
	name := widget.NewLabelWithStyle(first, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel(second)
	detail.Importance = widget.LowImportance
	detail.Truncation = fyne.TextTruncateEllipsis
	return container.New(&rowLayout{}, name, detail)
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
	objs[0].(*widget.Label).SetText(name)
	var parts []string
	if c.Phone != "" {
		parts = append(parts, c.Phone)
	}
	if c.Email != "" {
		parts = append(parts, c.Email)
	}
	if c.LastVisitAt.IsZero() {
		parts = append(parts, "no visits yet")
	} else {
		parts = append(parts, "last visit "+ago(c.LastVisitAt, time.Now()))
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
	objs[1].(*widget.Label).SetText(strings.Join(parts, "  ·  "))
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

// watchOtherWrites asks the book every two seconds whether another
// process (a command run while the window is open) changed it, and then
// reloads the client list; the search index is brought up to date by
// Changed itself.
func (b *bookScreen) watchOtherWrites() {
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	b.u.store.Changed(b.u.ctx) // takes note of where the book stands
	for {
		select {
		case <-b.u.ctx.Done():
			return
		case <-tick.C:
			if changed, err := b.u.store.Changed(b.u.ctx); err == nil && changed {
				fyne.Do(b.reload)
			}
		}
	}
}

// refreshList runs the search for what is typed and keeps the selection
// on the same client when it is still listed.
func (b *bookScreen) refreshList() {
	f := b.currentFilter()
	f.AsOf = time.Now()
	res, err := b.u.store.FilteredSearch(b.u.ctx, b.search.Text, f, searchLimit)
	if err != nil {
		b.count.SetText(err.Error())
		return
	}
	b.rows, b.total = res.Clients, res.Total
	b.list.UnselectAll()
	b.list.Refresh()
	switch {
	case strings.TrimSpace(b.search.Text) == "" && !f.IsZero():
		b.count.SetText(fmt.Sprintf("%s clients (%s)", thousands(b.total), b.filter.Selected))
	case strings.TrimSpace(b.search.Text) == "":
		b.count.SetText(fmt.Sprintf("%s clients, most recent visitors first", thousands(b.total)))
	case b.total == 0:
		b.count.SetText("No client matches. Ctrl+N adds one.")
	case b.total > len(b.rows):
		b.count.SetText(fmt.Sprintf("Best %d of %s matches — keep typing to narrow", len(b.rows), thousands(b.total)))
	case b.total == 1:
		b.count.SetText("1 match — Enter opens it, Ctrl+L logs a visit")
	default:
		b.count.SetText(fmt.Sprintf("%d matches — ↓ ↑ to choose, Enter opens", b.total))
	}
	for i, r := range b.rows {
		if r.ID == b.selected {
			b.list.Select(i)
			return
		}
	}
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
// search field as a start for the name.
func (b *bookScreen) newClient() {
	if b.u.dialog != nil {
		return
	}
	var c data.Client
	if q := strings.TrimSpace(b.search.Text); q != "" {
		switch {
		case data.CheckEmail(q) == "":
			c.Email = q
		case data.CheckPhone(q) == "":
			c.Phone = q
		default:
			first, last, _ := strings.Cut(q, " ")
			c.FirstName, c.LastName = capitalizeWords(first), capitalizeWords(last)
		}
	}
	showClientForm(b.u, c, func(id int64) {
		b.search.SetText("")
		b.selected = id
		b.reload()
		b.pane.show(id)
	})
}

// logVisit opens the visit dialog for the client on the right, or for the
// only match of the search.
func (b *bookScreen) logVisit() {
	if b.u.dialog != nil {
		return
	}
	id := b.selected
	if id == 0 && len(b.rows) == 1 {
		id = b.rows[0].ID
	}
	if id == 0 {
		b.count.SetText("Choose a client first (type a name, then Enter), then Ctrl+L.")
		return
	}
	c, err := b.u.store.Client(b.u.ctx, id)
	if err != nil {
		b.u.showError(err)
		return
	}
	showVisitForm(b.u, c, func() {
		b.refreshList()
		b.pane.show(id)
	})
}

// capitalizeWords makes "ana maria" into "Ana Maria" for a new client typed
// in lower case.
func capitalizeWords(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		r := []rune(w)
		if len(r) > 0 && strings.ToLower(w) == w {
			r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		}
		ws[i] = string(r)
	}
	return strings.Join(ws, " ")
}

// thousands writes 100000 as "100,000".
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ago says how long before now t was, in days for the front desk.
func ago(t, now time.Time) string {
	d := dayNumber(now) - dayNumber(t)
	switch {
	case d <= 0:
		return "today"
	case d == 1:
		return "yesterday"
	case d < 60:
		return fmt.Sprintf("%d days ago", d)
	case d < 730:
		return fmt.Sprintf("%d months ago", d/30)
	default:
		return fmt.Sprintf("%d years ago", d/365)
	}
}

// dayNumber counts local calendar days, so "today" follows the wall clock.
func dayNumber(t time.Time) int {
	l := t.In(time.Local)
	return int(time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// rowLayout stacks the two labels of a list row tightly.
type rowLayout struct{}

// rowOverlap is how much of the labels' own padding the two lines share.
const rowOverlap = 14

func (rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(fyne.Max(a.Width, b.Width), a.Height+b.Height-rowOverlap-4)
}

func (rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	a := objs[0].MinSize()
	objs[0].Move(fyne.NewPos(0, -2))
	objs[0].Resize(fyne.NewSize(size.Width, a.Height))
	objs[1].Move(fyne.NewPos(0, a.Height-rowOverlap-2))
	objs[1].Resize(fyne.NewSize(size.Width, objs[1].MinSize().Height))
}
