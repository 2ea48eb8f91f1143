package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// The rows of one table copied into the other book: row by row into a
// file, with COPY onto a server.

// copyTable copies the rows of one table from src into dst, in id order.
func copyTable(ctx context.Context, src *sql.Tx, conn *sql.Conn, dst *sql.Tx, to *Store, t copiedTable) (int64, error) {
	cols := strings.Join(t.columns, ", ")
	q := "SELECT " + cols + " FROM " + t.name
	if t.hasID {
		q += " ORDER BY id"
	}
	rows, err := src.QueryContext(ctx, q)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	return to.eng.copyRows(ctx, rows, conn, dst, t)
}

// copyIntoServer sends the rows to PostgreSQL with COPY on conn, inside
// its open transaction, converting each value to its column's type
// (SQLite keeps what it is given).
func copyIntoServer(ctx context.Context, rows *sql.Rows, conn *sql.Conn, t copiedTable) (int64, error) {
	vals := make([]any, len(t.columns))
	ptrs := make([]any, len(t.columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var batch [][]any
	var n int64
	var rowErr error
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := copyRows(ctx, conn, t, batch); err != nil {
			return err
		}
		n += int64(len(batch))
		batch = batch[:0]
		return nil
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		row := make([]any, len(vals))
		for i, v := range vals {
			row[i], rowErr = toServerValue(v, t.pgTypes[t.columns[i]])
			if rowErr != nil {
				return n, fmt.Errorf("row %d, %s: %w", n+int64(len(batch))+1, t.columns[i], rowErr)
			}
		}
		batch = append(batch, row)
		if len(batch) == 10000 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, flush()
}

// copyRows runs one COPY of rows on conn, whose transaction is open.
func copyRows(ctx context.Context, conn *sql.Conn, t copiedTable, rows [][]any) error {
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*pgConn)
		if !ok {
			return fmt.Errorf("COPY needs a PostgreSQL connection, not %T", dc)
		}
		n, err := pc.Conn.Conn().CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, pgx.CopyFromRows(rows))
		if err != nil {
			return err
		}
		if n != int64(len(rows)) {
			return fmt.Errorf("COPY took %d rows of %d", n, len(rows))
		}
		return nil
	})
}

// toServerValue converts a value read from SQLite to what PostgreSQL's
// column of type typ takes.
func toServerValue(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch {
	case strings.Contains(typ, "int"):
		switch x := v.(type) {
		case int64:
			return x, nil
		case float64:
			return int64(x), nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			return strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		case []byte:
			return strconv.ParseInt(strings.TrimSpace(string(x)), 10, 64)
		}
	case typ == "double precision" || typ == "real" || typ == "numeric":
		switch x := v.(type) {
		case int64:
			return float64(x), nil
		case float64:
			return x, nil
		case string:
			return strconv.ParseFloat(x, 64)
		}
	case typ == "bytea":
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	default: // text, citext
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case float64:
			return strconv.FormatFloat(x, 'g', -1, 64), nil
		}
	}
	return v, nil
}
