package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"regulars/data"
	"regulars/data/sqlite"
	"regulars/internal/clock"
)

// The benchmarks share one large demo book: 100,000 clients and 1,000,000
// visits, built once per run in a temporary folder (package demo's
// BenchmarkMake reports how long that takes). Set REGULARS_BENCH_BOOK to a path to keep
// the book between runs.
const (
	benchClients = 100_000
	benchVisits  = 1_000_000
)

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchBook returns the path of the shared large book, building it once.
func benchBook(b *testing.B) string {
	benchOnce.Do(func() {
		benchPath = os.Getenv("REGULARS_BENCH_BOOK")
		if benchPath == "" {
			dir, err := os.MkdirTemp("", "regulars-bench-")
			if err != nil {
				benchErr = err
				return
			}
			benchPath = filepath.Join(dir, "bench.db")
		}
		if fi, err := os.Stat(benchPath); err == nil && fi.Size() > 0 {
			return
		}
		s, err := Open(benchPath)
		if err != nil {
			benchErr = err
			return
		}
		defer s.Close()
		start := time.Now()
		benchErr = makeDemo(s, benchClients, benchVisits, 1)
		fmt.Fprintf(os.Stderr, "built the demo book (%d clients, %d visits) in %.1f s\n", benchClients, benchVisits, time.Since(start).Seconds())
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

// openBench opens the shared book with its search index built, as the
// window has it a moment after start.
func openBench(b *testing.B) *Store { return openWarm(b, benchBook(b)) }

// openWarm opens the book at path with its search index built.
func openWarm(b *testing.B, path string) *Store {
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.WarmSearch(ctx); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkWarmSearch builds the in-memory search index of the large book,
// which the window does in the background after opening it.
func BenchmarkWarmSearch(b *testing.B) {
	path := benchBook(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.WarmSearch(ctx); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkSearchName is one keystroke in the search field: a three-letter
// name prefix (target: 5 ms).
func BenchmarkSearchName(b *testing.B) { benchSearchName(b, openBench(b)) }

// benchSearchName is BenchmarkSearchName on the book s.
func benchSearchName(b *testing.B, s *Store) {
	queries := []string{"mar", "jos", "ngu", "obr", "kow", "lee"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Search(ctx, queries[i%len(queries)], 200); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchPhone is a keystroke of four phone digits (target: 5 ms).
func BenchmarkSearchPhone(b *testing.B) { benchSearchPhone(b, openBench(b)) }

// benchSearchPhone is BenchmarkSearchPhone on the book s.
func benchSearchPhone(b *testing.B, s *Store) {
	queries := []string{"5551", "1234", "0199", "7700"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Search(ctx, queries[i%len(queries)], 200); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenClient reads a client with the whole visit history, as the
// client pane shows it (target: 5 ms).
func BenchmarkOpenClient(b *testing.B) { benchOpenClient(b, openBench(b)) }

// benchOpenClient is BenchmarkOpenClient on the book s.
func benchOpenClient(b *testing.B, s *Store) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		id := int64(1 + (i*7919)%benchClients)
		if _, err := s.Client(ctx, id); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Visits(ctx, id, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLogVisit logs one visit in a durable (fsync'd) transaction
// (target: 5 ms).
func BenchmarkLogVisit(b *testing.B) { benchLogVisit(b, openBench(b)) }

// benchLogVisit is BenchmarkLogVisit on the book s.
func benchLogVisit(b *testing.B, s *Store) {
	at := clock.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := data.Visit{ClientID: int64(1 + (i*7919)%benchClients), At: at, What: "Haircut", AmountCents: 4500}
		if _, err := s.LogVisit(ctx, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenStore opens the large book, ready to search (target:
// 200 ms).
func BenchmarkOpenStore(b *testing.B) {
	path := benchBook(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Search(ctx, "", 50); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkDashboard computes the whole Today dashboard of the large book
// (target: 100 ms).
func BenchmarkDashboard(b *testing.B) { benchDashboard(b, openBench(b)) }

// benchDashboard is BenchmarkDashboard on the book s.
func benchDashboard(b *testing.B, s *Store) {
	asOf := clock.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Dashboard(ctx, asOf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDueCold is `regulars due` without the printing: open the large
// book, read every client and list who is due (target: 1 s).
func BenchmarkDueCold(b *testing.B) {
	path := benchBook(b)
	asOf := clock.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.DueClients(ctx, asOf); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkBackup writes a consistent copy of the large book (target: 5 s).
func BenchmarkBackup(b *testing.B) {
	s := openBench(b)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.BackupTo(ctx, filepath.Join(dir, fmt.Sprintf("copy-%d.db", i))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuickCheck is the integrity check a command runs before its
// first write (Store.sound), on the 100,000-client book.
func BenchmarkQuickCheck(b *testing.B) {
	s := openBench(b)
	if fi, err := os.Stat(s.Path()); err == nil {
		b.ReportMetric(float64(fi.Size())/1e6, "MB")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := sqlite.QuickCheck(ctx, s.DB()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChanged is the window's look at the book after a command logged
// a visit: data_version, the marks and the catch-up of the search index.
func BenchmarkChanged(b *testing.B) {
	s := openBench(b)
	if _, err := s.Changed(ctx); err != nil {
		b.Fatal(err)
	}
	cmd, err := OpenShared(s.Path())
	if err != nil {
		b.Fatal(err)
	}
	defer cmd.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := cmd.LogVisit(ctx, &data.Visit{ClientID: int64(1 + i%1000), At: clock.Now(), AmountCents: -1}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if changed, err := s.Changed(ctx); err != nil || !changed {
			b.Fatalf("Changed = %v, %v", changed, err)
		}
	}
}

// BenchmarkReturns is the owner's figures on Today: came back after a
// we-miss-you, first-timers who returned.
func BenchmarkReturns(b *testing.B) { benchReturns(b, openBench(b)) }

// benchReturns is BenchmarkReturns on the book s.
func benchReturns(b *testing.B, s *Store) {
	asOf := clock.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Returns(ctx, asOf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDueForMiss lists who drifted away in the large book.
func BenchmarkDueForMiss(b *testing.B) { benchDueForMiss(b, openBench(b)) }

// benchDueForMiss is BenchmarkDueForMiss on the book s.
func benchDueForMiss(b *testing.B, s *Store) {
	now := clock.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.DueFor(ctx, data.OccasionMiss, data.ChannelPost, now.AddDate(0, -1, 0), now, now); err != nil {
			b.Fatal(err)
		}
	}
}
