package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/clients"
	"regulars/app/today"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
)

// seedToday makes a book with one client in each dashboard list.
func seedToday(t *testing.T) (*ui, *store.Store, map[string]int64) {
	t.Helper()
	now := clock.Now()
	soon := now.AddDate(0, 0, 10) // in time for a birthday card by post
	u, s := newTestUI(t,
		data.Client{FirstName: "Ana", LastName: "Recent", Address: data.Address{Street: "1 Elm St", City: "Austin"}},
		data.Client{FirstName: "Bo", LastName: "Faraway", Address: data.Address{Street: "2 Elm St", City: "Austin"}},
		data.Client{FirstName: "Cy", LastName: "Middling", Birthday: data.Birthday{Month: soon.Month(), Day: soon.Day()}, Address: data.Address{Street: "3 Elm St", City: "Austin"}},
		data.Client{FirstName: "Di", LastName: "Promise"},
	)
	ids := map[string]int64{}
	for _, n := range []string{"recent", "faraway", "middling", "promise"} {
		res, _ := s.Search(ctx, n, 1)
		ids[n] = res.Clients[0].ID
	}
	visit := func(id int64, daysAgo int) {
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: now.AddDate(0, 0, -daysAgo), AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
	}
	visit(ids["recent"], 3)
	visit(ids["faraway"], 120)
	visit(ids["middling"], 72)
	visit(ids["promise"], 10)
	// Thanked after their visits: Middling and Promise.
	for _, n := range []string{"middling", "promise"} {
		at := now.AddDate(0, 0, -2)
		if n == "middling" {
			at = now.AddDate(0, 0, -70)
		}
		if _, err := s.LogContact(ctx, &data.Contact{ClientID: ids[n], At: at, Kind: data.ContactCard, ThankYou: true}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddFollowUp(ctx, &data.FollowUp{ClientID: ids["promise"], What: "Call back about the order", Due: now.AddDate(0, 0, -1)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddComplaint(ctx, &data.Complaint{ClientID: ids["recent"], RaisedOn: now, Description: "Waited 40 minutes"}); err != nil {
		t.Fatal(err)
	}
	u.tabs.Select(u.todaytab)
	u.today.Reload()
	return u, s, ids
}

func tileCounts(u *ui) [today.SectionCount]string {
	var out [today.SectionCount]string
	for i, tl := range u.today.Tiles {
		out[i] = tl.Count.Text
	}
	return out
}

func TestTodayCounts(t *testing.T) {
	u, _, ids := seedToday(t)
	// Thank-you: Recent (Faraway's visit is too old to thank for).
	want := [today.SectionCount]string{today.SecThanks: "1", today.SecOverdue: "1", today.SecDue: "1", today.SecFollowUps: "1", today.SecComplaints: "1", today.SecBirthdays: "1"}
	if got := tileCounts(u); got != want {
		t.Fatalf("tiles %v, want %v (complaints, follow-ups, overdue, birthdays, thanks, due)", got, want)
	}
	test.Tap(u.today.Tiles[today.SecOverdue])
	if u.today.Current != today.SecOverdue || u.today.List.Length() != 1 || u.today.Dash.Overdue[0].ID != ids["faraway"] {
		t.Fatalf("overdue list: %+v", u.today.Dash.Overdue)
	}
	if u.today.Tiles[today.SecFollowUps].Note.Text != "1 late" {
		t.Errorf("follow-up note %q", u.today.Tiles[today.SecFollowUps].Note.Text)
	}
	// The chart has twelve bars ending with this month, and each seeded
	// visit sits in the bar of its own month (whatever day the test runs).
	now := clock.Now()
	perMonth := map[string]int{}
	for _, daysAgo := range []int{3, 120, 72, 10} {
		perMonth[now.AddDate(0, 0, -daysAgo).Local().Format("2006-01")]++
	}
	bars := u.today.Dash.VisitsByMonth
	if len(bars) != 12 || bars[11].Month.Format("2006-01") != now.Local().Format("2006-01") {
		t.Fatalf("chart: %+v", bars)
	}
	for _, b := range bars {
		if got := b.Visits; got != perMonth[b.Month.Format("2006-01")] {
			t.Errorf("chart bar %s: %d visits, want %d (%+v)", b.Month.Format("2006-01"), got, perMonth[b.Month.Format("2006-01")], bars)
		}
	}
}

// rowButtons returns the action buttons of row i of the Today list.
func rowButtons(t *testing.T, u *ui, i int) []*widget.Button {
	t.Helper()
	row := today.NewTodayRow()
	u.today.UpdateRow(i, row)
	var out []*widget.Button
	for _, o := range row.(*fyne.Container).Objects[1].(*fyne.Container).Objects {
		out = append(out, o.(*widget.Button))
	}
	return out
}

// tapMenuItem taps the item of the open pop-up menu that shows label: the
// innermost tappable widget that holds that text.
func tapMenuItem(t *testing.T, u *ui, label string) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no menu open")
	}
	var best fyne.Tappable
	bestSize := -1
	for _, o := range test.LaidOutObjects(top) {
		tap, ok := o.(fyne.Tappable)
		if !ok {
			continue
		}
		inner := test.LaidOutObjects(o)
		for _, in := range inner {
			if txt, ok := in.(*canvas.Text); ok && txt.Text == label && (bestSize < 0 || len(inner) < bestSize) {
				best, bestSize = tap, len(inner)
			}
		}
	}
	if best == nil {
		t.Fatalf("no menu item %q", label)
	}
	best.Tapped(&fyne.PointEvent{})
}

func TestTodaySnoozeRemovesRow(t *testing.T) {
	u, s, ids := seedToday(t)
	u.today.Choose(today.SecOverdue)
	btns := rowButtons(t, u, 0)
	if btns[1].Text != "Snooze" || btns[1].Icon == nil {
		t.Fatalf("second button %q", btns[1].Text)
	}
	test.Tap(btns[1])
	tapMenuItem(t, u, "For a week")
	if u.today.List.Length() != 0 || tileCounts(u)[today.SecOverdue] != "0" {
		t.Errorf("snoozed client still listed: %+v", u.today.Dash.Overdue)
	}
	c, _ := s.Client(ctx, ids["faraway"])
	if days := data.Days(clock.Now(), c.SnoozedUntil, time.Local); days != 7 {
		t.Errorf("snoozed for %d days", days)
	}
}

func TestTodayFollowUpDone(t *testing.T) {
	u, s, _ := seedToday(t)
	u.today.Choose(today.SecFollowUps)
	btns := rowButtons(t, u, 0)
	if btns[0].Text != "Done" {
		t.Fatalf("first button %q", btns[0].Text)
	}
	test.Tap(btns[0])
	if u.today.List.Length() != 0 || tileCounts(u)[today.SecFollowUps] != "0" {
		t.Errorf("done follow-up still listed")
	}
	if open, _ := s.OpenFollowUps(ctx); len(open) != 0 {
		t.Errorf("open follow-ups in the book: %+v", open)
	}
}

func TestTodayLogContactAndResolve(t *testing.T) {
	u, s, ids := seedToday(t)
	u.today.Choose(today.SecOverdue)
	test.Tap(rowButtons(t, u, 0)[0])
	f, ok := u.forms.Open.Form.(*clients.ContactForm)
	if !ok {
		t.Fatalf("Log contact opened %T", u.forms.Open.Form)
	}
	f.Kind.SetSelected("Phone call")
	test.Type(f.Note, "Left a message about a spring appointment")
	f.Note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.forms.Open != nil {
		t.Fatalf("not saved: %s", f.Dialog.Message.Text)
	}
	if tileCounts(u)[today.SecOverdue] != "0" {
		t.Error("a call did not reset the clock")
	}
	lc, _, _ := s.LastContact(ctx, ids["faraway"])
	if lc.Kind != data.ContactCall || lc.Note != "Left a message about a spring appointment" {
		t.Errorf("last contact %+v", lc)
	}

	u.today.Choose(today.SecComplaints)
	test.Tap(rowButtons(t, u, 0)[0])
	if u.forms.Open == nil {
		t.Fatal("no resolve dialog")
	}
	test.Tap(u.forms.Open.Save) // nothing typed: refused
	if u.forms.Open == nil {
		t.Fatal("resolved without saying how")
	}
	u.forms.Open.Close()
	if tileCounts(u)[today.SecComplaints] != "1" {
		t.Error("complaint gone without a resolution")
	}
}

func TestClientListFilter(t *testing.T) {
	u, _, ids := seedToday(t)
	u.tabs.Select(u.booktab)
	u.book.Filter.SetSelected(clients.FilterOverdue)
	if len(u.book.Rows) != 1 || u.book.Rows[0].ID != ids["faraway"] || u.book.Rows[0].Status != data.StatusOverdue {
		t.Errorf("overdue filter: %v", listed(u))
	}
	u.book.Filter.SetSelected(clients.FilterThankYou)
	if len(u.book.Rows) != 1 || u.book.Rows[0].ID != ids["recent"] {
		t.Errorf("thank-you filter: %v", listed(u))
	}
	u.book.Filter.SetSelected(clients.FilterAll)
	if len(u.book.Rows) != 4 {
		t.Errorf("all: %v", listed(u))
	}
}

// TestTodayOpensOnTheFirstThingToDo: with an open complaint, Today opens
// on Complaints; once the owner picks a section it stays there.
func TestTodayOpensOnTheFirstThingToDo(t *testing.T) {
	u, _, _ := seedToday(t)
	u.today.Reload()
	if u.today.Current != today.SecComplaints {
		t.Fatalf("Today opens on %q, want Complaints", today.SectionTitles[u.today.Current])
	}
	u.today.Tiles[today.SecBirthdays].Tapped(nil)
	u.today.Reload()
	if u.today.Current != today.SecBirthdays {
		t.Fatalf("after a reload Today shows %q, want the owner's choice", today.SectionTitles[u.today.Current])
	}
}

// TestTodayRowSaysAllWhenTapped: a follow-up too long for its row ends
// after a whole word there; tapping the row shows the whole of it under
// the list (a row shown whole does not), and choosing another list takes
// it away.
func TestTodayRowSaysAllWhenTapped(t *testing.T) {
	u, _ := layoutBook(t)
	u.win.Resize(windowView(fyne.NewSize(1024, 600)))
	u.tabs.Select(u.todaytab)
	u.today.Reload()
	test.Tap(u.today.Tiles[today.SecFollowUps])
	long := "call back about the bridal package for the whole party of eight, with the trial run, the flowers and the price of the photographer"
	row, short := -1, -1
	for i, f := range u.today.Dash.FollowUps {
		switch f.What {
		case long:
			row = i
		case "call back about the colour":
			short = i
		}
	}
	if row < 0 {
		t.Fatalf("the long follow-up is not listed: %+v", u.today.Dash.FollowUps)
	}
	u.today.List.ScrollTo(row)
	for _, p := range midWordCuts(u, u.win.Canvas().Size()) {
		t.Error(p)
	}
	if u.today.Whole.Visible() {
		t.Errorf("a line shows before any row is tapped: %q", u.today.Whole.Text)
	}
	// A row that says all of it needs no line under the list.
	u.today.List.Select(short)
	if u.today.Whole.Visible() {
		t.Errorf("a row shown whole repeats itself under the list: %q", u.today.Whole.Text)
	}
	u.today.List.Select(row)
	if !u.today.Whole.Visible() || !strings.Contains(u.today.Whole.Text, long) || !strings.HasPrefix(u.today.Whole.Text, "Ruth Fontaine") {
		t.Errorf("after a tap on the row the line under the list says %q", u.today.Whole.Text)
	}
	test.Tap(u.today.Tiles[today.SecComplaints])
	if u.today.Whole.Visible() {
		t.Errorf("another list still shows %q", u.today.Whole.Text)
	}
}
