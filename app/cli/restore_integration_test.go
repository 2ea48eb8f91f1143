//go:build integration

package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"regulars/data/postgres"
	"regulars/data/store"
	"regulars/internal/pgtest"
)

// The test binary is the command line too: run with REGULARS_CLI_HELPER=1,
// it is `regulars` with the arguments given, so that each command of the
// harness is a process of its own, with its own locks, as in a shop.
func init() {
	if os.Getenv("REGULARS_CLI_HELPER") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
}

// regulars runs one command as a process of its own.
func regulars(ctx context.Context, args ...string) (*exec.Cmd, *strings.Builder, *strings.Builder) {
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "REGULARS_CLI_HELPER=1")
	var out, errs strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errs
	return cmd, &out, &errs
}

// TestIntegrationRestoreBesideWriters runs log-visit commands in loops
// (three at a time, each a process) beside repeated restore commands, one
// in four of them killed with SIGKILL midway, and counts the visits
// reported saved (exit 0, an id printed) that are neither in the book at
// the end nor in a copy a restore kept aside: there must be none, and no
// writer may be told the book is damaged. On a book file and, beside a
// test server (make test-restore starts one), on PostgreSQL, where
// restore refuses to replace the book (other seats may use it) and the
// writers lose nothing either.
func TestIntegrationRestoreBesideWriters(t *testing.T) {
	t.Run("file", func(t *testing.T) {
		dir := t.TempDir()
		restoreBesideWriters(t, dir, filepath.Join(dir, "regulars.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		restoreBesideWriters(t, t.TempDir(), pgtest.NewBook(t))
	})
}

// restoreBesideWriters is the harness on the book named book; dir holds
// the backup (and, for a book file, the book).
func restoreBesideWriters(t *testing.T, dir, book string) {
	server := postgres.IsServerBook(book)
	mustRun(t, book, "add-client", "--first", "Ana", "--last", "Lima", "--force")
	backup := filepath.Join(dir, "good.db")
	mustRun(t, book, "backup", "-o", backup)

	const writers, restores = 3, 24
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var saved []string
	var alarms []string
	failed := 0
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for n := 0; ctx.Err() == nil; n++ {
				note := fmt.Sprintf("writer %d visit %d", w, n)
				cmd, out, errs := regulars(context.Background(), "--db", book, "log-visit", "1", "--note", note)
				err := cmd.Run()
				mu.Lock()
				switch {
				case err == nil && strings.TrimSpace(out.String()) != "":
					saved = append(saved, note)
				case strings.Contains(errs.String(), "damaged"):
					alarms = append(alarms, errs.String())
				default:
					failed++
				}
				mu.Unlock()
			}
		}(w)
	}
	killed, restored, refused := 0, 0, 0
	for r := 0; r < restores; r++ {
		time.Sleep(time.Duration(50+rand.IntN(150)) * time.Millisecond)
		cmd, out, errs := regulars(context.Background(), "--db", book, "restore", backup)
		if r%4 == 3 {
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			killed++
			continue
		}
		if server {
			if err := cmd.Run(); err == nil || !strings.Contains(errs.String(), "is not replaced by a file") {
				t.Errorf("restore %d over a book on a server: %v: %s", r, err, errs.String())
			}
			refused++
			continue
		}
		if err := cmd.Run(); err != nil {
			t.Errorf("restore %d: %v: %s", r, err, errs.String())
			continue
		}
		if !strings.Contains(out.String(), "kept in") {
			t.Errorf("restore %d kept no copy: %s", r, out.String())
		}
		restored++
	}
	cancel()
	wg.Wait()

	kept := map[string]bool{}
	read := func(path string) {
		s, err := store.OpenShared(path)
		if err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		defer s.Close()
		rows, err := s.DB().Query("SELECT note FROM visits")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			rows.Scan(&n)
			kept[n] = true
		}
	}
	read(book)
	asides, _ := filepath.Glob(filepath.Join(dir, "backups", "replaced-*.db"))
	for _, a := range asides {
		read(a)
	}
	lost := 0
	for _, n := range saved {
		if !kept[n] {
			lost++
		}
	}
	t.Logf("%d visits reported saved by %d writers beside %d restores done, %d refused and %d killed midway; %d copies kept aside; %d lost; %d writes refused (and said so)",
		len(saved), writers, restored, refused, killed, len(asides), lost, failed)
	if lost > 0 {
		t.Errorf("%d visits reported saved were lost", lost)
	}
	if len(alarms) > 0 {
		t.Errorf("%d writers were told the book is damaged: %s", len(alarms), alarms[0])
	}
	if len(saved) == 0 {
		t.Error("no visit was saved: the writers were shut out")
	}
	if server {
		return
	}
	if _, err := os.Stat(book + ".restoring"); err == nil {
		t.Error("a killed restore's copy is still next to the book after later commands")
	}
	if err := store.CheckBackup(book); err != nil {
		t.Errorf("the book after the run: %v", err)
	}
}
