package clients

import (
	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/internal/booktest"
	"regulars/internal/clock"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestOpenFromTodaySelectsTheRow: a client opened from Today is the
// highlighted row of the list, even when not among the recent visitors.
func TestOpenFromTodaySelectsTheRow(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	siobhan := booktest.ClientNamed(t, s, "siobhan")
	u.openClient(siobhan.ID)
	if u.book.Selected != siobhan.ID || u.book.Pane.Client.ID != siobhan.ID {
		t.Fatalf("selected %d, pane %d", u.book.Selected, u.book.Pane.Client.ID)
	}
	found := false
	for _, r := range u.book.Rows {
		found = found || r.ID == siobhan.ID
	}
	if !found {
		t.Fatal("the opened client is not in the list")
	}
}

// TestTimelineShowsEverything: a call and its note, a card of a batch and
// a resolved complaint appear on the client, newest first.
func TestTimelineShowsEverything(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	anna := booktest.ClientNamed(t, s, "anna")
	now := clock.Now()
	s.LogVisit(ctx, &data.Visit{ClientID: anna.ID, At: now.Add(-72 * time.Hour), What: "Colour", AmountCents: 8500})
	s.LogContact(ctx, &data.Contact{ClientID: anna.ID, At: now.Add(-48 * time.Hour), Kind: data.ContactCall, Note: "asked about a voucher"})
	s.LogContact(ctx, &data.Contact{ClientID: anna.ID, At: now.Add(-24 * time.Hour), Kind: data.ContactCard, ThankYou: true, Template: "Thank you (classic)"})
	k := data.Complaint{ClientID: anna.ID, Description: "colour too dark", RaisedOn: now.AddDate(0, 0, -2)}
	s.AddComplaint(ctx, &k)
	s.ResolveComplaint(ctx, k.ID, "redone for free", now)
	u.openClient(anna.ID)
	var titles []string
	for _, e := range u.book.Pane.History {
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
	if !strings.Contains(u.book.Pane.Stats.Text, "1 visit") || !strings.Contains(u.book.Pane.Stats.Text, "85.00 in all") {
		t.Errorf("totals %q", u.book.Pane.Stats.Text)
	}
}

// TestStaffTypeAhead: in the visit dialog, typing "al" on the staff
// choice picks Alex Kim, "san" Bea Santos, and Enter logs the visit.
func TestStaffTypeAhead(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	s.AddStaff(ctx, "Bea Santos")
	s.AddStaff(ctx, "Alex Kim")
	anna := booktest.ClientNamed(t, s, "anna")
	u.openClient(anna.ID)
	u.book.LogVisit()
	f := u.forms.Open.Form.(*VisitForm)
	test.Type(f.Staff, "al")
	if f.Staff.Selected != "Alex Kim" {
		t.Fatalf("typing al picked %q", f.Staff.Selected)
	}
	f.Staff.typeAt = time.Time{} // a pause: a new name
	test.Type(f.Staff, "san")
	if f.Staff.Selected != "Bea Santos" {
		t.Fatalf("typing san picked %q", f.Staff.Selected)
	}
	widgettest.Press(f.Staff, fyne.KeyReturn)
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
	u, s := newTestUI(t, booktest.Clients...)
	anna := booktest.ClientNamed(t, s, "anna")
	u.openClient(anna.ID)
	today := clock.Now()
	day := func(t time.Time) string { return t.Local().Format("2006-01-02") }

	// A follow-up "friday".
	for _, typed := range []string{"friday", "fri", "Fri"} {
		showFollowUpForm(u.needs, anna, func() {})
		what := u.win.Canvas().Focused().(*form.Field)
		test.Type(what, "call back "+typed)
		d := u.forms.Open
		due := d.Fields()[1]
		due.SetText(typed)
		widgettest.Press(due, fyne.KeyReturn)
		if u.forms.Open != nil {
			t.Fatalf("%q refused: %q", typed, d.Message.Text)
		}
	}
	fs, _ := s.ClientFollowUps(ctx, anna.ID)
	if len(fs) != 3 || day(fs[0].Due) != day(nextWeekday(time.Friday)) {
		t.Fatalf("follow-ups %+v, want due %s", fs, day(nextWeekday(time.Friday)))
	}

	// A visit "yesterday 15:30", then one on 27/11 (day first in en_GB).
	u.book.LogVisit()
	f := u.forms.Open.Form.(*VisitForm)
	f.At.SetText("yesterday 15:30")
	widgettest.Press(f.What, fyne.KeyReturn)
	v, _ := s.Visits(ctx, anna.ID, 0)
	want := today.AddDate(0, 0, -1)
	if len(v) != 1 || day(v[0].At) != day(want) || v[0].At.Local().Hour() != 15 || v[0].At.Local().Minute() != 30 {
		t.Fatalf("visit yesterday 15:30: %+v", v)
	}
	// A snooze "+1w".
	showSnoozeForm(u.needs, anna.ID, func() {})
	until := u.win.Canvas().Focused().(*form.Field)
	until.SetText("+1w")
	widgettest.Press(until, fyne.KeyReturn)
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
		u.book.LogVisit()
		f := u.forms.Open.Form.(*VisitForm)
		f.At.SetText(k.typed)
		widgettest.Press(f.What, fyne.KeyReturn)
		if u.forms.Open == nil {
			t.Fatalf("%q accepted", k.typed)
		}
		if msg := f.Rows[0].Err.Text; f.Rows[0].Err.Hidden || !strings.Contains(msg, k.msg) {
			t.Errorf("%q: message under the field %q, want %q", k.typed, msg, k.msg)
		}
		u.forms.Open.Close()
	}
}

// TestListShowsVisitsAndSpend: a row of the client list says how many
// visits and how much in all, in the book's currency.
func TestListShowsVisitsAndSpend(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	s.SetCurrency(ctx, "EUR")
	anna := booktest.ClientNamed(t, s, "anna")
	s.LogVisit(ctx, &data.Visit{ClientID: anna.ID, At: clock.Now().Add(-time.Hour), AmountCents: 8500})
	s.LogVisit(ctx, &data.Visit{ClientID: anna.ID, At: clock.Now().Add(-2 * time.Hour), AmountCents: 4000})
	u.currencyRead = false
	u.book.Search.SetText("anna")
	row := newClientRow()
	u.book.updateClientRow(row, u.book.Rows[0])
	detail := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*widgets.CutLabel).FullText()
	if !strings.Contains(strings.ReplaceAll(detail, "\u00a0", " "), "2 visits, €125.00 (€62.50 a visit)") {
		t.Errorf("row says %q", detail)
	}
}
