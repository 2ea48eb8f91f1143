// Package sqlite is what a client book kept in an SQLite file needs
// besides the SQL the Store shares with a book on a server: the locks on
// the file (the window's, and the writers' gate that a restore closes),
// the file's real path, header and connection string, owner-only modes,
// disk-full and file-system errors in plain words, the check of a backup
// file, the restore of a backup into the book's place, and the ".part"
// files that writes go through before they are whole.
//
// It knows nothing of clients or visits: the Store (package data) holds
// the rules and the queries, and calls this package for the file's
// mechanics.
package sqlite
