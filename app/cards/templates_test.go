package cards

import (
	"regulars/app/widgets/widgettest"
	"regulars/internal/booktest"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestTemplateFieldPicker: "Insert field…" puts a field where the cursor
// is, by its plain name; the text filled in for the first client of the
// book shows as it is typed, and a mistake shows in plain words.
func TestTemplateFieldPicker(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	u.tabs.Select(u.cardstab)
	c := u.cards
	for _, tab := range c.Tabs.Items {
		if tab.Text == "Templates" {
			c.Tabs.Select(tab)
		}
	}
	test.Tap(widgettest.FindButton(t, c.Content, "New template"))
	test.Type(c.Name, "Short thanks")
	c.Body.SetText("")
	test.Type(c.Body, "Hello ")
	widgettest.Choose(t, u.win, c.tplFields, "First name")
	test.Type(c.Body, "! You came ")
	widgettest.Choose(t, u.win, c.tplFields, "Number of visits")
	test.Type(c.Body, " times.")
	if want := "Hello {{.FirstName}}! You came {{.Visits}} times."; c.Body.Text != want {
		t.Fatalf("body %q, want %q", c.Body.Text, want)
	}
	if c.tplFields.Selected != "" {
		t.Errorf("the picker kept %q", c.tplFields.Selected)
	}
	// The first client of the list (no visits yet: by name) is Anna Keller.
	if !strings.Contains(c.TplMerged.Text, "For Anna Keller") || !strings.Contains(c.TplMerged.Text, "Hello Anna! You came 0 times.") {
		t.Errorf("preview %q", c.TplMerged.Text)
	}
	// Typed in the middle: the cursor moves there first.
	c.Body.CursorRow, c.Body.CursorColumn = 0, len("Hello")
	test.Type(c.Body, " dear")
	if !strings.Contains(c.TplMerged.Text, "Hello dear Anna!") {
		t.Errorf("preview not updated as typed: %q", c.TplMerged.Text)
	}
	// In the subject, where the cursor was last.
	test.Tap(c.subject)
	test.Type(c.subject, "Thanks, ")
	widgettest.Choose(t, u.win, c.tplFields, "First name")
	if c.subject.Text != "Thanks, {{.FirstName}}" || !strings.Contains(c.TplMerged.Text, "Subject: Thanks, Anna") {
		t.Errorf("subject %q, preview %q", c.subject.Text, c.TplMerged.Text)
	}
	test.Tap(c.Body)
	test.Tap(widgettest.FindButton(t, c.Content, "Save template"))
	saved, err := s.TemplateByName(ctx, "Short thanks")
	if err != nil || saved.Body != "Hello dear {{.FirstName}}! You came {{.Visits}} times." || saved.Subject != "Thanks, {{.FirstName}}" {
		t.Fatalf("saved %q %v", saved.Body, err)
	}

	c.Body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(c.Body, " {{.Frist}}")
	if !strings.Contains(c.tplErr.Text, "cannot be filled in") || !strings.Contains(c.tplErr.Text, "Frist") || c.TplMerged.Text != "" {
		t.Errorf("mistake: %q, preview %q", c.tplErr.Text, c.TplMerged.Text)
	}
}

// TestTemplatesOpenOnAFirstTemplate: the Templates tab of a book with
// templates shows the first one in the editor and its preview, not an
// empty editor.
func TestTemplatesOpenOnAFirstTemplate(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	tpls, err := s.Templates(ctx)
	if err != nil || len(tpls) == 0 {
		t.Fatalf("the book has no templates: %v", err)
	}
	u.tabs.Select(u.cardstab)
	c := u.cards
	for _, tab := range c.Tabs.Items {
		if tab.Text == "Templates" {
			c.Tabs.Select(tab)
		}
	}
	if c.Name.Text != tpls[0].Name || c.Body.Text != tpls[0].Body {
		t.Errorf("the editor shows %q %q, want the first template %q", c.Name.Text, c.Body.Text, tpls[0].Name)
	}
	if c.TplMerged.Text == "" {
		t.Error("no preview of the template shown")
	}
}
