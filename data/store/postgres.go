package store

import (
	"os"

	"regulars/data/postgres"
	"regulars/internal/clock"
)

// openPostgres opens the book at addr, creating its tables in an empty
// database and upgrading older ones (postgres.Open).
func openPostgres(addr string, target int) (*Store, error) {
	a, err := postgres.ParseAddress(addr)
	if err != nil {
		return nil, &OpenError{Path: postgres.Redact(addr), Reason: err.Error(), Err: ErrNotBook, Cause: err}
	}
	scripts, err := pgMigrations()
	if err != nil {
		return nil, err
	}
	dataDir, err := DataFolder()
	if err != nil {
		dataDir = os.TempDir()
	}
	book, db, err := postgres.Open(a, postgres.Options{ApplicationID: ApplicationID, Scripts: scripts, Target: target, DataDir: dataDir})
	if err != nil {
		return nil, openError(a.String(), err)
	}
	return &Store{path: a.String(), db: db, eng: book, Now: clock.Now}, nil
}

// dropWatch closes the watch connection after the connections to the
// server were found cut (the network or the server went away): it is
// opened again at the next look.
func (s *Store) dropWatch() {
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
}
