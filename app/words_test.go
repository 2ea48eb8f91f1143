package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/clients"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/internal/booktest"
)

// TestConsentInPlainWords: the client pane says "Post: not asked yet",
// and the form offers the answers in words that are saved as consents.
func TestConsentInPlainWords(t *testing.T) {
	u, s := newTestUI(t, data.Client{FirstName: "Ann", LastName: "Lee", EmailConsent: data.ConsentSubscribed, Email: "ann@example.com"})
	u.tabs.Select(u.booktab)
	test.Type(u.book.Search, "ann")
	u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	got := strings.Join(widgettest.Labels(u.book.Pane.Details), "|")
	if !strings.Contains(got, "Post: not asked yet") || !strings.Contains(got, "Email: yes") || strings.Contains(got, "unknown") {
		t.Errorf("pane: %s", got)
	}
	u.book.Pane.Edit()
	f := u.forms.Open.Form.(*clients.ClientForm)
	if f.PostConsent.Selected != "Not asked yet" {
		t.Errorf("form shows %q", f.PostConsent.Selected)
	}
	widgettest.Choose(t, u.win, f.PostConsent, "No, asked not to")
	test.Tap(f.Dialog.Save)
	if u.forms.Open != nil {
		t.Fatalf("not saved: %q", f.Dialog.Message.Text)
	}
	c, _ := s.Client(ctx, u.book.Pane.Client.ID)
	if c.PostConsent != data.ConsentUnsubscribed || c.EmailConsent != data.ConsentSubscribed {
		t.Errorf("saved post %q, email %q", c.PostConsent, c.EmailConsent)
	}
}

// TestTodayAndBackupsInPlainWords: Today says who comes back as usual
// without the word cadence; a backup is named by when and why it was
// made, not by its file name.
func TestTodayAndBackupsInPlainWords(t *testing.T) {
	u, _ := newTestUI(t, booktest.Clients...)
	u.tabs.Select(u.todaytab)
	if a := u.today.Active.Text; strings.Contains(a, "cadence") || !strings.Contains(a, "come back as often as usual") || !strings.Contains(a, "3 clients in all") {
		t.Errorf("Today: %q", a)
	}
	u.tabs.Select(u.settingstab)
	test.Tap(widgettest.FindButton(t, u.settings.Content, "Back up now"))
	if info := u.settings.BookInfo.Text; !strings.Contains(info, "Backed up today at") || strings.Contains(info, ".db,") || strings.Contains(info, "manual-") {
		t.Errorf("backup said %q", info)
	}
	test.Tap(widgettest.FindButton(t, u.settings.Content, "Restore…"))
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Restore… opened nothing")
	}
	var options []string
	for _, o := range test.LaidOutObjects(top) {
		if sel, ok := o.(*widget.Select); ok {
			options = append(options, sel.Options...)
		}
	}
	found := false
	for _, l := range options {
		found = found || strings.Contains(l, "backup made with Back up now")
		if strings.Contains(l, ".db") {
			t.Errorf("a file name in %q", l)
		}
	}
	if !found {
		t.Errorf("restore list: %q", options)
	}
}
