package clients

import (
	"os"
	"path/filepath"
	"regulars/data"
	"regulars/exchange"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestImportThroughTheWindow(t *testing.T) {
	u, s := newTestUI(t, data.Client{FirstName: "Ana", LastName: "López", Email: "ana@example.com"})
	csv := "Nom;Prénom;Courriel;Portable;Fidélité\nLópez;Ana;ana@example.com;555 123 4567;gold\nMoreau;Émile;emile@example.com;07 98 76 54 32;\nBad;Row;not-an-email;;\n;;nobody@example.com;;\n"
	f := u.startImport("clients.csv", []byte(csv))
	if f == nil || u.forms.Open == nil {
		t.Fatal("no mapping screen")
	}
	// A column with no field of its own goes into the notes, named
	// (issue 26); the mapping screen says what is left out, and follows
	// the choices.
	for i, h := range f.table.Header {
		if h == "Fidélité" && f.selects[i].Selected != "note, named" {
			t.Errorf("Fidélité mapped to %q", f.selects[i].Selected)
		}
	}
	if f.left.Text != "Every column with data is imported." {
		t.Errorf("left out: %q", f.left.Text)
	}
	for i, h := range f.table.Header {
		switch h {
		case "Portable":
			f.selects[i].SetSelected("(ignore)")
		case "Fidélité":
			f.selects[i].SetSelected("tags")
		}
	}
	if f.left.Text != "Not imported: Portable" {
		t.Errorf("left out: %q", f.left.Text)
	}
	for i, h := range f.table.Header {
		if h == "Portable" {
			f.selects[i].SetSelected("phone")
		}
	}
	test.Tap(u.forms.Open.Save) // Review
	if len(f.rows) != 4 || f.rows[0].Action != data.ImportUpdate || f.rows[1].Action != data.ImportNew || f.rows[2].Action != data.ImportNew ||
		f.rows[3].Action != data.ImportError {
		t.Fatalf("plan: %+v", f.rows)
	}
	// The bad email is left out, the person kept, and the review says so.
	if line := planLine(f.rows[2]); !strings.Contains(line, `skipped: email "not-an-email"`) {
		t.Errorf("review line %q", line)
	}
	if !strings.Contains(f.summary.Text, "2 new, 1 to update") {
		t.Errorf("summary %q", f.summary.Text)
	}
	if n, _ := s.ClientCount(ctx); n != 1 {
		t.Fatal("imported before Import was pressed")
	}
	test.Tap(u.forms.Open.Save) // Import
	if n, _ := s.ClientCount(ctx); n != 3 {
		t.Errorf("%d clients after import", n)
	}
	ana, _ := s.Client(ctx, 1)
	if ana.Phone != "555 123 4567" {
		t.Errorf("update did not fill the phone: %+v", ana)
	}
	if !strings.Contains(u.lastNotice, "Imported 2 new clients and updated 1") || !strings.Contains(u.lastNotice, "Restore") {
		t.Errorf("the import said %q", u.lastNotice)
	}
	if !strings.Contains(u.book.Count.Text, "Imported 2 new clients and updated 1") {
		t.Errorf("status %q", u.book.Count.Text)
	}
	// A file that is no CSV says so and changes nothing.
	if f := u.startImport("photo.csv", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0}); f != nil {
		t.Error("a binary file was read")
	}
	if u.forms.Open == nil || !strings.Contains(u.lastErr, "not a text file") {
		t.Errorf("message for a binary file: %q", u.lastErr)
	} else if n, _ := s.ClientCount(ctx); n != 3 {
		t.Errorf("%d clients after a refused file", n)
	}
}

func TestDuplicatesAndExportThroughTheWindow(t *testing.T) {
	u, s := newTestUI(t,
		data.Client{FirstName: "Ana", LastName: "López", Email: "ana@example.com"},
		data.Client{FirstName: "Anna", LastName: "Lopez", Email: "ANA@example.com"},
	)
	u.showDuplicates()
	if u.forms.Open == nil {
		t.Fatal("no duplicates dialog")
	}
	path := filepath.Join(t.TempDir(), "clients.vcf")
	if err := u.export("vcard", path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if strings.Count(string(b), "BEGIN:VCARD") != 2 {
		t.Errorf("export: %s", b)
	}
	if _, err := s.MergeClients(ctx, 1, 2); err != nil {
		t.Fatal(err)
	}
	u.book.Reload()
	if len(u.book.Rows) != 1 {
		t.Errorf("after merge: %v", listed(u))
	}
}

// TestPossibleDuplicateInTheReview: a person sharing a client's phone with
// another name is planned as new; opened side by side, the user merges
// them, keeping the file's email, and the client is updated instead.
func TestPossibleDuplicateInTheReview(t *testing.T) {
	u, s := newTestUI(t, data.Client{FirstName: "Keiko", LastName: "Tanaka", Email: "keiko@example.jp", Phone: "090 1234 5678"})
	csv := "First Name,Last Name,Email,Mobile\nKeiko,Tanaka-Sato,keiko.sato@example.jp,+81 90 1234 5678\n"
	f := u.startImport("clients.csv", []byte(csv))
	test.Tap(u.forms.Open.Save) // Review
	if f.rows[0].Action != data.ImportNew || f.rows[0].PossibleID != 1 {
		t.Fatalf("plan: %+v", f.rows[0])
	}
	if line := planLine(f.rows[0]); !strings.Contains(line, "possible duplicate of #1") || !strings.Contains(line, "new or merge?") {
		t.Errorf("review line %q", line)
	}
	review := u.forms.Open
	f.list.Select(0)
	if f.merge == nil || u.forms.Open == review {
		t.Fatal("no side-by-side view")
	}
	if len(f.merge.choices) != 2 || f.merge.choices["email"] == nil || f.merge.choices["last name"] == nil {
		t.Fatalf("conflicts offered: %v", f.merge.choices)
	}
	f.merge.choices["email"].SetSelected("right") // the file's email
	test.Tap(u.forms.Open.Save)                   // Merge into #1
	if u.forms.Open != review || f.rows[0].Action != data.ImportUpdate || f.rows[0].MatchID != 1 {
		t.Fatalf("after merge: %+v", f.rows[0])
	}
	test.Tap(u.forms.Open.Save) // Import
	c, _ := s.Client(ctx, 1)
	if n, _ := s.ClientCount(ctx); n != 1 || c.Email != "keiko.sato@example.jp" || c.LastName != "Tanaka" || strings.Join(c.OtherEmails, ",") != "keiko@example.jp" || strings.Contains(c.Notes, "Other email") {
		t.Errorf("%d clients; %+v", n, c)
	}
}

// TestMergeSideBySide: the duplicates list opens a pair side by side; the
// user keeps the second record and the first one's birthday.
func TestMergeSideBySide(t *testing.T) {
	u, s := newTestUI(t,
		data.Client{FirstName: "Ana", LastName: "López", Email: "ana@example.com", Birthday: data.Birthday{Year: 1990, Month: 5, Day: 1}},
		data.Client{FirstName: "Anna", LastName: "Lopez", Email: "ANA@example.com", Phone: "555 123 4567", Birthday: data.Birthday{Year: 1990, Month: 1, Day: 5}},
	)
	pairs, _ := s.FindDuplicates(ctx)
	if len(pairs) != 1 || pairs[0].Sure || pairs[0].Reason != "same email, similar names" {
		t.Fatalf("pairs %+v", pairs)
	}
	v := u.showMergePair(pairs[0], nil)
	if len(v.choices) != 2 || v.choices["first name"] == nil || v.choices["birthday"] == nil {
		t.Fatalf("conflicts offered: %v", v.choices)
	}
	v.keep.SetSelected(v.keep.Options[1]) // keep #2
	if v.choices["first name"].Selected != "right" {
		t.Error("the kept record's values are not the default")
	}
	v.choices["birthday"].SetSelected("left")
	test.Tap(u.forms.Open.Save)
	if _, err := s.Client(ctx, 1); err == nil {
		t.Error("#1 still there")
	}
	c, _ := s.Client(ctx, 2)
	if c.FirstName != "Anna" || c.Birthday.String() != "1990-05-01" || c.Phone != "555 123 4567" {
		t.Errorf("merged: %+v", c)
	}
	if !strings.Contains(u.lastNotice, "Ana López merged into Anna Lopez") {
		t.Errorf("the merge said %q", u.lastNotice)
	}
}

// TestDateOrderOnTheMappingScreen: dates no value settles are read as the
// mapping screen says, and the review says which order was used.
func TestDateOrderOnTheMappingScreen(t *testing.T) {
	defer func(l func() string) { exchange.Locale = l }(exchange.Locale)
	exchange.Locale = func() string { return "" }
	for choice, want := range map[int]string{0: "1990-04-07", 1: "1990-07-04", 2: "1990-04-07"} {
		u, _ := newTestUI(t)
		f := u.startImport("clients.csv", []byte("Name,Birthday\nAna Silva,04/07/1990\n"))
		f.dates.SetSelected(dateChoices[choice])
		test.Tap(u.forms.Open.Save) // Review
		if got := f.rows[0].Client.Birthday.String(); got != want {
			t.Errorf("%s: birthday %s, want %s", dateChoices[choice], got, want)
		}
		if !strings.Contains(f.summary.Text, "Dates read ") {
			t.Errorf("summary %q", f.summary.Text)
		}
	}
}

// TestDuplicatesListAfterAMerge: once a pair is merged, the other pairs
// with the client merged away can no longer be merged.
func TestDuplicatesListAfterAMerge(t *testing.T) {
	u, s := newTestUI(t, data.Client{FirstName: "Jon", LastName: "Smith"}, data.Client{FirstName: "Jon", LastName: "Smith"},
		data.Client{FirstName: "Jon", LastName: "Smith"})
	buttons := u.openDuplicates()
	if len(buttons) != 3 {
		t.Fatalf("%d pairs", len(buttons))
	}
	list := u.forms.Open
	test.Tap(buttons[0]) // #1 and #2
	test.Tap(u.forms.Open.Save)
	if _, err := s.Client(ctx, 2); err == nil || u.forms.Open != list {
		t.Fatalf("#2 not merged (%v)", err)
	}
	if !buttons[0].Disabled() || buttons[1].Disabled() || !buttons[2].Disabled() || buttons[2].Text != "Merged away" {
		t.Errorf("buttons: %q %v, %q %v, %q %v", buttons[0].Text, buttons[0].Disabled(), buttons[1].Text, buttons[1].Disabled(), buttons[2].Text, buttons[2].Disabled())
	}
}
