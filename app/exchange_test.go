package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"regulars/data"
)

func TestImportThroughTheWindow(t *testing.T) {
	u, s := newTestUI(t, data.Client{FirstName: "Ana", LastName: "López", Email: "ana@example.com"})
	csv := "Nom;Prénom;Courriel;Portable\nLópez;Ana;ana@example.com;555 123 4567\nMoreau;Émile;emile@example.com;07 98 76 54 32\nBad;Row;not-an-email;\n"
	f := u.startImport("clients.csv", []byte(csv))
	if f == nil || u.dialog == nil {
		t.Fatal("no mapping screen")
	}
	// "Courriel" and "Portable" are not guessed: map them by hand.
	for i, h := range f.table.Header {
		switch h {
		case "Courriel":
			f.selects[i].SetSelected("email")
		case "Portable":
			f.selects[i].SetSelected("phone")
		}
	}
	test.Tap(u.dialog.save) // Review
	if len(f.rows) != 3 || f.rows[0].Action != data.ImportUpdate || f.rows[1].Action != data.ImportNew || f.rows[2].Action != data.ImportError {
		t.Fatalf("plan: %+v", f.rows)
	}
	if !strings.Contains(f.summary.Text, "1 new, 1 to update") {
		t.Errorf("summary %q", f.summary.Text)
	}
	if n, _ := s.ClientCount(ctx); n != 1 {
		t.Fatal("imported before Import was pressed")
	}
	test.Tap(u.dialog.save) // Import
	if n, _ := s.ClientCount(ctx); n != 2 {
		t.Errorf("%d clients after import", n)
	}
	ana, _ := s.Client(ctx, 1)
	if ana.Phone != "555 123 4567" {
		t.Errorf("update did not fill the phone: %+v", ana)
	}
	if !strings.Contains(u.book.count.Text, "Imported 1 new clients and updated 1") {
		t.Errorf("status %q", u.book.count.Text)
	}
	// A file that is no CSV says so and changes nothing.
	if f := u.startImport("photo.csv", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0}); f != nil {
		t.Error("a binary file was read")
	}
	if u.dialog == nil || !strings.Contains(u.lastErr, "not a text file") {
		t.Errorf("message for a binary file: %q", u.lastErr)
	} else if n, _ := s.ClientCount(ctx); n != 2 {
		t.Errorf("%d clients after a refused file", n)
	}
}

func TestDuplicatesAndExportThroughTheWindow(t *testing.T) {
	u, s := newTestUI(t,
		data.Client{FirstName: "Ana", LastName: "López", Email: "ana@example.com"},
		data.Client{FirstName: "Anna", LastName: "Lopez", Email: "ANA@example.com"},
	)
	u.showDuplicates()
	if u.dialog == nil {
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
	u.book.reload()
	if len(u.book.rows) != 1 {
		t.Errorf("after merge: %v", listed(u))
	}
}

func TestRestoreThroughTheWindow(t *testing.T) {
	u, s := newTestUI(t, data.Client{FirstName: "Before"})
	backup, err := s.BackupNow(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	u.store.AddClient(ctx, &data.Client{FirstName: "After"})
	nu := u.restore(backup)
	if nu == nil {
		t.Fatalf("restore failed: %s", u.lastErr)
	}
	t.Cleanup(func() { nu.store.Close() })
	nu.book.reload()
	if got := listed(nu); len(got) != 1 || got[0] != "Before" {
		t.Errorf("after restore the window lists %v", got)
	}
	if nu.dialog == nil {
		t.Error("no word that the backup was restored")
	}
	backups, _ := nu.store.Backups()
	aside := false
	for _, b := range backups {
		aside = aside || strings.Contains(filepath.Base(b.Path), "replaced-")
	}
	if !aside {
		t.Error("the book as it was is not kept aside")
	}
}
