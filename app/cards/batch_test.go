package cards

import (
	"os"
	"path/filepath"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/internal/booktest"
	"regulars/internal/clock"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func TestTemplateEditorRefusesBadField(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	u.tabs.Select(u.cardstab)
	c := u.cards
	c.Tabs.SelectIndex(1)
	c.TplList.Select(0)
	if c.Name.Text == "" || c.Body.Text == "" {
		t.Fatal("no template in the editor")
	}
	before := c.Body.Text
	c.Body.SetText("Dear {{.FirstName}},\nsee you soon, {{.Frist}}")
	if !strings.Contains(c.tplErr.Text, "line 2") || !strings.Contains(c.tplErr.Text, "unknown field .Frist") {
		t.Errorf("live check says %q", c.tplErr.Text)
	}
	test.Tap(widgettest.FindButton(t, c.Content, "Save template"))
	if !strings.Contains(c.tplErr.Text, "Not saved") {
		t.Errorf("save says %q", c.tplErr.Text)
	}
	saved, _ := s.TemplateByName(ctx, c.Name.Text)
	if saved.Body != before {
		t.Error("a bad template was saved")
	}
	c.Body.SetText("Dear {{.FirstName}},\nthank you!")
	test.Tap(widgettest.FindButton(t, c.Content, "Save template"))
	saved, _ = s.TemplateByName(ctx, c.Name.Text)
	if saved.Body != "Dear {{.FirstName}},\nthank you!" || c.tplSaved.Text != "Saved" {
		t.Errorf("not saved: %q", saved.Body)
	}
}

func TestCardBatchWizard(t *testing.T) {
	addr := data.Address{Street: "12 Oak Avenue", City: "Austin", Region: "TX", PostalCode: "78701"}
	u, s := newTestUI(t,
		data.Client{FirstName: "Zoë", LastName: "Núñez", Address: addr},
		data.Client{FirstName: "Łukasz", LastName: "Nowak", Address: addr},
		data.Client{FirstName: "Nobody", LastName: "Home"},
	)
	s.SetSetting(ctx, data.SettingBusinessName, "Blue Door Salon")
	res, _ := s.Search(ctx, "", 10)
	for _, c := range res.Clients {
		s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: clock.Now().Add(-48 * time.Hour), What: "Haircut", AmountCents: -1})
	}
	u.tabs.Select(u.cardstab)
	c := u.cards
	c.Folder.SetText(t.TempDir())
	c.Find()
	if len(c.Clients) != 2 {
		t.Fatalf("found %d clients", len(c.Clients))
	}
	if c.Preview.Image.Bounds().Dx() < 100 || !strings.Contains(c.PreviewInfo.FullText(), "Card 1 of 2") {
		t.Errorf("no preview: %v %q", c.Preview.Image.Bounds(), c.PreviewInfo.FullText())
	}
	// Leave Łukasz out of this batch.
	for _, cl := range c.Clients {
		if cl.FirstName == "Łukasz" {
			c.included[cl.ID] = false
		}
	}
	files, err := c.Render(nil)
	c.Printed(files, err)
	if err != nil || len(files) != 2 {
		t.Fatalf("render: %v %v", files, err)
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.Size() < 1000 {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
	}
	if c.MarkBtn.Disabled() {
		t.Fatal("mark as sent not offered after printing")
	}
	c.MarkSent()
	if !strings.Contains(c.Status.Text, "1 clients") && !strings.Contains(c.Status.Text, "Done: 1") {
		t.Errorf("status %q", c.Status.Text)
	}
	c.Find()
	if len(c.Clients) != 1 || c.Clients[0].FirstName != "Łukasz" {
		t.Errorf("after marking sent, the batch finds %d clients", len(c.Clients))
	}
}

// TestOneClientsProblemLeavesTheRest: a template that fails for one
// client's fields leaves that client out, named, while the others print;
// marking sent logs only the cards printed.
func TestOneClientsProblemLeavesTheRest(t *testing.T) {
	addr := data.Address{Street: "12 Oak Avenue", City: "Austin"}
	u, s := newTestUI(t,
		data.Client{FirstName: "Bo", LastName: "Short", Address: addr},
		data.Client{FirstName: "Zoë", LastName: "Long", Address: addr},
	)
	tpl := data.Template{Name: "Nickname", Body: "Dear {{slice .FirstName 0 3}},\nthank you!"}
	if err := s.SaveTemplate(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"bo", "zoe"} {
		c := booktest.ClientNamed(t, s, q)
		s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: clock.Now().Add(-time.Hour), AmountCents: -1})
	}
	u.tabs.Select(u.cardstab)
	c := u.cards
	c.Folder.SetText(t.TempDir())
	c.Template.SetSelected("Nickname")
	c.Find()
	if len(c.Clients) != 2 {
		t.Fatalf("found %d", len(c.Clients))
	}
	files, err := c.Render(nil)
	c.Printed(files, err)
	if err != nil {
		t.Fatalf("the whole batch stopped: %v", err)
	}
	if !strings.Contains(c.Status.Text, "Cards for 1 client written") || !strings.Contains(c.Status.Text, "Left out: Bo Short") {
		t.Errorf("status %q", c.Status.Text)
	}
	c.MarkSent()
	bo, zoe := booktest.ClientNamed(t, s, "bo"), booktest.ClientNamed(t, s, "zoe")
	if cs, _ := s.Contacts(ctx, bo.ID); len(cs) != 1 { // the visit only
		t.Errorf("Bo was logged as sent: %+v", cs)
	}
	if cs, _ := s.Contacts(ctx, zoe.ID); len(cs) != 2 {
		t.Errorf("Zoë's card was not logged: %+v", cs)
	}
}
