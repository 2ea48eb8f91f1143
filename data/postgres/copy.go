package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// CopyRows sends the rows, read from another book, into the table of
// that name on the server with COPY on conn, inside its open transaction:
// each row holds the columns named, and each value is converted to its
// column's type in types (column → PostgreSQL's type), since SQLite keeps
// what it is given. It returns how many rows were sent.
func CopyRows(ctx context.Context, rows *sql.Rows, conn *sql.Conn, table string, columns []string, types map[string]string) (int64, error) {
	vals := make([]any, len(columns))
	ptrs := make([]any, len(columns))
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
		if err := copyBatch(ctx, conn, table, columns, batch); err != nil {
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
			row[i], rowErr = toServerValue(v, types[columns[i]])
			if rowErr != nil {
				return n, fmt.Errorf("row %d, %s: %w", n+int64(len(batch))+1, columns[i], rowErr)
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

// copyBatch runs one COPY of rows on conn, whose transaction is open.
func copyBatch(ctx context.Context, conn *sql.Conn, table string, columns []string, rows [][]any) error {
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*rebindConn)
		if !ok {
			return fmt.Errorf("COPY needs a PostgreSQL connection, not %T", dc)
		}
		n, err := pc.Conn.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows))
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
