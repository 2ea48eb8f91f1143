package store

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// The schema's one numbering: migrations/NNNN_name.ENGINE.sql, a script per
// engine for each version, so that a change to the book is one number with
// its SQLite and its PostgreSQL side side by side.

//go:embed migrations/*.sql
var migrationFiles embed.FS

// The engines' names, as in the scripts' file names and Store.Engine.
const (
	engineSQLite   = "sqlite"
	enginePostgres = "postgres"
)

// migration is one version of the schema: the scripts that bring a book of
// the version before to it, one per engine.
type migration struct {
	version  int
	name     string // what the version brings, from the file name
	sqlite   string
	postgres string
}

// script is the migration's script for engine.
func (m migration) script(engine string) string {
	if engine == enginePostgres {
		return m.postgres
	}
	return m.sqlite
}

// allMigrations reads the embedded scripts in version order. Every
// version from 1 up has a script for each engine.
func allMigrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for _, n := range names {
		base := path.Base(n)
		stem, engine, ok := strings.Cut(strings.TrimSuffix(base, ".sql"), ".")
		num, name, ok2 := strings.Cut(stem, "_")
		v, err := strconv.Atoi(num)
		if !ok || !ok2 || err != nil || (engine != engineSQLite && engine != enginePostgres) {
			return nil, fmt.Errorf("migration %s: not named NNNN_name.sqlite.sql or NNNN_name.postgres.sql", base)
		}
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", base, err)
		}
		if len(out) == 0 || out[len(out)-1].version != v {
			if v != len(out)+1 {
				return nil, fmt.Errorf("migration %s: version %d comes after %d", base, v, len(out))
			}
			out = append(out, migration{version: v, name: name})
		}
		m := &out[len(out)-1]
		if m.name != name {
			return nil, fmt.Errorf("migration %s: version %d is named %q by its other script", base, v, m.name)
		}
		if engine == engineSQLite {
			m.sqlite = string(b)
		} else {
			m.postgres = string(b)
		}
	}
	for _, m := range out {
		if m.sqlite == "" || m.postgres == "" {
			return nil, fmt.Errorf("migration %04d_%s: a script is missing for one engine", m.version, m.name)
		}
	}
	return out, nil
}

// engineMigrations returns one engine's scripts in version order; script
// i brings the schema to version i+1.
func engineMigrations(engine string) ([]string, error) {
	all, err := allMigrations()
	if err != nil {
		return nil, err
	}
	out := make([]string, len(all))
	for i, m := range all {
		out[i] = m.script(engine)
	}
	return out, nil
}

// migrations returns the scripts of an SQLite book in order.
func migrations() ([]string, error) { return engineMigrations(engineSQLite) }

// pgMigrations returns those of a PostgreSQL book in order.
func pgMigrations() ([]string, error) { return engineMigrations(enginePostgres) }
