package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/widgets"
	"regulars/app/words"
	"regulars/data"
	"regulars/internal/clock"
)

// clientPane shows one client: details, tags, notes and the visit
// history, newest first, with the actions on them.
type clientPane struct {
	u       *ui
	b       *bookScreen
	content *fyne.Container

	empty   fyne.CanvasObject
	body    fyne.CanvasObject
	name    *widgets.CutLabel
	sub     *widget.Label
	details *fyne.Container
	notes   *widget.Label     // the client's notes, under the name
	tags    *widget.Label     // the client's tags ("allergy", "VIP"), under the notes
	scroll  *container.Scroll // the details, opened at the top for each client
	stats   *widget.Label
	visits  *widget.List // the timeline
	history []data.Event

	logBtn, editBtn, deleteBtn, restoreBtn *widget.Button
	eraseBtn                               *widget.Button
	client                                 data.Client

	standing  *widget.Label
	touchBtns *fyne.Container
	open      *fyne.Container // open follow-ups and complaints
}

// withClient opens one of the keep-in-touch dialogs on the shown client.
func (p *clientPane) withClient(show func(*ui, data.Client, func())) {
	if p.client.ID == 0 || p.u.forms.Open != nil {
		return
	}
	show(p.u, p.client, p.refresh)
}

// refresh shows the same client again after a change, and updates the
// list and the dashboard.
func (p *clientPane) refresh() {
	p.b.refreshList()
	p.show(p.client.ID)
}

// showStanding fills the keep-in-touch line and the open follow-ups and
// complaints.
func (p *clientPane) showStanding(c data.Client) {
	now := clock.Now()
	st, err := p.u.store.StandingOfClient(p.u.ctx, c, now)
	if err != nil {
		p.standing.SetText(err.Error())
		return
	}
	var txt string
	switch st.Status {
	case data.StatusDoNotContact:
		txt = "Do not contact: never listed for reminders or thank-yous."
	case data.StatusSnoozed:
		txt = "Reminders snoozed until " + c.SnoozedUntil.Format("Mon 2 Jan 2006") + "."
	case data.StatusNew:
		txt = fmt.Sprintf("New: added %s, not contacted yet.", words.DaysAgo(st.DaysSince))
	default:
		word := map[data.Status]string{data.StatusOK: "In touch", data.StatusDue: "Due", data.StatusOverdue: "Overdue"}[st.Status]
		txt = fmt.Sprintf("%s: last contact %s", word, words.DaysAgo(st.DaysSince))
	}
	rule := fmt.Sprintf(" Every %d–%d days", st.Cadence.Ideal, st.Cadence.Max)
	switch st.CadenceSource {
	case data.FromTag:
		rule += " (tag " + st.CadenceTag + ")."
	case data.FromClient:
		rule += " (set for this client)."
	default:
		rule += " (the book's default)."
	}
	if st.Status != data.StatusDoNotContact {
		txt += "." + rule
	}
	if st.ThankYouDue {
		txt += " A thank-you is due for the last visit."
	}
	p.standing.SetText(strings.ReplaceAll(txt, "..", "."))
	p.standing.Importance = map[data.Status]widget.Importance{data.StatusDue: widget.WarningImportance, data.StatusOverdue: widget.DangerImportance}[st.Status]
	p.standing.Refresh()

	p.open.RemoveAll()
	follow, _ := p.u.store.ClientFollowUps(p.u.ctx, c.ID)
	for _, f := range follow {
		if f.Done() {
			continue
		}
		f := f
		l := widget.NewLabel(fmt.Sprintf("Follow-up: %s — by %s", f.What, f.Due.Format("Mon 2 Jan")))
		l.Wrapping = fyne.TextWrapWord // a long one must not widen the window
		if data.Days(now, f.Due, time.Local) < 0 {
			l.Importance = widget.DangerImportance
		}
		done := widget.NewButton("Done", func() {
			f.ClientName = c.Name()
			if err := p.u.finishFollowUp(f); err != nil {
				p.u.showError(err)
			}
			p.refresh()
		})
		p.open.Add(container.NewBorder(nil, nil, nil, done, l))
	}
	complaints, _ := p.u.store.ClientComplaints(p.u.ctx, c.ID)
	for _, k := range complaints {
		if !k.Open() {
			continue
		}
		k := k
		k.ClientName = c.Name()
		l := widget.NewLabel(fmt.Sprintf("Complaint (%s): %s", k.RaisedOn.Format("2 Jan"), k.Description))
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord // read whole: this is the client's page
		p.open.Add(container.NewBorder(nil, nil, nil, widget.NewButton("Resolve…", func() { showResolveForm(p.u, k, p.refresh) }), l))
	}
}

func newClientPane(u *ui, b *bookScreen) *clientPane {
	p := &clientPane{u: u, b: b}
	hint := widget.NewLabelWithStyle("Choose a client on the left to see their details and visits.\n\nType 2–3 letters of a name, phone digits or an email,\nthen Enter to open and Ctrl+L to log a visit.", fyne.TextAlignCenter, fyne.TextStyle{})
	hint.Importance = widget.LowImportance
	p.empty = container.NewCenter(hint)

	p.name = widgets.NewCutLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.name.SizeName = theme.SizeNameHeadingText
	p.sub = widget.NewLabel("")
	p.sub.Wrapping = fyne.TextWrapWord // a long company name must not widen the window
	p.sub.Importance = widget.LowImportance
	p.logBtn = widget.NewButtonWithIcon("Log visit", theme.ContentAddIcon(), func() { b.logVisit() })
	p.logBtn.Importance = widget.HighImportance
	p.editBtn = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), p.edit)
	p.deleteBtn = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), p.delete)
	p.restoreBtn = widget.NewButtonWithIcon("Restore", theme.HistoryIcon(), p.restore)
	p.eraseBtn = widget.NewButtonWithIcon("Erase…", theme.ErrorIcon(), p.erase)
	p.eraseBtn.Importance = widget.DangerImportance
	actions := container.NewHBox(p.logBtn, p.editBtn, p.deleteBtn, p.restoreBtn, p.eraseBtn)

	p.details = container.New(layout.NewFormLayout())
	p.notes = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.notes.Wrapping = fyne.TextWrapWord
	p.notes.Importance = widget.WarningImportance
	p.tags = widget.NewLabel("")
	p.tags.Wrapping = fyne.TextWrapWord
	p.stats = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	p.visits = widget.NewList(
		func() int { return len(p.history) },
		newEventRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { p.updateEventRow(o, p.history[id]) },
	)
	p.visits.OnSelected = func(widget.ListItemID) { p.visits.UnselectAll() }

	p.standing = widget.NewLabel("")
	p.standing.Wrapping = fyne.TextWrapWord
	// Three to a row, so that the pane fits beside the list on a
	// 1024-pixel screen.
	p.touchBtns = container.NewGridWithColumns(3,
		widget.NewButtonWithIcon("Log contact", theme.MailReplyIcon(), p.logContact),
		widget.NewButtonWithIcon("Follow-up", theme.ContentAddIcon(), p.followUp),
		widget.NewButtonWithIcon("Complaint", theme.WarningIcon(), p.complaint),
		widget.NewButtonWithIcon("Snooze", theme.MediaPauseIcon(), p.snooze),
		widget.NewButtonWithIcon("Write a note…", theme.MailComposeIcon(), p.writeNote),
		widget.NewButtonWithIcon("Household…", theme.AccountIcon(), p.household),
	)
	p.open = container.NewVBox()
	// The name, the notes ("Allergic to lilies") right under it, where
	// the counter sees them, and every action stay in view; the details
	// under them scroll.
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewVBox(actions), container.NewVBox(p.name, p.sub)),
		p.notes,
		p.tags,
		p.touchBtns,
	)
	top := container.NewVBox(
		p.standing,
		p.open,
		widget.NewSeparator(),
		p.details,
	)
	history := container.NewBorder(container.NewVBox(widget.NewSeparator(), container.NewPadded(p.stats)), nil, nil, nil, p.visits)
	p.scroll = container.NewVScroll(container.NewPadded(top))
	split := container.NewVSplit(p.scroll, history)
	split.Offset = 0.5
	p.body = container.NewBorder(container.NewPadded(head), nil, nil, nil, split)
	p.content = container.NewStack(p.empty)
	return p
}

// show reads a client and everything that happened with them from the
// book and displays it.
func (p *clientPane) show(id int64) {
	c, err := p.u.store.Client(p.u.ctx, id)
	if err != nil {
		p.u.showError(err)
		return
	}
	events, err := p.u.store.Timeline(p.u.ctx, id)
	if err != nil {
		p.u.showError(err)
		return
	}
	visits, err := p.u.store.Visits(p.u.ctx, id, 0)
	if err != nil {
		p.u.showError(err)
		return
	}
	same := p.client.ID == id
	p.client, p.history = c, events
	p.name.SetText(c.Name())
	var sub []string
	if c.Company != "" && c.Company != c.Name() {
		sub = append(sub, c.Company)
	}
	since := c.CreatedAt
	if f := c.History.First; !f.IsZero() && f.Before(since) {
		since = f
	}
	sub = append(sub, "client since "+since.In(time.Local).Format("January 2006"))
	if c.Deleted() {
		sub = append(sub, "IN THE TRASH since "+c.DeletedAt.In(time.Local).Format("2 Jan 2006"))
	}
	p.sub.SetText(strings.Join(sub, "  ·  "))
	p.fillDetails(c)
	p.notes.SetText(c.Notes)
	p.notes.Hidden = c.Notes == ""
	p.tags.SetText(tagsText(c.Tags))
	p.tags.Hidden = len(c.Tags) == 0
	p.stats.SetText(p.totalsText(data.ClientTotals(c, visits)))
	p.visits.Refresh()
	if !same {
		// Each client opens at the top: name, notes and actions first.
		p.visits.ScrollToTop()
		p.scroll.ScrollToTop()
	}

	p.showStanding(c)
	p.touchBtns.Hidden = c.Deleted()
	p.logBtn.Hidden, p.editBtn.Hidden, p.deleteBtn.Hidden = c.Deleted(), c.Deleted(), c.Deleted()
	p.restoreBtn.Hidden = !c.Deleted()
	p.eraseBtn.Hidden = !c.Deleted() // erasing starts from the trash
	p.content.Objects = []fyne.CanvasObject{p.body}
	p.content.Refresh()
}

// tagsText is a client's tags on one line, under their name and in the
// Log visit form: "Tags: VIP · allergy".
func tagsText(tags []string) string {
	return fmt.Sprintf("Tags: %s", strings.Join(tags, "  ·  "))
}

// totalsText is the line above the timeline: visits, spend, averages.
func (p *clientPane) totalsText(t data.Totals) string {
	if t.Visits == 0 {
		return "No visits yet"
	}
	parts := []string{words.Count(t.Visits, "visit", "visits")}
	if !t.Last.IsZero() { // a history before Regulars may give no dates
		parts = append(parts, "last "+words.Ago(t.Last, clock.Now()))
	}
	if t.WithAmount > 0 {
		parts = append(parts, p.u.money(t.SpentCents)+" in all", p.u.money(t.AverageCents())+" a visit")
	}
	if d := t.AverageDays(); d > 0 {
		parts = append(parts, "every "+words.Count(d, "day", "days")+" on average")
	}
	return strings.Join(parts, "  ·  ")
}

// The actions on the open client, from its buttons and their shortcuts.

func (p *clientPane) logContact() {
	p.withClient(func(u *ui, c data.Client, done func()) { showContactForm(u, c, done) })
}

func (p *clientPane) followUp() { p.withClient(showFollowUpForm) }

func (p *clientPane) complaint() { p.withClient(showComplaintForm) }

func (p *clientPane) household() {
	p.withClient(func(u *ui, c data.Client, done func()) { showHouseholdForm(u, c, done) })
}

func (p *clientPane) writeNote() {
	p.withClient(func(u *ui, c data.Client, done func()) { shell{u}.WriteNote(c, done) })
}

func (p *clientPane) snooze() {
	if p.client.ID == 0 || p.u.forms.Open != nil {
		return
	}
	showSnoozeForm(p.u, p.client.ID, p.refresh)
}

// clear empties the pane.
func (p *clientPane) clear() {
	p.client = data.Client{}
	p.content.Objects = []fyne.CanvasObject{p.empty}
	p.content.Refresh()
}

// fillDetails lays out the contact details that are filled in.
func (p *clientPane) fillDetails(c data.Client) {
	var objs []fyne.CanvasObject
	add := func(label, value string, imp widget.Importance) {
		if value == "" {
			return
		}
		l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{})
		l.Importance = widget.LowImportance
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		v.Importance = imp
		objs = append(objs, l, v)
	}
	for i, ph := range c.Phones() {
		label := "Phone"
		if i > 0 {
			label = "Other phone"
		}
		add(label, p.u.phone(ph), widget.MediumImportance)
	}
	add("Email", c.Email, widget.MediumImportance)
	add("Address", strings.Join(c.Address.Lines(), "\n"), widget.MediumImportance)
	if !c.Birthday.IsZero() {
		add("Birthday", birthdayText(c.Birthday), widget.MediumImportance)
	}
	add("Household", p.u.householdText(c), widget.MediumImportance)
	prefs := "Prefers " + map[data.Channel]string{data.ChannelEmail: "email", data.ChannelPost: "a card by post"}[c.PreferredChannel] +
		"  ·  Post: " + consentShort(c.PostConsent) + "  ·  Email: " + consentShort(c.EmailConsent)
	add("Thank-yous", prefs, widget.MediumImportance)
	if c.DoNotContact {
		add("", "Do not contact", widget.DangerImportance)
	}
	if len(c.Tags) > 0 {
		tags := container.NewHBox()
		for _, t := range c.Tags {
			chip := widget.NewButton(t, nil)
			chip.Importance = widget.LowImportance
			t := t
			chip.OnTapped = func() { p.b.search.SetText(t) }
			tags.Add(chip)
		}
		l := widget.NewLabelWithStyle("Tags", fyne.TextAlignTrailing, fyne.TextStyle{})
		l.Importance = widget.LowImportance
		objs = append(objs, l, tags)
	}
	p.details.Objects = objs
	p.details.Refresh()
}

// birthdayText writes a birthday for people: "14 July 1985 (41)".
func birthdayText(b data.Birthday) string {
	s := fmt.Sprintf("%d %s", b.Day, b.Month)
	if b.Year != 0 {
		now := clock.Now()
		age := now.Year() - b.Year
		if now.Month() < b.Month || (now.Month() == b.Month && now.Day() < b.Day) {
			age--
		}
		s += fmt.Sprintf(" %d (%d)", b.Year, age)
	}
	return s
}

// deleteVisit removes a visit logged by mistake, after asking.
func (p *clientPane) deleteVisit(v data.Visit) {
	what := v.What
	if what == "" {
		what = "visit"
	}
	dialog.ShowConfirm("Remove this visit?",
		fmt.Sprintf("%s on %s will be removed from %s's history.", what, v.At.In(time.Local).Format("2 Jan 2006 at 15:04"), p.client.Name()),
		func(ok bool) {
			if !ok {
				return
			}
			if err := p.u.store.DeleteVisit(p.u.ctx, v.ID); err != nil {
				p.u.showError(err)
				return
			}
			p.b.refreshList()
			p.show(v.ClientID)
			p.u.notify("Visit removed from "+p.client.Name()+"'s history", func() error {
				v.ID = 0
				_, err := p.u.store.LogVisit(p.u.ctx, &v)
				return err
			})
		}, p.u.win)
}

// edit opens the client form on the shown client.
func (p *clientPane) edit() {
	if p.client.ID == 0 || p.u.forms.Open != nil {
		return
	}
	showClientForm(p.u, p.client, func(id int64) {
		p.b.refreshList()
		p.show(id)
	})
}

// delete moves the client to the trash after asking.
func (p *clientPane) delete() {
	c := p.client
	if c.ID == 0 {
		return
	}
	dialog.ShowConfirm("Delete "+c.Name()+"?",
		"They go to the trash with all their visits kept, and can be restored.\n(Settings lists the trash.)",
		func(ok bool) {
			if !ok {
				return
			}
			if err := p.u.store.DeleteClient(p.u.ctx, c.ID); err != nil {
				p.u.showError(err)
				return
			}
			p.b.selected = 0
			p.clear()
			p.b.reload()
			p.u.notify(c.Name()+" moved to the trash", func() error { return p.u.store.RestoreClient(p.u.ctx, c.ID) })
		}, p.u.win)
}

// restore takes the shown client out of the trash.
func (p *clientPane) restore() {
	c := p.client
	if err := p.u.store.RestoreClient(p.u.ctx, c.ID); err != nil {
		p.u.showError(err)
		return
	}
	p.b.refreshList()
	p.show(c.ID)
	p.u.notify(c.Name()+" restored from the trash", func() error { return p.u.store.DeleteClient(p.u.ctx, c.ID) })
}

// erase removes a client in the trash and all their history for good,
// for a privacy request, after asking.
func (p *clientPane) erase() {
	c := p.client
	dialog.ShowConfirm("Erase "+c.Name()+" for good?",
		"Their details, visits, contacts, follow-ups and complaints are removed from the book for good and cannot be restored from the book. Backups made before still hold them until they age out.",
		func(ok bool) {
			if !ok {
				return
			}
			if err := p.u.store.EraseClient(p.u.ctx, c.ID); err != nil {
				p.u.showError(err)
				return
			}
			p.b.selected = 0
			p.clear()
			p.b.reload()
			p.b.count.SetText(c.Name() + " was erased for good.")
		}, p.u.win)
}
