package letters

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/partfile"
	"regulars/letters/paper"
)

// Note is one card for one client written at once, outside a batch ("one
// note now"): a thank-you after a big order, an apology the day a
// complaint is put right.
type Note struct {
	Client    data.Client
	Occasion  data.Occasion
	Template  data.Template
	Complaint data.Complaint // what a make-it-right note answers, if any
	Card      paper.Card
}

// PrepareNote merges a template for one client and an occasion. The card's
// seed comes from the moment, so that a second note to the same person
// is written afresh, while its preview is exactly what prints.
func PrepareNote(ctx context.Context, s *store.Store, c data.Client, o data.Occasion, t data.Template, at time.Time) (Note, error) {
	n := Note{Client: c, Occasion: o, Template: t}
	// A note answers the newest complaint put right and not yet answered.
	b := data.Batch{Occasion: o, From: time.Date(1900, 1, 1, 0, 0, 0, 0, time.Local), To: at.AddDate(0, 0, 1)}
	f, err := s.MergeFieldsForBatch(ctx, c, b)
	if err != nil {
		return n, err
	}
	if o == data.OccasionSorry {
		if f.Complaint == "" {
			return n, fmt.Errorf("%s has no complaint put right that is still waiting for a note", c.Name())
		}
		ks, err := s.ClientComplaints(ctx, c.ID)
		if err != nil {
			return n, err
		}
		for _, k := range ks {
			if k.Description == f.Complaint && k.Resolution == f.Resolution && !k.Open() {
				n.Complaint = k
			}
		}
	}
	m, err := t.Merge(f)
	if err != nil {
		return n, fmt.Errorf("template %s for %s: %w", t.Name, c.Name(), err)
	}
	sig, err := StaffSignature(ctx, s, c.ID)
	if err != nil {
		return n, err
	}
	home, err := s.Country(ctx)
	if err != nil {
		return n, err
	}
	n.Card = paper.Card{ClientID: c.ID, Name: c.Name(), Text: m.Body, Address: AddressLines(c, home), Seed: paper.Seed(c.ID, -at.Unix()), Signature: sig}
	return n, nil
}

// WriteNote writes with p the note's card (and its envelope, unless
// envelope is "") into dir and returns the files. Each file is written under a
// temporary name and renamed when whole, so a crash never leaves a
// half-written PDF under its final name.
func WriteNote(ctx context.Context, s *store.Store, p paper.Pen, n Note, dir string, l paper.Layout, envelope string, at time.Time) ([]string, error) {
	if err := p.CheckFit([]paper.Card{n.Card}, l); err != nil {
		return nil, err
	}
	var ret []string // the envelope's return address, read before any file is written
	if envelope != "" {
		var err error
		if ret, err = ReturnAddress(ctx, s); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	base := fmt.Sprintf("note-%s-%s-%s", fileWord(n.Client.Name()), n.Occasion, at.Format("2006-01-02-150405"))
	var files []string
	write := func(name string, fn func(f *os.File) error) error {
		path := filepath.Join(dir, name)
		tmp, err := partfile.Create(dir, name)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := fn(tmp); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return err
		}
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := tmp.Close(); err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
		files = append(files, path)
		return nil
	}
	if err := write(base+"-card-"+l.Name+".pdf", func(f *os.File) error { return p.Cards(f, []paper.Card{n.Card}, l, nil) }); err != nil {
		return files, err
	}
	if envelope != "" {
		env, err := paper.FindEnvelope(envelope)
		if err != nil {
			return files, err
		}
		if err := write(base+"-envelope-"+env.Name+".pdf", func(f *os.File) error { return p.Envelopes(f, []paper.Card{n.Card}, env, ret, nil) }); err != nil {
			return files, err
		}
	}
	return files, nil
}

// Contact is the contact that records the note once it is written.
func (n Note) Contact(at time.Time) data.Contact {
	return data.Contact{ClientID: n.Client.ID, At: at, Kind: data.ContactCard, Occasion: n.Occasion,
		ThankYou: n.Occasion == data.OccasionThanks, Template: n.Template.Name, ComplaintID: n.Complaint.ID}
}

// fileWord makes a name safe and short for a file name: "Zoë Núñez" gives
// "Zoë-Núñez".
func fileWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
		if b.Len() > 40 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "client"
	}
	return out
}

// NoteBatch is the batch of one that carries a note by email: the outbox
// logs the email's contact with its occasion (and a make-it-right
// email's complaint) once the server takes it. It does not move the
// period of the next monthly batch.
func NoteBatch(o data.Occasion, t data.Template, at time.Time) data.Batch {
	return data.Batch{Occasion: o, Single: true, Channel: data.ChannelEmail, Template: t.Name,
		From: time.Date(1900, 1, 1, 0, 0, 0, 0, time.Local), To: at.AddDate(0, 0, 1)}
}

// PlanNoteEmail starts the batch of one for an email note and composes
// its message: the window and the command line both queue a note this
// way, as a plan like a batch's (Queue puts it in the outbox, Discard
// takes the batch back). It refuses a client who cannot be emailed,
// saying why.
func PlanNoteEmail(ctx context.Context, s *store.Store, c data.Client, o data.Occasion, t data.Template, at time.Time) (EmailPlan, error) {
	b := NoteBatch(o, t, at)
	p := EmailPlan{Batch: b}
	switch {
	case c.DoNotContact:
		return p, fmt.Errorf("%s is marked \"do not contact\"", c.Name())
	case c.Email == "":
		return p, fmt.Errorf("%s has no email address", c.Name())
	case c.EmailConsent == data.ConsentUnsubscribed:
		return p, fmt.Errorf("%s unsubscribed from email", c.Name())
	}
	if o == data.OccasionSorry {
		if f, err := s.MergeFieldsForBatch(ctx, c, b); err != nil {
			return p, err
		} else if f.Complaint == "" {
			return p, fmt.Errorf("%s has no complaint put right that is still waiting for a note", c.Name())
		}
	}
	if err := s.CreateBatch(ctx, &b); err != nil {
		return p, err
	}
	p.Batch = b
	mails, skipped, err := PrepareEmails(ctx, s, b, t, []data.Client{c}, nil)
	if err == nil && len(mails) != 1 {
		err = fmt.Errorf("no email for %s: %s", c.Name(), strings.Join(skipped, "; "))
	}
	if err != nil {
		s.DiscardDraft(ctx, b)
		return p, err
	}
	p.Due, p.Mails, p.started = 1, mails, true
	return p, nil
}
