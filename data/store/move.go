package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regulars/data/postgres"
	"regulars/data/sqlite"
	"slices"
	"strings"

	"regulars/data"
)

// CopyBook copies the whole of from into to, which must hold no clients,
// visits or contacts (the rows a new book starts with, such as its sample
// templates, are replaced). It returns the rows per table, checked equal
// on both sides. On failure nothing is left in to (its writes are one
// transaction).
func CopyBook(ctx context.Context, from, to *Store, progress func(table string)) ([]data.TableCount, error) {
	if from == to || from.path == to.path {
		return nil, errors.New("copy the book: the source and the destination are the same book")
	}
	var n int64
	if err := to.db.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM visits) + (SELECT count(*) FROM contacts)").Scan(&n); err != nil {
		return nil, fmt.Errorf("copy the book: look into %s: %w", to.path, err)
	}
	if n > 0 {
		return nil, fmt.Errorf("copy the book: %s already holds clients; copy into a new, empty book (an empty database on the server, or a file name that does not exist yet)", to.path)
	}
	order, err := copyOrder(ctx, from, to)
	if err != nil {
		return nil, err
	}
	// The source is read in one transaction, so the copy is of one moment
	// even while other seats write.
	src, err := from.db.BeginTx(ctx, from.eng.ReadCopy())
	if err != nil {
		return nil, fmt.Errorf("copy the book: read %s: %w", from.path, err)
	}
	defer src.Rollback()
	var counts []data.TableCount
	err = to.writeOnConn(ctx, func(conn *sql.Conn, dst *sql.Tx) error {
		paused, err := to.beforeCopy(ctx, dst, order)
		if err != nil {
			return err
		}
		for _, t := range order {
			if progress != nil {
				progress(t.name)
			}
			rows, err := copyTable(ctx, src, conn, dst, to, t)
			if err != nil {
				return fmt.Errorf("copy table %s: %w", t.name, err)
			}
			counts = append(counts, data.TableCount{Table: t.name, Rows: rows})
		}
		tables, hasID := tableNames(order)
		if err := to.eng.ResumeTriggers(ctx, dst, tables, hasID, paused); err != nil {
			return err
		}
		// Counts checked on both sides, inside the transaction: a
		// difference undoes the whole copy.
		for _, c := range counts {
			var a, b int64
			if err := src.QueryRowContext(ctx, "SELECT count(*) FROM "+c.Table).Scan(&a); err != nil {
				return err
			}
			if err := dst.QueryRowContext(ctx, "SELECT count(*) FROM "+c.Table).Scan(&b); err != nil {
				return err
			}
			if a != b || a != c.Rows {
				return fmt.Errorf("table %s: %d rows in %s, %d copied, %d in %s; nothing was kept", c.Table, a, from.path, c.Rows, b, to.path)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("copy the book into %s: %w", to.path, err)
	}
	to.index.Reset()
	return counts, nil
}

// copiedTable is one table to copy and its columns.
type copiedTable struct {
	name    string
	columns []string
	pgTypes map[string]string // column → its type in the book copied into (PostgreSQL's, where COPY converts to it)
	hasID   bool              // an id column with a sequence behind it
}

// copyOrder lists the tables of the book, parents before the tables that
// refer to them, and checks that both books have the same tables and
// columns.
func copyOrder(ctx context.Context, from, to *Store) ([]copiedTable, error) {
	a, err := from.tables(ctx)
	if err != nil {
		return nil, fmt.Errorf("copy the book: read the tables of %s: %w", from.path, err)
	}
	b, err := to.tables(ctx)
	if err != nil {
		return nil, fmt.Errorf("copy the book: read the tables of %s: %w", to.path, err)
	}
	for name, cols := range a {
		other, ok := b[name]
		if !ok {
			return nil, fmt.Errorf("copy the book: %s has a table %s that %s lacks (are both from the same version of Regulars?)", from.path, name, to.path)
		}
		if !slices.Equal(sortedKeys(cols), sortedKeys(other)) {
			return nil, fmt.Errorf("copy the book: the table %s has columns %v in %s but %v in %s", name, sortedKeys(cols), from.path, sortedKeys(other), to.path)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			return nil, fmt.Errorf("copy the book: %s has a table %s that %s lacks (are both from the same version of Regulars?)", to.path, name, from.path)
		}
	}
	parents, err := from.parentTables(ctx)
	if err != nil {
		return nil, fmt.Errorf("copy the book: read the links between tables: %w", err)
	}
	var order []copiedTable
	done := map[string]bool{}
	var visit func(name string, depth int) error
	visit = func(name string, depth int) error {
		if done[name] {
			return nil
		}
		if depth > len(a) {
			return fmt.Errorf("copy the book: the tables refer to each other in a circle (%s)", name)
		}
		for _, p := range parents[name] {
			if err := visit(p, depth+1); err != nil {
				return err
			}
		}
		done[name] = true
		cols := a[name]
		t := copiedTable{name: name, columns: sortedKeys(cols), pgTypes: b[name]}
		_, t.hasID = cols["id"]
		order = append(order, t)
		return nil
	}
	for _, name := range sortedKeys(a) {
		if err := visit(name, 0); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// parentTables lists, for each table, the other tables its foreign keys
// refer to.
func (s *Store) parentTables(ctx context.Context) (map[string][]string, error) {
	rows, err := s.db.QueryContext(ctx, s.eng.ForeignKeysQuery())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	parents := map[string][]string{}
	for rows.Next() {
		var t, p string
		if err := rows.Scan(&t, &p); err != nil {
			return nil, err
		}
		if p != t {
			parents[t] = append(parents[t], p)
		}
	}
	return parents, rows.Err()
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// tables returns the book's tables and, for each, its columns with their
// declared types; Regulars' own bookkeeping (regulars_book) and SQLite's
// are left out.
func (s *Store) tables(ctx context.Context) (map[string]map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, s.eng.ColumnsQuery())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var t, c, typ string
		if err := rows.Scan(&t, &c, &typ); err != nil {
			return nil, err
		}
		if out[t] == nil {
			out[t] = map[string]string{}
		}
		out[t][c] = strings.ToLower(typ)
	}
	return out, rows.Err()
}

// beforeCopy empties the new book and turns its triggers off (the copied
// rows carry what the triggers keep already); what it returns goes to
// the engine's resumeTriggers after the copy.
func (s *Store) beforeCopy(ctx context.Context, tx *sql.Tx, order []copiedTable) (paused [][2]string, err error) {
	for i := len(order) - 1; i >= 0; i-- {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+order[i].name); err != nil {
			return nil, fmt.Errorf("empty the new book's %s: %w", order[i].name, err)
		}
	}
	tables, _ := tableNames(order)
	return s.eng.PauseTriggers(ctx, tx, tables)
}

// tableNames gives the names of the tables in order, and which of them
// have an id column, as the engine takes them.
func tableNames(order []copiedTable) (tables []string, hasID map[string]bool) {
	hasID = map[string]bool{}
	for _, t := range order {
		tables = append(tables, t.name)
		hasID[t.name] = t.hasID
	}
	return tables, hasID
}

// Move copies the book at from (a file or a server address) into a new
// book at to (the other kind, or another of the same), checks it and
// returns its rows per table. The book at from is left as it was.
func Move(ctx context.Context, from *Store, to string, progress func(table string)) ([]data.TableCount, error) {
	if !postgres.IsServerBook(to) {
		abs, err := filepath.Abs(to)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(abs); err == nil {
			return nil, fmt.Errorf("move the book to %s: the file exists already; name a new file", to)
		}
		to = abs
	}
	dst, err := OpenShared(to)
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	return CopyBook(ctx, from, dst, progress)
}

// backupToFile copies a book on a server into a new book file at path.
func (s *Store) backupToFile(ctx context.Context, path string) error {
	dst, err := open(path, SchemaVersion(), false)
	if err != nil {
		return err
	}
	_, err = CopyBook(ctx, s, dst, nil)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		for _, suffix := range []string{"", "-wal", "-shm", "-checked", sqlite.GateSuffix, sqlite.TurnSuffix} {
			os.Remove(path + suffix)
		}
		return err
	}
	os.Remove(path + "-checked")
	os.Remove(path + sqlite.GateSuffix)
	os.Remove(path + sqlite.TurnSuffix)
	return nil
}
