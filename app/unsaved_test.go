package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"regulars/data"
)

// TestLeavingSettingsAsksFirst: edits in Settings are not thrown away
// when the owner goes to another screen; Cancel stays with the edits,
// Discard forgets them, Save keeps them in the book.
func TestLeavingSettingsAsksFirst(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	u.tabs.Select(u.settingstab)
	business := func() string { v, _ := s.Setting(ctx, data.SettingBusinessName); return v }

	u.settings.business.SetText("Blue Door Salon")
	u.tabs.Select(u.todaytab)
	if u.unsaved == nil {
		t.Fatal("leaving Settings with an edit did not ask")
	}
	test.Tap(u.unsaved.cancel)
	if u.tabs.Selected() != u.settingstab || u.settings.business.Text != "Blue Door Salon" {
		t.Fatalf("Cancel: tab %q, business %q", u.tabs.Selected().Text, u.settings.business.Text)
	}

	u.tabs.Select(u.booktab)
	test.Tap(u.unsaved.discard)
	if business() != "" || u.tabs.Selected() != u.booktab {
		t.Fatalf("Discard saved %q / tab %q", business(), u.tabs.Selected().Text)
	}
	u.tabs.Select(u.settingstab)
	if u.settings.business.Text != "" {
		t.Fatalf("discarded edit still shown: %q", u.settings.business.Text)
	}

	u.settings.business.SetText("Blue Door Salon")
	u.settings.idealDays.SetText("45")
	u.tabs.Select(u.todaytab)
	test.Tap(u.unsaved.save)
	if business() != "Blue Door Salon" {
		t.Fatalf("Save: business %q", business())
	}
	if p, _ := s.CadencePolicy(ctx); p.Default.Ideal != 45 {
		t.Fatalf("Save: default cadence %+v", p.Default)
	}
	// Nothing changed: no question.
	u.tabs.Select(u.settingstab)
	u.tabs.Select(u.todaytab)
	if u.unsaved != nil {
		t.Fatal("asked with nothing changed")
	}

	// A value that cannot be saved keeps the owner on Settings.
	u.tabs.Select(u.settingstab)
	u.settings.idealDays.SetText("soon")
	u.tabs.Select(u.todaytab)
	test.Tap(u.unsaved.save)
	if u.tabs.Selected() != u.settingstab || u.settings.cadenceRow.err.Hidden {
		t.Fatalf("a bad value saved or lost: tab %q", u.tabs.Selected().Text)
	}
}

// TestSwitchingTemplatesAsksFirst: an edited template is not lost when
// another template is chosen.
func TestSwitchingTemplatesAsksFirst(t *testing.T) {
	u, s := newTestUI(t, testClients...)
	u.tabs.Select(u.cardstab)
	c := u.cards
	if len(c.templates) < 2 {
		t.Fatalf("starter templates: %d", len(c.templates))
	}
	first, second := c.templates[0], c.templates[1]
	c.tplList.Select(0)
	c.body.SetText(first.Body + "\nSee you soon!")

	c.tplList.Select(1)
	if u.unsaved == nil {
		t.Fatal("switching templates with an edit did not ask")
	}
	test.Tap(u.unsaved.cancel)
	if c.editing.ID != first.ID || c.body.Text != first.Body+"\nSee you soon!" {
		t.Fatalf("Cancel lost the edit: editing %q body %q", c.editing.Name, c.body.Text)
	}

	c.tplList.Select(1)
	test.Tap(u.unsaved.save)
	saved, _ := s.TemplateByName(ctx, first.Name)
	if saved.Body != first.Body+"\nSee you soon!" {
		t.Fatalf("Save: body in the book %q", saved.Body)
	}
	if c.editing.ID != second.ID || c.body.Text != second.Body {
		t.Fatalf("after Save the editor shows %q", c.editing.Name)
	}

	c.body.SetText("Scribble")
	c.switchTemplate(data.Template{Name: "", Body: "Dear {{.FirstName}},"})
	test.Tap(u.unsaved.discard)
	again, _ := s.TemplateByName(ctx, second.Name)
	if again.Body != second.Body || c.editing.ID != 0 {
		t.Fatalf("Discard: book %q, editing %d", again.Body, c.editing.ID)
	}
}
