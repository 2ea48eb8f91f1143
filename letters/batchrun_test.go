package letters

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/cardtest"
	"regulars/internal/clock"
	"regulars/letters/mail"
	"regulars/letters/paper"
)

// runBook is a book with three clients who visited in November 2026 and
// have a postal address and an email address, preferring ch; Ann and Bo share a household. The clock stands
// on 3 December 2026.
func runBook(t *testing.T, ch data.Channel) (*store.Store, []data.Client, data.Template) {
	t.Helper()
	t.Cleanup(clock.Set(time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local)))
	s := cardtest.Book(t)
	clients := []data.Client{
		{FirstName: "Ann", LastName: "Lee", Email: "ann@example.com", PreferredChannel: ch, Address: data.Address{Street: "1 Oak Lane", City: "Austin", Region: "TX", PostalCode: "78701"}},
		{FirstName: "Bo", LastName: "Lee", Email: "bo@example.com", PreferredChannel: ch, Address: data.Address{Street: "1 Oak Lane", City: "Austin", Region: "TX", PostalCode: "78701"}},
		{FirstName: "Zoë", LastName: "Park", Email: "zoe@example.com", PreferredChannel: ch, Address: data.Address{Street: "9 Elm Road", City: "Austin", Region: "TX", PostalCode: "78702"}},
	}
	for i := range clients {
		if _, err := s.AddClient(ctx, &clients[i]); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: clients[i].ID, At: time.Date(2026, 11, 5+i, 10, 0, 0, 0, time.Local), What: "Cut", AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SetHousehold(ctx, "The Lees", []int64{clients[0].ID, clients[1].ID}); err != nil {
		t.Fatal(err)
	}
	tpl, err := s.TemplateByName(ctx, "Thanks for your visit")
	if err != nil {
		t.Fatal(err)
	}
	return s, clients, tpl
}

// november is the thank-you batch of November 2026.
func november(tpl data.Template, ch data.Channel) data.Batch {
	return data.Batch{Occasion: data.OccasionThanks, Channel: ch, Template: tpl.Name,
		From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.Local), To: time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local)}
}

// contactsOf counts the contacts of a batch logged for each client.
func contactsOf(t *testing.T, s *store.Store, clients []data.Client, batchID int64) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, c := range clients {
		cs, err := s.Contacts(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range cs {
			if k.BatchID == batchID {
				out[c.FirstName]++
			}
		}
	}
	return out
}

func TestPrintBatchWritesMarksAndNeverTwice(t *testing.T) {
	for _, tc := range []struct {
		name       string
		households bool
		cards      int
		printed    []string
		onCard     []string
	}{
		{"one card each", false, 3, []string{"Ann", "Bo", "Zoë"}, []string{"Ann Lee", "Bo Lee", "Zoë Park"}},
		{"one card per household", true, 2, []string{"Ann", "Bo", "Zoë"}, []string{"The Lees", "Zoë Park"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, clients, tpl := runBook(t, data.ChannelPost)
			due, err := s.DueFor(ctx, data.OccasionThanks, data.ChannelPost, november(tpl, data.ChannelPost).From, november(tpl, data.ChannelPost).To, clock.Now())
			if err != nil || len(due) != 3 {
				t.Fatalf("due: %d %v", len(due), err)
			}
			l, _ := paper.FindLayout("a2")
			dir := t.TempDir()
			run := CardRun{Batch: november(tpl, data.ChannelPost), Template: tpl, Due: due, Households: tc.households,
				Layout: l, Envelope: "a2", Labels: "5160", Plot: "svg", GCode: paper.DefaultGCode, Dir: dir}
			var pages []int
			run.Progress = func(done, total int) { pages = append(pages, done) }
			res, err := PrintBatch(ctx, s, caveat(t), run)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range res.Files {
				names = append(names, filepath.Base(f))
			}
			want := []string{"cards-2026-11-a2.pdf", "envelopes-2026-11-a2.pdf", "labels-2026-11-5160.pdf"}
			if len(names) < 4 || strings.Join(names[:3], " ") != strings.Join(want, " ") || !strings.HasPrefix(names[3], "plot-2026-11-a2") {
				t.Errorf("files %v", names)
			}
			if len(res.Cards) != tc.cards || len(pages) == 0 {
				t.Errorf("%d cards, progress %v", len(res.Cards), pages)
			}
			labels, _ := os.ReadFile(res.Files[2])
			text := cardtest.PDFText(t, labels)
			for _, n := range tc.onCard {
				if !strings.Contains(text, n) {
					t.Errorf("labels lack %q: %q", n, text)
				}
			}
			n, err := res.MarkSent(ctx, s, clock.Now())
			if err != nil || n != len(tc.printed) {
				t.Fatalf("marked %d (%v)", n, err)
			}
			got := contactsOf(t, s, clients, res.Batch.ID)
			for _, who := range tc.printed {
				if got[who] != 1 {
					t.Errorf("contacts %v", got)
				}
			}
			// Run again: nobody is due, and marking again logs nobody twice.
			if again, _ := s.DueFor(ctx, data.OccasionThanks, data.ChannelPost, run.Batch.From, run.Batch.To, clock.Now()); len(again) != 0 {
				t.Errorf("%d still due after the batch", len(again))
			}
			if _, err := res.MarkSent(ctx, s, clock.Now()); !errors.Is(err, data.ErrBatchSent) {
				t.Errorf("marking again: %v", err)
			}
		})
	}
}

// TestPrintBatchPrintsTheSameAgain: printing a batch again before it is
// marked sent finds the same draft and writes the same cards; a run that
// fails (or makes no card) leaves no batch behind.
func TestPrintBatchPrintsTheSameAgain(t *testing.T) {
	s, _, tpl := runBook(t, data.ChannelPost)
	b := november(tpl, data.ChannelPost)
	due, _ := s.DueFor(ctx, data.OccasionThanks, data.ChannelPost, b.From, b.To, clock.Now())
	l, _ := paper.FindLayout("a7")
	pn := caveat(t)
	run := CardRun{Batch: b, Template: tpl, Due: due, Layout: l, Dir: t.TempDir()}
	first, err := PrintBatch(ctx, s, pn, run)
	if err != nil {
		t.Fatal(err)
	}
	one, _ := os.ReadFile(first.Files[0])
	second, err := PrintBatch(ctx, s, pn, run)
	if err != nil {
		t.Fatal(err)
	}
	two, _ := os.ReadFile(second.Files[0])
	if first.Batch.ID != second.Batch.ID || cardtest.PDFText(t, one) != cardtest.PDFText(t, two) {
		t.Errorf("printing again: batch %d then %d", first.Batch.ID, second.Batch.ID)
	}

	// A folder that cannot be made: an error, and no batch is left.
	other := run
	other.Batch.Template = "other"
	blocked := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocked, nil, 0o600)
	other.Dir = filepath.Join(blocked, "cards")
	if _, err := PrintBatch(ctx, s, pn, other); err == nil || !strings.Contains(err.Error(), "output folder") {
		t.Fatalf("unwritable folder: %v", err)
	}
	probe := other.Batch
	probe.Channel, probe.Layout = data.ChannelPost, l.Name
	if created, err := s.StartDraftBatch(ctx, &probe); err != nil || !created {
		t.Errorf("the failed run left its batch behind (created %v, %v)", created, err)
	}

	// Every text too long: no card, each client named, nothing written.
	long := CardRun{Batch: b, Template: tpl, Due: due, Layout: l, Dir: t.TempDir(), Texts: map[int64]string{}}
	long.Batch.From = b.From.AddDate(0, 0, 1)
	for _, d := range due {
		long.Texts[d.ID] = strings.Repeat(cardtest.LongNote, 20)
	}
	_, err = PrintBatch(ctx, s, pn, long)
	var none *NoCardsError
	if !errors.As(err, &none) || len(none.Problems) != 3 || !strings.Contains(err.Error(), "Zoë Park") {
		t.Fatalf("no card fits: %v", err)
	}
	if entries, _ := os.ReadDir(long.Dir); len(entries) != 0 {
		t.Errorf("written anyway: %v", entries)
	}
}

// TestEmailBatchFinishesAnInterruptedSendFirst: while an interrupted send
// is in the outbox a batch refuses (a dry run only looks); once it is
// sent, the client it thanked is not written to again, and the others
// are queued once.
func TestEmailBatchFinishesAnInterruptedSendFirst(t *testing.T) {
	s, clients, tpl := runBook(t, data.ChannelEmail)
	smtpSrv := startSMTP(t)
	// What a killed send leaves: Ann's thank-you of an earlier batch, queued.
	old := data.Batch{Channel: data.ChannelEmail, Template: tpl.Name, From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local), To: time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local)}
	if err := s.CreateBatch(ctx, &old); err != nil {
		t.Fatal(err)
	}
	mails, _, err := PrepareEmails(ctx, s, old, tpl, clients[:1], nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, mails); err != nil {
		t.Fatal(err)
	}

	run := EmailRun{Batch: november(tpl, data.ChannelEmail), Template: tpl, AsOf: clock.Now()}
	dry := run
	dry.DryRun = true
	plan, err := PlanEmailBatch(ctx, s, dry)
	if err != nil || len(plan.Mails) != 2 || plan.InOutbox != 1 || plan.Batch.ID != 0 {
		t.Fatalf("dry run: %d mails, %d in the outbox, batch %d, %v", len(plan.Mails), plan.InOutbox, plan.Batch.ID, err)
	}
	if err := plan.Queue(ctx, s); err == nil {
		t.Error("a dry run was queued")
	}
	_, err = PlanEmailBatch(ctx, s, run)
	var left *UnfinishedError
	if !errors.As(err, &left) || left.N != 1 {
		t.Fatalf("with an interrupted send: %v", err)
	}
	sd := &mail.Sender{Outbox: BookOutbox(s), SMTP: smtpOf(smtpSrv), From: "shop@example.com"}
	if res, err := sd.Run(ctx); err != nil || res.Sent != 1 {
		t.Fatalf("finishing: %+v %v", res, err)
	}
	run.AsOf = clock.Now()
	run.Chosen = clients // as the window lists them
	plan, err = PlanEmailBatch(ctx, s, run)
	if err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, m := range plan.Mails {
		to = append(to, m.Recipient)
	}
	sort.Strings(to)
	if strings.Join(to, " ") != "bo@example.com zoe@example.com" || plan.InOutbox != 0 || plan.Batch.ID == 0 {
		t.Fatalf("after finishing: to %v, %d in the outbox, batch %d", to, plan.InOutbox, plan.Batch.ID)
	}
	if err := plan.Queue(ctx, s); err != nil {
		t.Fatal(err)
	}
	if res, err := sd.Run(ctx); err != nil || res.Sent != 2 {
		t.Fatalf("sending: %+v %v", res, err)
	}
	if got := contactsOf(t, s, clients, plan.Batch.ID); got["Ann"] != 0 || got["Bo"] != 1 || got["Zoë"] != 1 {
		t.Errorf("contacts of the batch: %v", got)
	}
	if n := len(smtpSrv.Received()); n != 3 {
		t.Errorf("the server took %d, want 3 (Ann once)", n)
	}
	// Again: nobody is left, and no batch is started for nobody.
	plan, err = PlanEmailBatch(ctx, s, run)
	if err != nil || len(plan.Mails) != 0 || plan.Due != 0 {
		t.Errorf("again: %d mails for %d due, %v", len(plan.Mails), plan.Due, err)
	}
}
