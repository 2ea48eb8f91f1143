package today

import (
	"context"
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
	"regulars/data/store"
	"regulars/internal/clock"
)

// Section is one list of the Today screen.
type Section int

// The sections of Today in the order of the owner's to-do list: put right
// what went wrong, keep promises, win back who is drifting away, then
// birthdays ahead, thank-yous, and those merely due.
const (
	SecComplaints Section = iota
	SecFollowUps
	SecOverdue
	SecBirthdays
	SecThanks
	SecDue
	SectionCount
)

// SectionTitles name the sections on their tiles.
var SectionTitles = [SectionCount]string{SecThanks: "Thank-you due", SecOverdue: "Overdue", SecDue: "Due", SecFollowUps: "Follow-ups",
	SecComplaints: "Complaints", SecBirthdays: "Birthdays"}

// Shell is what the Today screen asks of the window around it.
type Shell interface {
	// ShowError tells the owner what went wrong.
	ShowError(err error)
	// Busy tells the window it is at work.
	Busy()
	// FindClient goes on with a search typed on Today in the Clients
	// search.
	FindClient(text string)
	// OpenClient shows a client on the Clients screen.
	OpenClient(id int64)
	// ListThankYouDue and ListDue list every client of that kind on the
	// Clients screen.
	ListThankYouDue()
	ListDue()
	// StartBatch opens the Cards screen on a batch of an occasion.
	StartBatch(o data.Occasion, ch data.Channel)
	// Snooze snoozes a client's reminders until a day; SnoozeUntil asks
	// until when first, then calls done.
	Snooze(id int64, until time.Time) error
	SnoozeUntil(id int64, done func())
	// LogContact opens the contact dialog of c, then calls done.
	LogContact(c data.Client, done func())
	// FinishFollowUp marks a follow-up done.
	FinishFollowUp(f data.FollowUp) error
	// Resolve asks how a complaint was put right, then calls done.
	Resolve(k data.Complaint, done func())
	// Trace notes a step of the start-up when tracing is on.
	Trace(step string)
}

// needs is what the Today screen is built with.
type needs struct {
	ctx   context.Context
	store *store.Store
	win   fyne.Window
	shell Shell
}

func (u *needs) showError(err error) { u.shell.ShowError(err) }

// Screen is the owner's dashboard: whom to thank, who is drifting
// away, promised call-backs, open complaints and birthdays, each with its
// one-click actions, and a chart of the last twelve months.
type Screen struct {
	u *needs
	// Content is the screen, the tab.
	Content fyne.CanvasObject

	// Find is the search field; typing here continues in the Clients
	// search.
	Find *form.Field
	// Dash is the dashboard shown, and Current the Section listed.
	Dash    data.Dashboard
	Current Section
	// chosenByHand is set once the owner picks a section; until then Today
	// opens on the first one with something to do.
	chosenByHand bool
	// Tiles are the counts on top, one a section.
	Tiles   [SectionCount]*Tile
	heading *widget.Label
	// Batch starts the section's batch; BatchLine says what it will do
	// ("58 we-miss-you notes: …"); BatchRow holds the two.
	Batch     *widget.Button
	BatchLine *widget.Label
	BatchRow  *fyne.Container
	// BatchCounts are the counts the batch button shows, for the tests.
	BatchCounts DueCounts
	empty       *widget.Label
	// List lists the clients of the section.
	List     *widget.List
	rowTexts map[widget.ListItemID]todayRow // each row drawn
	// Whole is the whole line of the row tapped.
	Whole *widget.Label
	chart *barChart
	// Active says how many clients come back as often as usual.
	Active  *widget.Label
	returns *widget.Label // came back after a we-miss-you; newcomers who returned
	split   *activeBar
	// More lists every client of the section elsewhere.
	More *widget.Button

	// CountInBackground counts the batch away from the screen (see
	// showBatch); batchGen numbers the sections shown, so that a late
	// count is dropped; Counting counts the counts under way, for the
	// tests to wait on.
	CountInBackground bool
	batchGen          int
	Counting          sync.WaitGroup
	// Loading counts the dashboards computed away (see ReloadAway).
	Loading sync.WaitGroup
}

// New builds the Today screen over store, in the window of forms; away
// makes its slow counts away from the screen (the program's own window),
// where tests want them at once; shell is the window around it.
func New(ctx context.Context, store *store.Store, forms *form.Window, away bool, shell Shell) *Screen {
	u := &needs{ctx: ctx, store: store, win: forms.Win, shell: shell}
	t := &Screen{u: u, CountInBackground: away}
	t.Find = form.NewField(forms, "Find a client: type a name, phone or email")
	t.Find.OnChanged = func(s string) {
		if s == "" {
			return
		}
		t.Find.SetText("")
		u.shell.FindClient(s)
	}
	var tiles []fyne.CanvasObject
	for i := Section(0); i < SectionCount; i++ {
		i := i
		t.Tiles[i] = newTile(SectionTitles[i], func() { t.Choose(i) })
		tiles = append(tiles, t.Tiles[i])
	}
	t.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.heading.SizeName = theme.SizeNameSubHeadingText
	t.empty = widget.NewLabel("")
	t.empty.Importance = widget.LowImportance
	t.More = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), t.showAll)
	t.More.Importance = widget.LowImportance
	t.More.IconPlacement = widget.ButtonIconTrailingText
	t.List = widget.NewList(t.length, NewTodayRow, t.UpdateRow)
	// A row too narrow to say all of it shows its whole line under the
	// list when tapped.
	t.rowTexts = map[widget.ListItemID]todayRow{}
	t.Whole = widget.NewLabel("")
	t.Whole.Wrapping = fyne.TextWrapWord
	t.Whole.Hide()
	t.List.OnSelected = func(id widget.ListItemID) {
		t.List.UnselectAll()
		t.Whole.Hide()
		if r, ok := t.rowTexts[id]; ok && r.cut() {
			t.Whole.SetText(r.whole())
			t.Whole.Show()
		}
	}

	t.chart = newBarChart()
	t.Active = widget.NewLabel("")
	// Wrapped, so that its sentence does not hold the charts wide and
	// squeeze the list's explanations at 1024 pixels.
	t.Active.Wrapping = fyne.TextWrapWord
	t.split = newActiveBar()
	chartCard := widget.NewCard("Visits per month", "the last twelve months", t.chart)
	activeCard := widget.NewCard("Active and lapsed clients", "", container.NewVBox(t.split, t.Active))
	t.returns = widget.NewLabel("")
	t.returns.Wrapping = fyne.TextWrapWord
	returnsCard := widget.NewCard("Who came back", "the last twelve months", t.returns)
	right := container.NewVBox(chartCard, activeCard, returnsCard)

	t.Batch = t.newBatchButton()
	listArea := container.NewBorder(container.NewVBox(t.heading, t.BatchRow, t.empty), container.NewVBox(t.Whole, t.More), nil, nil, t.List)
	body := container.NewHSplit(listArea, container.NewVScroll(right))
	body.Offset = 0.62
	top := container.NewVBox(t.Find, container.NewGridWithColumns(int(SectionCount), tiles...))
	t.Content = container.NewBorder(container.NewPadded(top), nil, nil, nil, body)
	return t
}

// Reload computes the dashboard again and shows it.
func (t *Screen) Reload() {
	t.u.shell.Busy()
	d, err := t.u.store.Dashboard(t.u.ctx, clock.Now())
	t.showDashboard(d, err)
	if err != nil {
		return
	}
	if r, err := t.u.store.Returns(t.u.ctx, clock.Now()); err == nil {
		t.returns.SetText(returnsText(r))
	}
}

// ReloadAway computes the dashboard away from the screen and shows it when
// done: the window's first Today, so that the window opens while the book
// is read (most of a second on a book of 100,000 clients).
func (t *Screen) ReloadAway() {
	t.Loading.Add(1)
	go func() {
		d, err := t.u.store.Dashboard(t.u.ctx, clock.Now())
		t.Loading.Done()
		fyne.Do(func() {
			if t.u.ctx.Err() != nil {
				return // the window is closed
			}
			t.showDashboard(d, err)
			t.u.shell.Trace("today shown")
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
func (t *Screen) showDashboard(d data.Dashboard, err error) {
	if err != nil {
		t.u.showError(err)
		return
	}
	t.Dash = d
	counts := [SectionCount]int{SecThanks: d.ThankYouDueCount, SecOverdue: d.OverdueCount, SecDue: d.DueCount, SecFollowUps: len(d.FollowUps),
		SecComplaints: len(d.Complaints), SecBirthdays: len(d.Birthdays)}
	notes := [SectionCount]string{SecThanks: "a recent visit not thanked yet", SecOverdue: "past their maximum, within a year", SecDue: "past their ideal",
		SecComplaints: "not resolved yet", SecBirthdays: "a card to post or an email now"}
	if d.LateFollowUps > 0 {
		notes[SecFollowUps] = fmt.Sprintf("%d late", d.LateFollowUps)
	} else {
		notes[SecFollowUps] = "due this week"
	}
	imps := [SectionCount]widget.Importance{SecThanks: widget.HighImportance, SecOverdue: widget.DangerImportance, SecDue: widget.WarningImportance,
		SecFollowUps: widget.HighImportance, SecComplaints: widget.DangerImportance, SecBirthdays: widget.SuccessImportance}
	if d.LateFollowUps > 0 {
		imps[SecFollowUps] = widget.DangerImportance
	}
	if !t.chosenByHand {
		// The to-do list opens on the first Section with something to do.
		t.Current = SecThanks
		for i := Section(0); i < SectionCount; i++ {
			if counts[i] > 0 && i != SecDue {
				t.Current = i
				break
			}
		}
	}
	for i := range t.Tiles {
		t.Tiles[i].set(counts[i], notes[i], imps[i], Section(i) == t.Current)
	}
	t.chart.set(d.VisitsByMonth)
	t.split.set(d.Active, d.Lapsed)
	t.Active.SetText(fmt.Sprintf("%s come back as often as usual · %s have stayed away longer than usual · %s in all",
		words.Thousands(d.Active), words.Thousands(d.Lapsed), words.Count(d.Clients, "client", "clients")))
	t.show(t.Current)
}

// returnsText is the owner's figures in words.
func returnsText(r data.Returns) string {
	return fmt.Sprintf("After a we-miss-you note: %s came back within %d days.\nFirst-time clients: %s came back for a second visit.",
		data.Share(r.CameBack, r.MissSent), data.ComeBackDays, data.Share(r.Returned, r.FirstTimers))
}

// Choose shows one section's list, as the owner asked: Today stays on it.
func (t *Screen) Choose(s Section) {
	t.chosenByHand = true
	t.show(s)
}

// show shows one section's list.
func (t *Screen) show(s Section) {
	t.Current = s
	clear(t.rowTexts)
	t.Whole.Hide()
	for i := range t.Tiles {
		t.Tiles[i].setChosen(Section(i) == s)
	}
	t.heading.SetText(SectionTitles[s])
	n := t.length()
	total := [SectionCount]int{SecThanks: t.Dash.ThankYouDueCount, SecOverdue: t.Dash.OverdueCount, SecDue: t.Dash.DueCount,
		SecFollowUps: len(t.Dash.FollowUps), SecComplaints: len(t.Dash.Complaints), SecBirthdays: len(t.Dash.Birthdays)}[s]
	empty := [SectionCount]string{SecThanks: "Everyone who visited lately has been thanked.", SecOverdue: "Nobody is past their maximum days. Well done!",
		SecDue: "Nobody is past their ideal days.", SecFollowUps: "No call-backs due this week.", SecComplaints: "No open complaints.",
		SecBirthdays: "No birthday card or email due now."}
	t.empty.SetText(empty[s])
	t.empty.Hidden = n > 0
	t.More.Hide()
	if total > n {
		if o, ok := sectionOccasion[s]; ok && s != SecThanks {
			// The Clients list's filters are the keep-in-touch standing; the
			// batch lists exactly these people.
			t.More.SetText(fmt.Sprintf("The %d most urgent of %s — list them all in the %s batch", n, words.Thousands(total), o.Words()))
		} else {
			t.More.SetText(fmt.Sprintf("The %d most urgent of %s — show them all in Clients", n, words.Thousands(total)))
		}
		t.More.Show()
	}
	t.List.Refresh()
	t.List.ScrollToTop()
	t.showBatch(s)
}

// showAll lists every client of the current Section on the Clients
// screen, with its filter.
func (t *Screen) showAll() {
	if o, ok := sectionOccasion[t.Current]; ok && t.Current != SecThanks {
		t.u.shell.StartBatch(o, data.ChannelPost)
		return
	}
	switch t.Current {
	case SecThanks:
		t.u.shell.ListThankYouDue()
	case SecDue:
		t.u.shell.ListDue()
	}
}

func (t *Screen) length() int {
	switch t.Current {
	case SecThanks:
		return len(t.Dash.ThankYouDue)
	case SecOverdue:
		return len(t.Dash.Overdue)
	case SecDue:
		return len(t.Dash.Due)
	case SecFollowUps:
		return len(t.Dash.FollowUps)
	case SecComplaints:
		return len(t.Dash.Complaints)
	default:
		return len(t.Dash.Birthdays)
	}
}

// clients is the client list of the current Section, if it is one.
func (t *Screen) clients() []data.ClientStanding {
	switch t.Current {
	case SecThanks:
		return t.Dash.ThankYouDue
	case SecOverdue:
		return t.Dash.Overdue
	case SecDue:
		return t.Dash.Due
	case SecBirthdays:
		return t.Dash.Birthdays
	}
	return nil
}

// NewTodayRow is a row: name, a line of detail, and up to three actions.
func NewTodayRow() fyne.CanvasObject {
	b1 := widget.NewButton("Log contact", nil)
	b2 := widget.NewButtonWithIcon("Snooze", theme.MenuDropDownIcon(), nil)
	b2.IconPlacement = widget.ButtonIconTrailingText // a drawn arrow: every font has it
	b3 := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), nil)
	return container.NewBorder(nil, nil, nil, container.NewHBox(b1, b2, b3), widgets.TwoLines("Client name", "overdue · 120 days since the last visit"))
}

// UpdateRow fills a row for the current section.
func (t *Screen) UpdateRow(id widget.ListItemID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	text := c.Objects[0].(*fyne.Container)
	name, detail := text.Objects[0].(*widgets.CutLabel), text.Objects[1].(*widgets.CutLabel)
	btns := c.Objects[1].(*fyne.Container).Objects
	b1, b2, b3 := btns[0].(*widget.Button), btns[1].(*widget.Button), btns[2].(*widget.Button)
	b1.Show()
	b2.Show()
	detail.Importance = widget.LowImportance
	now := clock.Now()
	switch t.Current {
	case SecFollowUps:
		f := t.Dash.FollowUps[id]
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
		b3.OnTapped = func() { t.u.shell.OpenClient(f.ClientID) }
	case SecComplaints:
		k := t.Dash.Complaints[id]
		name.SetText(k.ClientName)
		detail.SetText(fmt.Sprintf("%s — raised %s", k.Description, words.Ago(k.RaisedOn, now)))
		detail.Importance = widget.DangerImportance
		b1.SetText("Resolve…")
		b1.OnTapped = func() { t.u.shell.Resolve(k, t.Reload) }
		b2.Hide()
		b3.OnTapped = func() { t.u.shell.OpenClient(k.ClientID) }
	default:
		cs := t.clients()[id]
		name.SetText(cs.Name())
		detail.SetText(standingText(cs, t.Current, now))
		if t.Current == SecOverdue {
			detail.Importance = widget.DangerImportance
		} else if t.Current == SecDue {
			detail.Importance = widget.WarningImportance
		}
		b1.SetText("Log contact…")
		b1.OnTapped = func() { t.logContact(cs.ID) }
		b2.SetText("Snooze")
		b2.OnTapped = func() { t.snoozeMenu(cs.ID, b2) }
		if t.Current == SecBirthdays {
			b2.Hide()
		}
		b3.OnTapped = func() { t.u.shell.OpenClient(cs.ID) }
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
func standingText(cs data.ClientStanding, s Section, now time.Time) string {
	switch s {
	case SecThanks:
		return fmt.Sprintf("visited %s · %s · not thanked for it yet", words.Ago(cs.LastVisitAt, now), words.Count(cs.VisitCount, "visit", "visits"))
	case SecBirthdays:
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
	return fmt.Sprintf("last %s %s · %s", words.ContactNoun(cs.LastContactKind), words.DaysAgo(cs.DaysSince), rule)
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
func (t *Screen) snoozeMenu(id int64, from fyne.CanvasObject) {
	snooze := func(until time.Time) {
		if err := t.u.shell.Snooze(id, until); err != nil {
			t.u.showError(err)
			return
		}
		t.Reload()
	}
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("For a week", func() { snooze(clock.Now().AddDate(0, 0, 7)) }),
		fyne.NewMenuItem("For a month", func() { snooze(clock.Now().AddDate(0, 1, 0)) }),
		fyne.NewMenuItem("Until a date…", func() { t.u.shell.SnoozeUntil(id, t.Reload) }),
	)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(from).Add(fyne.NewPos(0, from.Size().Height))
	widget.ShowPopUpMenuAtPosition(menu, t.u.win.Canvas(), pos)
}

// logContact opens the contact dialog and refreshes afterwards.
func (t *Screen) logContact(id int64) {
	c, err := t.u.store.Client(t.u.ctx, id)
	if err != nil {
		t.u.showError(err)
		return
	}
	t.u.shell.LogContact(c, t.Reload)
}

// followUpDone marks a follow-up done and takes it off the list.
func (t *Screen) followUpDone(f data.FollowUp) {
	if err := t.u.shell.FinishFollowUp(f); err != nil {
		t.u.showError(err)
		return
	}
	t.Reload()
}
