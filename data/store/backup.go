package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regulars/data/postgres"
	"regulars/data/sqlite"
	"sort"
	"strings"
	"time"

	"regulars/data"
)

// Backups are kept in the backups folder next to the book: one a day for
// the last KeepDaily days and the first of each month for KeepMonthly
// months; copies taken before a migration, an import or a merge are kept
// apart and never pruned.
const (
	KeepDaily   = 14
	KeepMonthly = 12
)

// backupPrefix starts the names of daily backups; the date follows.
const backupPrefix = "daily-"

// BackupTo writes a consistent copy of the book to path, even while other
// connections write (SQLite's VACUUM INTO reads one snapshot), readable by
// its owner only. An existing file at path is refused, even one another
// process makes meanwhile.
func (s *Store) BackupTo(ctx context.Context, path string) error {
	_, err := s.backupAs(ctx, func(n int) string {
		if n > 1 {
			return ""
		}
		return path
	})
	return err
}

// backupAs writes a backup under the first name that name(1), name(2)…
// gives which no file has, and returns it; name returns "" when there is
// no other to try.
func (s *Store) backupAs(ctx context.Context, name func(n int) string) (string, error) {
	path := name(1)
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("back up to %s: %w", path, err)
	}
	if abs == s.path {
		return "", fmt.Errorf("back up to %s: that is the book itself", path)
	}
	if _, err := os.Stat(abs); err == nil && name(2) == "" {
		return "", fmt.Errorf("back up to %s: the file exists already", path)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return "", fmt.Errorf("back up to %s: %w", path, err)
	}
	// The copy is written under a name with this process's id, and
	// given its name when complete; the pieces of backups that were
	// killed midway are cleaned up now.
	sqlite.CleanBackupParts(filepath.Dir(abs))
	tmp := fmt.Sprintf("%s.%d.part", abs, os.Getpid())
	os.Remove(tmp)
	defer os.Remove(tmp)
	err = s.eng.Backup(ctx, tmp)
	if errors.Is(err, errors.ErrUnsupported) {
		err = s.backupToFile(ctx, tmp)
	}
	if err != nil {
		return "", fmt.Errorf("back up to %s: %w", path, err)
	}
	os.Chmod(tmp, 0o600)
	for n := 1; ; n++ {
		final := name(n)
		if final == "" {
			return "", fmt.Errorf("back up to %s: the file exists already", path)
		}
		// A link, unlike a rename, never replaces a file made meanwhile.
		err := os.Link(tmp, final)
		if err == nil {
			return final, nil
		}
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		// A file system without links: rename, after one more look.
		if _, serr := os.Stat(final); serr == nil {
			continue
		}
		if err := os.Rename(tmp, final); err != nil {
			return "", fmt.Errorf("back up to %s: %w", final, err)
		}
		return final, nil
	}
}

// BackupNow writes a backup named after the moment and the reason
// ("manual", "before-import", …) into the backup folder.
func (s *Store) BackupNow(ctx context.Context, reason string) (string, error) {
	stamp := s.Now().In(time.Local).Format("2006-01-02-150405")
	return s.backupAs(ctx, func(n int) string {
		if n == 1 {
			return filepath.Join(s.BackupDir(), fmt.Sprintf("%s-%s.db", reason, stamp))
		}
		if n > 1000 {
			return ""
		}
		return filepath.Join(s.BackupDir(), fmt.Sprintf("%s-%s-%d.db", reason, stamp, n))
	})
}

// DailyBackup takes today's backup if there is none yet, then prunes the
// old daily ones, keeping KeepDaily days and the first backup of each of
// the last KeepMonthly months. It returns the new file, or "".
func (s *Store) DailyBackup(ctx context.Context) (string, error) {
	today := s.Now().In(time.Local).Format("2006-01-02")
	path := filepath.Join(s.BackupDir(), backupPrefix+today+".db")
	made := ""
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := s.BackupTo(ctx, path); err != nil {
			if _, serr := os.Stat(path); serr != nil {
				return "", err
			}
			// Another copy of Regulars took today's backup meanwhile.
		} else {
			made = path
		}
	}
	return made, s.pruneBackups()
}

// pruneBackups removes daily backups beyond the retention.
func (s *Store) pruneBackups() error {
	entries, err := os.ReadDir(s.BackupDir())
	if err != nil {
		return fmt.Errorf("prune backups: %w", err)
	}
	var days []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, ".db") {
			days = append(days, strings.TrimSuffix(strings.TrimPrefix(n, backupPrefix), ".db"))
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(days)))
	keep := map[string]bool{}
	for i, d := range days {
		if i < KeepDaily {
			keep[d] = true
		}
	}
	// The oldest backup of each month, for the last KeepMonthly months.
	months := map[string]string{}
	for _, d := range days {
		if len(d) >= 7 {
			months[d[:7]] = d // days are newest first: the last one seen is the oldest
		}
	}
	var ms []string
	for m := range months {
		ms = append(ms, m)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(ms)))
	for i, m := range ms {
		if i < KeepMonthly {
			keep[months[m]] = true
		}
	}
	for _, d := range days {
		if !keep[d] {
			if err := os.Remove(filepath.Join(s.BackupDir(), backupPrefix+d+".db")); err != nil {
				return fmt.Errorf("prune backups: %w", err)
			}
		}
	}
	return nil
}

// Backup is a file in the backup folder.
type Backup struct {
	Path    string
	Size    int64
	ModTime time.Time
}

// Backups lists the backup folder, newest first.
func (s *Store) Backups() ([]Backup, error) {
	entries, err := os.ReadDir(s.BackupDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []Backup
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Backup{Path: filepath.Join(s.BackupDir(), e.Name()), Size: fi.Size(), ModTime: fi.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ModTime.After(out[j].ModTime) })
	return out, nil
}

// Check runs SQLite's quick integrity check (on a server, it checks that
// the book is of this program's version and that what the triggers keep
// agrees with the visit log: postgres.Book.Check); nil means the book is
// sound. Its verdict is kept: a damaged book is not written to (see
// write).
func (s *Store) Check(ctx context.Context) error {
	err := s.eng.Check(ctx)
	var de *postgres.DisagreeError
	var oe *OpenError
	switch {
	case err == nil || errors.As(err, &oe):
		return err
	case errors.As(err, &de):
		return &OpenError{Path: s.path, Err: ErrCorrupt, Reason: de.Error(),
			Advice: "Back the book up (regulars backup) and tell whoever looks after the server; nothing was changed"}
	}
	return busyError(err)
}

// adviseRestore names, in the advice of a damaged book's error, the newest
// backup that passes its own check and the command that restores it.
func (s *Store) adviseRestore(damage error) {
	var oe *OpenError
	if !errors.As(damage, &oe) {
		return
	}
	if good := s.NewestGoodBackup(); good != "" {
		oe.Advice = fmt.Sprintf("Restore the newest good backup, %s (in the window: Settings, Client book, Restore…; on the command line: regulars restore %q)", good, good)
	} else {
		oe.Advice = "There is no good backup next to the book; copy the file aside and restore a backup you keep elsewhere"
	}
}

// NewestGoodBackup returns the newest backup in the backup folder that
// passes its integrity check, or "" when there is none. At most five are
// tried, newest first.
func (s *Store) NewestGoodBackup() string {
	list, err := s.Backups()
	if err != nil {
		return ""
	}
	for i, b := range list {
		if i == 5 {
			break
		}
		if CheckBackup(b.Path) == nil {
			return b.Path
		}
	}
	return ""
}

// CheckBackup opens a backup file to see that it is a sound client book
// this version can read, leaving it as it was (sqlite.CheckFile).
func CheckBackup(path string) error {
	return sqlite.CheckFile(path, ApplicationID, SchemaVersion())
}

// EraseClient removes a client and all their history for good — visits,
// contacts, follow-ups, complaints, tags and the search entry — for a
// privacy request: the freed space is overwritten (secure_delete) and the
// journal folded in and emptied, so nothing of them stays in the book.
// No backup is taken; backups made earlier still hold the person until
// they age out.
func (s *Store) EraseClient(ctx context.Context, id int64) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return busyError(err)
	}
	defer tx.Rollback()
	// What refers to the client without being deleted with them: the
	// emails to them (kept for the record of a batch) and the replies
	// noted; a household they were the last of.
	var email string
	var household sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT email, household_id FROM clients WHERE id = ?", id).Scan(&email, &household); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("client %d: %w", id, data.ErrNotFound)
		}
		return fmt.Errorf("erase client %d: %w", id, err)
	}
	for _, q := range []struct {
		query string
		args  []any
	}{
		{"DELETE FROM outbox WHERE client_id = ? OR (? <> '' AND lower(recipient) = lower(?))", []any{id, email, email}},
		{"DELETE FROM replies_seen WHERE client_id = ?", []any{id}},
	} {
		if _, err := tx.ExecContext(ctx, q.query, q.args...); err != nil {
			return fmt.Errorf("erase client %d: %w", id, err)
		}
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM clients WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("erase client %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("client %d: %w", id, data.ErrNotFound)
	}
	if household.Valid {
		// A household links at least two clients: one left alone is
		// unlinked and the household (often named after the family) goes.
		h := household.Int64
		for _, q := range []string{
			"UPDATE clients SET household_id = NULL WHERE household_id = ? AND (SELECT count(*) FROM clients WHERE household_id = ?) < 2",
			"DELETE FROM households WHERE id = ? AND NOT EXISTS (SELECT 1 FROM clients WHERE household_id = ?)",
		} {
			if _, err := tx.ExecContext(ctx, q, h, h); err != nil {
				return fmt.Errorf("erase client %d: %w", id, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return busyError(err)
	}
	s.touched(ctx, id)
	if err := s.eng.Scrub(ctx, conn); err != nil {
		return fmt.Errorf("erase client %d: %w", id, err)
	}
	return nil
}
