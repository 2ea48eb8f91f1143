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

	"github.com/jackc/pgx/v5"
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
	connectAdmin(t, base)
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
		// FORCE cannot end a session of another role (a test's own
		// login), which a program under test may still be closing: try
		// again for a while before calling it a failure.
		var err error
		for {
			if _, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err == nil || ctx.Err() != nil {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		if err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	return address(t, base, name)
}

// KeptBook returns the address of the database called name on the test
// server, creating it empty when it does not exist yet, and reports
// whether it did. Unlike NewBook's, the database is kept after the test:
// for a large book that benchmarks build once and reuse. Without a test
// server it skips t, saying so.
func KeptBook(t testing.TB, name string) (addr string, created bool) {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip("no PostgreSQL test server: set " + Env + " (make test-integration starts one)")
	}
	connectAdmin(t, base)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var exists bool
	if err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		t.Fatalf("look for database %s: %v", name, err)
	}
	if !exists {
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			t.Fatalf("create database %s: %v", name, err)
		}
	}
	return address(t, base, name), !exists
}

// connectAdmin opens, once, the connection to the test server that
// creates and drops the tests' databases.
func connectAdmin(t testing.TB, base string) {
	t.Helper()
	adminOnce.Do(func() {
		admin, adminErr = sql.Open("pgx", base)
		if adminErr == nil {
			admin.SetMaxOpenConns(2)
		}
	})
	if adminErr != nil {
		t.Fatalf("test server %s: %v", base, adminErr)
	}
}

// address is the test server's address base with the database name, and
// without a password.
func address(t testing.TB, base, name string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	u.Path = "/" + name
	u.User = url.User(u.User.Username())
	return u.String()
}
