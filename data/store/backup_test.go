package store

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

// TestBackupWhileWriting takes a backup while another goroutine logs
// visits: the copy opens and passes the integrity check.
func TestBackupWhileWriting(t *testing.T) {
	s := openTest(t)
	if err := makeDemo(s, 300, 3000, 1); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			s.LogVisit(context.Background(), &data.Visit{ClientID: int64(1 + i%300), At: clock.Now(), AmountCents: -1})
		}
	}()
	path := filepath.Join(t.TempDir(), "copy.db")
	err := s.BackupTo(ctx, path)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckBackup(path); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := b.ClientCount(ctx); n != 300 {
		t.Errorf("%d clients in the copy", n)
	}
	if err := s.BackupTo(ctx, path); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("overwrote a backup: %v", err)
	}
}

func TestDailyBackupRetention(t *testing.T) {
	s := openTest(t)
	day := time.Date(2025, 1, 1, 9, 0, 0, 0, time.Local)
	for i := 0; i < 500; i += 3 {
		now := day.AddDate(0, 0, i)
		s.Now = func() time.Time { return now }
		if _, err := s.DailyBackup(ctx); err != nil {
			t.Fatal(err)
		}
	}
	again, err := s.DailyBackup(ctx)
	if err != nil || again != "" {
		t.Errorf("a second backup the same day: %q %v", again, err)
	}
	list, _ := s.Backups()
	if len(list) > KeepDaily+KeepMonthly || len(list) < KeepDaily {
		t.Errorf("%d backups kept", len(list))
	}
	newest := filepath.Base(list[0].Path)
	if !strings.HasPrefix(newest, "daily-2026-05") {
		t.Errorf("newest %s", newest)
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "regulars.db")
	s, err := Open(book)
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "Before"})
	backup, err := s.BackupNow(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "After"})
	if _, err := Restore(book, backup); err == nil || !strings.Contains(err.Error(), "close it first") {
		t.Errorf("restored over an open book: %v", err)
	}
	s.Close()

	bad := filepath.Join(dir, "notes.txt")
	os.WriteFile(bad, []byte("hello"), 0o644)
	before, _ := os.ReadFile(book)
	if _, err := Restore(book, bad); err == nil || !strings.Contains(err.Error(), "not a Regulars client book") {
		t.Errorf("restored a text file: %v", err)
	}
	if now, _ := os.ReadFile(book); !bytes.Equal(now, before) {
		t.Error("a refused restore changed the book")
	}
	aside, err := Restore(book, backup)
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(book)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, _ := s.Search(ctx, "", 10)
	if len(res.Clients) != 1 || res.Clients[0].FirstName != "Before" {
		t.Errorf("after restore: %v", names(res))
	}
	if err := CheckBackup(aside); err != nil {
		t.Errorf("the replaced book was not kept: %v", err)
	}
}

func TestEraseClient(t *testing.T) {
	s := openTest(t)
	id := addClient(t, s, data.Client{FirstName: "Forget", LastName: "Me-Please", Email: "forget.me@example.com", Notes: "secret-note-xyz"})
	keep := addClient(t, s, data.Client{FirstName: "Keep"})
	s.LogVisit(ctx, &data.Visit{ClientID: id, At: s.Now(), What: "secret-visit-xyz", AmountCents: -1})
	s.AddFollowUp(ctx, &data.FollowUp{ClientID: id, What: "secret-followup-xyz", Due: s.Now()})
	partner := addClient(t, s, data.Client{FirstName: "Partner"})
	if _, err := s.SetHousehold(ctx, "Forgets' home", []int64{id, partner}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, []data.Mail{{ClientID: id, MessageID: "<erase-1@example.com>", Recipient: "forget.me@example.com", Subject: "Thanks", Raw: []byte("To: forget.me@example.com\r\n\r\nsecret-note-xyz")}}); err != nil {
		t.Fatal(err)
	}
	s.WarmSearch(ctx)
	if err := s.EraseClient(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Client(ctx, id); err == nil {
		t.Error("still there")
	}
	if res, _ := s.Search(ctx, "forget", 10); len(res.Clients) != 0 {
		t.Error("still found by search")
	}
	for _, table := range []string{"visits", "contacts", "follow_ups", "client_tags"} {
		var n int
		s.DB().QueryRow("SELECT count(*) FROM "+table+" WHERE client_id = ?", id).Scan(&n)
		if n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	// No row of any table holds anything of them.
	secrets := []string{"secret-note-xyz", "secret-visit-xyz", "forget.me@example.com", "Me-Please", "Forgets' home"}
	tables, err := s.tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table := range tables {
		rows, err := s.DB().Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			rows.Scan(ptrs...)
			for i, v := range vals {
				text := fmt.Sprint(v)
				if b, ok := v.([]byte); ok {
					text = string(b)
				}
				for _, secret := range secrets {
					if strings.Contains(strings.ToLower(text), strings.ToLower(secret)) {
						t.Errorf("%q still in %s.%s", secret, table, cols[i])
					}
				}
			}
		}
		rows.Close()
	}
	if !onPostgres() {
		raw, _ := os.ReadFile(s.Path())
		wal, _ := os.ReadFile(s.Path() + "-wal")
		for _, secret := range secrets {
			if bytes.Contains(raw, []byte(secret)) || bytes.Contains(wal, []byte(secret)) {
				t.Errorf("%q still in the file", secret)
			}
		}
	}
	if _, err := s.Client(ctx, keep); err != nil {
		t.Error("erased the wrong client")
	}
}
