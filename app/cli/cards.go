package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

func runCards(e *env, args []string) error {
	fs := flag.NewFlagSet("cards", flag.ContinueOnError)
	period := fs.String("period", "", "the month of the visits, YYYY-MM (default: since the last card batch)")
	occasion := fs.String("occasion", "thanks", "thanks, welcome, miss, birthday or sorry")
	tplName := fs.String("template", "", "the template (default: the first of the occasion)")
	layout := fs.String("layout", "a2", "a2, a7, postcard, a6, letter or a4")
	envelopes := fs.String("envelopes", "", "also address envelopes: a2, a7, 10, c6 or dl")
	labels := fs.String("labels", "", "also print address labels: 5160 or l7160")
	out := fs.String("o", "", "the folder to write the PDFs to")
	markSent := fs.Bool("mark-sent", false, "log a card for every client printed")
	households := fs.Bool("households", false, "one card per household, to those of it who are due")
	plot := fs.String("plot", "", "also write pen-plotter files: svg or gcode")
	penUp := fs.String("pen-up", paper.DefaultGCode.PenUp, "G-code: the command that lifts the pen")
	penDown := fs.String("pen-down", paper.DefaultGCode.PenDown, "G-code: the command that lowers the pen")
	feed := fs.Float64("feed", paper.DefaultGCode.Feed, "G-code: drawing speed, mm a minute")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageErr("-o DIR is required: the folder for the PDFs")
	}
	if *plot != "" && *plot != "svg" && *plot != "gcode" {
		return usageErr("--plot is svg or gcode, not %q", *plot)
	}
	l, err := paper.FindLayout(*layout)
	if err != nil {
		return usageErr("%v", err)
	}
	if *envelopes != "" {
		if _, err := paper.FindEnvelope(*envelopes); err != nil {
			return usageErr("%v", err)
		}
	}
	if *labels != "" {
		if _, err := paper.FindLabels(*labels); err != nil {
			return usageErr("%v", err)
		}
	}
	o, err := occasionArg(*occasion)
	if err != nil {
		return err
	}
	b := data.Batch{Occasion: o, Channel: data.ChannelPost, Layout: l.Name}
	if b.From, b.To, err = batchPeriod(e, *period, o, data.ChannelPost); err != nil {
		return err
	}
	tpl, err := occasionTemplate(e, o, *tplName)
	if err != nil {
		return err
	}
	b.Template = tpl.Name
	pn, err := letters.PenFromSettings(e.ctx, e.store)
	if err != nil {
		return err
	}
	due, err := e.store.DueFor(e.ctx, o, data.ChannelPost, b.From, b.To, clock.Now())
	if err != nil {
		return err
	}
	span := b.From.Format("2006-01-02") + " to " + b.To.AddDate(0, 0, -1).Format("2006-01-02")
	if len(due) == 0 {
		if o == data.OccasionThanks {
			fmt.Fprintf(e.stdout, "nobody to thank by card for %s: everyone who visited has been thanked, or has no postal address\n", span)
		} else {
			fmt.Fprintf(e.stdout, "nobody is due a %s card for %s (see: regulars due-for %s)\n", o.Words(), span, o)
		}
		return nil
	}
	res, err := letters.PrintBatch(e.ctx, e.store, pn, letters.CardRun{Batch: b, Template: tpl, Due: due, Households: *households,
		Layout: l, Envelope: *envelopes, Labels: *labels, Plot: *plot, Dir: *out,
		GCode: paper.GCode{PenUp: *penUp, PenDown: *penDown, Feed: *feed}})
	for _, p := range res.LeftOut {
		fmt.Fprintf(e.stderr, "regulars cards: left out %s (#%d): %s\n", data.Printable(p.Name), p.ClientID, data.Printable(p.Err.Error()))
	}
	var none *letters.NoCardsError
	var fe *pen.FitError
	switch {
	case errors.As(err, &none):
		return fmt.Errorf("no card could be made (%d client%s left out, above); nothing was printed", len(none.Problems), plural(len(none.Problems)))
	case errors.As(err, &fe):
		return fmt.Errorf("%v; nothing was printed", err)
	case err != nil:
		return err
	}
	if len(res.PlotMissing) > 0 {
		fmt.Fprintf(e.stderr, "regulars cards: the plotter's pen font has no %s; those letters are left out of the plot (the PDF has them)\n", paper.MissingText(res.PlotMissing))
	}
	fmt.Fprintf(e.stdout, "%d card%s for %s (template %q, layout %s, batch %d):\n", len(res.Cards), plural(len(res.Cards)), span, tpl.Name, l.Name, res.Batch.ID)
	for _, f := range res.Files {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	if len(res.LeftOut) > 0 {
		fmt.Fprintf(e.stdout, "%d client%s left out (see the messages above): fix their details or the template and run again\n", len(res.LeftOut), plural(len(res.LeftOut)))
	}
	if *markSent {
		n, err := res.MarkSent(e.ctx, e.store, clock.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "marked %d client%s as sent a %s card\n", n, plural(n), o.Words())
	} else {
		fmt.Fprintln(e.stdout, "print them, then run again with --mark-sent (the cards come out the same)")
	}
	return nil
}

func runBusiness(e *env, args []string) error {
	fs := flag.NewFlagSet("business", flag.ContinueOnError)
	name := fs.String("name", "", "the business's name, as it signs cards")
	var address stringList
	fs.Var(&address, "address", "a line of the postal address (repeat for each line)")
	font := fs.String("font", "", "the hand-writing: Caveat, Kalam, or the path of your own .ttf")
	signature := fs.String("signature", "", "a PNG of your signature, printed under the text (\"none\" to remove)")
	country := fs.String("country", "", "the shop's country (US, GB, Deutschland…): phones are shown in its way, it is left off envelopes to clients there, and it sets the order of typed dates (\"none\" to follow the computer's)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	switch *country {
	case "":
	case "none":
		if err := e.store.SetCountry(e.ctx, ""); err != nil {
			return err
		}
	default:
		if err := e.store.SetCountry(e.ctx, *country); err != nil {
			return fmt.Errorf("--country: %w", err)
		}
	}
	set := func(key, v string) error { return e.store.SetSetting(e.ctx, key, v) }
	if *name != "" {
		if err := set(data.SettingBusinessName, strings.TrimSpace(*name)); err != nil {
			return err
		}
	}
	if len(address) > 0 {
		if err := set(data.SettingBusinessAddress, strings.Join(address, "\n")); err != nil {
			return err
		}
	}
	if *font != "" {
		if _, err := pen.BuiltInFace(*font); err != nil {
			if _, err := pen.LoadFace(*font); err != nil {
				return err
			}
		}
		if err := set(data.SettingHandFont, *font); err != nil {
			return err
		}
	}
	switch *signature {
	case "":
	case "none":
		if err := set(data.SettingSignature, ""); err != nil {
			return err
		}
	default:
		b, err := os.ReadFile(*signature)
		if err != nil {
			return fmt.Errorf("signature: %w", err)
		}
		if err := paper.CheckPNG(b); err != nil {
			return fmt.Errorf("signature %s: %w", *signature, err)
		}
		if err := set(data.SettingSignature, *signature); err != nil {
			return err
		}
	}
	lines, err := letters.ReturnAddress(e.ctx, e.store)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, strings.Join(lines, "\n"))
	return nil
}
