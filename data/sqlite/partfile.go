package sqlite

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"regulars/internal/partfile"
)

// CleanBackupParts removes the .part files left in dir by backups that were
// killed before they were complete: those of a process that no longer
// runs (their name holds its id), and those of older versions of Regulars,
// which named them without one. A backup in progress in another process
// is left alone.
func CleanBackupParts(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".part") || !e.Type().IsRegular() {
			continue
		}
		base := strings.TrimSuffix(name, ".part")
		if strings.HasSuffix(base, ".db") {
			os.Remove(filepath.Join(dir, name)) // an older version's
			continue
		}
		i := strings.LastIndexByte(base, '.')
		// "BOOK.db.PID" or, for the copy taken before an upgrade,
		// "BOOK.db.PID-RANDOM".
		pidText, _, _ := strings.Cut(base[i+1:], "-")
		pid, err := strconv.Atoi(pidText)
		if i < 0 || err != nil || !strings.HasSuffix(base[:i], ".db") || pid == os.Getpid() {
			continue
		}
		if info, err := e.Info(); err == nil && !partfile.Alive(pid, info.ModTime()) {
			os.Remove(filepath.Join(dir, name))
		}
	}
}
