// Package pgtest gives tests a fresh, empty PostgreSQL database of their
// own on the server named by $REGULARS_TEST_POSTGRES (make
// test-integration starts one, see scripts/pgserver.sh), and drops it when
// the test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Env is the variable that names the test server: a postgres:// address
// of a database the role may connect to, the role having CREATEDB. The
// password comes from $PGPASSWORD.
const Env = "REGULARS_TEST_POSTGRES"

// Available reports whether a test server is named.
func Available() bool { return os.Getenv(Env) != "" }

var (
	adminOnce sync.Once
	admin     *sql.DB
	adminErr  error
)

// NewBook creates an empty database for t and returns its address
// (without password). Without a test server it skips t, saying so.
func NewBook(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip("no PostgreSQL test server: set " + Env + " (make test-integration starts one)")
	}
	adminOnce.Do(func() {
		admin, adminErr = sql.Open("pgx", base)
		if adminErr == nil {
			admin.SetMaxOpenConns(2)
		}
	})
	if adminErr != nil {
		t.Fatalf("test server %s: %v", base, adminErr)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "regulars_t_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	u.Path = "/" + name
	u.User = url.User(u.User.Username())
	return u.String()
}
