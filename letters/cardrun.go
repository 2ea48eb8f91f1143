package letters

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"regulars/data"
	"regulars/data/store"
	"regulars/letters/paper"
)

// CardRun is one card batch to print, as the owner chose it in the window
// or on the command line: the same inputs give the same files.
type CardRun struct {
	// Batch is the occasion, the period, the template's name and the
	// layout's name; its ID is found or given by PrintBatch.
	Batch    data.Batch
	Template data.Template
	// Due is the clients to write to, each with why (store.Store.DueFor,
	// less any the owner left out).
	Due []data.DueClient
	// Texts are the texts typed by hand for some clients (nil: none).
	Texts map[int64]string
	// Households makes one card per household, for those of it who are due.
	Households bool
	Layout     paper.Layout
	Envelope   string // "" for none
	Labels     string // "" for none
	Plot       string // "", "svg" or "gcode": also write pen-plotter files
	GCode      paper.GCode
	Dir        string
	// Progress, when set, is told how many pages of the PDFs are done.
	Progress func(done, total int)
}

// CardResult is what a card batch printed.
type CardResult struct {
	Batch data.Batch
	Files []string     // the PDFs, then the plotter files
	Cards []paper.Card // the cards written
	// Printed is every client the written cards are for (a household's
	// card counts for each of its members due): those to mark sent.
	Printed []int64
	// LeftOut is each client whose card could not be made, and why.
	LeftOut []CardProblem
	// PlotMissing are the letters the plotter's pen font has not (they
	// are left out of the plot files only).
	PlotMissing []rune
}

// NoCardsError says that not one card of a batch could be made: every
// client was left out, for the reasons in Problems. Nothing was written.
type NoCardsError struct {
	Problems []CardProblem
}

func (e *NoCardsError) Error() string {
	var parts []string
	for _, p := range e.Problems {
		parts = append(parts, p.Name+" ("+p.Err.Error()+")")
	}
	return "no card could be made: " + strings.Join(parts, "; ")
}

// PrintBatch writes a card batch: it finds or starts the draft batch (so
// that printing again writes every card as before), merges the template
// for each client or household, leaves out (and names) those whose card
// cannot be made, writes the cards, envelopes and labels with the
// printer's offsets kept in the book, and the plotter files. A run that
// fails takes back the batch it started and leaves no batch behind.
// Marking the batch sent is separate (CardResult.MarkSent), once the
// cards are out.
func PrintBatch(ctx context.Context, s *store.Store, pn paper.Pen, r CardRun) (res CardResult, err error) {
	if strings.TrimSpace(r.Dir) == "" {
		return res, fmt.Errorf("choose a folder for the PDFs")
	}
	if r.Plot != "" && r.Plot != "svg" && r.Plot != "gcode" {
		return res, fmt.Errorf("plotter files are svg or gcode, not %q", r.Plot)
	}
	// The settings the run needs are read once, here: the printer's
	// offsets and the return address.
	cs, err := s.CardSettings(ctx)
	if err != nil {
		return res, err
	}
	business, err := s.BusinessSettings(ctx)
	if err != nil {
		return res, err
	}
	ret := ReturnAddressOf(business)
	b := r.Batch
	b.Channel = data.ChannelPost
	b.Layout = r.Layout.Name
	created, err := s.StartDraftBatch(ctx, &b)
	if err != nil {
		return res, err
	}
	res.Batch = b
	defer func() {
		if err != nil && created {
			s.DiscardDraft(ctx, b)
		}
	}()
	members := map[int64][]int64{} // a household card's first member → everyone it is for
	var cards []paper.Card
	if r.Households {
		groups, err := s.ByHousehold(ctx, r.Due)
		if err != nil {
			return res, fmt.Errorf("households: %w", err)
		}
		var ids [][]int64
		if cards, ids, err = PrepareHouseholdCards(ctx, s, b, r.Template, groups); err != nil {
			return res, err
		}
		for i, c := range cards {
			members[c.ClientID] = ids[i]
		}
	} else if cards, res.LeftOut, err = PrepareEach(ctx, s, b, r.Template, data.Clients(r.Due), r.Texts); err != nil {
		return res, err
	}
	// One client's problem (the template fails for their fields, their
	// text does not fit) leaves them out, named; the rest print.
	cards, unfit := SplitFit(pn, cards, r.Layout)
	res.LeftOut = append(res.LeftOut, unfit...)
	if len(cards) == 0 {
		return res, &NoCardsError{Problems: res.LeftOut}
	}
	out := Output{Dir: strings.TrimSpace(r.Dir), Layout: r.Layout, Envelope: r.Envelope, Labels: r.Labels}
	if out.Layout.Offset, err = PrintOffset(cs, "card", out.Layout.Name); err != nil {
		return res, err
	}
	if out.Envelope != "" {
		if out.EnvelopeOffset, err = PrintOffset(cs, "envelope", out.Envelope); err != nil {
			return res, err
		}
	}
	if err := pn.CheckFit(cards, out.Layout); err != nil {
		return res, err
	}
	if res.Files, err = writeBatch(pn, b, cards, out, ret, r.Progress); err != nil {
		return res, err
	}
	if r.Plot != "" {
		// The same cards for a pen plotter, in single strokes.
		base := "plot-" + strings.TrimSuffix(strings.TrimPrefix(filepath.Base(res.Files[0]), "cards-"), ".pdf")
		plots, missing, err := pn.WritePlotFiles(out.Dir, base, r.Plot, cards, out.Layout, out.Envelope, ret, r.GCode)
		res.Files = append(res.Files, plots...)
		res.PlotMissing = missing
		if err != nil {
			return res, err
		}
	}
	res.Cards = cards
	for _, c := range cards {
		if m, ok := members[c.ClientID]; ok {
			res.Printed = append(res.Printed, m...)
		} else {
			res.Printed = append(res.Printed, c.ClientID)
		}
	}
	return res, nil
}

// MarkSent logs a card of the batch for every client its cards were
// printed for (see store.Store.MarkBatchSent: never twice), at the given
// time, and returns how many were logged.
func (r CardResult) MarkSent(ctx context.Context, s *store.Store, at time.Time) (int, error) {
	return s.MarkBatchSent(ctx, r.Batch, r.Printed, at)
}
