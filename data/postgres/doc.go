// Package postgres is the engine of a client book kept on a PostgreSQL
// server: what it needs besides the SQL the Store shares with a book
// file. Open reaches the server at its address (with the password kept in
// the system keyring), through a database/sql connector that rewrites the
// shared dialect into PostgreSQL's, and creates or upgrades the book's
// tables with the scripts it is given; the Book it returns is the Store's
// engine (the Store's engine interface in package store, which this
// package does not import): the connection that hears the other seats'
// writes (LISTEN/NOTIFY), advisory locks, COPY, the book's check. Besides:
// telling an unreachable server from other errors.
//
// It knows the book only as SQL tables: the Store (package store) holds
// the rules and the queries, and puts what this package reports in its
// own words.
package postgres
