//go:build integration

package mail_test

// The kill harness: the real `regulars` binary sends a batch through the
// real Postfix and Dovecot and is killed with SIGKILL again and again, at
// random moments and at the named points of a message's sending (the
// final "." among them); it is restarted as an owner would, until done.
// Then the mailboxes and the book are counted.

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"regulars/data"
	"regulars/data/store"
	. "regulars/letters/mail"
)

// killPoints are where the binary is stopped on request, then killed:
// just before the final ".", just after its reply, after the send is
// recorded, after the copy to Sent is made.
var killPoints = []string{"before-dot", "after-dot", "after-sent", "after-append"}

// killDay is the day the harness's program runs on (REGULARS_TEST_NOW):
// two days before the end of the month of the batch's visits.
const killDay = "2026-11-28T12:00:00Z"

func TestIntegrationKillDuringSend(t *testing.T) {
	smtpSrv, imapSrv, domain := realServers(t)
	emptyMailbox(t, imapSrv)
	clients, kills := 300, 30
	if v, err := strconv.Atoi(os.Getenv("REGULARS_IT_KILL_CLIENTS")); err == nil && v > 0 {
		clients = v
	}
	if v, err := strconv.Atoi(os.Getenv("REGULARS_IT_KILLS")); err == nil && v > 0 {
		kills = v
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 12))
	dir := t.TempDir()
	bin := filepath.Join(dir, "regulars")
	// The program runs on the day of the batch (its visits are in
	// November 2026, within the thank-you window of 28 November), through
	// the test clock, whatever day the harness runs.
	build := exec.Command("go", "build", "-tags", "testclock", "-o", bin, "regulars")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the binary: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "regulars.db")
	shop := "shop@" + domain
	killBook(t, db, domain, clients)

	env := append(os.Environ(), "REGULARS_TEST_NOW="+killDay, "REGULARS_IMAP_PASSWORD="+imapSrv.Password, "REGULARS_SMTP_PASSWORD=",
		"REGULARS_TEST_PROOF_WAIT=20s")
	regulars := func(extra []string, args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Env = append(env, extra...)
		return cmd
	}
	if out, err := regulars(nil, "mail", "--from-name", "Blue Door Salon", "--from", shop,
		"--smtp-host", smtpSrv.Host, "--smtp-port", strconv.Itoa(smtpSrv.Port), "--smtp-security", "none",
		"--imap-host", imapSrv.Host, "--imap-port", strconv.Itoa(imapSrv.Port), "--imap-security", "none", "--imap-user", imapSrv.User).CombinedOutput(); err != nil {
		t.Fatalf("mail settings: %v\n%s", err, out)
	}

	// As an owner would: `send` for the month, and after a crash either
	// that again or `outbox --send`.
	commands := [][]string{{"send", "--period", "2026-11"}, {"outbox", "--send"}}
	started := time.Now()
	killed, runs := 0, 0
	atPoint := map[string]int{}
	// The random moments fall within span of a run's start; span shrinks
	// when a run gets through more than its share of what is left, so that
	// the batch outlasts the kills on a fast machine too.
	span := 450 * time.Millisecond
	for killed < kills {
		if time.Since(started) > 6*time.Minute {
			t.Fatalf("only %d kills in 6 minutes", killed)
		}
		runs++
		args := commands[rng.IntN(len(commands))]
		var extra []string
		point := ""
		if killed%2 == 1 {
			point = killPoints[(killed/2)%len(killPoints)]
			extra = []string{fmt.Sprintf("REGULARS_TEST_PAUSE=%s:%d", point, 1+rng.IntN(4))}
		}
		before := unsettled(t, db) // read before the run: it holds the book
		cmd := regulars(extra, args...)
		var out bytes.Buffer
		watch := &pauseWatch{paused: make(chan struct{})}
		cmd.Stdout, cmd.Stderr = &out, watch
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var when <-chan time.Time
		if point == "" {
			// Random moments, from the start-up to well into the sending.
			when = time.After(time.Duration(rng.Int64N(int64(span))))
		}
		select {
		case <-when:
		case <-watch.paused:
		case err := <-done:
			if err != nil {
				t.Logf("run %d ended by itself: %v\n%s%s", runs, err, out.String(), watch.text())
			} else if unsettled(t, db) == 0 {
				t.Fatalf("the batch was done after %d kills (run %d); give it more clients (REGULARS_IT_KILL_CLIENTS)", killed, runs)
			}
			continue
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed++
			if point != "" {
				atPoint[point]++
			}
		}
		if point == "" && killed < kills {
			left := unsettled(t, db)
			if share := left / (2 * (kills - killed)); before-left > share && span > 20*time.Millisecond {
				span = span * 2 / 3
			}
		}
	}
	// Restart until it ends by itself, successfully.
	var last string
	for i := 0; ; i++ {
		if i == 5 {
			t.Fatalf("after the kills, %d runs did not finish the batch: %s", i, last)
		}
		runs++
		out, err := regulars(nil, "outbox", "--send").CombinedOutput()
		last = string(out)
		if err == nil {
			break
		}
	}
	out, err := regulars(nil, "send", "--period", "2026-11").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "0 emails for") {
		t.Errorf("send once more: %v\n%s", err, out)
	}

	// Count: per client in the mailbox, per message in Sent, contacts in
	// the book.
	want := 2 * clients // each message and its proof copy to the shop
	if got := waitFor(t, imapSrv, "INBOX", want, 60*time.Second); got < want {
		t.Logf("INBOX holds %d messages after a minute, want %d", got, want)
	}
	inbox := headersIn(t, imapSrv, "INBOX")
	sent := headersIn(t, imapSrv, "Sent")
	perClient, proofs := map[string]int{}, 0
	for _, h := range inbox {
		to := strings.ToLower(h.Get("Delivered-To"))
		if to == shop {
			proofs++
			continue
		}
		perClient[to]++
	}
	perID := map[string]int{}
	for _, h := range sent {
		perID[h.Get("Message-Id")]++
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	box, _ := s.Outbox(ctx)
	lost, dups, missingSent, extraSent, badContacts, contacts, notSent := 0, 0, 0, 0, 0, 0, 0
	for i := 0; i < clients; i++ {
		switch n := perClient[fmt.Sprintf("client%d@%s", i, domain)]; {
		case n == 0:
			lost++
		case n > 1:
			dups += n - 1
		}
	}
	proven := 0
	for _, m := range box {
		if m.Status != data.MailSent || !m.Copied {
			notSent++
		}
		if strings.HasPrefix(m.ServerReply, "accepted: found in your mailbox") {
			proven++
		}
		switch n := perID[m.MessageID]; {
		case n == 0:
			missingSent++
		case n > 1:
			extraSent += n - 1
		}
	}
	ids := map[int64]bool{}
	for _, m := range box {
		ids[m.ClientID] = true
	}
	for id := range ids {
		cs, _ := s.Contacts(ctx, id)
		n := 0
		for _, c := range cs {
			if c.Kind == data.ContactEmail {
				n++
			}
		}
		contacts += n
		if n != 1 {
			badContacts++
		}
	}
	report := fmt.Sprintf("kill harness (seed %d): %d clients, %d SIGKILLs in %d runs (%d at random moments; at named points %v), %s: "+
		"lost %d, duplicates %d, messages in the outbox %d (not sent and copied: %d), missing Sent copies %d, extra Sent copies %d, "+
		"email contacts %d (clients with other than one: %d), proof copies to the shop %d, settled as delivered from the mailbox after a kill %d",
		seed, clients, killed, runs, killed-sumOf(atPoint), atPoint, time.Since(started).Round(time.Second),
		lost, dups, len(box), notSent, missingSent, extraSent, contacts, badContacts, proofs, proven)
	t.Log(report)
	fmt.Println(report)
	if dir := os.Getenv("REGULARS_IT_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "kill-report.txt"), []byte(report+"\n"), 0o644)
	}
	if lost != 0 || dups != 0 || len(box) != clients || notSent != 0 || missingSent != 0 || extraSent != 0 || badContacts != 0 || contacts != clients {
		t.Error("not exactly once")
	}
}

// killBook makes the book of the harness: the business, and n clients at
// the test domain who prefer email and came in November 2026.
func killBook(t *testing.T, db, domain string, n int) {
	t.Helper()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for k, v := range map[string]string{
		data.SettingBusinessName: "Blue Door Salon", data.SettingBusinessAddress: "3 Mill Lane\nAustin, TX 78702",
	} {
		if err := s.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		c := data.Client{FirstName: "Client", LastName: fmt.Sprintf("Number %d", i), Email: fmt.Sprintf("client%d@%s", i, domain), PreferredChannel: data.ChannelEmail}
		id, err := s.AddClient(ctx, &c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: time.Date(2026, 11, 1+i%20, 10, 0, 0, 0, time.UTC), What: "Cut", AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
	}
}

// unsettled counts what the book's outbox still has to do (or 1 when the
// batch was not queued yet).
func unsettled(t *testing.T, db string) int {
	s, err := store.Open(db)
	if err != nil {
		return 1 // the killed program's lock may linger a moment
	}
	defer s.Close()
	box, _ := s.Outbox(ctx)
	if len(box) == 0 {
		return 1
	}
	n := 0
	for _, m := range box {
		if m.Status != data.MailSent || !m.Copied {
			n++
		}
	}
	return n
}

// headersIn reads the Delivered-To and Message-ID of every message in a
// folder.
func headersIn(t *testing.T, srv Server, folder string) []mail.Header {
	t.Helper()
	mb, folder := openFolder(t, srv, folder)
	defer mb.Close()
	sel, err := mb.IMAPClient().Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages == 0 {
		return nil
	}
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"Delivered-To", "Message-Id"}, Peek: true}
	all := imap.SeqSet{}
	all.AddRange(1, sel.NumMessages)
	msgs, err := mb.IMAPClient().Fetch(all, &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var out []mail.Header
	for _, m := range msgs {
		msg, err := mail.ReadMessage(bytes.NewReader(append(m.FindBodySection(section), "\r\n"...)))
		if err != nil {
			t.Fatalf("a message in %s: %v", folder, err)
		}
		out = append(out, msg.Header)
	}
	return out
}

// pauseWatch takes the binary's stderr and tells when it says it paused.
type pauseWatch struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	paused chan struct{}
	told   bool
}

func (w *pauseWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.told && strings.Contains(w.buf.String(), "paused at ") {
		w.told = true
		close(w.paused)
	}
	return len(p), nil
}

func (w *pauseWatch) text() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func sumOf(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
