package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestTemplateFieldPicker: "Insert field…" puts a field where the cursor
// is, by its plain name; the text filled in for the first client of the
// book shows as it is typed, and a mistake shows in plain words.
func TestTemplateFieldPicker(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	u.tabs.Select(u.cardstab)
	c := u.cards
	for _, tab := range c.tabs.Items {
		if tab.Text == "Templates" {
			c.tabs.Select(tab)
		}
	}
	test.Tap(findButton(t, c.content, "New template"))
	test.Type(c.name, "Short thanks")
	c.body.SetText("")
	test.Type(c.body, "Hello ")
	choose(t, u, c.tplFields, "First name")
	test.Type(c.body, "! You came ")
	choose(t, u, c.tplFields, "Number of visits")
	test.Type(c.body, " times.")
	if want := "Hello {{.FirstName}}! You came {{.Visits}} times."; c.body.Text != want {
		t.Fatalf("body %q, want %q", c.body.Text, want)
	}
	if c.tplFields.Selected != "" {
		t.Errorf("the picker kept %q", c.tplFields.Selected)
	}
	// The first client of the list (no visits yet: by name) is Anna Keller.
	if !strings.Contains(c.tplMerged.Text, "For Anna Keller") || !strings.Contains(c.tplMerged.Text, "Hello Anna! You came 0 times.") {
		t.Errorf("preview %q", c.tplMerged.Text)
	}
	// Typed in the middle: the cursor moves there first.
	c.body.CursorRow, c.body.CursorColumn = 0, len("Hello")
	test.Type(c.body, " dear")
	if !strings.Contains(c.tplMerged.Text, "Hello dear Anna!") {
		t.Errorf("preview not updated as typed: %q", c.tplMerged.Text)
	}
	// In the subject, where the cursor was last.
	test.Tap(c.subject)
	test.Type(c.subject, "Thanks, ")
	choose(t, u, c.tplFields, "First name")
	if c.subject.Text != "Thanks, {{.FirstName}}" || !strings.Contains(c.tplMerged.Text, "Subject: Thanks, Anna") {
		t.Errorf("subject %q, preview %q", c.subject.Text, c.tplMerged.Text)
	}
	test.Tap(c.body)
	test.Tap(findButton(t, c.content, "Save template"))
	saved, err := s.TemplateByName(ctx, "Short thanks")
	if err != nil || saved.Body != "Hello dear {{.FirstName}}! You came {{.Visits}} times." || saved.Subject != "Thanks, {{.FirstName}}" {
		t.Fatalf("saved %q %v", saved.Body, err)
	}

	c.body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(c.body, " {{.Frist}}")
	if !strings.Contains(c.tplErr.Text, "cannot be filled in") || !strings.Contains(c.tplErr.Text, "Frist") || c.tplMerged.Text != "" {
		t.Errorf("mistake: %q, preview %q", c.tplErr.Text, c.tplMerged.Text)
	}
}

// TestTemplatesOpenOnAFirstTemplate: the Templates tab of a book with
// templates shows the first one in the editor and its preview, not an
// empty editor.
func TestTemplatesOpenOnAFirstTemplate(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	tpls, err := s.Templates(ctx)
	if err != nil || len(tpls) == 0 {
		t.Fatalf("the book has no templates: %v", err)
	}
	u.tabs.Select(u.cardstab)
	c := u.cards
	for _, tab := range c.tabs.Items {
		if tab.Text == "Templates" {
			c.tabs.Select(tab)
		}
	}
	if c.name.Text != tpls[0].Name || c.body.Text != tpls[0].Body {
		t.Errorf("the editor shows %q %q, want the first template %q", c.name.Text, c.body.Text, tpls[0].Name)
	}
	if c.tplMerged.Text == "" {
		t.Error("no preview of the template shown")
	}
}
