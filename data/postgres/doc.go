// Package postgres is what a client book kept on a PostgreSQL server
// needs besides the SQL the Store shares with a book file: the server's
// address (and the password kept for it in the system keyring), a
// database/sql connector that rewrites the shared dialect into
// PostgreSQL's, the connection that hears the other seats' writes
// (LISTEN/NOTIFY), advisory locks, COPY, and telling an unreachable
// server from other errors.
//
// It knows nothing of clients or visits: the Store (package data) holds
// the rules and the queries, and calls this package for the server's
// mechanics.
package postgres
