package letters

import (
	"context"
	"fmt"
	"strings"
	"time"

	"regulars/data"
	"regulars/data/store"
)

// EmailRun is one email batch, as the owner chose it in the window or on
// the command line.
type EmailRun struct {
	// Batch is the occasion, the period and the template's name; its ID
	// is found or given by PlanEmailBatch.
	Batch    data.Batch
	Template data.Template
	// Chosen are the clients the owner kept in the batch; nil is everyone
	// due. Either way only those still due as of AsOf are written to.
	Chosen []data.Client
	// Texts are the texts typed by hand for some clients (nil: none).
	Texts map[int64]string
	AsOf  time.Time
	// DryRun composes the emails without starting a batch: nothing can
	// be queued from it.
	DryRun bool
}

// EmailPlan is an email batch composed and ready to queue.
type EmailPlan struct {
	Batch data.Batch
	Due   int // clients due (and chosen)
	Mails []data.Mail
	// Skipped names each client left out, and why (a message to them
	// still in the outbox ends with SkipInOutbox).
	Skipped []string
	// InOutbox counts the clients left out because a message to them is
	// still in the outbox (queued, or in doubt).
	InOutbox int
	started  bool // the draft batch was started by this plan
	dry      bool
}

// UnfinishedError says the outbox holds messages an interrupted send
// left (queued, or in doubt): they are finished first (sent, settled,
// their contacts logged), so that a new batch leaves those clients out
// rather than writing to them twice or skipping them.
type UnfinishedError struct {
	N int
}

func (e *UnfinishedError) Error() string {
	if e.N == 1 {
		return "1 email left in the outbox by an interrupted send goes out first"
	}
	return fmt.Sprintf("%d emails left in the outbox by an interrupted send go out first", e.N)
}

// Unfinished counts the messages an interrupted send left in the outbox:
// queued, being sent, or in doubt.
func Unfinished(ctx context.Context, s *store.Store) (int, error) {
	c, err := s.OutboxCounts(ctx)
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	return c[data.MailQueued] + c[data.MailSending] + c[data.MailUnknown], nil
}

// PlanEmailBatch composes an email batch: it refuses with an
// *UnfinishedError while an interrupted send is not finished (a dry run
// only looks), lists who is still due (of those chosen), finds or starts
// the draft batch, and composes one email each; clients who cannot be
// emailed are skipped, named. A plan with nothing to send takes back the
// batch it started. Queue puts the emails in the outbox.
func PlanEmailBatch(ctx context.Context, s *store.Store, r EmailRun) (EmailPlan, error) {
	p := EmailPlan{Batch: r.Batch, dry: r.DryRun}
	p.Batch.Channel = data.ChannelEmail
	p.Batch.Layout = ""
	if !r.DryRun {
		n, err := Unfinished(ctx, s)
		if err != nil {
			return p, err
		}
		if n > 0 {
			return p, &UnfinishedError{N: n}
		}
	}
	due, err := s.DueFor(ctx, p.Batch.Occasion, data.ChannelEmail, p.Batch.From, p.Batch.To, r.AsOf)
	if err != nil {
		return p, err
	}
	clients := data.Clients(due)
	if r.Chosen != nil {
		still := map[int64]bool{}
		for _, c := range clients {
			still[c.ID] = true
		}
		clients = nil
		for _, c := range r.Chosen {
			if still[c.ID] {
				clients = append(clients, c)
			}
		}
	}
	p.Due = len(clients)
	if len(clients) == 0 {
		return p, nil
	}
	if !r.DryRun {
		if p.started, err = s.StartDraftBatch(ctx, &p.Batch); err != nil {
			return p, err
		}
	}
	if p.Mails, p.Skipped, err = PrepareEmails(ctx, s, p.Batch, r.Template, clients, r.Texts); err != nil {
		p.Discard(ctx, s)
		return p, err
	}
	for _, sk := range p.Skipped {
		if strings.HasSuffix(sk, SkipInOutbox) {
			p.InOutbox++
		}
	}
	if len(p.Mails) == 0 {
		p.Discard(ctx, s)
	}
	return p, nil
}

// Queue puts the plan's emails in the outbox and marks the batch queued:
// each is logged as a contact when the server takes it (mail.Sender.Run).
func (p EmailPlan) Queue(ctx context.Context, s *store.Store) error {
	if p.dry {
		return fmt.Errorf("a dry run queues nothing")
	}
	if len(p.Mails) == 0 {
		return nil
	}
	if _, err := s.Enqueue(ctx, p.Mails); err != nil {
		p.Discard(ctx, s)
		return fmt.Errorf("queue the emails of batch %d: %w", p.Batch.ID, err)
	}
	if err := s.MarkBatchQueued(ctx, p.Batch); err != nil {
		return fmt.Errorf("mark batch %d queued: %w", p.Batch.ID, err)
	}
	return nil
}

// Discard takes back the draft batch the plan started, when it is not
// queued after all; a batch found (started earlier) stays.
func (p EmailPlan) Discard(ctx context.Context, s *store.Store) {
	if p.started {
		s.DiscardDraft(ctx, p.Batch)
	}
}
