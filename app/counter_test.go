package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/app/clients"
	"regulars/app/form"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/booktest"
	"regulars/internal/clock"
)

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
			u, s := newTestUI(t, booktest.Clients...)
			jose, anna := booktest.ClientNamed(t, s, "jose"), booktest.ClientNamed(t, s, "anna")
			u.tabs.Select(u.booktab)
			if how == "opened with Enter" {
				test.Type(u.book.Search, "jos")
				widgettest.Press(u.book.Search, fyne.KeyReturn)
			} else {
				for i, r := range u.book.Rows {
					if r.ID == jose.ID {
						u.book.List.Select(i)
					}
				}
			}
			if u.book.Pane.Client.ID != jose.ID {
				t.Fatalf("pane shows %q, want José", u.book.Pane.Client.Name())
			}
			// Ctrl+F selects the search; B's phone digits replace it.
			u.book.Search.TypedShortcut(ctrl(fyne.KeyF))
			test.Type(u.book.Search, "5559876543")
			if len(u.book.Rows) != 1 || u.book.Rows[0].ID != anna.ID {
				t.Fatalf("search for Anna's phone lists %v", listed(u))
			}
			if u.book.Pane.Client.ID != anna.ID {
				t.Errorf("the pane still shows %q while only Anna is listed", u.book.Pane.Client.Name())
			}
			u.book.Search.TypedShortcut(ctrl(fyne.KeyL))
			f, ok := u.forms.Open.Form.(*clients.VisitForm)
			if !ok {
				t.Fatalf("Ctrl+L opened %T", u.forms.Open)
			}
			if f.Client.ID != anna.ID {
				t.Fatalf("the visit form is for %q, want Anna Keller", f.Client.Name())
			}
			widgettest.Press(f.What, fyne.KeyReturn)
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
	u, s := newTestUI(t, booktest.Clients...)
	jose := booktest.ClientNamed(t, s, "jose")
	u.tabs.Select(u.booktab)
	test.Type(u.book.Search, "jos")
	widgettest.Press(u.book.Search, fyne.KeyReturn)
	u.book.Search.SetText("zzzz")
	if u.book.Pane.Client.ID != 0 || u.book.Selected != 0 {
		t.Fatalf("pane shows %q with nothing listed", u.book.Pane.Client.Name())
	}
	u.book.Search.TypedShortcut(ctrl(fyne.KeyL))
	if u.forms.Open != nil {
		t.Fatal("Ctrl+L opened a form with no client listed")
	}
	if visitCount(t, s, jose.ID) != 0 {
		t.Fatal("a visit was logged")
	}
	// Clearing the search keeps nobody open rather than a stale client.
	u.book.Search.SetText("")
	if u.book.Pane.Client.ID != 0 && u.book.Pane.Client.ID != u.book.Selected {
		t.Fatal("pane and highlight disagree")
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
			u, _ := newTestUI(t, booktest.Clients...)
			u.tabs.Select(u.booktab)
			test.Type(u.book.Search, k.typed)
			u.book.Search.TypedShortcut(ctrl(fyne.KeyN))
			f, ok := u.forms.Open.Form.(*clients.ClientForm)
			if !ok {
				t.Fatalf("Ctrl+N opened %T", u.forms.Open)
			}
			if f.First.Text != k.first || f.Last.Text != k.last || f.Email.Text != k.email || f.Phone.Text != k.phone {
				t.Fatalf("prefill first %q last %q email %q phone %q", f.First.Text, f.Last.Text, f.Email.Text, f.Phone.Text)
			}
			focused, _ := u.win.Canvas().Focused().(*form.Field)
			if focused == nil || focused.SelectedText() != focused.Text {
				t.Fatalf("the pre-filled field is not focused with its text selected")
			}
			if k.retype != "" {
				test.Type(focused, k.retype)
				if f.First.Text != k.wantFirst {
					t.Errorf("typing over the prefill gives %q, want %q", f.First.Text, k.wantFirst)
				}
			}
		})
	}
}

// TestUndo: each confirmation's Undo really reverses the change in the
// book.
func TestUndo(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	anna := booktest.ClientNamed(t, s, "anna")
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
		u.book.LogVisit()
		f := u.forms.Open.Form.(*clients.VisitForm)
		test.Type(f.Amount, "85")
		widgettest.Press(f.What, fyne.KeyReturn)
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
		u.book.OnClient(u.book.Pane.LogContact)
		f := u.forms.Open.Form.(*clients.ContactForm)
		test.Type(f.Note, "asked about a voucher")
		widgettest.Press(f.Note, fyne.KeyReturn)
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
		if err := u.book.Snooze(anna.ID, clock.Now().AddDate(0, 0, 7)); err != nil {
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
		if err := u.book.FinishFollowUp(f); err != nil {
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
		u.book.Resolve(k, func() {})
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
		u.book.Pane.Delete()
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
		u.book.Search.SetText("Zara Ruthven")
		u.book.NewClient()
		f := u.forms.Open.Form.(*clients.ClientForm)
		widgettest.Press(f.First, fyne.KeyReturn)
		if n, _ := s.ClientCount(ctx); n != n0+1 {
			t.Fatalf("clients %d, want %d (%q)", n, n0+1, f.Dialog.Message.Text)
		}
		undo(t)
		if n, _ := s.ClientCount(ctx); n != n0 {
			t.Fatalf("undo left %d clients, want %d", n, n0)
		}
	})
	t.Run("edit client", func(t *testing.T) {
		u.openClient(anna.ID)
		u.book.OnClient(u.book.Pane.Edit)
		f := u.forms.Open.Form.(*clients.ClientForm)
		f.Last.SetText("Keller-Wong")
		widgettest.Press(f.Last, fyne.KeyReturn)
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
	test.Tap(widgettest.FindButton(t, o, "Yes"))
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
	u, _ := newTestUI(t, booktest.Clients...)
	u.notify("Visit logged for Anna Keller", func() error { return nil })
	min := u.win.Content().MinSize()
	if min.Height > 600 || min.Width > 1200 {
		t.Errorf("the window needs at least %v; a 1280×720 screen leaves about 1200×600", min)
	}
	if s := windowSize(u.app); s.Width > 1280 || s.Height > 680 {
		t.Errorf("the window opens at %v", s)
	}
}

// TestStaffSignsInSettings: the staff list's "Signs…" sets how a staff
// member signs; a bad signature file is refused under its field.
func TestStaffSignsInSettings(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	id, _ := s.AddStaff(ctx, "Bea Santos")
	u.settings.ShowSignOff(data.Staff{ID: id, Name: "Bea Santos", Active: true})
	f := u.forms.Open
	fields := f.Fields()
	fields[0].SetText("Bea & the team")
	fields[1].SetText("/no/such/signature.png")
	widgettest.Press(fields[0], fyne.KeyReturn)
	if u.forms.Open == nil {
		t.Fatal("a missing signature file was accepted")
	}
	fields[1].SetText("")
	widgettest.Press(fields[0], fyne.KeyReturn)
	if u.forms.Open != nil {
		t.Fatalf("not saved: %q", f.Message.Text)
	}
	if so, _ := s.SignOffOf(ctx, id); so.Line != "Bea & the team" {
		t.Errorf("sign-off %+v", so)
	}
}
