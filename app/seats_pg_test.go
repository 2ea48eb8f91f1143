package app

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/app/clients"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/booktest"
	"regulars/internal/clock"
	"regulars/internal/mailtest"
	"regulars/internal/pgtest"
)

// TestTwoSeatsOnPostgres runs two seats on one PostgreSQL book: this
// test's window (the owner's laptop) and the real regulars program as a
// second process (the front desk). It checks what the shop relies on:
// the counter's visit shows on the owner's list and Today within 2 s
// (LISTEN/NOTIFY); the owner's edit does not silently overwrite the
// counter's; one seat at a time sends the email outbox, and a seat that
// dies lets go of it.
func TestTwoSeatsOnPostgres(t *testing.T) {
	addr := pgtest.NewBook(t)
	bin := filepath.Join(t.TempDir(), "regulars")
	if out, err := exec.Command("go", append(append([]string{"build"}, clock.BuildArgs()...), "-o", bin, "regulars")...).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	home := t.TempDir()
	counter := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"--db", addr}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"), "REGULARS_SMTP_PASSWORD=")
		return cmd
	}
	run := func(args ...string) string {
		t.Helper()
		out, err := counter(args...).CombinedOutput()
		if err != nil {
			t.Fatalf("regulars %v: %v\n%s", args, err, out)
		}
		return string(out)
	}

	u, s := newTestUIOn(t, addr, booktest.Clients...)
	thanksBefore := u.today.Dash.ThankYouDueCount
	time.Sleep(200 * time.Millisecond) // the watcher has taken note of the book

	// 1. The counter adds a client and logs her visit.
	// (with an address: a thank-you is due only to whom one can be written)
	run("add-client", "--first", "Quinn", "--last", "Harper", "--phone", "555 404 0404", "--street", "4 Oak St", "--city", "Austin")
	start := time.Now()
	run("log-visit", "quinn", "--amount", "45")
	deadline := start.Add(2 * time.Second)
	for !slices.Contains(listed(u), "Quinn Harper") || u.today.Dash.ThankYouDueCount != thanksBefore+1 {
		drainUI()
		if time.Now().After(deadline) {
			t.Fatalf("after 2 s the owner's window shows %v and %d thank-yous due (was %d)", listed(u), u.today.Dash.ThankYouDueCount, thanksBefore)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the counter's visit showed on the owner's window %v after it was saved", time.Since(start).Round(time.Millisecond))
	if res, _ := s.Search(ctx, "404 0404", 5); len(res.Clients) != 1 || res.Clients[0].VisitCount != 1 {
		t.Errorf("search by phone on the owner's seat: %+v", res.Clients)
	}

	// 2. The owner edits Anna while the counter changes her email.
	test.Type(u.book.Search, "anna")
	u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	id := u.book.Pane.Client.ID
	u.book.Pane.Edit()
	f := u.forms.Open.Form.(*clients.ClientForm)
	f.Notes.SetText("likes the window seat")
	run("edit-client", strconv.FormatInt(id, 10), "--email", "anna.k@example.com")
	test.Tap(f.Dialog.Save)
	if u.forms.Open == nil || !strings.Contains(strings.Join(widgettest.Texts(f.DupBox), " "), "anna.k@example.com") {
		t.Fatal("the owner's stale save was not stopped and shown both")
	}
	if c, _ := s.Client(ctx, id); c.Notes != "" || c.Email != "anna.k@example.com" {
		t.Fatalf("the stale save changed the book: %+v", c)
	}
	test.Tap(widgettest.FindButton(t, f.DupBox, "Save both"))
	if c, _ := s.Client(ctx, id); c.Notes != "likes the window seat" || c.Email != "anna.k@example.com" {
		t.Errorf("both changes kept: %+v", c)
	}

	// 3. One seat sends the outbox at a time.
	smtpSrv := mailtest.StartSMTP(t)
	run("business", "--name", "Blue Door Salon", "--address", "3 Mill Lane", "--address", "Austin, TX 78702")
	run("mail", "--from-name", "Blue Door", "--from", "shop@example.com",
		"--smtp-host", smtpSrv.Host, "--smtp-port", strconv.Itoa(smtpSrv.Port), "--smtp-security", "none")
	run("edit-client", "quinn", "--email", "quinn@example.com", "--channel", "email")
	hold, err := s.HoldOutbox(ctx, 0) // the owner's window is sending
	if err != nil {
		t.Fatal(err)
	}
	send := counter("send", "--period", clock.Now().Format("2006-01"))
	var out lockedBuffer
	send.Stdout, send.Stderr = &out, &out
	if err := send.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	if got := len(smtpSrv.Received()); got != 0 || !strings.Contains(out.String(), "another seat") {
		t.Fatalf("the counter sent %d while the owner's seat held the outbox: %s", got, out.String())
	}
	hold.Release()
	if err := send.Wait(); err != nil {
		t.Fatalf("send after the owner let go: %v\n%s", err, out.String())
	}
	if got := smtpSrv.Received(); len(got) != 1 || !strings.Contains(string(got[0]), "quinn@example.com") {
		t.Fatalf("the server got %d messages: %s", len(got), out.String())
	}
	// A seat that dies while sending lets go: the server ends its session.
	paused := counter("outbox", "--send")
	paused.Env = append(paused.Env, "REGULARS_TEST_PAUSE=before-dot:1")
	run("edit-client", "anna", "--channel", "email")
	if _, err := s.Enqueue(ctx, []data.Mail{{ClientID: id, MessageID: "<two-seats-1@example.com>", Recipient: "anna.k@example.com", Subject: "Hello", Raw: []byte("To: anna.k@example.com\r\nSubject: Hello\r\n\r\nHi")}}); err != nil {
		t.Fatal(err)
	}
	var pout lockedBuffer
	paused.Stdout, paused.Stderr = &pout, &pout
	if err := paused.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(pout.String(), "before-dot"); {
		if time.Now().After(deadline) {
			paused.Process.Kill()
			t.Fatalf("the counter's send never paused: %s", pout.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := s.HoldOutbox(ctx, 0); !errors.Is(err, store.ErrOutboxBusy) {
		t.Errorf("while the counter sends, the owner's seat: %v, want ErrOutboxBusy", err)
	}
	paused.Process.Kill()
	paused.Wait()
	h, err := s.HoldOutbox(ctx, 10*time.Second)
	if err != nil {
		t.Fatalf("after the counter died: %v", err)
	}
	h.Release()
}

// lockedBuffer collects a child process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
