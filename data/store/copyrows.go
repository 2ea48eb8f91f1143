package store

import (
	"context"
	"database/sql"
	"strings"
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
	return to.eng.CopyRows(ctx, rows, conn, dst, t.name, t.columns, t.pgTypes)
}
