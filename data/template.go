package data

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"text/template"
	"text/template/parse"
)

// MergeFields are the values a thank-you template can use, as
// {{.FirstName}} and so on.
type MergeFields struct {
	FirstName     string
	LastName      string
	FullName      string
	LastVisit     string // the date of the last visit, as people write it: "14 November" (with the year when not this one)
	LastVisitWhat string // what was done or bought at the last visit
	Staff         string // who served them at the last visit
	Business      string // the business's name (Settings)
	Visits        int    // how many visits in all
	ClientSince   string // the month they became a client: "March 2024"
	Complaint     string // for a make-it-right note: what went wrong, as recorded
	Resolution    string // and how it was put right
	SignedBy      string // who signs: the sign-off of the staff member of the last visit, else the business
}

// templateFuncs are the functions templates may call.
var templateFuncs = template.FuncMap{
	"lower": strings.ToLower,
	"upper": strings.ToUpper,
}

// MergeFieldNames lists the fields a template can use.
func MergeFieldNames() []string {
	t := reflect.TypeOf(MergeFields{})
	names := make([]string, t.NumField())
	for i := range names {
		names[i] = t.Field(i).Name
	}
	return names
}

// SampleMergeFields is a made-up client for previews and checks.
func SampleMergeFields(business string) MergeFields {
	if business == "" {
		business = "Your Business"
	}
	return MergeFields{FirstName: "Zoë", LastName: "Núñez", FullName: "Zoë Núñez", LastVisit: "14 November",
		LastVisitWhat: "Cut and blow-dry", Staff: "Bea", Business: business, Visits: 7, ClientSince: "March 2024",
		Complaint: "The colour came out too dark", Resolution: "Redone for free", SignedBy: "Bea"}
}

// Occasion is what a template is for.
type Occasion string

// The occasions of templates.
const (
	OccasionThanks   Occasion = "thanks"
	OccasionWelcome  Occasion = "welcome"
	OccasionMiss     Occasion = "miss"
	OccasionBirthday Occasion = "birthday"
	OccasionOther    Occasion = "other"
)

// Template is a thank-you text with merge fields, for cards and emails.
type Template struct {
	ID       int64
	Name     string
	Occasion Occasion
	Subject  string  // the email subject
	Body     string  // Go text/template with MergeFields
	Size     float64 // the preferred writing size in points; 0 for the layout's
}

// TemplateError says where a template is wrong, so that it is refused
// when saved and never discovered at print time.
type TemplateError struct {
	Part   string // "text" or "subject"
	Line   int
	Reason string
}

// Error reads like "line 3 of the text: unknown field .Frist".
func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d of the %s: %s", e.Line, e.Part, e.Reason)
	}
	return fmt.Sprintf("the %s: %s", e.Part, e.Reason)
}

var lineInError = regexp.MustCompile(`^template: [^:]*:(\d+)(?::\d+)?: (.*)$`)

// parseTemplate parses one part of a template and checks every field it
// names, in every branch, against MergeFields.
func parseTemplate(part, text string) (*template.Template, error) {
	t, err := template.New(part).Funcs(templateFuncs).Option("missingkey=error").Parse(text)
	if err != nil {
		msg := err.Error()
		line := 0
		if m := lineInError.FindStringSubmatch(msg); m != nil {
			fmt.Sscan(m[1], &line)
			msg = m[2]
		}
		return nil, &TemplateError{Part: part, Line: line, Reason: msg}
	}
	known := map[string]bool{}
	for _, n := range MergeFieldNames() {
		known[n] = true
	}
	var bad *TemplateError
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		if n == nil || bad != nil || reflect.ValueOf(n).IsNil() {
			return
		}
		switch n := n.(type) {
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.FieldNode:
			if !known[n.Ident[0]] || len(n.Ident) > 1 {
				line := 1 + strings.Count(text[:n.Position()], "\n")
				bad = &TemplateError{Part: part, Line: line, Reason: fmt.Sprintf("unknown field .%s (the fields are: .%s)",
					strings.Join(n.Ident, "."), strings.Join(MergeFieldNames(), ", ."))}
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			// A loop could repeat text without end ({{range 1000000000}});
			// a card has no list to go through.
			line := 1 + strings.Count(text[:n.Position()], "\n")
			bad = &TemplateError{Part: part, Line: line, Reason: "a template cannot repeat text with range"}
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			line := 1 + strings.Count(text[:n.Position()], "\n")
			bad = &TemplateError{Part: part, Line: line, Reason: "templates cannot include other templates"}
		}
	}
	walk(t.Tree.Root)
	if bad != nil {
		return nil, bad
	}
	return t, nil
}

// Check parses the template and runs it on a sample client; it returns a
// *TemplateError naming the line and the reason, or a ValidationError.
func (t *Template) Check() error {
	var errs ValidationError
	if msg := CheckLine("The template name", t.Name); msg != "" {
		errs = append(errs, FieldError{"name", msg})
	}
	if msg := CheckLine("The subject", t.Subject); msg != "" {
		errs = append(errs, FieldError{"subject", msg})
	}
	if msg := CheckLines("The text", t.Body); msg != "" {
		errs = append(errs, FieldError{"body", msg})
	}
	t.Name = strings.Join(strings.Fields(t.Name), " ")
	if t.Name == "" {
		errs = append(errs, FieldError{"name", "The template needs a name"})
	}
	if strings.TrimSpace(t.Body) == "" {
		errs = append(errs, FieldError{"body", "The text is empty"})
	}
	if t.Size < 0 || t.Size > 72 {
		errs = append(errs, FieldError{"size", "The writing size must be between 1 and 72 points (0 for the layout's)"})
	}
	switch t.Occasion {
	case "":
		t.Occasion = OccasionThanks
	case OccasionThanks, OccasionWelcome, OccasionMiss, OccasionBirthday, OccasionSorry, OccasionOther:
	default:
		errs = append(errs, FieldError{"occasion", fmt.Sprintf("Unknown occasion %q", t.Occasion)})
	}
	if len(errs) > 0 {
		return errs
	}
	if _, err := t.Merge(SampleMergeFields("")); err != nil {
		return err
	}
	return nil
}

// Merged is a template filled in for one client.
type Merged struct {
	Subject string
	Body    string
}

// Merge fills the template in for one client.
func (t *Template) Merge(f MergeFields) (Merged, error) {
	var out Merged
	for _, part := range []struct {
		name string
		text string
		dst  *string
	}{{"text", t.Body, &out.Body}, {"subject", t.Subject, &out.Subject}} {
		if part.text == "" {
			continue
		}
		tt, err := parseTemplate(part.name, part.text)
		if err != nil {
			return out, err
		}
		b := cappedBuffer{max: maxMergedLen}
		if err := tt.Execute(&b, f); err != nil {
			if errors.Is(err, errTooLong) {
				return out, &TemplateError{Part: part.name, Reason: fmt.Sprintf("the filled-in %s is longer than %d characters", part.name, maxMergedLen)}
			}
			msg := err.Error()
			line := 0
			if m := lineInError.FindStringSubmatch(msg); m != nil {
				fmt.Sscan(m[1], &line)
				msg = m[2]
			}
			return out, &TemplateError{Part: part.name, Line: line, Reason: msg}
		}
		*part.dst = strings.TrimSpace(b.String())
	}
	out.Subject = strings.Join(strings.Fields(out.Subject), " ")
	return out, nil
}

// maxMergedLen bounds a filled-in text: far more than any card or email
// holds, and small enough that a template cannot fill the memory.
const maxMergedLen = 100_000

// errTooLong is returned by cappedBuffer past its size.
var errTooLong = errors.New("text too long")

// cappedBuffer is a bytes.Buffer that refuses to grow past max bytes.
type cappedBuffer struct {
	bytes.Buffer
	max int
}

// Write appends p, or fails with errTooLong past the cap.
func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errTooLong
	}
	return b.Buffer.Write(p)
}
