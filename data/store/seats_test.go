package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"regulars/data"
	"regulars/internal/pgtest"
)

// secondSeat opens the book of s a second time, as another computer (or a
// command beside the window) would.
func secondSeat(t *testing.T, s *Store) *Store {
	t.Helper()
	o, err := OpenShared(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	o.Now = s.Now
	t.Cleanup(func() { o.Close() })
	return o
}

func TestStaleSaveIsRefused(t *testing.T) {
	a := openTest(t)
	b := secondSeat(t, a)
	id := addClient(t, a, data.Client{FirstName: "Maya", LastName: "Lind", Phone: "555 0101"})
	mine, _ := a.Client(ctx, id)
	theirs, _ := b.Client(ctx, id)

	theirs.Phone = "555 0202"
	if err := b.UpdateClient(ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	mine.Notes = "likes the window seat"
	err := a.UpdateClient(ctx, &mine)
	var ce *data.ChangedError
	if !errors.As(err, &ce) || !errors.Is(err, data.ErrChanged) {
		t.Fatalf("stale save: %v, want a ChangedError", err)
	}
	if ce.Theirs.Phone != "555 0202" || ce.Theirs.Notes != "" {
		t.Errorf("theirs = %+v, want the other seat's save", ce.Theirs)
	}
	if got, _ := a.Client(ctx, id); got.Phone != "555 0202" || got.Notes != "" {
		t.Errorf("the stale save changed the book: %+v", got)
	}
	// Keeping one's own version is a save on top of theirs.
	mine.Version = ce.Theirs.Version
	if err := a.UpdateClient(ctx, &mine); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.Client(ctx, id); got.Notes != "likes the window seat" || got.Phone != "555 0101" {
		t.Errorf("after keeping mine: %+v", got)
	}
	// A snooze by the other seat also makes a held copy stale.
	held, _ := a.Client(ctx, id)
	if err := b.Snooze(ctx, id, a.Now().AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	held.Notes = "again"
	if err := a.UpdateClient(ctx, &held); !errors.Is(err, data.ErrChanged) {
		t.Errorf("save over a snooze: %v, want ErrChanged", err)
	}
	missing := data.Client{ID: 9999, FirstName: "No", LastName: "One"}
	if err := a.UpdateClient(ctx, &missing); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("missing client: %v", err)
	}
}

func TestOtherSeatIsHeard(t *testing.T) {
	a := openTest(t)
	b := secondSeat(t, a)
	if _, err := a.Changed(ctx); err != nil { // the first look takes note
		t.Fatal(err)
	}
	a.WarmSearch(ctx)
	id := addClient(t, b, data.Client{FirstName: "Quentin", LastName: "Marsh"})
	if _, err := b.LogVisit(ctx, &data.Visit{ClientID: id, At: b.Now(), AmountCents: 4500}); err != nil {
		t.Fatal(err)
	}
	if a.Engine() == "postgres" {
		select {
		case <-a.Wake():
		case <-time.After(2 * time.Second):
			t.Fatal("the other seat's write was not heard within 2 s")
		}
	}
	changed, err := a.Changed(ctx)
	if err != nil || !changed {
		t.Fatalf("Changed = %v, %v; want true", changed, err)
	}
	res, _ := a.Search(ctx, "quentin", 5)
	if len(res.Clients) != 1 || res.Clients[0].VisitCount != 1 || res.Clients[0].SpentCents != 4500 {
		t.Errorf("search after the other seat's visit: %+v", res.Clients)
	}
	// One's own writes are not news (the other seat's two writes may have
	// been heard one by one: they are taken first).
	if a.Engine() == "postgres" {
		time.Sleep(300 * time.Millisecond)
		a.Changed(ctx)
	}
	addClient(t, a, data.Client{FirstName: "Own", LastName: "Write"})
	if a.Engine() == "postgres" {
		time.Sleep(300 * time.Millisecond)
	}
	if changed, _ := a.Changed(ctx); changed {
		t.Error("own write reported as another seat's")
	}
}

func TestOneSeatSendsTheOutbox(t *testing.T) {
	a := openTest(t)
	b := secondSeat(t, a)
	hold, err := a.HoldOutbox(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.HoldOutbox(ctx, 0); !errors.Is(err, ErrOutboxBusy) {
		t.Fatalf("second seat: %v, want ErrOutboxBusy", err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		hold.Release()
	}()
	h2, err := b.HoldOutbox(ctx, 5*time.Second)
	if err != nil {
		t.Fatalf("after the first seat let go: %v", err)
	}
	h2.Release()
	// A closed seat lets go too (its process or connection ended).
	c := secondSeat(t, a)
	if _, err := c.HoldOutbox(ctx, 0); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if h, err := a.HoldOutbox(ctx, 5*time.Second); err != nil {
		t.Errorf("after the holder closed: %v", err)
	} else {
		h.Release()
	}
}

// bookRows reads every row of every table as text, sorted, to compare
// books across engines.
func bookRows(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	tables, err := s.tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for table, cols := range tables {
		names := sortedKeys(cols)
		rows, err := s.DB().Query("SELECT " + strings.Join(names, ", ") + " FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var line []string
			for _, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				line = append(line, fmt.Sprint(v))
			}
			out[table] = append(out[table], strings.Join(line, "|"))
		}
		rows.Close()
		slices.Sort(out[table])
	}
	return out
}

func sameRows(t *testing.T, what string, a, b map[string][]string) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d tables vs %d", what, len(a), len(b))
	}
	for table, rows := range a {
		if !slices.Equal(rows, b[table]) {
			n := 0
			for i := range min(len(rows), len(b[table])) {
				if rows[i] != b[table][i] {
					t.Errorf("%s: %s differs, first at\n  %s\n  %s", what, table, rows[i], b[table][i])
					n++
					break
				}
			}
			if n == 0 {
				t.Errorf("%s: %s has %d rows vs %d", what, table, len(rows), len(b[table]))
			}
		}
	}
}

func TestMoveRoundTrip(t *testing.T) {
	src := openTest(t)
	if err := makeDemo(src, 150, 1200, 3); err != nil {
		t.Fatal(err)
	}
	id := addClient(t, src, data.Client{FirstName: "Ünïcode", LastName: "D'Arcy", Email: "Mixed.Case@Example.com", Tags: []string{"VIP", "colour"}})
	src.AddComplaint(ctx, &data.Complaint{ClientID: id, RaisedOn: src.Now(), Description: "waited 20 min"})
	want := bookRows(t, src)

	// Into a file, whatever this run's engine.
	file := filepath.Join(t.TempDir(), "moved.db")
	counts, err := Move(ctx, src, file, nil)
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, c := range counts {
		total += c.Rows
	}
	if total == 0 {
		t.Fatal("nothing copied")
	}
	moved, err := OpenShared(file)
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	sameRows(t, "into a file", want, bookRows(t, moved))
	if _, err := Move(ctx, src, file, nil); err == nil {
		t.Error("moved onto an existing file")
	}
	// The moved book goes on: new ids follow the copied ones, the
	// triggers work again.
	nid := addClient(t, moved, data.Client{FirstName: "After", LastName: "Move"})
	if nid <= id {
		t.Errorf("new id %d after the move, not above %d", nid, id)
	}
	if _, err := moved.LogVisit(ctx, &data.Visit{ClientID: nid, At: src.Now(), AmountCents: 1000}); err != nil {
		t.Fatal(err)
	}
	if c, _ := moved.Client(ctx, nid); c.VisitCount != 1 {
		t.Errorf("visit count after the move: %d", c.VisitCount)
	}

	if !pgtest.Available() {
		return
	}
	// A file onto a server and back.
	addr := pgtest.NewBook(t)
	if _, err := Move(ctx, moved, addr, nil); err != nil {
		t.Fatal(err)
	}
	server, err := OpenShared(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	sameRows(t, "onto the server", bookRows(t, moved), bookRows(t, server))
	if _, err := Move(ctx, moved, addr, nil); err == nil || !strings.Contains(err.Error(), "already holds clients") {
		t.Errorf("moved into a server book with clients: %v", err)
	}
	sid := addClient(t, server, data.Client{FirstName: "On", LastName: "Server"})
	if sid <= nid {
		t.Errorf("server id %d not above %d: the sequences were not set", sid, nid)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	if err := server.BackupTo(ctx, back); err != nil {
		t.Fatal(err)
	}
	restored, err := OpenShared(back)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	sameRows(t, "backed up from the server", bookRows(t, server), bookRows(t, restored))
	if err := restored.Check(ctx); err != nil {
		t.Errorf("backup of the server book: %v", err)
	}
}

func TestBatchMarkedSentOnOneSeatOnly(t *testing.T) {
	a := openTest(t)
	b := secondSeat(t, a)
	id := addClient(t, a, data.Client{FirstName: "Ruth", LastName: "Okafor"})
	if _, err := a.LogVisit(ctx, &data.Visit{ClientID: id, At: a.Now().AddDate(0, 0, -3), AmountCents: -1}); err != nil {
		t.Fatal(err)
	}
	from, to := a.Now().AddDate(0, -1, 0), a.Now()
	mk := func(s *Store, draft func(context.Context, *data.Batch) error) data.Batch {
		bt := data.Batch{Occasion: data.OccasionThanks, Channel: data.ChannelPost, From: from, To: to, Template: "Thank you", Layout: "a2"}
		if err := draft(ctx, &bt); err != nil {
			t.Fatal(err)
		}
		return bt
	}
	// Both seats have the batch open (the same draft), and the second
	// seat made one of its own of the same cards.
	onA, sameOnB, onB := mk(a, a.DraftBatch), mk(b, b.DraftBatch), mk(b, b.CreateBatch)
	if sameOnB.ID != onA.ID || onB.ID == onA.ID {
		t.Fatalf("drafts %d, %d, %d", onA.ID, sameOnB.ID, onB.ID)
	}
	if n, err := a.MarkBatchSent(ctx, onA, []int64{id}, a.Now()); err != nil || n != 1 {
		t.Fatalf("first mark: %d, %v", n, err)
	}
	if _, err := b.MarkBatchSent(ctx, onB, []int64{id}, b.Now()); !errors.Is(err, data.ErrBatchSent) {
		t.Errorf("the other seat's batch: %v, want ErrBatchSent", err)
	}
	// The same batch twice.
	if _, err := b.MarkBatchSent(ctx, sameOnB, []int64{id}, b.Now()); !errors.Is(err, data.ErrBatchSent) || !strings.Contains(err.Error(), "already marked sent") {
		t.Errorf("the same batch again: %v", err)
	}
	touches, _ := a.Contacts(ctx, id)
	cards := 0
	for _, c := range touches {
		if c.Kind == data.ContactCard {
			cards++
		}
	}
	if cards != 1 {
		t.Errorf("%d cards logged, want 1", cards)
	}
}

func TestCheckOnEitherEngine(t *testing.T) {
	s := openTest(t)
	id := addClient(t, s, data.Client{FirstName: "Ida", LastName: "Sound"})
	s.LogVisit(ctx, &data.Visit{ClientID: id, At: s.Now(), AmountCents: 3000})
	if err := s.Check(ctx); err != nil {
		t.Fatalf("a sound book: %v", err)
	}
	if !onPostgres() {
		return // a damaged file: TestDamagedBookIsNotWritten
	}
	// On a server, what is checked is the book: counts kept by the
	// triggers that disagree with the visits are reported.
	if _, err := s.DB().Exec("UPDATE clients SET visit_count = 7 WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(ctx); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "1 clients") {
		t.Errorf("a wrong visit count: %v", err)
	}
}

// TestOtherSeatWithClockBehind: the counter PC's clock is three minutes
// behind the laptop's. A name it edits is still found on the laptop.
func TestOtherSeatWithClockBehind(t *testing.T) {
	if !onPostgres() {
		t.Skip("the seats of a book file share one computer and its clock")
	}
	a := openTest(t)
	b := secondSeat(t, a)
	b.Now = func() time.Time { return a.Now().Add(-3 * time.Minute) }
	id := addClient(t, a, data.Client{FirstName: "Petra", LastName: "Old"})
	a.WarmSearch(ctx)
	a.Changed(ctx)
	a.Now = func() time.Time { return time.Date(2026, 11, 23, 10, 1, 0, 0, time.UTC) }
	c, _ := b.Client(ctx, id)
	c.LastName = "Newname"
	if err := b.UpdateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	select {
	case <-a.Wake():
	case <-time.After(2 * time.Second):
		t.Fatal("not heard")
	}
	if changed, _ := a.Changed(ctx); !changed {
		t.Fatal("the edit was not seen")
	}
	if res, _ := a.Search(ctx, "newname", 5); len(res.Clients) != 1 {
		t.Errorf("the edited name is not found: %+v", res.Clients)
	}
}
