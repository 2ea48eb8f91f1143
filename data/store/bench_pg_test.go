package store

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"regulars/internal/pgtest"
)

// The same benchmarks on PostgreSQL over loopback (make bench starts a
// server, see scripts/pgserver.sh): the large demo book is copied once
// from the SQLite one with Move into a database that is kept,
// "regulars_bench" on the server of $REGULARS_TEST_POSTGRES, or the one
// $REGULARS_BENCH_PG names (filled already, or empty). Without a server
// every PostgreSQL benchmark is skipped, saying so.

// benchPGDatabase is the database the large book is copied into and kept.
const benchPGDatabase = "regulars_bench"

var (
	benchPGOnce     sync.Once
	benchPGErr      error
	benchPGSkipOnce sync.Once
)

// benchPGBook returns the address of the large book on PostgreSQL,
// copying the SQLite one there the first time.
func benchPGBook(b *testing.B) string {
	if !pgtest.Available() && os.Getenv("REGULARS_BENCH_PG") == "" {
		const why = "no PostgreSQL server: set " + pgtest.Env + " (make bench starts one) to run the benchmarks on PostgreSQL"
		// go test prints a benchmark's skip only with -v: say it once anyway.
		benchPGSkipOnce.Do(func() { fmt.Fprintln(os.Stderr, "skipping the PostgreSQL benchmarks:", why) })
		b.Skip(why)
	}
	addr := os.Getenv("REGULARS_BENCH_PG")
	if addr == "" {
		addr, _ = pgtest.KeptBook(b, benchPGDatabase)
	}
	benchPGOnce.Do(func() { benchPGErr = fillPGBook(b, addr) })
	if benchPGErr != nil {
		b.Fatal(benchPGErr)
	}
	return addr
}

// fillPGBook copies the large SQLite book into the database at addr
// unless it holds it already, then has PostgreSQL gather its statistics
// (ANALYZE), as an autovacuum would a little later.
func fillPGBook(b *testing.B, addr string) error {
	s, err := OpenShared(addr)
	if err != nil {
		return err
	}
	defer s.Close()
	var clients, visits int64
	if err := s.db.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM visits)").Scan(&clients, &visits); err != nil {
		return fmt.Errorf("count the clients of %s: %w", addr, err)
	}
	switch {
	case clients >= benchClients && visits >= benchVisits:
		return nil
	case clients > 0:
		return fmt.Errorf("%s holds %d clients and %d visits, not the %d and %d of the benchmark book; drop it or name an empty one in REGULARS_BENCH_PG", addr, clients, visits, benchClients, benchVisits)
	}
	s.Close()
	lite, err := OpenShared(benchBook(b))
	if err != nil {
		return err
	}
	defer lite.Close()
	start := time.Now()
	if _, err := Move(ctx, lite, addr, nil); err != nil {
		return err
	}
	moved := time.Since(start)
	if s, err = OpenShared(addr); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("analyze %s: %w", addr, err)
	}
	fmt.Fprintf(os.Stderr, "copied the demo book (%d clients, %d visits) to PostgreSQL in %.1f s, analyzed in %.1f s\n",
		benchClients, benchVisits, moved.Seconds(), (time.Since(start) - moved).Seconds())
	return nil
}

// openBenchPG opens the large book on PostgreSQL with its search index
// built, as the window has it a moment after start.
func openBenchPG(b *testing.B) *Store { return openWarm(b, benchPGBook(b)) }

// BenchmarkPGSearchName is a keystroke of a name on PostgreSQL (target: 5 ms).
func BenchmarkPGSearchName(b *testing.B) { benchSearchName(b, openBenchPG(b)) }

// BenchmarkPGSearchPhone is a keystroke of phone digits on PostgreSQL
// (target: 5 ms).
func BenchmarkPGSearchPhone(b *testing.B) { benchSearchPhone(b, openBenchPG(b)) }

// BenchmarkPGOpenClient opens a client with the whole visit history on
// PostgreSQL (target: 5 ms).
func BenchmarkPGOpenClient(b *testing.B) { benchOpenClient(b, openBenchPG(b)) }

// BenchmarkPGLogVisit logs one visit on PostgreSQL (target: 5 ms). The
// commit waits for the server; the test server of scripts/pgserver.sh
// does not fsync, a shop's server does.
func BenchmarkPGLogVisit(b *testing.B) { benchLogVisit(b, openBenchPG(b)) }

// BenchmarkPGDashboard computes the whole Today dashboard on PostgreSQL
// (target: 150 ms).
func BenchmarkPGDashboard(b *testing.B) { benchDashboard(b, openBenchPG(b)) }

// BenchmarkPGReturns is the owner's figures of Today on PostgreSQL.
func BenchmarkPGReturns(b *testing.B) { benchReturns(b, openBenchPG(b)) }

// BenchmarkPGDueForMiss lists who drifted away, on PostgreSQL.
func BenchmarkPGDueForMiss(b *testing.B) { benchDueForMiss(b, openBenchPG(b)) }

// BenchmarkPGMove copies the large book from its file into a new, empty
// database: the move of a shop's book to its server.
func BenchmarkPGMove(b *testing.B) {
	benchPGBook(b) // skips without a server; builds the file book first
	lite, err := OpenShared(benchBook(b))
	if err != nil {
		b.Fatal(err)
	}
	defer lite.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		addr := pgtest.NewBook(b)
		b.StartTimer()
		if _, err := Move(ctx, lite, addr, nil); err != nil {
			b.Fatal(err)
		}
	}
}
