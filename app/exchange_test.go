package app

import (
	"path/filepath"
	"strings"
	"testing"

	"regulars/data"
)

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
	if u.ctx.Err() == nil {
		t.Error("the replaced screens' background work still runs on the closed book (its overnight backup would fail in the window)")
	}
	nu.book.Reload()
	if got := listed(nu); len(got) != 1 || got[0] != "Before" {
		t.Errorf("after restore the window lists %v", got)
	}
	if nu.forms.Open == nil {
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
