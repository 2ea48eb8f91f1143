package app

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/cards"
	"regulars/app/clients"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/booktest"
	"regulars/internal/clock"
)

// menuBarHeight is the room the main menu takes at the top of a real
// window on Linux and Windows, where Fyne draws it in the window: the
// layout tests give the screens the screen's height less this.
const menuBarHeight = 30

// windowView is the room the screens get on a screen of the given size:
// the window as it opens there (less a title bar and a panel, see
// fitSize) less the menu bar Fyne draws in it.
func windowView(screen fyne.Size) fyne.Size {
	w := fitSize(screen, screen)
	return fyne.NewSize(w.Width, w.Height-menuBarHeight)
}

// screenSizes are the screens the window must work on.
var screenSizes = []fyne.Size{{Width: 1024, Height: 600}, {Width: 1280, Height: 720}, {Width: 1366, Height: 768}}

// box is a rectangle on the window, in window coordinates.
type box struct{ x0, y0, x1, y1 float32 }

func (b box) intersect(o box) box {
	return box{max(b.x0, o.x0), max(b.y0, o.y0), min(b.x1, o.x1), min(b.y1, o.y1)}
}

// inside reports whether b lies within o (half a pixel of slack).
func (b box) inside(o box) bool {
	const e = 0.5
	return b.x0 >= o.x0-e && b.y0 >= o.y0-e && b.x1 <= o.x1+e && b.y1 <= o.y1+e
}

func (b box) String() string {
	return fmt.Sprintf("(%.0f,%.0f)-(%.0f,%.0f)", b.x0, b.y0, b.x1, b.y1)
}

// scrolledAway lists the scrolls whose content is meant to go on below
// the fold (a long page of settings, the details under a client's name):
// controls they hold may lie outside their view until scrolled to.
type scrolledAway map[fyne.CanvasObject]bool

// longPages lists the window's scrolls that are long by nature: the page
// of Settings, the details under a client's name, the charts on Today,
// a template's text filled in.
func longPages(u *ui) scrolledAway {
	// The card text filled in for a client is read by scrolling it.
	allowed := scrolledAway{u.settings.Content: true, u.book.Pane.Scroll: true, u.cards.TplMergedScroll: true}
	for _, o := range test.LaidOutObjects(u.today.Content) {
		if s, ok := o.(*container.Scroll); ok {
			allowed[s] = true
		}
	}
	// The template's text filled in for a client, to read down.
	for _, o := range test.LaidOutObjects(u.cards.Content) {
		if s, ok := o.(*container.Scroll); ok && s.Content == u.cards.TplMerged {
			allowed[s] = true
		}
	}
	return allowed
}

// layoutProblems walks everything drawn on the window (the screen and any
// dialog over it) and lists every button, check, choice, status line or
// error message that lies outside the visible window, outside the view of
// the scroll it is in, or is drawn smaller than it needs (cut). Rows of
// lists are skipped: they scroll by nature.
func layoutProblems(u *ui, screen fyne.Size, allowed scrolledAway, important ...*widget.Label) []string {
	var problems []string
	win := box{0, 0, screen.Width, screen.Height}
	inDialog := false
	isImportant := map[*widget.Label]bool{}
	for _, l := range important {
		isImportant[l] = true
	}
	var walk func(o fyne.CanvasObject, origin fyne.Position, clip box, mayHide bool)
	walk = func(o fyne.CanvasObject, origin fyne.Position, clip box, mayHide bool) {
		if o == nil || !o.Visible() {
			return
		}
		pos := origin.Add(o.Position())
		size := o.Size()
		r := box{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
		check := func(what string, cut bool) {
			if mayHide && !r.inside(clip) {
				return
			}
			switch {
			case !r.inside(win):
				problems = append(problems, fmt.Sprintf("%s at %v is outside the %v window", what, r, screen))
			case !r.inside(clip):
				problems = append(problems, fmt.Sprintf("%s at %v is scrolled out of view %v", what, r, clip))
			case cut && (size.Width < o.MinSize().Width-1 || size.Height < o.MinSize().Height-1):
				problems = append(problems, fmt.Sprintf("%s is cut: %v drawn, needs %v", what, size, o.MinSize()))
			}
		}
		switch v := o.(type) {
		case *widget.Button:
			// A field's icon button is drawn a little shorter than it
			// asks, by Fyne, and shows whole.
			check(fmt.Sprintf("button %q", v.Text), v.Text != "")
		case *widget.Check:
			check(fmt.Sprintf("check %q", v.Text), true)
		case *widget.Select:
			check(fmt.Sprintf("choice %q", v.Selected), false)
		case *widget.Label:
			if isImportant[v] || (v.Importance == widget.DangerImportance && v.Text != "") {
				check(fmt.Sprintf("message %q", v.Text), false)
			}
			if v.Text != "" && size.Width > 0 && (!mayHide || r.inside(clip)) && !r.inside(win) {
				problems = append(problems, fmt.Sprintf("label %q at %v is outside the %v window", v.Text, r, screen))
			}
			// A label that neither wraps nor ends in "…" is cut when drawn
			// narrower than its text.
			// (A dialog's title is sized by Fyne out of the test's sight: 0.)
			if v.Text != "" && size.Width > 0 && v.Wrapping == fyne.TextWrapOff && v.Truncation == fyne.TextTruncateOff &&
				(!mayHide || r.inside(clip)) && size.Width < v.MinSize().Width-1 {
				problems = append(problems, fmt.Sprintf("label %q is cut: %.0f drawn, needs %.0f", v.Text, size.Width, v.MinSize().Width))
			}
		case *widget.List, *widget.Table, *widget.GridWrap, *widget.Tree:
			return // rows scroll by nature
		}
		kids := drawnKids(o)
		if s, ok := o.(*container.Scroll); ok {
			clip = clip.intersect(r)
			mayHide = mayHide || inDialog || allowed[s] || allowed[s.Content]
		}
		for _, k := range kids {
			walk(k, pos, clip, mayHide)
		}
	}
	// With a dialog open only the dialog can be used; its form may
	// scroll, its buttons and messages may not.
	c := u.win.Canvas()
	if top := c.Overlays().Top(); top != nil {
		inDialog = true
		walk(top, fyne.Position{}, win, false)
		return problems
	}
	walk(c.Content(), fyne.Position{}, win, false)
	return problems
}

// layoutBook is a shop's book with something on every screen: clients
// due a thank-you (with addresses), one with notes, tags, a follow-up and
// a complaint.
func layoutBook(t *testing.T) (*ui, *store.Store) {
	t.Helper()
	addr := data.Address{Street: "12 Oak Avenue", City: "Austin", Region: "TX", PostalCode: "78701"}
	u, s := newTestUI(t,
		data.Client{FirstName: "Ruth", LastName: "Fontaine", Address: addr, Email: "ruth@example.com", Phone: "555 010 2030",
			Notes: "Allergic to lilies, no perfume", Tags: []string{"VIP", "allergy"},
			Company: "Fontaine Flowers, Wedding Planning and Bridal Boutique of Greater Austin and Round Rock"},
		data.Client{FirstName: "Łukasz", LastName: "Nowak", Address: addr},
		data.Client{FirstName: "Zoë", LastName: "Núñez", Address: addr},
		data.Client{FirstName: "Bea", LastName: "Quiet", Address: addr},
	)
	s.SetSetting(ctx, data.SettingBusinessName, "Blue Door Salon")
	res, _ := s.Search(ctx, "", 10)
	for _, c := range res.Clients {
		s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: clock.Now().Add(-48 * time.Hour), What: "Haircut", AmountCents: 4500})
	}
	ruth := booktest.ClientNamed(t, s, "ruth")
	s.AddFollowUp(ctx, &data.FollowUp{ClientID: ruth.ID, What: "call back about the colour", Due: clock.Now()})
	// Long words must not widen the window past a small screen.
	s.AddFollowUp(ctx, &data.FollowUp{ClientID: ruth.ID, Due: clock.Now().AddDate(0, 0, 2),
		What: "call back about the bridal package for the whole party of eight, with the trial run, the flowers and the price of the photographer"})
	s.AddComplaint(ctx, &data.Complaint{ClientID: ruth.ID, Description: "colour too dark", RaisedOn: clock.Now()})
	u.cards.Folder.SetText(t.TempDir())
	return u, s
}

// closeDialogs takes every dialog off the window.
func closeDialogs(u *ui) {
	if u.forms.Open != nil {
		u.forms.Open.Close()
	}
	for u.win.Canvas().Overlays().Top() != nil {
		u.win.Canvas().Overlays().Top().Hide()
		u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	}
}

// TestEveryScreenFits opens every screen and form of the window at the
// screen sizes a shop has, in light and dark, and fails when an action,
// a status line or an error message is out of the window, out of view or
// cut, and when an explanation is cut in the middle of a word. It also checks the window can be made that small.
func TestEveryScreenFits(t *testing.T) {
	u, s := layoutBook(t)
	ruth := booktest.ClientNamed(t, s, "ruth")
	bea, err := s.AddStaff(ctx, "Bea Santos")
	if err != nil {
		t.Fatal(err)
	}
	c := u.cards
	type step struct {
		name string
		open func()
		keep []*widget.Label // status lines that must show
	}
	batch := func(prepare func()) func() {
		return func() {
			u.tabs.Select(u.cardstab)
			c.Tabs.SelectIndex(0)
			c.Channel.SetSelected(cards.ByPost)
			c.Occasion.SetSelected(cards.OccasionLabels[0].Label)
			prepare()
		}
	}
	form := func(open func()) func() {
		return func() {
			u.openClient(ruth.ID)
			open()
		}
	}
	steps := []step{
		{"Today", func() { u.tabs.Select(u.todaytab) }, nil},
		{"Clients, a client open", func() { u.openClient(ruth.ID) }, nil},
		{"Batch at the start", batch(func() { c.ClearBatch() }), []*widget.Label{c.Status}},
		{"Batch found", batch(func() { test.Tap(widgettest.FindButton(t, c.Content, "Find who to thank")) }), []*widget.Label{c.Status}},
		{"Batch printed", batch(func() {
			test.Tap(widgettest.FindButton(t, c.Content, "Find who to thank"))
			files, err := c.Render(nil)
			c.Printed(files, err)
		}), []*widget.Label{c.Status}},
		{"Batch by email", batch(func() {
			c.Channel.SetSelected(cards.ByEmail)
			test.Tap(widgettest.FindButton(t, c.Content, "Find who to thank"))
		}), []*widget.Label{c.Status}},
		{"Batch, nobody due", batch(func() {
			c.Channel.SetSelected(cards.ByPost)
			c.Occasion.SetSelected(cards.OccasionLabels[3].Label)
			c.Find()
		}), []*widget.Label{c.Status}},
		{"Templates", func() { u.tabs.Select(u.cardstab); c.Tabs.SelectIndex(1); c.TplList.Select(0) }, nil},
		{"Email outbox", func() { u.tabs.Select(u.cardstab); c.Tabs.SelectIndex(2) }, nil},
		// Settings' Save changes and what it says stay in view, under a
		// page that scrolls.
		{"Settings", func() { u.tabs.Select(u.settingstab) }, []*widget.Label{u.settings.Bar.Status}},
		{"Settings, edited", func() {
			u.tabs.Select(u.settingstab)
			u.settings.Business.SetText("Blue Door Salon and Spa")
			u.settings.ThanksWithin.SetText("soon")
			test.Tap(u.settings.Bar.Save)
		}, []*widget.Label{u.settings.Bar.Status}},
		{"New client", func() { u.tabs.Select(u.booktab); u.book.NewClient() }, nil},
		{"New client with errors", func() {
			u.tabs.Select(u.booktab)
			u.book.Search.SetText("")
			u.book.NewClient()
			f := u.forms.Open.Form.(*clients.ClientForm)
			f.Email.SetText("not an address")
			f.Dialog.Submit()
		}, nil},
		{"Edit client", form(u.book.Pane.Edit), nil},
		{"Log visit", form(u.book.LogVisit), nil},
		{"Log visit with errors", form(func() {
			u.book.LogVisit()
			f := u.forms.Open.Form.(*clients.VisitForm)
			f.Amount.SetText("lots")
			f.Dialog.Submit()
		}), nil},
		{"Write a note", form(u.book.Pane.WriteNote), nil},
		{"Log contact", form(u.book.Pane.LogContact), nil},
		{"Follow-up", form(u.book.Pane.FollowUp), nil},
		{"Complaint", form(u.book.Pane.Complaint), nil},
		{"Snooze", form(u.book.Pane.Snooze), nil},
		{"Keyboard shortcuts", u.showShortcuts, nil},
		{"Household", form(u.book.Pane.Household), nil},
		{"Resolve a complaint", form(func() {
			ks, _ := s.ClientComplaints(ctx, ruth.ID)
			ks[0].ClientName = ruth.Name()
			u.book.Resolve(ks[0], func() {})
		}), nil},
		{"Delete, asked", form(u.book.Pane.Delete), nil},
		{"Something went wrong", func() { u.showError(fmt.Errorf("the book is locked by another program; nothing was changed")) }, nil},
		{"Card text by hand", batch(func() {
			test.Tap(widgettest.FindButton(t, c.Content, "Find who to thank"))
			c.EditText(0)
		}), nil},
		{"Card shown larger", batch(func() {
			test.Tap(widgettest.FindButton(t, c.Content, "Find who to thank"))
			c.List.Select(0)
			test.Tap(c.LargerBtn)
		}), nil},
		{"Mark as sent, asked", batch(func() {
			test.Tap(widgettest.FindButton(t, c.Content, "Find who to thank"))
			c.ConfirmMarkSent()
		}), nil},
		{"Own hand", func() { u.tabs.Select(u.settingstab); u.settings.ShowOwnHand() }, nil},
		{"Signature", func() { u.tabs.Select(u.settingstab); u.settings.ShowSignature() }, nil},
		{"Staff sign-off", func() {
			u.tabs.Select(u.settingstab)
			u.settings.ShowSignOff(data.Staff{ID: bea, Name: "Bea Santos", Active: true})
		}, nil},
	}
	variants, sizes := []string{themeLight, themeDark}, screenSizes
	if raceDetector {
		// Tens of times slower under the race detector: the smallest
		// screen only, in the light; the suite without it tries all.
		variants, sizes = variants[:1], sizes[:1]
	}
	for _, variant := range variants {
		u.applyTheme(variant)
		for _, size := range sizes {
			view := windowView(size)
			for _, st := range steps {
				closeDialogs(u)
				u.settings.Reload() // no edits left from the step before
				u.win.Resize(view)
				st.open()
				u.win.Resize(view)
				got := u.win.Canvas().Size()
				if got.Width > view.Width+0.5 || got.Height > view.Height+0.5 {
					t.Errorf("%s, %s on %v: the window cannot be made smaller than %v", variant, st.name, size, got)
				}
				allowed := longPages(u)
				for _, p := range layoutProblems(u, view, allowed, st.keep...) {
					t.Errorf("%s, %s on %v: %s", variant, st.name, size, p)
				}
				for _, p := range midWordCuts(u, view) {
					t.Errorf("%s, %s on %v: %s", variant, st.name, size, p)
				}
			}
		}
	}
	closeDialogs(u)
	if min := u.win.Content().MinSize(); min.Width > 1000 {
		t.Errorf("the window cannot be narrower than %v: it must fit a 1024-pixel screen", min.Width)
	}
	// A 600-pixel screen less its panel, the title bar and the menu bar
	// (about 30 each) leaves about 510 for the screens.
	if min := u.win.Content().MinSize(); min.Height > 510 {
		t.Errorf("the window cannot be shorter than %v: it would run past the bottom of a 600-pixel screen", min.Height)
	}
}

// TestWindowFitsTheScreen: the window opens within the screen, less its
// title bar and a panel, and never below the smallest size the screens
// need.
func TestWindowFitsTheScreen(t *testing.T) {
	cases := []struct {
		want, screen, got fyne.Size
	}{
		{fyne.NewSize(1200, 660), fyne.NewSize(1024, 600), fyne.NewSize(1024, 536)},
		{fyne.NewSize(1200, 660), fyne.NewSize(1280, 720), fyne.NewSize(1200, 656)},
		{fyne.NewSize(1200, 660), fyne.NewSize(1920, 1080), fyne.NewSize(1200, 660)},
		{fyne.NewSize(1200, 660), fyne.NewSize(800, 480), fyne.NewSize(minWidth, minHeight)},
		{fyne.NewSize(1200, 660), fyne.Size{}, fyne.NewSize(1200, 660)}, // screen not known
	}
	for _, tc := range cases {
		if got := fitSize(tc.want, tc.screen); got != tc.got {
			t.Errorf("%v on a %v screen: %v, want %v", tc.want, tc.screen, got, tc.got)
		}
	}
}

// TestWelcomeFits: the welcome of an empty book shows its buttons whole
// on every screen size.
func TestWelcomeFits(t *testing.T) {
	u, _ := newTestUI(t)
	for _, size := range screenSizes {
		view := windowView(size)
		u.win.Resize(view)
		if got := u.win.Canvas().Size(); got.Width > view.Width+0.5 || got.Height > view.Height+0.5 {
			t.Errorf("welcome on %v: the window cannot be made smaller than %v", size, got)
		}
		for _, p := range layoutProblems(u, view, longPages(u)) {
			t.Errorf("welcome on %v: %s", size, p)
		}
	}
}
