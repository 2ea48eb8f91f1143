package data

// A book moves between engines — from a file to a PostgreSQL server when
// the shop gets a second computer, back to a file, or into a backup file
// of a book on a server — by copying every table, row for row with their
// ids, into an empty book of the other engine. Both books have the same
// tables and columns (the migrations of each engine keep them so); the
// columns a trigger keeps (a client's visit count, last visit, spend…)
// are copied as they are, with the triggers off, and the number of rows
// of every table is checked on both sides afterwards.

// TableCount is how many rows one table of a copied book holds.
type TableCount struct {
	Table string
	Rows  int64
}
