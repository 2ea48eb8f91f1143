package app

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/cards"
	"regulars/app/clients"
	"regulars/app/widgets"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/booktest"
	"regulars/internal/clock"
)

// smallScreen is the smallest screen the window must work on, less the
// menu bar.
var smallScreen = fyne.NewSize(1024, 600-menuBarHeight)

// key presses one key on the window as the desktop driver passes it on:
// Tab moves the focus (unless the focused field takes tabs), other keys
// go to the focused control, else to the window.
func key(u *ui, k fyne.KeyName) {
	c := u.win.Canvas()
	if k == fyne.KeyTab {
		if t, ok := c.Focused().(fyne.Tabbable); !ok || !t.AcceptsTab() {
			c.FocusNext()
			return
		}
	}
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		if k == fyne.KeySpace {
			f.TypedRune(' ') // the character follows the key, as from a keyboard
		}
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// pressShortcut presses a shortcut as the desktop driver passes it on:
// the main menu's item with that shortcut first, then the focused
// control, then the window.
func pressShortcut(u *ui, s fyne.Shortcut) {
	var inMenu func(items []*fyne.MenuItem) bool
	inMenu = func(items []*fyne.MenuItem) bool {
		for _, i := range items {
			if i.Shortcut != nil && i.Shortcut.ShortcutName() == s.ShortcutName() && i.Action != nil {
				i.Action()
				return true
			}
			if i.ChildMenu != nil && inMenu(i.ChildMenu.Items) {
				return true
			}
		}
		return false
	}
	if m := u.win.MainMenu(); m != nil {
		for _, menu := range m.Items {
			if inMenu(menu.Items) {
				return
			}
		}
	}
	if f, ok := u.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// tabTo presses Tab until target has the focus, as a person tabs to a
// button; it fails when Tab never reaches it.
func tabTo(t *testing.T, u *ui, target fyne.Focusable) {
	t.Helper()
	for i := 0; i < 80; i++ {
		if u.win.Canvas().Focused() == target {
			return
		}
		key(u, fyne.KeyTab)
	}
	t.Fatalf("Tab never reaches %T %v", target, target)
}

// fitsSmallScreen fails the test when anything to use on the window lies
// out of view on a 1024×600 screen.
func fitsSmallScreen(t *testing.T, u *ui, when string, important ...*widget.Label) {
	t.Helper()
	for _, p := range layoutProblems(u, smallScreen, longPages(u), important...) {
		t.Errorf("%s: %s", when, p)
	}
}

// rowCheck finds the tick box of the review list's row for a client.
func rowCheck(t *testing.T, c *cards.Screen, name string) *widget.Check {
	t.Helper()
	for _, o := range test.LaidOutObjects(c.List) {
		box, ok := o.(*fyne.Container)
		if !ok || len(box.Objects) != 3 {
			continue
		}
		l, ok1 := box.Objects[0].(*widgets.CutLabel)
		ch, ok2 := box.Objects[1].(*widget.Check)
		if ok1 && ok2 && strings.Contains(l.FullText(), name) {
			return ch
		}
	}
	t.Fatalf("no row for %s in the review list", name)
	return nil
}

// waitPrinted waits for the cards written in the background.
func waitPrinted(t *testing.T, c *cards.Screen) {
	t.Helper()
	c.Working.Wait()
	if c.MarkBtn.Disabled() {
		t.Fatalf("the cards were not written: %q", c.Status.Text)
	}
}

// batchDone checks the book after a batch: a card contact with the
// batch's id for each client but Bea, who was left out, and PDFs in the
// folder; the preview of the batch is gone.
func batchDone(t *testing.T, u *ui, s *store.Store) {
	t.Helper()
	c := u.cards
	if c.Batch.ID == 0 {
		t.Fatal("no batch")
	}
	for _, name := range []string{"ruth", "nowak", "zoë", "bea"} {
		cl := booktest.ClientNamed(t, s, name)
		cs, err := s.Contacts(ctx, cl.ID)
		if err != nil {
			t.Fatal(err)
		}
		var inBatch int
		for _, k := range cs {
			if k.BatchID == c.Batch.ID {
				inBatch++
			}
		}
		want := 1
		if name == "bea" {
			want = 0
		}
		if inBatch != want {
			t.Errorf("%s has %d contacts of batch %d, want %d", cl.Name(), inBatch, c.Batch.ID, want)
		}
	}
	entries, _ := os.ReadDir(c.Folder.Text)
	var pdfs int
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ".pdf") && fi.Size() > 1000 {
			pdfs++
		}
	}
	if pdfs == 0 {
		t.Errorf("no PDF written in %s", c.Folder.Text)
	}
	if !strings.HasPrefix(c.Status.Text, "Done: 3 clients") {
		t.Errorf("status %q", c.Status.Text)
	}
	if c.PreviewInfo.FullText() != "" || c.Preview.Image.Bounds().Dx() > 1 {
		t.Errorf("after marking sent the preview still shows %q", c.PreviewInfo.FullText())
	}
}

// TestMonthlyBatchFromTheKeyboard runs the whole monthly batch on a
// 1024×600 screen with the keyboard alone: Ctrl+3 to Cards, Tab and Space
// to find, leave a client out, step through the preview, print to the
// folder and mark as sent.
func TestMonthlyBatchFromTheKeyboard(t *testing.T) {
	u, s := layoutBook(t)
	c := u.cards
	u.win.Resize(smallScreen)
	pressShortcut(u, ctrl(fyne.Key3))
	if u.tabs.Selected() != u.cardstab || u.win.Canvas().Focused() != c.Occasion {
		t.Fatalf("Ctrl+3 shows %q with the focus on %T", u.tabs.Selected().Text, u.win.Canvas().Focused())
	}
	tabTo(t, u, widgettest.FindButton(t, c.Content, "Find who to thank"))
	key(u, fyne.KeySpace)
	if len(c.Clients) != 4 {
		t.Fatalf("found %d clients: %q", len(c.Clients), c.Status.Text)
	}
	fitsSmallScreen(t, u, "found", c.Status)
	// Review: step through the cards with the list's arrows and Space,
	// and leave Bea out with "Send this one" under her card.
	tabTo(t, u, c.List)
	key(u, fyne.KeyDown)
	key(u, fyne.KeySpace)
	if !strings.Contains(c.PreviewInfo.FullText(), "Card 2 of 4") {
		t.Errorf("preview says %q", c.PreviewInfo.FullText())
	}
	for _, k := range []fyne.KeyName{fyne.KeyUp, fyne.KeyUp, fyne.KeyUp, fyne.KeyDown, fyne.KeyDown, fyne.KeyDown} {
		if strings.Contains(c.PreviewInfo.FullText(), "Bea Quiet") {
			break
		}
		key(u, k)
		key(u, fyne.KeySpace)
	}
	if !strings.Contains(c.PreviewInfo.FullText(), "Bea Quiet") {
		t.Fatalf("the arrows never show Bea's card: %q", c.PreviewInfo.FullText())
	}
	tabTo(t, u, c.IncludeShown)
	key(u, fyne.KeySpace)
	if !strings.HasPrefix(c.Status.Text, "3 of 4 clients") || rowCheck(t, c, "Bea Quiet").Checked {
		t.Errorf("after leaving Bea out: %q", c.Status.Text)
	}
	tabTo(t, u, c.PrintBtn)
	key(u, fyne.KeySpace)
	waitPrinted(t, c)
	fitsSmallScreen(t, u, "printed", c.Status)
	tabTo(t, u, c.MarkBtn)
	key(u, fyne.KeySpace)
	tabTo(t, u, widgettest.FindButton(t, u.win.Canvas().Overlays().Top(), "Yes"))
	key(u, fyne.KeySpace)
	batchDone(t, u, s)
	fitsSmallScreen(t, u, "marked sent", c.Status)
}

// TestMonthlyBatchWithTheMouse runs the same batch with taps.
func TestMonthlyBatchWithTheMouse(t *testing.T) {
	u, s := layoutBook(t)
	c := u.cards
	u.win.Resize(smallScreen)
	u.tabs.Select(u.cardstab)
	test.Tap(widgettest.FindButton(t, c.Content, "Find who to thank"))
	if len(c.Clients) != 4 {
		t.Fatalf("found %d clients: %q", len(c.Clients), c.Status.Text)
	}
	test.Tap(rowCheck(t, c, "Bea Quiet"))
	for _, b := range test.LaidOutObjects(c.Content) {
		if btn, ok := b.(*widget.Button); ok && btn.Icon == theme.NavigateNextIcon() {
			test.Tap(btn)
			break
		}
	}
	if !strings.Contains(c.PreviewInfo.FullText(), "Card 2 of 4") {
		t.Errorf("preview says %q", c.PreviewInfo.FullText())
	}
	fitsSmallScreen(t, u, "reviewing", c.Status)
	test.Tap(c.PrintBtn)
	waitPrinted(t, c)
	test.Tap(c.MarkBtn)
	tapConfirm(t, u)
	batchDone(t, u, s)
	fitsSmallScreen(t, u, "marked sent", c.Status)
}

// TestNobodyDueIsSaid: when nobody is due, the message saying so shows on
// a 1024×600 screen.
func TestNobodyDueIsSaid(t *testing.T) {
	u, _ := layoutBook(t)
	c := u.cards
	u.win.Resize(smallScreen)
	u.tabs.Select(u.cardstab)
	c.Occasion.SetSelected(cards.OccasionLabels[3].Label)
	test.Tap(widgettest.FindButton(t, c.Content, cards.OccasionLabels[3].Find))
	if len(c.Clients) != 0 || !strings.HasPrefix(c.Status.Text, "No ") {
		t.Fatalf("found %d, status %q", len(c.Clients), c.Status.Text)
	}
	fitsSmallScreen(t, u, "nobody due", c.Status)
}

// TestEachClientOpensAtTheTop: the next client opens with their name,
// notes and actions in view, whatever was scrolled on the one before; the
// notes show in the Log visit form too.
func TestEachClientOpensAtTheTop(t *testing.T) {
	u, s := layoutBook(t)
	p := u.book.Pane
	// Both have long details under their names.
	for _, q := range []string{"ruth", "nowak"} {
		cl := booktest.ClientNamed(t, s, q)
		for _, what := range []string{"order the lily-free bouquet", "send the colour chart", "book the bridal trial"} {
			s.AddFollowUp(ctx, &data.FollowUp{ClientID: cl.ID, What: what, Due: clock.Now().AddDate(0, 0, 3)})
		}
	}
	u.win.Resize(smallScreen)
	u.focusSearch()
	test.Type(u.book.Search, "ruth")
	widgettest.Press(u.book.Search, fyne.KeyReturn)
	if p.Client.FirstName != "Ruth" {
		t.Fatalf("Enter opened %q", p.Client.Name())
	}
	if !p.Notes.Visible() || p.Notes.Text != "Allergic to lilies, no perfume" {
		t.Errorf("notes shown: %v %q", p.Notes.Visible(), p.Notes.Text)
	}
	near := func(o fyne.CanvasObject, what string) {
		t.Helper()
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		if pos.Y < 0 || pos.Y+o.Size().Height > smallScreen.Height/2 {
			t.Errorf("%s at y=%.0f, not near the top of the %v window", what, pos.Y, smallScreen)
		}
	}
	near(p.Notes, "the notes")
	if !p.Tags.Visible() || !strings.Contains(p.Tags.Text, "allergy") {
		t.Errorf("tags shown: %v %q", p.Tags.Visible(), p.Tags.Text)
	}
	near(p.Tags, "the tags")
	p.Scroll.ScrollToBottom()
	if p.Scroll.Offset.Y < 50 {
		t.Fatalf("Ruth's details scroll by %.0f only: the test shows nothing", p.Scroll.Offset.Y)
	}
	u.book.Search.SetText("")
	test.Type(u.book.Search, "nowak")
	widgettest.Press(u.book.Search, fyne.KeyReturn)
	if p.Client.LastName != "Nowak" {
		t.Fatalf("Enter opened %q", p.Client.Name())
	}
	if p.Scroll.Offset.Y != 0 {
		t.Errorf("Łukasz opens scrolled by %.0f", p.Scroll.Offset.Y)
	}
	near(p.Name, "the name")
	near(p.LogBtn, "Log visit")
	if p.Notes.Visible() {
		t.Errorf("Ruth's notes stay on Łukasz: %q", p.Notes.Text)
	}
	fitsSmallScreen(t, u, "Łukasz open")

	// Back to Ruth and Ctrl+L: the form says her notes.
	u.book.Search.SetText("")
	test.Type(u.book.Search, "ruth")
	widgettest.Press(u.book.Search, fyne.KeyReturn)
	u.book.Search.TypedShortcut(ctrl(fyne.KeyL))
	f, ok := u.forms.Open.Form.(*clients.VisitForm)
	if !ok {
		t.Fatalf("Ctrl+L opened %T", u.forms.Open.Form)
	}
	if f.Notes == nil || !widgettest.HasText(u.win.Canvas().Overlays().Top(), "Allergic to lilies, no perfume") {
		t.Error("the Log visit form does not show Ruth's notes")
	}
	if !widgettest.HasText(u.win.Canvas().Overlays().Top(), "allergy") {
		t.Error("the Log visit form does not show Ruth's tags")
	}
	fitsSmallScreen(t, u, "Log visit for Ruth")
}

// TestUndoFromTheEditMenu: adding a client, logging a visit and deleting
// a client stay undoable long after their notice went, newest first, from
// Ctrl+Z and Edit → Undo; Ctrl+Z in a form takes back typing only.
func TestUndoFromTheEditMenu(t *testing.T) {
	u, s := layoutBook(t)
	ruth, lukasz := booktest.ClientNamed(t, s, "ruth"), booktest.ClientNamed(t, s, "nowak")
	visits0 := visitCount(t, s, ruth.ID)
	n0, _ := s.ClientCount(ctx)

	// Add a client: Ctrl+N, a name, Enter.
	u.focusSearch()
	pressShortcut(u, ctrl(fyne.KeyN))
	cf := u.forms.Open.Form.(*clients.ClientForm)
	test.Type(cf.First, "Zara")
	test.Type(cf.Last, "Ruthven")
	widgettest.Press(cf.Last, fyne.KeyReturn)
	if n, _ := s.ClientCount(ctx); n != n0+1 {
		t.Fatalf("client not added: %q", cf.Dialog.Message.Text)
	}
	// Log a visit for Ruth: search, Enter, Ctrl+L, Enter.
	u.book.Search.SetText("")
	test.Type(u.book.Search, "fontaine")
	widgettest.Press(u.book.Search, fyne.KeyReturn)
	pressShortcut(u, ctrl(fyne.KeyL))
	vf := u.forms.Open.Form.(*clients.VisitForm)
	test.Type(vf.What, "Blow-dry")
	widgettest.Press(vf.What, fyne.KeyReturn)
	if visitCount(t, s, ruth.ID) != visits0+1 {
		t.Fatal("visit not logged")
	}
	// Delete Łukasz.
	u.openClient(lukasz.ID)
	u.book.Pane.Delete()
	tapConfirm(t, u)
	if c, _ := s.Client(ctx, lukasz.ID); !c.Deleted() {
		t.Fatal("not deleted")
	}
	// Later: the notice has gone, other things were done since.
	u.notice.hide()
	u.goToTab(u.todaytab)
	u.goToTab(u.cardstab)
	u.focusSearch()
	test.Type(u.book.Search, "bea")

	if item := u.undoItem; item.Disabled || !strings.Contains(item.Label, "Łukasz Nowak moved to the trash") {
		t.Fatalf("Edit menu: %q (disabled %v)", item.Label, item.Disabled)
	}
	// Ctrl+Z in a form undoes the typing, not the book.
	pressShortcut(u, ctrl(fyne.KeyL))
	vf = u.forms.Open.Form.(*clients.VisitForm)
	test.Type(vf.What, "oops")
	pressShortcut(u, &fyne.ShortcutUndo{})
	if vf.What.Text != "" {
		t.Errorf("Ctrl+Z in the form left %q", vf.What.Text)
	}
	if c, _ := s.Client(ctx, lukasz.ID); !c.Deleted() {
		t.Fatal("Ctrl+Z in a form undid the delete")
	}
	u.win.Canvas().Unfocus() // on the form, not in a field: still nothing
	pressShortcut(u, &fyne.ShortcutUndo{})
	if c, _ := s.Client(ctx, lukasz.ID); !c.Deleted() {
		t.Fatal("Ctrl+Z behind an open form undid the delete")
	}
	u.forms.Open.Close()

	// Ctrl+Z from the search field: Łukasz comes back.
	u.focusSearch()
	pressShortcut(u, &fyne.ShortcutUndo{})
	if c, _ := s.Client(ctx, lukasz.ID); c.Deleted() {
		t.Fatalf("Ctrl+Z left Łukasz in the trash (%q)", u.lastErr)
	}
	// Edit → Undo: the visit goes.
	if !strings.Contains(u.undoItem.Label, "Visit logged for Ruth Fontaine") {
		t.Fatalf("Edit menu: %q", u.undoItem.Label)
	}
	u.undoItem.Action()
	if visitCount(t, s, ruth.ID) != visits0 {
		t.Fatal("Edit → Undo left the visit")
	}
	// Ctrl+Z with nothing focused: the new client goes.
	u.win.Canvas().Unfocus()
	pressShortcut(u, &fyne.ShortcutUndo{})
	if n, _ := s.ClientCount(ctx); n != n0 {
		t.Fatalf("%d clients after the third undo, want %d", n, n0)
	}
	if !u.undoItem.Disabled {
		t.Errorf("nothing left to undo, yet the menu offers %q", u.undoItem.Label)
	}
	pressShortcut(u, &fyne.ShortcutUndo{}) // nothing more to undo: nothing happens
	if n, _ := s.ClientCount(ctx); n != n0 || u.lastErr != "" {
		t.Errorf("an undo too many: %d clients, error %q", n, u.lastErr)
	}
}

// TestUndoStackKeepsTheLastTwenty: the stack keeps the newest actions,
// newest first, and forgets past undoDepth.
func TestUndoStackKeepsTheLastTwenty(t *testing.T) {
	cases := []struct {
		pushed   int
		wantLen  int
		wantNext string
	}{
		{0, 0, ""},
		{1, 1, "action 1"},
		{20, 20, "action 20"},
		{25, 20, "action 25"},
	}
	for _, tc := range cases {
		var s undoStack
		for i := 1; i <= tc.pushed; i++ {
			s.push("action "+strconv.Itoa(i), func() error { return nil })
		}
		if len(s.steps) != tc.wantLen {
			t.Errorf("%d pushed: %d kept, want %d", tc.pushed, len(s.steps), tc.wantLen)
		}
		next, ok := s.pop()
		if next.what != tc.wantNext || ok != (tc.wantNext != "") {
			t.Errorf("%d pushed: next undo %q", tc.pushed, next.what)
		}
		if tc.pushed > undoDepth {
			for len(s.steps) > 1 {
				s.pop()
			}
			if oldest, _ := s.pop(); oldest.what != "action "+strconv.Itoa(tc.pushed-undoDepth+1) {
				t.Errorf("%d pushed: oldest kept %q", tc.pushed, oldest.what)
			}
		}
	}
}

// TestThemeChoice: Settings' theme choice shows at once, is kept in the
// book and is the theme of the next start; "Follow the system" gives
// Fyne's variant back.
func TestThemeChoice(t *testing.T) {
	byEnv := themeByEnv.Swap(false) // FYNE_THEME not set
	t.Cleanup(func() { themeByEnv.Store(byEnv) })
	systemTold.Store(false) // a desktop that says nothing
	u, s := newTestUI(t, booktest.Clients...)
	pressShortcut(u, ctrl(fyne.Key4))
	var pick *widget.RadioGroup
	for _, o := range test.LaidOutObjects(u.settings.Content) {
		if r, ok := o.(*widget.RadioGroup); ok && len(r.Options) == 3 && r.Options[1] == "Light" {
			pick = r
		}
	}
	if pick == nil {
		t.Fatal("no theme choice in Settings")
	}
	if pick.Selected != "Follow the system" {
		t.Errorf("a new book's theme is %q", pick.Selected)
	}
	bg := func(v fyne.ThemeVariant) any { return theme.DefaultTheme().Color(theme.ColorNameBackground, v) }
	shown := func() any {
		// What the window draws with, whatever variant Fyne asks for.
		return u.app.Settings().Theme().Color(theme.ColorNameBackground, u.app.Settings().ThemeVariant())
	}
	cases := []struct {
		label, saved string
		want         func() any
	}{
		{"Light", themeLight, func() any { return bg(theme.VariantLight) }},
		{"Dark", themeDark, func() any { return bg(theme.VariantDark) }},
		// Fyne alone would show dark when the desktop says nothing.
		{"Follow the system", themeSystem, func() any { return bg(theme.VariantLight) }},
		{"Light", themeLight, func() any { return bg(theme.VariantLight) }},
	}
	for _, tc := range cases {
		pick.SetSelected(tc.label)
		if v, _ := s.Setting(ctx, data.SettingWindowTheme); v != tc.saved {
			t.Errorf("%s: saved %q", tc.label, v)
		}
		if got := shown(); got != tc.want() {
			t.Errorf("%s: the window draws on %v, want %v", tc.label, got, tc.want())
		}
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			if u.app.Settings().Theme().Color(theme.ColorNameBackground, v) != tc.want() {
				t.Errorf("%s: Fyne's variant %d shows through", tc.label, v)
			}
		}
	}
	// Once the desktop tells its choice, "Follow the system" follows it.
	pick.SetSelected("Follow the system")
	systemTold.Store(true)
	t.Cleanup(func() { systemTold.Store(false) })
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		if got := u.app.Settings().Theme().Color(theme.ColorNameBackground, v); got != bg(v) {
			t.Errorf("the desktop says %d: the window draws on %v", v, got)
		}
	}
	pick.SetSelected("Light")
	systemTold.Store(false)
	// The next start opens in the theme chosen (Light, the last one).
	w2 := u.app.NewWindow("Regulars")
	t.Cleanup(w2.Close)
	u.app.Settings().SetTheme(regularsTheme{})
	newUI(u.app, w2, s)
	if got := u.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); got != bg(theme.VariantLight) {
		t.Errorf("the next start draws on %v, want the light background", got)
	}
}
