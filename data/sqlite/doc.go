// Package sqlite is the engine of a client book kept in an SQLite file:
// what it needs besides the SQL the Store shares with a book on a server.
// Open checks the file, takes its locks (the window's, and the writers'
// gate that a restore closes), opens its connection pool and upgrades its
// schema with the scripts it is given; the Book it returns is the Store's
// engine (the Store's engine interface in package store, which this
// package does not import): data_version, VACUUM INTO backups, the
// integrity check and the sound-book stamp, the outbox's lock file, the
// copy between books. Besides: the file's real path, owner-only modes,
// disk-full and file-system errors in plain words, the check of a backup
// file, the restore of a backup into the book's place, and the removal of
// the ".part" files killed backups left (see package partfile).
//
// It knows the book only as SQL tables: the Store (package store) holds
// the rules and the queries, and puts what this package reports in its
// own words.
package sqlite
