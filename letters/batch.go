// Package letters turns thank-you templates into things a client holds:
// cards written in a hand that looks like ink, envelopes and address
// labels, as PDF. It knows nothing of windows; the client book (data)
// gives it the texts and addresses.
package letters

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/partfile"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// PenFromSettings is the pen the owner chose in Settings: the built-in
// hand or their own font file, and their signature image if any.
func PenFromSettings(ctx context.Context, s *store.Store) (paper.Pen, error) {
	cs, err := s.CardSettings(ctx)
	if err != nil {
		return paper.Pen{Fallback: pen.Fallback(), Ink: pen.BlueBlack}, err
	}
	return CardPen(cs)
}

// CardPen is the pen of the card settings: their hand (the first built-in
// one when none is chosen) or the owner's own font file, and their
// signature image if any, checked.
func CardPen(cs data.CardSettings) (paper.Pen, error) {
	p := paper.Pen{Fallback: pen.Fallback(), Ink: pen.BlueBlack}
	var err error
	switch choice := cs.HandFont; {
	case choice == "":
		p.Face, err = pen.BuiltInFace(pen.HandNames()[0])
	case pen.IsBuiltIn(choice):
		p.Face, err = pen.BuiltInFace(choice)
	default:
		p.Face, err = pen.LoadFace(choice)
	}
	if err != nil {
		return p, fmt.Errorf("hand-writing font (Settings): %w", err)
	}
	if sig := cs.Signature; sig != "" {
		b, err := os.ReadFile(sig)
		if err != nil {
			return p, fmt.Errorf("signature image (Settings): %w", err)
		}
		if err := paper.CheckPNG(b); err != nil {
			return p, fmt.Errorf("signature image %s: %w", sig, err)
		}
		p.Signature = b
	}
	return p, nil
}

// AddressLines are the envelope lines of a client: name, then the postal
// address, without the country when it is home (the book's country).
func AddressLines(c data.Client, home string) []string {
	return append([]string{c.Name()}, c.Address.LinesFrom(home)...)
}

// PrepareCards merges the template for every client of a batch: the text
// (or the one typed for that client in texts), the address, and the seed
// of the hand-writing.
func PrepareCards(ctx context.Context, s *store.Store, b data.Batch, t data.Template, clients []data.Client, texts map[int64]string) ([]paper.Card, error) {
	cards := make([]paper.Card, 0, len(clients))
	home, err := s.Country(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range clients {
		text, ok := texts[c.ID]
		if !ok {
			f, err := s.MergeFieldsForBatch(ctx, c, b)
			if err != nil {
				return nil, err
			}
			m, err := t.Merge(f)
			if err != nil {
				return nil, fmt.Errorf("template %s for %s: %w", t.Name, c.Name(), err)
			}
			text = m.Body
		}
		sig, err := StaffSignature(ctx, s, c.ID)
		if err != nil {
			return nil, err
		}
		cards = append(cards, paper.Card{ClientID: c.ID, Name: c.Name(), Text: text, Address: AddressLines(c, home), Seed: paper.Seed(c.ID, b.ID), Signature: sig})
	}
	return cards, nil
}

// StaffSignature is the signature PNG of the staff member who signs a
// note to a client (see data.SignOffFor), checked like the owner's; nil
// when they have none, so the owner's signs. A signature file that has
// gone or is damaged is an error that names it.
func StaffSignature(ctx context.Context, s *store.Store, clientID int64) ([]byte, error) {
	so, ok, err := s.SignOffFor(ctx, clientID)
	if err != nil || !ok || so.Signature == "" {
		return nil, err
	}
	b, err := os.ReadFile(so.Signature)
	if err == nil {
		err = paper.CheckPNG(b)
	}
	if err != nil {
		return nil, fmt.Errorf("the signature of the staff member who signs (%s): %w", so.Signature, err)
	}
	return b, nil
}

// CardProblem is one client whose card cannot be made (the template fails
// for their fields, or their text does not fit the card), so that the
// batch goes on without them and says who was left out and why.
type CardProblem struct {
	ClientID int64
	Name     string
	Err      error
}

// PrepareEach is PrepareCards that goes on past a client whose template
// fails ({{slice .FirstName 0 3}} for "Bo"): their problem is returned
// beside the cards of everyone else. err is only for a failure of the
// book.
func PrepareEach(ctx context.Context, s *store.Store, b data.Batch, t data.Template, clients []data.Client, texts map[int64]string) (cards []paper.Card, problems []CardProblem, err error) {
	for _, c := range clients {
		one, err := PrepareCards(ctx, s, b, t, []data.Client{c}, texts)
		var te *data.TemplateError
		switch {
		case errors.As(err, &te):
			problems = append(problems, CardProblem{ClientID: c.ID, Name: c.Name(), Err: err})
		case err != nil:
			return nil, nil, err
		default:
			cards = append(cards, one...)
		}
	}
	return cards, problems, nil
}

// SplitFit lays every card out with p and returns those that fit, and a
// problem for each that does not even at the smallest size.
func SplitFit(p paper.Pen, cards []paper.Card, l paper.Layout) (fit []paper.Card, problems []CardProblem) {
	for _, c := range cards {
		if _, err := p.LayOut(c, l); err != nil {
			problems = append(problems, CardProblem{ClientID: c.ClientID, Name: c.Name, Err: err})
			continue
		}
		fit = append(fit, c)
	}
	return fit, problems
}

// Output is what to print for a batch.
type Output struct {
	Dir      string
	Layout   paper.Layout
	Envelope string // "" for none
	Labels   string // "" for none
	// EnvelopeOffset is the printer's correction for the envelopes (the
	// cards' is in Layout).
	EnvelopeOffset paper.Offset
}

// WriteBatch writes the cards with p, and the envelopes or labels, into
// the folder and returns the files written. Nothing is written when a card
// does not fit.
func WriteBatch(ctx context.Context, s *store.Store, p paper.Pen, b data.Batch, cards []paper.Card, out Output, progress func(done, total int)) ([]string, error) {
	if err := p.CheckFit(cards, out.Layout); err != nil {
		return nil, err
	}
	var returnAddr []string // read before any file is written, for the envelopes only
	if out.Envelope != "" {
		var err error
		if returnAddr, err = ReturnAddress(ctx, s); err != nil {
			return nil, err
		}
	}
	return writeBatch(p, b, cards, out, returnAddr, progress)
}

// writeBatch is WriteBatch of cards that fit (see paper.Pen.CheckFit),
// with the return address on the envelopes read already (returnAddr).
func writeBatch(p paper.Pen, b data.Batch, cards []paper.Card, out Output, returnAddr []string, progress func(done, total int)) ([]string, error) {
	if err := os.MkdirAll(out.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	period := b.From.Format("2006-01-02") + "_" + b.To.AddDate(0, 0, -1).Format("2006-01-02")
	if b.To.Sub(b.From).Hours() > 24*27 && b.From.Day() == 1 && b.To.Day() == 1 && b.To.AddDate(0, -1, 0).Equal(b.From) {
		period = b.From.Format("2006-01")
	}
	total := len(cards)
	if out.Envelope != "" {
		total *= 2
	}
	step := func(base int) func(int) {
		return func(done int) {
			if progress != nil {
				progress(base+done, total)
			}
		}
	}
	var files []string
	// Each PDF is written to a temporary file in the same folder, flushed
	// to the disk, then renamed over its final name: a run killed midway
	// leaves the PDF of the run before (or none), never a 0-byte or
	// half-written file under the final name.
	write := func(name string, fn func(f *os.File) error) error {
		path := filepath.Join(out.Dir, name)
		f, err := partfile.Create(out.Dir, name)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		tmp := f.Name()
		if err := fn(f); err != nil {
			f.Close()
			os.Remove(tmp)
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp, path)
		}
		if err != nil {
			os.Remove(tmp)
			return fmt.Errorf("write %s: %w", path, err)
		}
		files = append(files, path)
		return nil
	}
	// The occasion names the files of a batch that is not a thank-you, so
	// that the month's we-miss-you cards never overwrite its birthdays.
	if b.Occasion != "" && b.Occasion != data.OccasionThanks {
		period = string(b.Occasion) + "-" + period
	}
	if err := write(fmt.Sprintf("cards-%s-%s.pdf", period, out.Layout.Name), func(f *os.File) error {
		return p.Cards(f, cards, out.Layout, step(0))
	}); err != nil {
		return files, err
	}
	if out.Envelope != "" {
		env, err := paper.FindEnvelope(out.Envelope)
		if err != nil {
			return files, err
		}
		env.Offset = out.EnvelopeOffset
		if err := write(fmt.Sprintf("envelopes-%s-%s.pdf", period, env.Name), func(f *os.File) error {
			return p.Envelopes(f, cards, env, returnAddr, step(len(cards)))
		}); err != nil {
			return files, err
		}
	}
	if out.Labels != "" {
		sheet, err := paper.FindLabels(out.Labels)
		if err != nil {
			return files, err
		}
		if err := write(fmt.Sprintf("labels-%s-%s.pdf", period, sheet.Name), func(f *os.File) error {
			return p.Labels(f, cards, sheet)
		}); err != nil {
			return files, err
		}
	}
	return files, nil
}

// ReturnAddress is the business's name and address, for envelopes.
func ReturnAddress(ctx context.Context, s *store.Store) ([]string, error) {
	b, err := s.BusinessSettings(ctx)
	if err != nil {
		return nil, err
	}
	return ReturnAddressOf(b), nil
}

// ReturnAddressOf is the return address of the business settings: the
// name, then the address's lines, without empty lines.
func ReturnAddressOf(b data.BusinessSettings) []string {
	var lines []string
	for _, l := range append([]string{b.Name}, strings.Split(b.Address, "\n")...) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}
