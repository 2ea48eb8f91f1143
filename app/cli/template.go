package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"regulars/data"
)

// templateJSON is the stable JSON form of a template.
type templateJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Occasion string `json:"occasion"`
	Subject  string `json:"subject"`
	Body     string `json:"body"`
}

// maxTemplateSize bounds a template body read from a file.
const maxTemplateSize = 64 << 10

func runTemplate(e *env, args []string) error {
	if len(args) == 0 {
		return usageErr("say list, show NAME or set NAME (or fields: the fields a template can use)")
	}
	switch args[0] {
	case "list":
		return templateList(e, args[1:])
	case "show":
		return templateShow(e, args[1:])
	case "set":
		return templateSet(e, args[1:])
	case "fields":
		return templateFields(e, args[1:])
	}
	return usageErr("unknown template command %q (list, show, set or fields)", args[0])
}

// templateFields lists the fields a template can use, by their plain
// names, with what to write for each (as "Insert field…" in the window).
func templateFields(e *env, args []string) error {
	fs := flag.NewFlagSet("template fields", flag.ContinueOnError)
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usageErr("template fields takes no arguments")
	}
	width := 0
	for _, f := range data.MergeFieldChoices {
		width = max(width, utf8.RuneCountInString(f.Label))
	}
	for _, f := range data.MergeFieldChoices {
		fmt.Fprintf(e.stdout, "%s%s  %s\n", f.Label, strings.Repeat(" ", width-utf8.RuneCountInString(f.Label)), f.Insert)
	}
	return nil
}

func templateList(e *env, args []string) error {
	fs := flag.NewFlagSet("template list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	ts, err := e.store.Templates(e.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]templateJSON, 0, len(ts))
		for _, t := range ts {
			out = append(out, templateJSON{t.ID, t.Name, string(t.Occasion), t.Subject, t.Body})
		}
		return writeJSON(e.stdout, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tOCCASION\tSUBJECT")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", data.Printable(t.Name), t.Occasion, data.Printable(t.Subject))
	}
	return tw.Flush()
}

// findTemplate reads a template by name; the error names the templates
// there are.
func findTemplate(e *env, name string) (data.Template, error) {
	return e.store.TemplateByName(e.ctx, name)
}

func templateShow(e *env, args []string) error {
	fs := flag.NewFlagSet("template show", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("name one template (regulars template list)")
	}
	t, err := findTemplate(e, pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, templateJSON{t.ID, t.Name, string(t.Occasion), t.Subject, t.Body})
	}
	fmt.Fprintf(e.stdout, "name: %s\noccasion: %s\nsubject: %s\n\n%s\n", data.Printable(t.Name), t.Occasion, data.Printable(t.Subject), t.Body)
	return nil
}

func templateSet(e *env, args []string) error {
	fs := flag.NewFlagSet("template set", flag.ContinueOnError)
	subject := fs.String("subject", "", "the email subject (may use merge fields)")
	occasion := fs.String("occasion", "", "thanks, welcome, miss, birthday or other (default: thanks for a new template)")
	bodyFile := fs.String("body-file", "", "the text, from a `FILE` (- for standard input)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("name one template to write")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	t, err := e.store.TemplateByName(e.ctx, pos[0])
	switch {
	case errors.Is(err, data.ErrNotFound):
		if !set["body-file"] {
			return usageErr("a new template needs its text: --body-file FILE (or - for standard input)")
		}
		t = data.Template{Name: pos[0], Occasion: data.OccasionThanks}
	case err != nil:
		return err
	case len(set) == 0:
		return usageErr("say what to change: --subject, --occasion or --body-file")
	}
	if set["subject"] {
		t.Subject = *subject
	}
	if set["occasion"] {
		t.Occasion = data.Occasion(strings.ToLower(strings.TrimSpace(*occasion)))
	}
	if set["body-file"] {
		var r io.Reader = os.Stdin
		if *bodyFile != "-" {
			f, err := os.Open(*bodyFile)
			if err != nil {
				return fmt.Errorf("--body-file: %w", err)
			}
			defer f.Close()
			r = f
		}
		b, err := io.ReadAll(io.LimitReader(r, maxTemplateSize+1))
		if err != nil {
			return fmt.Errorf("--body-file: %w", err)
		}
		if len(b) > maxTemplateSize {
			return fmt.Errorf("--body-file: the text is longer than %d KB; a card holds a few lines", maxTemplateSize>>10)
		}
		t.Body = strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	}
	if err := e.store.SaveTemplate(e.ctx, &t); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "template %q saved\n", t.Name)
	return nil
}
