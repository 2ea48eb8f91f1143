package clients

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/data"
	"regulars/internal/booktest"
)

// TestBirthdayFieldTakesHowPeopleWriteIt: the client form's birthday
// takes "3/14/1990" in a US book and "14 March" in an Irish one; a bad
// one is refused under the field and the book keeps the old birthday.
func TestBirthdayFieldTakesHowPeopleWriteIt(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	if err := s.SetSetting(ctx, data.SettingCountry, "USA"); err != nil {
		t.Fatal(err)
	}
	test.Type(u.book.Search, "anna")
	u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	id := u.book.Pane.Client.ID
	edit := func(typed string) *ClientForm {
		t.Helper()
		u.book.Pane.Edit()
		f := u.forms.Open.Form.(*ClientForm)
		f.Birthday.SetText("")
		test.Type(f.Birthday, typed)
		test.Tap(f.Dialog.Save)
		return f
	}
	if f := edit("3/14/1990"); u.forms.Open != nil {
		t.Fatalf("3/14/1990 not saved: %q %q", f.Dialog.Message.Text, f.Rows[8].Err.Text)
	}
	if c, _ := s.Client(ctx, id); c.Birthday.String() != "1990-03-14" {
		t.Errorf("after 3/14/1990: %q", c.Birthday)
	}

	f := edit("14/14/1990")
	if u.forms.Open == nil || f.Rows[8].Err.Hidden || !strings.Contains(f.Rows[8].Err.Text, "no month 14") {
		t.Errorf("a bad birthday: dialog %v, message %q", u.forms.Open != nil, f.Rows[8].Err.Text)
	}
	if c, _ := s.Client(ctx, id); c.Birthday.String() != "1990-03-14" {
		t.Errorf("a refused birthday changed the book: %q", c.Birthday)
	}
	if u.forms.Open != nil {
		u.forms.Open.Close()
	}

	if err := s.SetSetting(ctx, data.SettingCountry, "Ireland"); err != nil {
		t.Fatal(err)
	}
	for typed, want := range map[string]string{"14 March": "--03-14", "15.03.": "--03-15", "March 16": "--03-16", "1990-03-17": "1990-03-17"} {
		if f := edit(typed); u.forms.Open != nil {
			t.Fatalf("%q not saved: %q", typed, f.Rows[8].Err.Text)
		}
		if c, _ := s.Client(ctx, id); c.Birthday.String() != want {
			t.Errorf("after %q: %q, want %q", typed, c.Birthday, want)
		}
	}
}
