package store

import (
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"testing"

	"regulars/data"
	"regulars/internal/clock"
)

// TestBookNotMapped guards the window's memory on a large book: a
// memory-mapped page stays resident once read, and the daily backup and
// check read every page, so the book is read with plain reads instead.
func TestBookNotMapped(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Every connection of the pool gets the same pragmas; look at several.
	for i := 0; i < 3; i++ {
		var size int64
		if err := s.db.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&size); err != nil {
			t.Fatal(err)
		}
		if size != 0 {
			t.Fatalf("mmap_size = %d, want 0 (the book is not memory-mapped)", size)
		}
	}
}

// indexBytesPerClient builds the search index (clients and words) of an
// open book and returns the heap it holds per client.
func indexBytesPerClient(tb testing.TB, s *Store) float64 {
	var before, after runtime.MemStats
	s.index.Reset()
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := s.WarmSearch(ctx); err != nil {
		tb.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	n := s.index.Len()
	if n == 0 {
		tb.Fatal("the index is empty")
	}
	runtime.KeepAlive(s)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(n)
}

// TestIndexSize guards the size of the search index, which the window
// keeps for every client of the book as long as it is open: most of its
// memory on a large book. A client of the demo book's kind (name, email,
// phone, a company now and then) used to take about 1,100 bytes with its
// words; now about 470.
func TestIndexSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a book of 3,000 clients")
	}
	s := openTest(t)
	if err := makeDemo(s, 3000, 6000, 1); err != nil {
		t.Fatal(err)
	}
	// The smallest of a few tries: a collection may run in between.
	best := math.MaxFloat64
	for i := 0; i < 3; i++ {
		best = min(best, indexBytesPerClient(t, s))
	}
	t.Logf("%.0f bytes per client", best)
	if best > 800 {
		t.Errorf("the search index takes %.0f bytes per client, want at most 800", best)
	}
	// The index still finds and lists what it found whole.
	res, err := s.Search(ctx, "a", 5)
	if err != nil || len(res.Clients) == 0 || res.Clients[0].FirstName == "" && res.Clients[0].Company == "" {
		t.Fatalf("search after the build: %+v, %v", res, err)
	}
}

// BenchmarkIndexMemory reports the heap the search index of the large
// demo book holds per client (bytes/client) and in all (MB); the window's
// resident memory on that book is mostly Fyne's and this.
func BenchmarkIndexMemory(b *testing.B) {
	s := openBench(b)
	var per float64
	for i := 0; i < b.N; i++ {
		per = indexBytesPerClient(b, s)
	}
	b.ReportMetric(per, "bytes/client")
	b.ReportMetric(per*float64(s.index.Len())/(1<<20), "MB")
}

// TestDueForManyJudgedByTag: past 50 clients DueFor reads every tag at
// once and judges each client as it is read; a tag's cadence must still
// decide. Of 120 clients last seen 50 days ago, the VIPs (maximum 40 days)
// are due a we-miss-you note and the rest (90) are not; EachDue calls for
// the same clients DueFor lists.
func TestDueForManyJudgedByTag(t *testing.T) {
	s := openTest(t)
	if err := s.SetTagCadence(ctx, "VIP", data.Cadence{Ideal: 20, Max: 40}); err != nil {
		t.Fatal(err)
	}
	now := clock.Now()
	want := map[int64]bool{}
	for i := 0; i < 120; i++ {
		c := data.Client{FirstName: fmt.Sprintf("Client%d", i), LastName: "Test", Address: data.Address{Street: "3 Mill Lane", City: "Austin"}}
		if i%3 == 0 {
			c.Tags = []string{"VIP"}
		}
		id, err := s.AddClient(ctx, &c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: now.AddDate(0, 0, -50-i%5), AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			want[id] = true
		}
	}
	from, to, err := s.OccasionPeriod(ctx, data.OccasionMiss, data.ChannelPost, now)
	if err != nil {
		t.Fatal(err)
	}
	due, err := s.DueFor(ctx, data.OccasionMiss, data.ChannelPost, from, to, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != len(want) {
		t.Fatalf("listed %d, want the %d VIPs", len(due), len(want))
	}
	for i, d := range due {
		if !want[d.ID] {
			t.Errorf("%s listed, not a VIP", d.FirstName)
		}
		if i > 0 && d.LastVisitAt.Before(due[i-1].LastVisitAt) {
			t.Errorf("%s listed after a later visitor", d.FirstName)
		}
	}
	seen := map[int64]bool{}
	if err := s.EachDue(ctx, data.OccasionMiss, data.ChannelPost, from, to, now, func(d data.DueClient) { seen[d.ID] = true }); err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(want) {
		t.Errorf("EachDue called for %d clients, DueFor lists %d", len(seen), len(want))
	}
}

// TestStampOfText: the index's quick reading of stored moments agrees
// with parseTime on every kind of text, good or bad.
func TestStampOfText(t *testing.T) {
	for _, text := range []string{
		"2026-11-23T22:40:05Z", "2026-02-28T00:00:00Z", "2024-02-29T12:00:00Z", "2025-02-29T12:00:00Z",
		"2026-01-31T23:59:59Z", "2026-04-31T10:00:00Z", "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
		"1969-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
		"2026-01-00T00:00:00Z", "2026-01-10T24:00:00Z", "2026-01-10T10:60:00Z", "2026-01-10T10:00:60Z",
		"2026-01-10 10:00:00Z", "2026-01-10T10:00:00", "2026-01-10", "20x6-01-10T10:00:00Z", "-026-01-10T10:00:00Z",
		"2026-01-10T10:00:00+01:00", "", "garbage",
	} {
		v := sql.NullString{String: text, Valid: true}
		want := parseTime(v)
		got := stampOfText(v)
		if !got.UTC().Equal(want) || got.UTC().IsZero() != want.IsZero() {
			t.Errorf("%q: stamp reads %v, parseTime %v", text, got.UTC(), want)
		}
	}
	if got := stampOfText(sql.NullString{}); got != 0 {
		t.Errorf("NULL: stamp %d", got)
	}
}
