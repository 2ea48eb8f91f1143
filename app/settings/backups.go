package settings

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regulars/app/form"
	"regulars/app/words"
	"regulars/data/store"
	"regulars/internal/clock"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// backupNow writes a backup and says where.
func (s *Screen) backupNow() {
	path, err := s.u.store.BackupNow(s.u.ctx, "manual")
	if err != nil {
		s.u.showError(err)
		return
	}
	s.BookInfo.SetText(s.BookInfo.Text + "\nBacked up " + words.BackupWhen(clock.Now()) + ", in the backups folder (" + filepath.Dir(path) + ")")
}

// chooseRestore lists the backups to restore one, after asking.
func (s *Screen) chooseRestore() {
	backups, err := s.u.store.Backups()
	if err != nil || len(backups) == 0 {
		s.u.showError(fmt.Errorf("there are no backups in %s yet", s.u.store.BackupDir()))
		return
	}
	var labels []string
	byLabel := map[string]string{}
	for _, b := range backups {
		l := fmt.Sprintf("%s — %s, %.1f MB", words.CapitalizeFirst(words.BackupWhen(b.ModTime)), words.BackupWhy(b.Path), float64(b.Size)/1e6)
		labels = append(labels, l)
		byLabel[l] = b.Path
	}
	sel := widget.NewSelect(labels, nil)
	sel.SetSelected(labels[0])
	note := widget.NewLabel("The book is replaced by the backup; the book as it is now is kept in the backups folder.")
	note.Wrapping = fyne.TextWrapWord
	d := form.NewDialog(s.u.forms, "Restore a backup", container.NewVBox(sel, note), "Restore", func() error {
		path := byLabel[sel.Selected]
		if err := store.CheckBackup(path); err != nil {
			return err
		}
		defer s.u.shell.Restore(path)
		return nil
	})
	d.Show(fyne.NewSize(620, 220))
}

// showBookFolder opens the folder that holds the book in the system's file
// manager (Explorer, Finder, Files), to copy or back it up by hand.
func (s *Screen) showBookFolder() {
	dir := s.u.store.Folder()
	os.MkdirAll(dir, 0o755)
	if err := s.u.shell.OpenURL(folderURL(dir)); err != nil {
		s.u.showError(fmt.Errorf("show %s: %w", dir, err))
	}
}

// folderURL is the file: URL of a folder ("file:///C:/Users/…" on Windows).
func folderURL(dir string) *url.URL {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
