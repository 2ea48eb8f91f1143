package store

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Fingerprint is a digest of everything in the book — every row of every
// table, in an order of its own — that is the same for a file and for a
// database on a server holding the same rows. It shows that a refused
// command changed nothing, and that a moved book holds what the old one
// did.
func (s *Store) Fingerprint(ctx context.Context) ([32]byte, error) {
	tables, err := s.tables(ctx)
	if err != nil {
		return [32]byte{}, fmt.Errorf("fingerprint: %w", err)
	}
	h := sha256.New()
	for _, table := range sortedKeys(tables) {
		cols := sortedKeys(tables[table])
		rows, err := s.db.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM "+table)
		if err != nil {
			return [32]byte{}, fmt.Errorf("fingerprint %s: %w", table, err)
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var lines []string
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return [32]byte{}, err
			}
			var b strings.Builder
			for _, v := range vals {
				b.WriteString(strconv.Quote(valueText(v)))
				b.WriteByte(',')
			}
			lines = append(lines, b.String())
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return [32]byte{}, err
		}
		slices.Sort(lines)
		fmt.Fprintf(h, "%s %v\n%s\n", table, cols, strings.Join(lines, "\n"))
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out, nil
}

// valueText writes a value read from either engine the same way.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return "\x00NULL"
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}
