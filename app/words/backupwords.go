package words

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"regulars/internal/clock"
)

// Backups in the owner's words: when one was made and why, never its
// file name (the folder may be given as a detail).

// BackupWhy says why the backup at path was made, from how Regulars names
// its backups.
func BackupWhy(path string) string {
	base := filepath.Base(path)
	switch {
	case strings.HasPrefix(base, "daily-"):
		return "daily backup"
	case strings.HasPrefix(base, "monthly-"):
		return "monthly backup"
	case strings.HasPrefix(base, "manual-"):
		return "backup made with Back up now"
	case strings.HasPrefix(base, "before-import-"):
		return "backup made before an import"
	case strings.HasPrefix(base, "before-merge-"):
		return "backup made before two clients were merged"
	case strings.HasPrefix(base, "before-restore-"), strings.Contains(base, "-aside"):
		return "book as it was before a restore"
	case strings.Contains(base, "-before-v"):
		return "backup made before Regulars updated the book"
	}
	return "backup"
}

// BackupWhen says when a backup was made: "today at 14:05", "yesterday
// at 09:00", "Monday 30 November 2026 at 09:00".
func BackupWhen(t time.Time) string {
	t = t.In(time.Local)
	switch DayNumber(clock.Now()) - DayNumber(t) {
	case 0:
		return "today at " + t.Format("15:04")
	case 1:
		return "yesterday at " + t.Format("15:04")
	}
	return t.Format("Monday 2 January 2006 at 15:04")
}

// Backup names the backup at path by why and when it was made: "the
// daily backup of today at 09:00".
func Backup(path string) string {
	when := clock.Now()
	if fi, err := os.Stat(path); err == nil {
		when = fi.ModTime()
	}
	return "the " + BackupWhy(path) + " of " + BackupWhen(when)
}

// CapitalizeFirst capitalizes the first letter of a phrase: "today at
// 9:00" → "Today at 9:00".
func CapitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
