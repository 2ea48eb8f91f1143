package app

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/app/words"
	"regulars/data"
	"regulars/internal/clock"
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

	find    *form.Field // typing here continues in the Clients search
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
	rowTexts    map[widget.ListItemID]todayRow // each row drawn
	whole       *widget.Label                  // the whole line of the row tapped
	chart       *barChart
	active      *widget.Label
	returns     *widget.Label // came back after a we-miss-you; newcomers who returned
	split       *activeBar
	more        *widget.Button

	// countInBackground counts the batch away from the screen (see
	// showBatch); batchGen numbers the sections shown, so that a late
	// count is dropped; counting counts the counts under way, for the
	// tests to wait on.
	countInBackground bool
	batchGen          int
	counting          sync.WaitGroup
	// loading counts the dashboards computed away (see reloadAway).
	loading sync.WaitGroup
}

func newTodayScreen(u *ui) *todayScreen {
	t := &todayScreen{u: u, countInBackground: ownWindow}
	t.find = form.NewField(u.forms, "Find a client: type a name, phone or email")
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
	// A row too narrow to say all of it shows its whole line under the
	// list when tapped.
	t.rowTexts = map[widget.ListItemID]todayRow{}
	t.whole = widget.NewLabel("")
	t.whole.Wrapping = fyne.TextWrapWord
	t.whole.Hide()
	t.list.OnSelected = func(id widget.ListItemID) {
		t.list.UnselectAll()
		t.whole.Hide()
		if r, ok := t.rowTexts[id]; ok && r.cut() {
			t.whole.SetText(r.whole())
			t.whole.Show()
		}
	}

	t.chart = newBarChart()
	t.active = widget.NewLabel("")
	// Wrapped, so that its sentence does not hold the charts wide and
	// squeeze the list's explanations at 1024 pixels.
	t.active.Wrapping = fyne.TextWrapWord
	t.split = newActiveBar()
	chartCard := widget.NewCard("Visits per month", "the last twelve months", t.chart)
	activeCard := widget.NewCard("Active and lapsed clients", "", container.NewVBox(t.split, t.active))
	t.returns = widget.NewLabel("")
	t.returns.Wrapping = fyne.TextWrapWord
	returnsCard := widget.NewCard("Who came back", "the last twelve months", t.returns)
	right := container.NewVBox(chartCard, activeCard, returnsCard)

	t.batch = t.newBatchButton()
	listArea := container.NewBorder(container.NewVBox(t.heading, t.batchRow, t.empty), container.NewVBox(t.whole, t.more), nil, nil, t.list)
	body := container.NewHSplit(listArea, container.NewVScroll(right))
	body.Offset = 0.62
	top := container.NewVBox(t.find, container.NewGridWithColumns(int(sectionCount), tiles...))
	t.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, body)
	return t
}

// reload computes the dashboard again and shows it.
func (t *todayScreen) reload() {
	t.u.busy()
	d, err := t.u.store.Dashboard(t.u.ctx, clock.Now())
	t.showDashboard(d, err)
	if err != nil {
		return
	}
	if r, err := t.u.store.Returns(t.u.ctx, clock.Now()); err == nil {
		t.returns.SetText(returnsText(r))
	}
}

// reloadAway computes the dashboard away from the screen and shows it when
// done: the window's first Today, so that the window opens while the book
// is read (most of a second on a book of 100,000 clients).
func (t *todayScreen) reloadAway() {
	t.loading.Add(1)
	go func() {
		d, err := t.u.store.Dashboard(t.u.ctx, clock.Now())
		t.loading.Done()
		fyne.Do(func() {
			if t.u.ctx.Err() != nil {
				return // the window is closed
			}
			t.showDashboard(d, err)
			traceStep("today shown")
		})
		if err != nil {
			return
		}
		// Who came back reads the contact log: it follows.
		if r, err := t.u.store.Returns(t.u.ctx, clock.Now()); err == nil {
			fyne.Do(func() { t.returns.SetText(returnsText(r)) })
		}
	}()
}

// showDashboard shows a dashboard computed.
func (t *todayScreen) showDashboard(d data.Dashboard, err error) {
	if err != nil {
		t.u.showError(err)
		return
	}
	t.dash = d
	counts := [sectionCount]int{secThanks: d.ThankYouDueCount, secOverdue: d.OverdueCount, secDue: d.DueCount, secFollowUps: len(d.FollowUps),
		secComplaints: len(d.Complaints), secBirthdays: len(d.Birthdays)}
	notes := [sectionCount]string{secThanks: "a recent visit not thanked yet", secOverdue: "past their maximum, within a year", secDue: "past their ideal",
		secComplaints: "not resolved yet", secBirthdays: "a card to post or an email now"}
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
	t.active.SetText(fmt.Sprintf("%s come back as often as usual · %s have stayed away longer than usual · %s in all",
		words.Thousands(d.Active), words.Thousands(d.Lapsed), words.Count(d.Clients, "client", "clients")))
	t.show(t.current)
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
	clear(t.rowTexts)
	t.whole.Hide()
	for i := range t.tiles {
		t.tiles[i].setChosen(section(i) == s)
	}
	t.heading.SetText(sectionTitles[s])
	n := t.length()
	total := [sectionCount]int{secThanks: t.dash.ThankYouDueCount, secOverdue: t.dash.OverdueCount, secDue: t.dash.DueCount,
		secFollowUps: len(t.dash.FollowUps), secComplaints: len(t.dash.Complaints), secBirthdays: len(t.dash.Birthdays)}[s]
	empty := [sectionCount]string{secThanks: "Everyone who visited lately has been thanked.", secOverdue: "Nobody is past their maximum days. Well done!",
		secDue: "Nobody is past their ideal days.", secFollowUps: "No call-backs due this week.", secComplaints: "No open complaints.",
		secBirthdays: "No birthday card or email due now."}
	t.empty.SetText(empty[s])
	t.empty.Hidden = n > 0
	t.more.Hide()
	if total > n {
		if o, ok := sectionOccasion[s]; ok && s != secThanks {
			// The Clients list's filters are the keep-in-touch standing; the
			// batch lists exactly these people.
			t.more.SetText(fmt.Sprintf("The %d most urgent of %s — list them all in the %s batch", n, words.Thousands(total), o.Words()))
		} else {
			t.more.SetText(fmt.Sprintf("The %d most urgent of %s — show them all in Clients", n, words.Thousands(total)))
		}
		t.more.Show()
	}
	t.list.Refresh()
	t.list.ScrollToTop()
	t.showBatch(s)
}

// showAll lists every client of the current section on the Clients
// screen, with its filter.
func (t *todayScreen) showAll() {
	if o, ok := sectionOccasion[t.current]; ok && t.current != secThanks {
		t.u.startBatch(o, data.ChannelPost)
		return
	}
	f := map[section]string{secThanks: filterThankYou, secDue: filterDue}[t.current]
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
	name, detail := text.Objects[0].(*widgets.CutLabel), text.Objects[1].(*widgets.CutLabel)
	btns := c.Objects[1].(*fyne.Container).Objects
	b1, b2, b3 := btns[0].(*widget.Button), btns[1].(*widget.Button), btns[2].(*widget.Button)
	b1.Show()
	b2.Show()
	detail.Importance = widget.LowImportance
	now := clock.Now()
	switch t.current {
	case secFollowUps:
		f := t.dash.FollowUps[id]
		name.SetText(f.ClientName)
		due := data.Days(now, f.Due, time.Local)
		when := "due " + relativeDay(due, f.Due)
		if due < 0 {
			when = fmt.Sprintf("LATE by %d day%s (was due %s)", -due, words.Plural(-due), f.Due.Format("Mon 2 Jan"))
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
		detail.SetText(fmt.Sprintf("%s — raised %s", k.Description, words.Ago(k.RaisedOn, now)))
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
	t.rowTexts[id] = todayRow{name, detail}
}

// todayRow is a row as drawn: its name and its line of detail.
type todayRow struct{ name, detail *widgets.CutLabel }

// cut reports whether the row shows less than all it says.
func (r todayRow) cut() bool {
	return r.name.Text != r.name.FullText() || r.detail.Text != r.detail.FullText()
}

// whole is all the row says.
func (r todayRow) whole() string {
	return r.name.FullText() + ": " + r.detail.FullText()
}

// standingText is the detail line of a client row of the dashboard.
func standingText(cs data.ClientStanding, s section, now time.Time) string {
	switch s {
	case secThanks:
		return fmt.Sprintf("visited %s · %s · not thanked for it yet", words.Ago(cs.LastVisitAt, now), words.Count(cs.VisitCount, "visit", "visits"))
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
		return fmt.Sprintf("added %s, never contacted · %s", words.DaysAgo(cs.DaysSince), rule)
	}
	return fmt.Sprintf("last %s %s · %s", contactNoun(cs.LastContactKind), words.DaysAgo(cs.DaysSince), rule)
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
		fyne.NewMenuItem("For a week", func() { snooze(clock.Now().AddDate(0, 0, 7)) }),
		fyne.NewMenuItem("For a month", func() { snooze(clock.Now().AddDate(0, 1, 0)) }),
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
