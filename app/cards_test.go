package app

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"regulars/app/cards"
	"regulars/app/clients"
	"regulars/app/today"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/booktest"
	"regulars/internal/clock"
)

// TestWeMissYouBatch: choosing "We miss you" lists only the client who
// drifted away (not last week's visitor), says why, offers the we-miss-you
// template, and once marked sent lists nobody again.
func TestWeMissYouBatch(t *testing.T) {
	addr := data.Address{Street: "12 Oak Avenue", City: "Austin"}
	u, s := newTestUI(t,
		data.Client{FirstName: "Dana", LastName: "Drift", Address: addr},
		data.Client{FirstName: "Rita", LastName: "Recent", Address: addr},
	)
	s.SetSetting(ctx, data.SettingBusinessName, "Blue Door Salon")
	dana, rita := booktest.ClientNamed(t, s, "dana"), booktest.ClientNamed(t, s, "rita")
	s.LogVisit(ctx, &data.Visit{ClientID: dana.ID, At: clock.Now().AddDate(0, 0, -130), AmountCents: -1})
	s.LogVisit(ctx, &data.Visit{ClientID: rita.ID, At: clock.Now().AddDate(0, 0, -6), AmountCents: -1})
	u.tabs.Select(u.cardstab)
	c := u.cards
	c.Folder.SetText(t.TempDir())
	c.Occasion.SetSelected("We miss you (overdue)")
	if c.Template.Selected != "We miss you" {
		t.Fatalf("template offered %q", c.Template.Selected)
	}
	test.Tap(widgettest.FindButton(t, c.Content, "Find who drifted away"))
	if len(c.Clients) != 1 || c.Clients[0].ID != dana.ID {
		t.Fatalf("we-miss-you lists %v", c.Clients)
	}
	if !strings.Contains(c.Why[dana.ID], "overdue by 40 days") {
		t.Errorf("why %q", c.Why[dana.ID])
	}
	files, err := c.Render(nil)
	c.Printed(files, err)
	if err != nil {
		t.Fatal(err)
	}
	c.MarkSent()
	cs, _ := s.Contacts(ctx, dana.ID)
	if len(cs) == 0 || cs[0].Occasion != data.OccasionMiss || cs[0].ThankYou {
		t.Fatalf("contact logged %+v", cs)
	}
	c.Find()
	if len(c.Clients) != 0 {
		t.Errorf("after marking sent, still lists %v", c.Clients)
	}
}

// TestOneNoteFromTheClientPane: "Write a note…" on a client whose
// complaint was put right writes the make-it-right card, previewed first,
// logs it against the complaint, and Undo takes the log back.
func TestOneNoteFromTheClientPane(t *testing.T) {
	addr := data.Address{Street: "12 Oak Avenue", City: "Austin"}
	u, s := newTestUI(t, data.Client{FirstName: "Uma", LastName: "Unhappy", Address: addr})
	uma := booktest.ClientNamed(t, s, "uma")
	k := data.Complaint{ClientID: uma.ID, Description: "The colour came out too dark", RaisedOn: clock.Now().AddDate(0, 0, -3)}
	s.AddComplaint(ctx, &k)
	s.ResolveComplaint(ctx, k.ID, "Redone for free", clock.Now())
	u.openClient(uma.ID)
	u.book.Search.TypedShortcut(ctrl(fyne.KeyM))
	f, ok := u.forms.Open.Form.(*cards.NoteForm)
	if !ok {
		t.Fatalf("Ctrl+M opened %T", u.forms.Open)
	}
	f.Folder.SetText(t.TempDir())
	f.Occasion.SetSelected("Make it right (complaint resolved)")
	if f.Template.Selected != "We put it right" || f.Preview.Image.Bounds().Dx() < 100 {
		t.Fatalf("template %q, preview %v, info %q", f.Template.Selected, f.Preview.Image.Bounds(), f.Info.Text)
	}
	if !strings.Contains(f.Note.Card.Text, "too dark") {
		t.Errorf("the note does not name the complaint:\n%s", f.Note.Card.Text)
	}
	test.Tap(f.Dialog.Save)
	if u.forms.Open != nil {
		t.Fatalf("not written: %q", f.Dialog.Message.Text)
	}
	cs, _ := s.Contacts(ctx, uma.ID)
	if len(cs) != 1 || cs[0].Occasion != data.OccasionSorry || cs[0].ComplaintID != k.ID || cs[0].Kind != data.ContactCard {
		t.Fatalf("logged %+v", cs)
	}
	pdfs, _ := filepath.Glob(filepath.Join(f.Folder.Text, "note-*.pdf"))
	if len(pdfs) != 2 {
		t.Errorf("files %v", pdfs)
	}
	if !strings.Contains(u.lastNotice, "Make-it-right card for Uma Unhappy written: note-Uma-Unhappy-sorry-") {
		t.Errorf("notice %q", u.lastNotice)
	}
	test.Tap(u.notice.undo)
	if cs, _ := s.Contacts(ctx, uma.ID); len(cs) != 0 {
		t.Errorf("undo left %+v", cs)
	}
}

// newLapsedUI is a window on Today over three clients who drifted away
// (Dana by post, Eve by email, Nora reachable neither way) and Rita, who
// came last week.
func newLapsedUI(t *testing.T) (*ui, *store.Store) {
	addr := data.Address{Street: "12 Oak Avenue", City: "Austin"}
	u, s := newTestUI(t,
		data.Client{FirstName: "Dana", LastName: "Post", Address: addr},
		data.Client{FirstName: "Eve", LastName: "Mail", Email: "eve@example.com", PreferredChannel: data.ChannelEmail},
		data.Client{FirstName: "Nora", LastName: "Neither"},
		data.Client{FirstName: "Rita", LastName: "Recent", Address: addr},
	)
	for _, k := range []struct {
		q    string
		days int
	}{{"dana", 130}, {"eve", 120}, {"nora", 100}, {"rita", 6}} {
		c := booktest.ClientNamed(t, s, k.q)
		s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: clock.Now().AddDate(0, 0, -k.days), AmountCents: -1})
	}
	u.tabs.Select(u.todaytab)
	return u, s
}

// TestWeMissYouFromToday: the Overdue section of Today offers the
// we-miss-you batch with its counts by channel; pressing it lists the
// same people in the batch.
func TestWeMissYouFromToday(t *testing.T) {
	u, _ := newLapsedUI(t)
	u.today.Reload()
	u.today.Tiles[today.SecOverdue].Tapped(nil)
	// Nora, reachable neither way, is not counted: Today and the batch
	// list the same people.
	if u.today.BatchRow.Hidden || u.today.BatchLine.Text != "2 we-miss-you notes: 1 by post, 1 by email" || u.today.Tiles[today.SecOverdue].Count.Text != "2" {
		t.Fatalf("Today offers %q", u.today.BatchLine.Text)
	}
	test.Tap(u.today.Batch)
	c := u.cards
	if u.tabs.Selected() != u.cardstab || c.ChosenOccasion() != data.OccasionMiss {
		t.Fatalf("the batch did not open on we-miss-you")
	}
	if len(c.Clients) != u.today.BatchCounts.Post || len(c.Clients) != 1 || c.Clients[0].FirstName != "Dana" {
		t.Fatalf("the batch lists %v, Today counted %d by post", c.Clients, u.today.BatchCounts.Post)
	}
	c.Channel.SetSelected(cards.ByEmail)
	c.Find()
	if len(c.Clients) != u.today.BatchCounts.Email || c.Clients[0].FirstName != "Eve" {
		t.Fatalf("by email the batch lists %v, Today counted %d", c.Clients, u.today.BatchCounts.Email)
	}
}

// TestHouseholdInTheWindow: linking Ada and Chidi from Ada's pane, then a
// batch with "One card per household" writes them one card naming both,
// and marking it sent logs both.
func TestHouseholdInTheWindow(t *testing.T) {
	addr := data.Address{Street: "7 Elm St", City: "Austin"}
	u, s := newTestUI(t,
		data.Client{FirstName: "Ada", LastName: "Okafor", Address: addr},
		data.Client{FirstName: "Chidi", LastName: "Okafor", Address: addr},
	)
	ada, chidi := booktest.ClientNamed(t, s, "ada"), booktest.ClientNamed(t, s, "chidi")
	for _, c := range []data.Client{ada, chidi} {
		s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: clock.Now().Add(-time.Hour), AmountCents: -1})
	}
	u.openClient(ada.ID)
	u.book.Pane.Household()
	f := u.forms.Open.Form.(*clients.HouseholdForm)
	if f.Name.Text != "The Okafors" {
		t.Errorf("household name offered %q", f.Name.Text)
	}
	test.Type(f.Find, "chidi")
	if len(f.Found.Options) != 1 {
		t.Fatalf("search offers %v", f.Found.Options)
	}
	f.Found.SetSelected(f.Found.Options)
	test.Tap(f.Dialog.Save)
	if u.forms.Open != nil {
		t.Fatalf("not saved: %q", f.Dialog.Message.Text)
	}
	if txt := u.book.HouseholdText(ada); txt != "The Okafors — with Chidi Okafor" {
		t.Errorf("pane says %q", txt)
	}
	u.tabs.Select(u.cardstab)
	c := u.cards
	c.Folder.SetText(t.TempDir())
	c.Find()
	c.Households.SetChecked(true)
	c.Find()
	files, err := c.Render(nil)
	c.Printed(files, err)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdftotext", files[0], "-").Output()
	if !strings.Contains(string(out), "Ada and Chidi") {
		t.Errorf("the card says:\n%s", out)
	}
	c.MarkSent()
	for _, id := range []int64{ada.ID, chidi.ID} {
		if cs, _ := s.Contacts(ctx, id); len(cs) != 2 {
			t.Errorf("client %d: contacts %+v", id, cs)
		}
	}
}

// TestBatchMarkedSentElsewhere: two seats print the same month's cards;
// the owner marks them sent on the laptop first. The counter's "Mark as
// sent" then logs nobody twice and says when it was done elsewhere.
func TestBatchMarkedSentElsewhere(t *testing.T) {
	addr := data.Address{Street: "12 Oak Avenue", City: "Austin", Region: "TX", PostalCode: "78701"}
	u, s := newTestUIOn(t, anyEngineBook(t), data.Client{FirstName: "Zoë", LastName: "Núñez", Address: addr})
	s.SetSetting(ctx, data.SettingBusinessName, "Blue Door Salon")
	res, _ := s.Search(ctx, "", 10)
	id := res.Clients[0].ID
	s.LogVisit(ctx, &data.Visit{ClientID: id, At: clock.Now().Add(-48 * time.Hour), What: "Haircut", AmountCents: -1})
	u.tabs.Select(u.cardstab)
	c := u.cards
	c.Folder.SetText(t.TempDir())
	c.Find()
	files, err := c.Render(nil)
	c.Printed(files, err)
	if err != nil || c.MarkBtn.Disabled() {
		t.Fatalf("render: %v", err)
	}
	laptop, err := store.OpenShared(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	if _, err := laptop.MarkBatchSent(ctx, c.Batch, []int64{id}, clock.Now()); err != nil {
		t.Fatal(err)
	}
	c.MarkSent()
	if !strings.Contains(c.Status.Text, "already marked sent") || !c.MarkBtn.Disabled() || u.lastErr != "" {
		t.Errorf("status %q, mark enabled %v, error %q", c.Status.Text, !c.MarkBtn.Disabled(), u.lastErr)
	}
	touches, _ := s.Contacts(ctx, id)
	cards := 0
	for _, k := range touches {
		if k.Kind == data.ContactCard {
			cards++
		}
	}
	if cards != 1 {
		t.Errorf("%d cards logged for Zoë, want 1", cards)
	}
}

// TestCardShownLarger: on a 1024×600 screen the card in the review's
// preview is small; "Larger" shows the same card, whole, in a window of
// its own, named; with no card shown it cannot be tapped.
func TestCardShownLarger(t *testing.T) {
	u, _ := layoutBook(t)
	u.win.Resize(windowView(fyne.NewSize(1024, 600)))
	c := u.cards
	u.tabs.Select(u.cardstab)
	c.Tabs.SelectIndex(0)
	c.Channel.SetSelected(cards.ByPost)
	c.Occasion.SetSelected(cards.OccasionLabels[0].Label)
	if !c.LargerBtn.Disabled() {
		t.Error("Larger can be tapped with no card shown")
	}
	test.Tap(widgettest.FindButton(t, c.Content, "Find who to thank"))
	c.List.Select(1)
	if c.LargerBtn.Disabled() {
		t.Fatal("Larger cannot be tapped with a card shown")
	}
	test.Tap(c.LargerBtn)
	if c.Larger == nil || u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no larger card shown")
	}
	var pic *canvas.Image
	for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
		if im, ok := o.(*canvas.Image); ok && im.Image == c.Preview.Image {
			pic = im
		}
	}
	if pic == nil {
		t.Fatal("the larger window does not show the card of the preview")
	}
	if pic.Size().Height < 2*c.Preview.Size().Height || pic.Size().Height > u.win.Canvas().Size().Height {
		t.Errorf("the card is drawn %v high, the preview %v, the window %v", pic.Size().Height, c.Preview.Size().Height, u.win.Canvas().Size().Height)
	}
	if !strings.Contains(strings.Join(widgettest.Texts(u.win.Canvas().Overlays().Top()), " "), "Card 2 of") {
		t.Errorf("the larger card is not named: %v", widgettest.Texts(u.win.Canvas().Overlays().Top()))
	}
}
