package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/settings"
	"regulars/data"
	"regulars/internal/booktest"
)

// TestLeavingSettingsAsksFirst: edits in Settings are not thrown away
// when the owner goes to another screen; Cancel stays with the edits,
// Discard forgets them, Save keeps them in the book.
func TestLeavingSettingsAsksFirst(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	u.tabs.Select(u.settingstab)
	business := func() string { v, _ := s.Setting(ctx, data.SettingBusinessName); return v }

	u.settings.Business.SetText("Blue Door Salon")
	u.tabs.Select(u.todaytab)
	if u.forms.Unsaved == nil {
		t.Fatal("leaving Settings with an edit did not ask")
	}
	test.Tap(u.forms.Unsaved.Cancel)
	if u.tabs.Selected() != u.settingstab || u.settings.Business.Text != "Blue Door Salon" {
		t.Fatalf("Cancel: tab %q, business %q", u.tabs.Selected().Text, u.settings.Business.Text)
	}

	u.tabs.Select(u.booktab)
	test.Tap(u.forms.Unsaved.Discard)
	if business() != "" || u.tabs.Selected() != u.booktab {
		t.Fatalf("Discard saved %q / tab %q", business(), u.tabs.Selected().Text)
	}
	u.tabs.Select(u.settingstab)
	if u.settings.Business.Text != "" {
		t.Fatalf("discarded edit still shown: %q", u.settings.Business.Text)
	}

	u.settings.Business.SetText("Blue Door Salon")
	u.settings.IdealDays.SetText("45")
	u.tabs.Select(u.todaytab)
	test.Tap(u.forms.Unsaved.Save)
	if business() != "Blue Door Salon" {
		t.Fatalf("Save: business %q", business())
	}
	if p, _ := s.CadencePolicy(ctx); p.Default.Ideal != 45 {
		t.Fatalf("Save: default cadence %+v", p.Default)
	}
	// Nothing changed: no question.
	u.tabs.Select(u.settingstab)
	u.tabs.Select(u.todaytab)
	if u.forms.Unsaved != nil {
		t.Fatal("asked with nothing changed")
	}

	// A value that cannot be saved keeps the owner on Settings.
	u.tabs.Select(u.settingstab)
	u.settings.IdealDays.SetText("soon")
	u.tabs.Select(u.todaytab)
	test.Tap(u.forms.Unsaved.Save)
	if u.tabs.Selected() != u.settingstab || u.settings.CadenceRow.Err.Hidden {
		t.Fatalf("a bad value saved or lost: tab %q", u.tabs.Selected().Text)
	}
}

// TestSwitchingTemplatesAsksFirst: an edited template is not lost when
// another template is chosen.
func TestSwitchingTemplatesAsksFirst(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	u.tabs.Select(u.cardstab)
	c := u.cards
	if len(c.Templates) < 2 {
		t.Fatalf("starter templates: %d", len(c.Templates))
	}
	first, second := c.Templates[0], c.Templates[1]
	c.TplList.Select(0)
	c.Body.SetText(first.Body + "\nSee you soon!")

	c.TplList.Select(1)
	if u.forms.Unsaved == nil {
		t.Fatal("switching templates with an edit did not ask")
	}
	test.Tap(u.forms.Unsaved.Cancel)
	if c.Editing.ID != first.ID || c.Body.Text != first.Body+"\nSee you soon!" {
		t.Fatalf("Cancel lost the edit: editing %q body %q", c.Editing.Name, c.Body.Text)
	}

	c.TplList.Select(1)
	test.Tap(u.forms.Unsaved.Save)
	saved, _ := s.TemplateByName(ctx, first.Name)
	if saved.Body != first.Body+"\nSee you soon!" {
		t.Fatalf("Save: body in the book %q", saved.Body)
	}
	if c.Editing.ID != second.ID || c.Body.Text != second.Body {
		t.Fatalf("after Save the editor shows %q", c.Editing.Name)
	}

	c.Body.SetText("Scribble")
	c.SwitchTemplate(data.Template{Name: "", Body: "Dear {{.FirstName}},"})
	test.Tap(u.forms.Unsaved.Discard)
	again, _ := s.TemplateByName(ctx, second.Name)
	if again.Body != second.Body || c.Editing.ID != 0 {
		t.Fatalf("Discard: book %q, editing %d", again.Body, c.Editing.ID)
	}
}

// TestSettingsSaveBarInView: at the bottom of Settings, on every screen
// size and with the page scrolled anywhere, one bar says what is not
// saved and saves it all; a mistake keeps the edits and says where;
// Discard puts the saved values back; leaving still asks.
func TestSettingsSaveBarInView(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	business := func() string { v, _ := s.Setting(ctx, data.SettingBusinessName); return v }
	bar := u.settings.Bar
	for _, size := range screenSizes {
		view := windowView(size)
		u.win.Resize(view)
		u.tabs.Select(u.settingstab)
		for _, offset := range []float32{0, 400, 10000} {
			u.settings.Content.(*container.Scroll).ScrollToOffset(fyne.NewPos(0, offset))
			for _, b := range []*widget.Button{bar.Save, bar.Discard} {
				p := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
				r := box{p.X, p.Y, p.X + b.Size().Width, p.Y + b.Size().Height}
				if !b.Visible() || b.Size().Height < b.MinSize().Height-1 || !r.inside(box{0, 0, view.Width, view.Height}) {
					t.Errorf("on %v scrolled to %v: %q at %v is not in view", size, offset, b.Text, r)
				}
			}
		}
	}
	if !bar.Save.Disabled() {
		t.Error("Save changes can be tapped with nothing changed")
	}

	// Typed as a person types, in the field, far up the page.
	u.win.Canvas().Focus(u.settings.Business)
	test.Type(u.settings.Business, "Blue Door Salon")
	u.win.Canvas().Focus(u.settings.IdealDays)
	u.settings.IdealDays.SetText("")
	test.Type(u.settings.IdealDays, "45")
	if bar.Save.Disabled() || !strings.Contains(bar.Status.Text, settings.SectionBusiness) || !strings.Contains(bar.Status.Text, settings.SectionCadence) {
		t.Fatalf("after edits the bar says %q (Save disabled: %v)", bar.Status.Text, bar.Save.Disabled())
	}
	test.Tap(bar.Save)
	if business() != "Blue Door Salon" {
		t.Errorf("Save changes: business %q", business())
	}
	if p, _ := s.CadencePolicy(ctx); p.Default.Ideal != 45 {
		t.Errorf("Save changes: default cadence %+v", p.Default)
	}
	if !bar.Save.Disabled() || len(u.settings.Guard.Dirty()) > 0 {
		t.Errorf("after Save changes the bar says %q, unsaved %v", bar.Status.Text, form.SectionNames(u.settings.Guard.Dirty()))
	}

	// A mistake: nothing of that section saved, the bar says where.
	u.settings.ThanksWithin.SetText("")
	test.Type(u.settings.ThanksWithin, "soon")
	test.Tap(bar.Save)
	if !strings.Contains(bar.Status.Text, settings.SectionThanks) || bar.Status.Importance != widget.DangerImportance {
		t.Errorf("a mistake: the bar says %q", bar.Status.Text)
	}
	if u.settings.ThanksWithin.Text != "soon" {
		t.Errorf("a mistake lost the typing: %q", u.settings.ThanksWithin.Text)
	}
	// Discard puts back what is saved.
	test.Tap(bar.Discard)
	if u.settings.ThanksWithin.Text == "soon" || len(u.settings.Guard.Dirty()) > 0 || !bar.Save.Disabled() {
		t.Errorf("Discard changes: field %q, unsaved %v", u.settings.ThanksWithin.Text, form.SectionNames(u.settings.Guard.Dirty()))
	}
	// Leaving with an edit still asks.
	test.Type(u.settings.Business, " & Spa")
	u.tabs.Select(u.todaytab)
	if u.forms.Unsaved == nil {
		t.Fatal("leaving Settings with an edit did not ask")
	}
	test.Tap(u.forms.Unsaved.Cancel)
}
