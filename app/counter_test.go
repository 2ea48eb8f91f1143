package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
)

// press sends a key to a widget as the keyboard would.
func press(w fyne.Focusable, k fyne.KeyName) {
	w.TypedKey(&fyne.KeyEvent{Name: k})
}

// clientNamed finds a client of the book by a search.
func clientNamed(t *testing.T, s *store.Store, q string) data.Client {
	t.Helper()
	res, err := s.Search(ctx, q, 1)
	if err != nil || len(res.Clients) == 0 {
		t.Fatalf("no client %q: %v", q, err)
	}
	c, err := s.Client(ctx, res.Clients[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func visitCount(t *testing.T, s *store.Store, id int64) int {
	t.Helper()
	v, err := s.Visits(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(v)
}

// TestCtrlLLogsTheHighlightedClient is the sequence that once put a visit
// on the wrong client: open A, type B's phone digits (one match), Ctrl+L,
// Enter. The visit must be B's, and the pane must show B.
func TestCtrlLLogsTheHighlightedClient(t *testing.T) {
	for _, how := range []string{"opened with Enter", "chosen in the list"} {
		t.Run(how, func(t *testing.T) {
			u, s := newTestUI(t, testClients...)
			jose, anna := clientNamed(t, s, "jose"), clientNamed(t, s, "anna")
			u.tabs.Select(u.booktab)
			if how == "opened with Enter" {
				test.Type(u.book.search, "jos")
				press(u.book.search, fyne.KeyReturn)
			} else {
				for i, r := range u.book.rows {
					if r.ID == jose.ID {
						u.book.list.Select(i)
					}
				}
			}
			if u.book.pane.client.ID != jose.ID {
				t.Fatalf("pane shows %q, want José", u.book.pane.client.Name())
			}
			// Ctrl+F selects the search; B's phone digits replace it.
			u.book.search.TypedShortcut(ctrl(fyne.KeyF))
			test.Type(u.book.search, "5559876543")
			if len(u.book.rows) != 1 || u.book.rows[0].ID != anna.ID {
				t.Fatalf("search for Anna's phone lists %v", listed(u))
			}
			if u.book.pane.client.ID != anna.ID {
				t.Errorf("the pane still shows %q while only Anna is listed", u.book.pane.client.Name())
			}
			u.book.search.TypedShortcut(ctrl(fyne.KeyL))
			f, ok := u.forms.Open.Form.(*visitForm)
			if !ok {
				t.Fatalf("Ctrl+L opened %T", u.forms.Open)
			}
			if f.c.ID != anna.ID {
				t.Fatalf("the visit form is for %q, want Anna Keller", f.c.Name())
			}
			press(f.what, fyne.KeyReturn)
			if visitCount(t, s, anna.ID) != 1 || visitCount(t, s, jose.ID) != 0 {
				t.Errorf("visits: Anna %d, José %d; want 1 and 0", visitCount(t, s, anna.ID), visitCount(t, s, jose.ID))
			}
			if !strings.Contains(u.lastNotice, "Visit logged for Anna Keller") {
				t.Errorf("confirmation %q", u.lastNotice)
			}
		})
	}
}

// TestPaneFollowsTheSearch: when the search lists nobody, the pane is
// cleared and Ctrl+L logs nothing on the client seen before.
func TestPaneFollowsTheSearch(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	jose := clientNamed(t, s, "jose")
	u.tabs.Select(u.booktab)
	test.Type(u.book.search, "jos")
	press(u.book.search, fyne.KeyReturn)
	u.book.search.SetText("zzzz")
	if u.book.pane.client.ID != 0 || u.book.selected != 0 {
		t.Fatalf("pane shows %q with nothing listed", u.book.pane.client.Name())
	}
	u.book.search.TypedShortcut(ctrl(fyne.KeyL))
	if u.forms.Open != nil {
		t.Fatal("Ctrl+L opened a form with no client listed")
	}
	if visitCount(t, s, jose.ID) != 0 {
		t.Fatal("a visit was logged")
	}
	// Clearing the search keeps nobody open rather than a stale client.
	u.book.search.SetText("")
	if u.book.pane.client.ID != 0 && u.book.pane.client.ID != u.book.selected {
		t.Fatal("pane and highlight disagree")
	}
}

// TestOpenFromTodaySelectsTheRow: a client opened from Today is the
// highlighted row of the list, even when not among the recent visitors.
func TestOpenFromTodaySelectsTheRow(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	siobhan := clientNamed(t, s, "siobhan")
	u.openClient(siobhan.ID)
	if u.book.selected != siobhan.ID || u.book.pane.client.ID != siobhan.ID {
		t.Fatalf("selected %d, pane %d", u.book.selected, u.book.pane.client.ID)
	}
	found := false
	for _, r := range u.book.rows {
		found = found || r.ID == siobhan.ID
	}
	if !found {
		t.Fatal("the opened client is not in the list")
	}
}

// TestNewClientPrefill: Ctrl+N splits what was searched into the right
// fields and selects it, so typing replaces it.
func TestNewClientPrefill(t *testing.T) {
	cases := []struct {
		typed             string
		first, last       string
		email, phone      string
		retype, wantFirst string
	}{
		{"zara rut", "Zara", "Rut", "", "", "Ruth", "Ruth"},
		{"Nakamura, Emi", "Emi", "Nakamura", "", "", "", "Emi"},
		{"ana de la cruz", "Ana", "de la Cruz", "", "", "", "Ana"},
		{"zara@example.com", "", "", "zara@example.com", "", "", ""},
		{"555 222 1234", "", "", "", "555 222 1234", "", ""},
	}
	for _, k := range cases {
		t.Run(k.typed, func(t *testing.T) {
			u, _ := newTestUI(t, testClients...)
			u.tabs.Select(u.booktab)
			test.Type(u.book.search, k.typed)
			u.book.search.TypedShortcut(ctrl(fyne.KeyN))
			f, ok := u.forms.Open.Form.(*clientForm)
			if !ok {
				t.Fatalf("Ctrl+N opened %T", u.forms.Open)
			}
			if f.first.Text != k.first || f.last.Text != k.last || f.email.Text != k.email || f.phone.Text != k.phone {
				t.Fatalf("prefill first %q last %q email %q phone %q", f.first.Text, f.last.Text, f.email.Text, f.phone.Text)
			}
			focused, _ := u.win.Canvas().Focused().(*form.Field)
			if focused == nil || focused.SelectedText() != focused.Text {
				t.Fatalf("the pre-filled field is not focused with its text selected")
			}
			if k.retype != "" {
				test.Type(focused, k.retype)
				if f.first.Text != k.wantFirst {
					t.Errorf("typing over the prefill gives %q, want %q", f.first.Text, k.wantFirst)
				}
			}
		})
	}
}

// TestUndo: each confirmation's Undo really reverses the change in the
// book.
func TestUndo(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	anna := clientNamed(t, s, "anna")
	u.openClient(anna.ID)
	undo := func(t *testing.T) {
		t.Helper()
		if u.notice.undo.Hidden || u.notice.content.Hidden {
			t.Fatalf("no Undo offered after %q", u.lastNotice)
		}
		test.Tap(u.notice.undo)
		if !strings.HasPrefix(u.lastNotice, "Undone") {
			t.Fatalf("after undo the notice says %q (error %q)", u.lastNotice, u.lastErr)
		}
	}

	t.Run("log visit", func(t *testing.T) {
		u.book.logVisit()
		f := u.forms.Open.Form.(*visitForm)
		test.Type(f.amount, "85")
		press(f.what, fyne.KeyReturn)
		if !strings.Contains(u.lastNotice, "Visit logged for Anna Keller · ") || !strings.Contains(u.lastNotice, "85.00") {
			t.Fatalf("notice %q", u.lastNotice)
		}
		if visitCount(t, s, anna.ID) != 1 {
			t.Fatal("visit not logged")
		}
		undo(t)
		if visitCount(t, s, anna.ID) != 0 {
			t.Fatal("undo left the visit")
		}
	})
	t.Run("log contact", func(t *testing.T) {
		u.book.onClient(u.book.pane.logContact)
		f := u.forms.Open.Form.(*contactForm)
		test.Type(f.note, "asked about a voucher")
		press(f.note, fyne.KeyReturn)
		cs, _ := s.Contacts(ctx, anna.ID)
		if len(cs) != 1 || cs[0].Note != "asked about a voucher" {
			t.Fatalf("contacts %+v", cs)
		}
		undo(t)
		if cs, _ := s.Contacts(ctx, anna.ID); len(cs) != 0 {
			t.Fatalf("undo left %+v", cs)
		}
	})
	t.Run("snooze", func(t *testing.T) {
		if err := u.snooze(anna.ID, clock.Now().AddDate(0, 0, 7)); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.Client(ctx, anna.ID); c.SnoozedUntil.IsZero() {
			t.Fatal("not snoozed")
		}
		undo(t)
		if c, _ := s.Client(ctx, anna.ID); !c.SnoozedUntil.IsZero() {
			t.Fatalf("undo left the snooze until %v", c.SnoozedUntil)
		}
	})
	t.Run("follow-up done", func(t *testing.T) {
		f := data.FollowUp{ClientID: anna.ID, What: "call back", Due: clock.Now()}
		if _, err := s.AddFollowUp(ctx, &f); err != nil {
			t.Fatal(err)
		}
		f.ClientName = anna.Name()
		if err := u.finishFollowUp(f); err != nil {
			t.Fatal(err)
		}
		undo(t)
		fs, _ := s.ClientFollowUps(ctx, anna.ID)
		if len(fs) != 1 || fs[0].Done() {
			t.Fatalf("after undo %+v", fs)
		}
	})
	t.Run("complaint resolved", func(t *testing.T) {
		k := data.Complaint{ClientID: anna.ID, Description: "colour too dark", RaisedOn: clock.Now()}
		if _, err := s.AddComplaint(ctx, &k); err != nil {
			t.Fatal(err)
		}
		k.ClientName = anna.Name()
		showResolveForm(u, k, func() {})
		test.Type(u.win.Canvas().Focused().(*form.Field), "redone for free")
		u.win.Canvas().Focused().(*form.Field).TypedShortcut(ctrl(fyne.KeyReturn))
		ks, _ := s.ClientComplaints(ctx, anna.ID)
		if len(ks) != 1 || ks[0].Open() {
			t.Fatalf("Ctrl+Enter did not resolve: %+v (dialog %v)", ks, u.forms.Open != nil)
		}
		undo(t)
		ks, _ = s.ClientComplaints(ctx, anna.ID)
		if len(ks) != 1 || !ks[0].Open() {
			t.Fatalf("after undo %+v", ks)
		}
	})
	t.Run("delete", func(t *testing.T) {
		u.openClient(anna.ID)
		u.book.pane.delete()
		// The confirmation dialog: press its confirm button.
		tapConfirm(t, u)
		if c, _ := s.Client(ctx, anna.ID); !c.Deleted() {
			t.Fatal("not deleted")
		}
		undo(t)
		if c, _ := s.Client(ctx, anna.ID); c.Deleted() {
			t.Fatal("undo left the client in the trash")
		}
	})
	t.Run("add client", func(t *testing.T) {
		n0, _ := s.ClientCount(ctx)
		u.book.search.SetText("Zara Ruthven")
		u.book.newClient()
		f := u.forms.Open.Form.(*clientForm)
		press(f.first, fyne.KeyReturn)
		if n, _ := s.ClientCount(ctx); n != n0+1 {
			t.Fatalf("clients %d, want %d (%q)", n, n0+1, f.dlg.Message.Text)
		}
		undo(t)
		if n, _ := s.ClientCount(ctx); n != n0 {
			t.Fatalf("undo left %d clients, want %d", n, n0)
		}
	})
	t.Run("edit client", func(t *testing.T) {
		u.openClient(anna.ID)
		u.book.onClient(u.book.pane.edit)
		f := u.forms.Open.Form.(*clientForm)
		f.last.SetText("Keller-Wong")
		press(f.last, fyne.KeyReturn)
		if c, _ := s.Client(ctx, anna.ID); c.LastName != "Keller-Wong" {
			t.Fatalf("not saved: %q", c.LastName)
		}
		undo(t)
		if c, _ := s.Client(ctx, anna.ID); c.LastName != "Keller" {
			t.Fatalf("undo gives %q", c.LastName)
		}
	})
}

// tapConfirm presses the "Yes" of the confirmation dialog on top.
func tapConfirm(t *testing.T, u *ui) {
	t.Helper()
	o := u.win.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no confirmation dialog")
	}
	test.Tap(findButton(t, o, "Yes"))
}

// TestTimelineShowsEverything: a call and its note, a card of a batch and
// a resolved complaint appear on the client, newest first.
func TestTimelineShowsEverything(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	anna := clientNamed(t, s, "anna")
	now := clock.Now()
	s.LogVisit(ctx, &data.Visit{ClientID: anna.ID, At: now.Add(-72 * time.Hour), What: "Colour", AmountCents: 8500})
	s.LogContact(ctx, &data.Contact{ClientID: anna.ID, At: now.Add(-48 * time.Hour), Kind: data.ContactCall, Note: "asked about a voucher"})
	s.LogContact(ctx, &data.Contact{ClientID: anna.ID, At: now.Add(-24 * time.Hour), Kind: data.ContactCard, ThankYou: true, Template: "Thank you (classic)"})
	k := data.Complaint{ClientID: anna.ID, Description: "colour too dark", RaisedOn: now.AddDate(0, 0, -2)}
	s.AddComplaint(ctx, &k)
	s.ResolveComplaint(ctx, k.ID, "redone for free", now)
	u.openClient(anna.ID)
	var titles []string
	for _, e := range u.book.pane.history {
		_, title, detail := eventText(e)
		titles = append(titles, title+" | "+detail)
	}
	all := strings.Join(titles, "\n")
	for _, want := range []string{"Complaint put right: redone for free", "Thank-you card sent", "template “Thank you (classic)”",
		"Phone call", "“asked about a voucher”", "Visit: Colour", "Added to the book"} {
		if !strings.Contains(all, want) {
			t.Errorf("timeline lacks %q:\n%s", want, all)
		}
	}
	if !strings.Contains(titles[0], "Complaint put right") {
		t.Errorf("newest first: the top entry is %q", titles[0])
	}
	if !strings.Contains(u.book.pane.stats.Text, "1 visit") || !strings.Contains(u.book.pane.stats.Text, "85.00 in all") {
		t.Errorf("totals %q", u.book.pane.stats.Text)
	}
}

// TestStaffTypeAhead: in the visit dialog, typing "al" on the staff
// choice picks Alex Kim, "san" Bea Santos, and Enter logs the visit.
func TestStaffTypeAhead(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	s.AddStaff(ctx, "Bea Santos")
	s.AddStaff(ctx, "Alex Kim")
	anna := clientNamed(t, s, "anna")
	u.openClient(anna.ID)
	u.book.logVisit()
	f := u.forms.Open.Form.(*visitForm)
	test.Type(f.staff, "al")
	if f.staff.Selected != "Alex Kim" {
		t.Fatalf("typing al picked %q", f.staff.Selected)
	}
	f.staff.typeAt = time.Time{} // a pause: a new name
	test.Type(f.staff, "san")
	if f.staff.Selected != "Bea Santos" {
		t.Fatalf("typing san picked %q", f.staff.Selected)
	}
	press(f.staff, fyne.KeyReturn)
	v, _ := s.Visits(ctx, anna.ID, 0)
	if u.forms.Open != nil || len(v) != 1 || v[0].StaffName != "Bea Santos" {
		t.Fatalf("Enter on the staff choice: dialog open %v, visits %+v", u.forms.Open != nil, v)
	}
}

// nextWeekday is the next day of the week after today.
func nextWeekday(wd time.Weekday) time.Time {
	now := clock.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	n := (int(wd) - int(today.Weekday()) + 7) % 7
	if n == 0 {
		n = 7
	}
	return today.AddDate(0, 0, n)
}

// TestTypedDates: the date fields take the forms people type, in the
// locale's order, and say under the field what is wrong.
func TestTypedDates(t *testing.T) {
	t.Setenv("LANG", "en_GB.UTF-8")
	u, s := newTestUI(t, testClients...)
	anna := clientNamed(t, s, "anna")
	u.openClient(anna.ID)
	today := clock.Now()
	day := func(t time.Time) string { return t.Local().Format("2006-01-02") }

	// A follow-up "friday".
	for _, typed := range []string{"friday", "fri", "Fri"} {
		showFollowUpForm(u, anna, func() {})
		what := u.win.Canvas().Focused().(*form.Field)
		test.Type(what, "call back "+typed)
		d := u.forms.Open
		due := d.Fields()[1]
		due.SetText(typed)
		press(due, fyne.KeyReturn)
		if u.forms.Open != nil {
			t.Fatalf("%q refused: %q", typed, d.Message.Text)
		}
	}
	fs, _ := s.ClientFollowUps(ctx, anna.ID)
	if len(fs) != 3 || day(fs[0].Due) != day(nextWeekday(time.Friday)) {
		t.Fatalf("follow-ups %+v, want due %s", fs, day(nextWeekday(time.Friday)))
	}

	// A visit "yesterday 15:30", then one on 27/11 (day first in en_GB).
	u.book.logVisit()
	f := u.forms.Open.Form.(*visitForm)
	f.at.SetText("yesterday 15:30")
	press(f.what, fyne.KeyReturn)
	v, _ := s.Visits(ctx, anna.ID, 0)
	want := today.AddDate(0, 0, -1)
	if len(v) != 1 || day(v[0].At) != day(want) || v[0].At.Local().Hour() != 15 || v[0].At.Local().Minute() != 30 {
		t.Fatalf("visit yesterday 15:30: %+v", v)
	}
	// A snooze "+1w".
	showSnoozeForm(u, anna.ID, func() {})
	until := u.win.Canvas().Focused().(*form.Field)
	until.SetText("+1w")
	press(until, fyne.KeyReturn)
	if c, _ := s.Client(ctx, anna.ID); day(c.SnoozedUntil) != day(today.AddDate(0, 0, 7)) {
		t.Fatalf("snoozed until %v", c.SnoozedUntil)
	}

	// Mistakes are told under the field, in words.
	for _, k := range []struct{ typed, msg string }{
		{"2026-02-30 10:00", "no 30 February 2026"},
		{"tomorrow-ish", "is not a date"},
		{"2999-01-01", "in the future"},
		{"1850-06-01", "before 1900"},
		{"yesterday 25:99", "not a time of day"},
	} {
		u.book.logVisit()
		f := u.forms.Open.Form.(*visitForm)
		f.at.SetText(k.typed)
		press(f.what, fyne.KeyReturn)
		if u.forms.Open == nil {
			t.Fatalf("%q accepted", k.typed)
		}
		if msg := f.rows[0].Err.Text; f.rows[0].Err.Hidden || !strings.Contains(msg, k.msg) {
			t.Errorf("%q: message under the field %q, want %q", k.typed, msg, k.msg)
		}
		u.forms.Open.Close()
	}
}

// TestShortDateOrderFollowsLocale: 11/12 is 11 December in the UK and
// 12 November in the US.
func TestShortDateOrderFollowsLocale(t *testing.T) {
	for _, k := range []struct {
		lang  string
		month time.Month
		day   int
	}{{"en_GB.UTF-8", time.December, 11}, {"en_US.UTF-8", time.November, 12}} {
		t.Setenv("LANG", k.lang)
		d, err := form.ReadDay("11/12")
		if err != nil || d.Month() != k.month || d.Day() != k.day {
			t.Errorf("%s: 11/12 read as %v (%v)", k.lang, d, err)
		}
	}
}

// TestWindowFitsA720Screen: every screen's smallest size leaves room for
// the menu bar, the title bar and a task bar on a 1280×720 screen, and the
// window opens within it.
func TestWindowFitsA720Screen(t *testing.T) {
	u, _ := newTestUI(t, testClients...)
	u.notify("Visit logged for Anna Keller", func() error { return nil })
	min := u.win.Content().MinSize()
	if min.Height > 600 || min.Width > 1200 {
		t.Errorf("the window needs at least %v; a 1280×720 screen leaves about 1200×600", min)
	}
	if s := windowSize(u.app); s.Width > 1280 || s.Height > 680 {
		t.Errorf("the window opens at %v", s)
	}
}

// TestListShowsVisitsAndSpend: a row of the client list says how many
// visits and how much in all, in the book's currency.
func TestListShowsVisitsAndSpend(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	s.SetCurrency(ctx, "EUR")
	anna := clientNamed(t, s, "anna")
	s.LogVisit(ctx, &data.Visit{ClientID: anna.ID, At: clock.Now().Add(-time.Hour), AmountCents: 8500})
	s.LogVisit(ctx, &data.Visit{ClientID: anna.ID, At: clock.Now().Add(-2 * time.Hour), AmountCents: 4000})
	u.currencyRead = false
	u.tabs.Select(u.booktab)
	u.book.search.SetText("anna")
	row := newClientRow()
	u.book.updateClientRow(row, u.book.rows[0])
	detail := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*widgets.CutLabel).FullText()
	if !strings.Contains(strings.ReplaceAll(detail, "\u00a0", " "), "2 visits, €125.00 (€62.50 a visit)") {
		t.Errorf("row says %q", detail)
	}
}

// TestStaffSignsInSettings: the staff list's "Signs…" sets how a staff
// member signs; a bad signature file is refused under its field.
func TestStaffSignsInSettings(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	id, _ := s.AddStaff(ctx, "Bea Santos")
	u.settings.ShowSignOff(data.Staff{ID: id, Name: "Bea Santos", Active: true})
	f := u.forms.Open
	fields := f.Fields()
	fields[0].SetText("Bea & the team")
	fields[1].SetText("/no/such/signature.png")
	press(fields[0], fyne.KeyReturn)
	if u.forms.Open == nil {
		t.Fatal("a missing signature file was accepted")
	}
	fields[1].SetText("")
	press(fields[0], fyne.KeyReturn)
	if u.forms.Open != nil {
		t.Fatalf("not saved: %q", f.Message.Text)
	}
	if so, _ := s.SignOffOf(ctx, id); so.Line != "Bea & the team" {
		t.Errorf("sign-off %+v", so)
	}
}
