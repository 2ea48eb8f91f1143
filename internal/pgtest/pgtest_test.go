package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"strings"
	"testing"
)

func TestKeptBook(t *testing.T) {
	b := make([]byte, 4)
	rand.Read(b)
	name := "regulars_kept_" + hex.EncodeToString(b)
	addr, created := KeptBook(t, name)
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	if !created {
		t.Errorf("KeptBook(%q) did not create the database the first time", name)
	}
	if !strings.HasSuffix(addr, "/"+name) || strings.Contains(addr, ":regulars@") {
		t.Errorf("address %q: want the database %s and no password", addr, name)
	}
	again, created := KeptBook(t, name)
	if created || again != addr {
		t.Errorf("second KeptBook = %q, created %v; want %q, kept", again, created, addr)
	}
	var exists bool
	if err := admin.QueryRowContext(context.Background(), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil || !exists {
		t.Errorf("database %s exists = %v, %v", name, exists, err)
	}
	db, err := sql.Open("pgx", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.PingContext(context.Background()); err != nil {
		t.Errorf("connect to the kept book: %v", err)
	}
}
