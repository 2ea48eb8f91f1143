package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// The SQL of the store is written once, in the dialect both engines share:
// `?` placeholders (and @name for named arguments) and `COLLATE NOCASE` where
// SQLite needs to be told to compare without case. On PostgreSQL the
// placeholders become $1, $2… and the collation words are dropped: the
// columns compared without case are citext there, so they compare that way
// by themselves. The rewriting is done in the driver, below database/sql,
// so that every query, in a transaction or not, goes through it.

// pgConnector opens pgx connections whose queries are rewritten.
type pgConnector struct {
	inner driver.Connector
}

// newPGConnector wraps pgx's database/sql connector for config.
func newPGConnector(config *pgx.ConnConfig) driver.Connector {
	return pgConnector{inner: stdlib.GetConnector(*config)}
}

// Connect opens one connection.
func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: conn.(*stdlib.Conn)}, nil
}

// Driver returns pgx's driver.
func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is a pgx connection that rewrites each query to PostgreSQL's
// dialect before running it. Everything else is pgx's own.
type pgConn struct {
	*stdlib.Conn
}

// PrepareContext prepares the rewritten query.
func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	q, _, err := rebind(query, nil)
	if err != nil {
		return nil, err
	}
	return c.Conn.PrepareContext(ctx, q)
}

// Prepare prepares the rewritten query.
func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// ExecContext runs the rewritten statement.
func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	q, args, err := rebind(query, args)
	if err != nil {
		return nil, err
	}
	return c.Conn.ExecContext(ctx, q, args)
}

// QueryContext runs the rewritten query.
func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, args, err := rebind(query, args)
	if err != nil {
		return nil, err
	}
	return c.Conn.QueryContext(ctx, q, args)
}

// rebind rewrites query from the shared dialect to PostgreSQL's: each `?`
// becomes $1, $2… in order; each @name (when the arguments are named) the
// number of that argument (only the arguments named are passed on);
// the words COLLATE NOCASE are dropped. Nothing
// inside quotes or comments is touched. Named arguments are returned with
// their names cleared and in their order, as pgx takes them.
func rebind(query string, args []driver.NamedValue) (string, []driver.NamedValue, error) {
	named := map[string]int{} // name → index in args
	for i, a := range args {
		if a.Name != "" {
			named[strings.ToLower(a.Name)] = i
		}
	}
	// Named arguments are passed in the order they are first used, and
	// only those used: PostgreSQL cannot type a parameter no query names.
	var used []driver.NamedValue
	number := map[string]int{}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); {
		ch := query[i]
		switch {
		case ch == '\'' || ch == '"':
			j := i + 1
			for j < len(query) {
				if query[j] == ch {
					if j+1 < len(query) && query[j+1] == ch { // a doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			if j < len(query) {
				j++
			}
			b.WriteString(query[i:j])
			i = j
		case ch == '-' && strings.HasPrefix(query[i:], "--"):
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j
		case ch == '/' && strings.HasPrefix(query[i:], "/*"):
			j := strings.Index(query[i+2:], "*/")
			end := len(query)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			b.WriteString(query[i:end])
			i = end
		case ch == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			i++
		case ch == '@' && len(named) > 0:
			j := i + 1
			for j < len(query) && isWordByte(query[j]) {
				j++
			}
			name := strings.ToLower(query[i+1 : j])
			k, ok := number[name]
			if !ok {
				at, ok := named[name]
				if !ok {
					return "", nil, fmt.Errorf("query names @%s, which no argument has", name)
				}
				used = append(used, driver.NamedValue{Ordinal: len(used) + 1, Value: args[at].Value})
				k = len(used)
				number[name] = k
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(k))
			i = j
		case (ch == 'C' || ch == 'c') && (i == 0 || !isWordByte(query[i-1])) && hasCollateNocase(query[i:]):
			j := i + len("COLLATE")
			for j < len(query) && isSpace(query[j]) {
				j++
			}
			j += len("NOCASE")
			i = j
		default:
			b.WriteByte(ch)
			i++
		}
	}
	if len(named) > 0 {
		args = used
	}
	return b.String(), args, nil
}

// hasCollateNocase reports whether s starts with the words COLLATE NOCASE.
func hasCollateNocase(s string) bool {
	if len(s) < len("COLLATE NOCASE") || !strings.EqualFold(s[:7], "COLLATE") {
		return false
	}
	j := 7
	if j >= len(s) || !isSpace(s[j]) {
		return false
	}
	for j < len(s) && isSpace(s[j]) {
		j++
	}
	rest := s[j:]
	return len(rest) >= 6 && strings.EqualFold(rest[:6], "NOCASE") && (len(rest) == 6 || !isWordByte(rest[6]))
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
