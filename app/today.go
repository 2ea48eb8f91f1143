package app

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
)

// section is one list of the Today screen.
type section int

// The sections of Today in the order of the owner's to-do list: put right
// what went wrong, keep promises, win back who is drifting away, then
// birthdays ahead, thank-yous, and those merely due.
const (
	secComplaints section = iota
	secFollowUps
	secOverdue
	secBirthdays
	secThanks
	secDue
	sectionCount
)

var sectionTitles = [sectionCount]string{secThanks: "Thank-you due", secOverdue: "Overdue", secDue: "Due", secFollowUps: "Follow-ups",
	secComplaints: "Complaints", secBirthdays: "Birthdays"}

// todayScreen is the owner's dashboard: whom to thank, who is drifting
// away, promised call-backs, open complaints and birthdays, each with its
// one-click actions, and a chart of the last twelve months.
type todayScreen struct {
	u       *ui
	content fyne.CanvasObject

	find    *field // typing here continues in the Clients search
	dash    data.Dashboard
	current section
	// chosenByHand is set once the owner picks a section; until then Today
	// opens on the first one with something to do.
	chosenByHand bool
	tiles        [sectionCount]*tile
	heading      *widget.Label
	batch        *widget.Button // starts the section's batch
	batchLine    *widget.Label  // what it will do: "58 we-miss-you notes: …"
	batchRow     *fyne.Container
	// batchCounts are the counts the batch button shows, for the tests.
	batchCounts dueCounts
	empty       *widget.Label
	list        *widget.List
	chart       *barChart
	active      *widget.Label
	returns     *widget.Label // came back after a we-miss-you; newcomers who returned
	split       *activeBar
	more        *widget.Button
}

func newTodayScreen(u *ui) *todayScreen {
	t := &todayScreen{u: u}
	t.find = newField(u, "Find a client: type a name, phone or email")
	t.find.OnChanged = func(s string) {
		if s == "" {
			return
		}
		t.find.SetText("")
		u.tabs.Select(u.booktab)
		u.book.search.SetText(s)
		u.book.search.CursorColumn = len([]rune(s))
		u.win.Canvas().Focus(u.book.search)
	}
	var tiles []fyne.CanvasObject
	for i := section(0); i < sectionCount; i++ {
		i := i
		t.tiles[i] = newTile(sectionTitles[i], func() { t.choose(i) })
		tiles = append(tiles, t.tiles[i])
	}
	t.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.heading.SizeName = theme.SizeNameSubHeadingText
	t.empty = widget.NewLabel("")
	t.empty.Importance = widget.LowImportance
	t.more = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), t.showAll)
	t.more.Importance = widget.LowImportance
	t.more.IconPlacement = widget.ButtonIconTrailingText
	t.list = widget.NewList(t.length, newTodayRow, t.updateRow)
	t.list.OnSelected = func(widget.ListItemID) { t.list.UnselectAll() }

	t.chart = newBarChart()
	t.active = widget.NewLabel("")
	t.split = newActiveBar()
	chartCard := widget.NewCard("Visits per month", "the last twelve months", t.chart)
	activeCard := widget.NewCard("Active and lapsed clients", "", container.NewVBox(t.split, t.active))
	t.returns = widget.NewLabel("")
	t.returns.Wrapping = fyne.TextWrapWord
	returnsCard := widget.NewCard("Who came back", "the last twelve months", t.returns)
	right := container.NewVBox(chartCard, activeCard, returnsCard)

	t.batch = t.newBatchButton()
	listArea := container.NewBorder(container.NewVBox(t.heading, t.batchRow, t.empty), t.more, nil, nil, t.list)
	body := container.NewHSplit(listArea, container.NewVScroll(right))
	body.Offset = 0.62
	top := container.NewVBox(t.find, container.NewGridWithColumns(int(sectionCount), tiles...))
	t.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, body)
	return t
}

// reload computes the dashboard again and shows it.
func (t *todayScreen) reload() {
	d, err := t.u.store.Dashboard(t.u.ctx, time.Now())
	if err != nil {
		t.u.showError(err)
		return
	}
	t.dash = d
	counts := [sectionCount]int{secThanks: d.ThankYouDueCount, secOverdue: d.OverdueCount, secDue: d.DueCount, secFollowUps: len(d.FollowUps),
		secComplaints: len(d.Complaints), secBirthdays: len(d.Birthdays)}
	notes := [sectionCount]string{secThanks: "visited since the last thank-you", secOverdue: "past their maximum", secDue: "past their ideal",
		secComplaints: "not resolved yet", secBirthdays: "in the next 7 days"}
	if d.LateFollowUps > 0 {
		notes[secFollowUps] = fmt.Sprintf("%d late", d.LateFollowUps)
	} else {
		notes[secFollowUps] = "due this week"
	}
	imps := [sectionCount]widget.Importance{secThanks: widget.HighImportance, secOverdue: widget.DangerImportance, secDue: widget.WarningImportance,
		secFollowUps: widget.HighImportance, secComplaints: widget.DangerImportance, secBirthdays: widget.SuccessImportance}
	if d.LateFollowUps > 0 {
		imps[secFollowUps] = widget.DangerImportance
	}
	if !t.chosenByHand {
		// The to-do list opens on the first section with something to do.
		t.current = secThanks
		for i := section(0); i < sectionCount; i++ {
			if counts[i] > 0 && i != secDue {
				t.current = i
				break
			}
		}
	}
	for i := range t.tiles {
		t.tiles[i].set(counts[i], notes[i], imps[i], section(i) == t.current)
	}
	t.chart.set(d.VisitsByMonth)
	t.split.set(d.Active, d.Lapsed)
	t.active.SetText(fmt.Sprintf("%s active (came within their cadence) · %s lapsed · %s clients in all",
		thousands(d.Active), thousands(d.Lapsed), thousands(d.Clients)))
	t.show(t.current)
	if r, err := t.u.store.Returns(t.u.ctx, time.Now()); err == nil {
		t.returns.SetText(returnsText(r))
	}
}

// returnsText is the owner's figures in words.
func returnsText(r data.Returns) string {
	return fmt.Sprintf("After a we-miss-you note: %s came back within %d days.\nFirst-time clients: %s came back for a second visit.",
		data.Share(r.CameBack, r.MissSent), data.ComeBackDays, data.Share(r.Returned, r.FirstTimers))
}

// choose shows one section's list, as the owner asked: Today stays on it.
func (t *todayScreen) choose(s section) {
	t.chosenByHand = true
	t.show(s)
}

// show shows one section's list.
func (t *todayScreen) show(s section) {
	t.current = s
	for i := range t.tiles {
		t.tiles[i].setChosen(section(i) == s)
	}
	t.heading.SetText(sectionTitles[s])
	n := t.length()
	total := [sectionCount]int{secThanks: t.dash.ThankYouDueCount, secOverdue: t.dash.OverdueCount, secDue: t.dash.DueCount,
		secFollowUps: len(t.dash.FollowUps), secComplaints: len(t.dash.Complaints), secBirthdays: len(t.dash.Birthdays)}[s]
	empty := [sectionCount]string{secThanks: "Everyone who visited has been thanked.", secOverdue: "Nobody is past their maximum days. Well done!",
		secDue: "Nobody is past their ideal days.", secFollowUps: "No call-backs due this week.", secComplaints: "No open complaints.",
		secBirthdays: "No birthdays in the next 7 days."}
	t.empty.SetText(empty[s])
	t.empty.Hidden = n > 0
	t.more.Hide()
	if total > n {
		t.more.SetText(fmt.Sprintf("The %d most urgent of %s — show them all in Clients", n, thousands(total)))
		t.more.Show()
	}
	t.list.Refresh()
	t.list.ScrollToTop()
	t.showBatch(s)
}

// showAll lists every client of the current section on the Clients
// screen, with its filter.
func (t *todayScreen) showAll() {
	f := map[section]string{secThanks: filterThankYou, secOverdue: filterOverdue, secDue: filterDue}[t.current]
	if f == "" {
		return
	}
	t.u.tabs.Select(t.u.booktab)
	t.u.book.search.SetText("")
	t.u.book.filter.SetSelected(f)
}

func (t *todayScreen) length() int {
	switch t.current {
	case secThanks:
		return len(t.dash.ThankYouDue)
	case secOverdue:
		return len(t.dash.Overdue)
	case secDue:
		return len(t.dash.Due)
	case secFollowUps:
		return len(t.dash.FollowUps)
	case secComplaints:
		return len(t.dash.Complaints)
	default:
		return len(t.dash.Birthdays)
	}
}

// clients is the client list of the current section, if it is one.
func (t *todayScreen) clients() []data.ClientStanding {
	switch t.current {
	case secThanks:
		return t.dash.ThankYouDue
	case secOverdue:
		return t.dash.Overdue
	case secDue:
		return t.dash.Due
	case secBirthdays:
		return t.dash.Birthdays
	}
	return nil
}

// newTodayRow is a row: name, a line of detail, and up to three actions.
func newTodayRow() fyne.CanvasObject {
	b1 := widget.NewButton("Log contact", nil)
	b2 := widget.NewButtonWithIcon("Snooze", theme.MenuDropDownIcon(), nil)
	b2.IconPlacement = widget.ButtonIconTrailingText // a drawn arrow: every font has it
	b3 := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), nil)
	return container.NewBorder(nil, nil, nil, container.NewHBox(b1, b2, b3), twoLines("Client name", "overdue · 120 days since the last visit"))
}

// updateRow fills a row for the current section.
func (t *todayScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	text := c.Objects[0].(*fyne.Container)
	name, detail := text.Objects[0].(*widget.Label), text.Objects[1].(*widget.Label)
	btns := c.Objects[1].(*fyne.Container).Objects
	b1, b2, b3 := btns[0].(*widget.Button), btns[1].(*widget.Button), btns[2].(*widget.Button)
	b1.Show()
	b2.Show()
	detail.Importance = widget.LowImportance
	now := time.Now()
	switch t.current {
	case secFollowUps:
		f := t.dash.FollowUps[id]
		name.SetText(f.ClientName)
		due := data.Days(now, f.Due, time.Local)
		when := "due " + relativeDay(due, f.Due)
		if due < 0 {
			when = fmt.Sprintf("LATE by %d day%s (was due %s)", -due, plural(-due), f.Due.Format("Mon 2 Jan"))
			detail.Importance = widget.DangerImportance
		}
		by := ""
		if f.StaffName != "" {
			by = " · " + f.StaffName
		}
		detail.SetText(fmt.Sprintf("%s — %s%s", f.What, when, by))
		b1.SetText("Done")
		b1.OnTapped = func() { t.followUpDone(f) }
		b2.Hide()
		b3.OnTapped = func() { t.u.openClient(f.ClientID) }
	case secComplaints:
		k := t.dash.Complaints[id]
		name.SetText(k.ClientName)
		detail.SetText(fmt.Sprintf("%s — raised %s", k.Description, ago(k.RaisedOn, now)))
		detail.Importance = widget.DangerImportance
		b1.SetText("Resolve…")
		b1.OnTapped = func() { showResolveForm(t.u, k, t.reload) }
		b2.Hide()
		b3.OnTapped = func() { t.u.openClient(k.ClientID) }
	default:
		cs := t.clients()[id]
		name.SetText(cs.Name())
		detail.SetText(standingText(cs, t.current, now))
		if t.current == secOverdue {
			detail.Importance = widget.DangerImportance
		} else if t.current == secDue {
			detail.Importance = widget.WarningImportance
		}
		b1.SetText("Log contact…")
		b1.OnTapped = func() { t.logContact(cs.ID) }
		b2.SetText("Snooze")
		b2.OnTapped = func() { t.snoozeMenu(cs.ID, b2) }
		if t.current == secBirthdays {
			b2.Hide()
		}
		b3.OnTapped = func() { t.u.openClient(cs.ID) }
	}
	detail.Refresh()
}

// standingText is the detail line of a client row of the dashboard.
func standingText(cs data.ClientStanding, s section, now time.Time) string {
	switch s {
	case secThanks:
		return fmt.Sprintf("visited %s · %s · not thanked for it yet", ago(cs.LastVisitAt, now), count(cs.VisitCount, "visit", "visits"))
	case secBirthdays:
		txt := "birthday " + relativeDay(cs.BirthdayIn, cs.BirthdayOn)
		if cs.Birthday.Year != 0 {
			txt += fmt.Sprintf(" — turns %d", cs.BirthdayOn.Year()-cs.Birthday.Year)
		}
		return txt
	}
	rule := fmt.Sprintf("every %d–%d days", cs.Cadence.Ideal, cs.Cadence.Max)
	if cs.CadenceTag != "" {
		rule += " (" + cs.CadenceTag + ")"
	}
	if cs.LastContactAt.IsZero() {
		return fmt.Sprintf("added %s, never contacted · %s", daysAgo(cs.DaysSince), rule)
	}
	return fmt.Sprintf("last %s %s · %s", contactNoun(cs.LastContactKind), daysAgo(cs.DaysSince), rule)
}

// relativeDay says "today", "tomorrow", "on Friday" or a date.
func relativeDay(days int, on time.Time) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days > 1 && days < 7:
		return "on " + on.Format("Monday")
	}
	return "on " + on.Format("Mon 2 Jan")
}

// snoozeMenu offers how long to snooze a client.
func (t *todayScreen) snoozeMenu(id int64, from fyne.CanvasObject) {
	snooze := func(until time.Time) {
		if err := t.u.snooze(id, until); err != nil {
			t.u.showError(err)
			return
		}
		t.reload()
	}
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("For a week", func() { snooze(time.Now().AddDate(0, 0, 7)) }),
		fyne.NewMenuItem("For a month", func() { snooze(time.Now().AddDate(0, 1, 0)) }),
		fyne.NewMenuItem("Until a date…", func() { showSnoozeForm(t.u, id, t.reload) }),
	)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(from).Add(fyne.NewPos(0, from.Size().Height))
	widget.ShowPopUpMenuAtPosition(menu, t.u.win.Canvas(), pos)
}

// logContact opens the contact dialog and refreshes afterwards.
func (t *todayScreen) logContact(id int64) {
	c, err := t.u.store.Client(t.u.ctx, id)
	if err != nil {
		t.u.showError(err)
		return
	}
	showContactForm(t.u, c, t.reload)
}

// followUpDone marks a follow-up done and takes it off the list.
func (t *todayScreen) followUpDone(f data.FollowUp) {
	if err := t.u.finishFollowUp(f); err != nil {
		t.u.showError(err)
		return
	}
	t.reload()
}

// tile is a count on the dashboard that chooses its list when tapped.
type tile struct {
	widget.BaseWidget
	title   string
	count   *canvas.Text
	label   *widget.Label
	note    *widget.Label
	bg      *canvas.Rectangle
	onTap   func()
	chosen  bool
	focused bool
	imp     widget.Importance
}

var _ fyne.Focusable = (*tile)(nil)

// FocusGained shows the focus ring, so the tiles can be used with Tab.
func (t *tile) FocusGained() {
	t.focused = true
	t.Refresh()
}

// FocusLost hides the focus ring.
func (t *tile) FocusLost() {
	t.focused = false
	t.Refresh()
}

// TypedRune chooses the tile with the space bar.
func (t *tile) TypedRune(r rune) {
	if r == ' ' {
		t.Tapped(nil)
	}
}

// TypedKey chooses the tile with Enter.
func (t *tile) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter || ev.Name == fyne.KeySpace {
		t.Tapped(nil)
	}
}

func newTile(title string, onTap func()) *tile {
	t := &tile{title: title, onTap: onTap}
	t.count = canvas.NewText("0", theme.Color(theme.ColorNameForeground))
	t.count.TextSize = 30
	t.count.TextStyle = fyne.TextStyle{Bold: true}
	t.label = widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.note = widget.NewLabel("")
	t.note.Importance = widget.LowImportance
	t.note.Truncation = fyne.TextTruncateEllipsis
	t.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	t.bg.CornerRadius = 8
	t.ExtendBaseWidget(t)
	return t
}

// set shows the count and colours it by importance.
func (t *tile) set(n int, note string, imp widget.Importance, chosen bool) {
	t.count.Text = thousands(n)
	t.imp = imp
	t.note.SetText(note)
	t.chosen = chosen
	t.Refresh()
}

func (t *tile) setChosen(c bool) {
	t.chosen = c
	t.Refresh()
}

// Tapped chooses the tile's list.
func (t *tile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// Refresh recolours the tile.
func (t *tile) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := t.Theme()
	col := th.Color(theme.ColorNameForeground, v)
	if t.count.Text != "0" {
		switch t.imp {
		case widget.DangerImportance:
			col = th.Color(theme.ColorNameError, v)
		case widget.WarningImportance:
			col = th.Color(theme.ColorNameWarning, v)
		case widget.SuccessImportance:
			col = th.Color(theme.ColorNameSuccess, v)
		case widget.HighImportance:
			col = th.Color(theme.ColorNamePrimary, v)
		}
	}
	t.count.Color = col
	switch {
	case t.focused:
		t.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
		if t.chosen {
			t.bg.FillColor = th.Color(theme.ColorNameSelection, v)
		}
		ring := color.NRGBAModel.Convert(th.Color(theme.ColorNameFocus, v)).(color.NRGBA)
		ring.A = 0xff // a solid ring: the focus colour is a tint
		t.bg.StrokeColor = ring
		t.bg.StrokeWidth = 3
	case t.chosen:
		t.bg.FillColor = th.Color(theme.ColorNameSelection, v)
		t.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
		t.bg.StrokeWidth = 2
	default:
		t.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
		t.bg.StrokeWidth = 0
	}
	t.BaseWidget.Refresh()
	t.count.Refresh()
	t.bg.Refresh()
}

// CreateRenderer lays the tile out: the number over its title and note.
func (t *tile) CreateRenderer() fyne.WidgetRenderer {
	body := container.NewPadded(container.NewVBox(container.NewPadded(t.count), t.label, t.note))
	return widget.NewSimpleRenderer(container.NewStack(t.bg, body))
}

// barChart draws visits per month as bars with the month under each.
type barChart struct {
	widget.BaseWidget
	months []data.MonthCount
	box    *fyne.Container
}

func newBarChart() *barChart {
	c := &barChart{box: container.NewWithoutLayout()}
	c.ExtendBaseWidget(c)
	return c
}

// set replaces the figures.
func (c *barChart) set(m []data.MonthCount) {
	c.months = m
	c.Refresh()
}

// CreateRenderer draws the bars in a box that follows the widget's size.
func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	return &barRenderer{c: c}
}

type barRenderer struct {
	c    *barChart
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *barRenderer) MinSize() fyne.Size { return fyne.NewSize(360, 220) }

func (r *barRenderer) Layout(s fyne.Size) {
	r.size = s
	r.draw()
}

func (r *barRenderer) Refresh() {
	r.draw()
	canvas.Refresh(r.c)
}

func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *barRenderer) Destroy()                     {}

// draw makes the rectangles and labels for the current size.
func (r *barRenderer) draw() {
	r.objs = r.objs[:0]
	months := r.c.months
	if len(months) == 0 || r.size.Width == 0 {
		return
	}
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	max := 1
	for _, m := range months {
		if m.Visits > max {
			max = m.Visits
		}
	}
	labelH := float32(18)
	top := float32(18)
	plotH := r.size.Height - labelH - top
	slot := r.size.Width / float32(len(months))
	barW := slot * 0.64
	axis := canvas.NewLine(th.Color(theme.ColorNameSeparator, v))
	axis.Position1 = fyne.NewPos(0, top+plotH)
	axis.Position2 = fyne.NewPos(r.size.Width, top+plotH)
	r.objs = append(r.objs, axis)
	for i, m := range months {
		h := plotH * float32(m.Visits) / float32(max)
		x := float32(i)*slot + (slot-barW)/2
		col := th.Color(theme.ColorNamePrimary, v)
		if i != len(months)-1 {
			col = fade(col, 0.75)
		}
		bar := canvas.NewRectangle(col)
		bar.CornerRadius = 3
		bar.Move(fyne.NewPos(x, top+plotH-h))
		bar.Resize(fyne.NewSize(barW, h))
		r.objs = append(r.objs, bar)
		count := canvas.NewText(fmt.Sprint(m.Visits), th.Color(theme.ColorNameForeground, v))
		count.TextSize = 10
		count.Alignment = fyne.TextAlignCenter
		count.Move(fyne.NewPos(float32(i)*slot, top+plotH-h-15))
		count.Resize(fyne.NewSize(slot, 14))
		r.objs = append(r.objs, count)
		label := canvas.NewText(m.Month.Format("Jan"), th.Color(theme.ColorNamePlaceHolder, v))
		label.TextSize = 11
		label.Alignment = fyne.TextAlignCenter
		label.Move(fyne.NewPos(float32(i)*slot, top+plotH+2))
		label.Resize(fyne.NewSize(slot, labelH))
		r.objs = append(r.objs, label)
	}
}

// fade mixes a colour with transparency.
func fade(c color.Color, alpha float32) color.Color {
	r, g, b, a := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(float32(a>>8) * alpha)}
}

// activeBar is one bar split into active and lapsed clients.
type activeBar struct {
	widget.BaseWidget
	active, lapsed int
	a, l           *canvas.Rectangle
}

func newActiveBar() *activeBar {
	b := &activeBar{a: canvas.NewRectangle(color.Transparent), l: canvas.NewRectangle(color.Transparent)}
	b.ExtendBaseWidget(b)
	return b
}

func (b *activeBar) set(active, lapsed int) {
	b.active, b.lapsed = active, lapsed
	b.Refresh()
}

// CreateRenderer draws the two parts of the bar.
func (b *activeBar) CreateRenderer() fyne.WidgetRenderer {
	return &activeRenderer{b: b}
}

type activeRenderer struct{ b *activeBar }

func (r *activeRenderer) MinSize() fyne.Size           { return fyne.NewSize(200, 22) }
func (r *activeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.a, r.b.l} }
func (r *activeRenderer) Destroy()                     {}
func (r *activeRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.b.a.FillColor = th.Color(theme.ColorNameSuccess, v)
	r.b.l.FillColor = th.Color(theme.ColorNameError, v)
	if r.b.active+r.b.lapsed == 0 {
		r.b.l.FillColor = th.Color(theme.ColorNameDisabled, v)
	}
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}

func (r *activeRenderer) Layout(s fyne.Size) {
	total := r.b.active + r.b.lapsed
	w := float32(0)
	if total > 0 {
		w = s.Width * float32(r.b.active) / float32(total)
	}
	r.b.a.Move(fyne.NewPos(0, 0))
	r.b.a.Resize(fyne.NewSize(w, s.Height))
	r.b.l.Move(fyne.NewPos(w, 0))
	r.b.l.Resize(fyne.NewSize(s.Width-w, s.Height))
}
