package clients

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/data"
)

// sideField is one line of the side-by-side view: a field of both people.
type sideField struct {
	label string
	take  string // the field as data.TakeField knows it; "" when it cannot be chosen
	a, b  string
}

// sideFields lists what a shop compares to decide whether two records are
// one person: name, phones, emails, address, birthday, visits, last visit
// and tags.
func sideFields(a, b data.Client) []sideField {
	last := func(c data.Client) string {
		if c.LastVisitAt.IsZero() {
			return ""
		}
		return c.LastVisitAt.In(time.Local).Format("2 Jan 2006")
	}
	visits := func(c data.Client) string {
		if c.ID <= 0 {
			return "(from the file)"
		}
		return fmt.Sprint(c.VisitCount)
	}
	return []sideField{
		{"First name", "first name", a.FirstName, b.FirstName},
		{"Last name", "last name", a.LastName, b.LastName},
		{"Company", "company", a.Company, b.Company},
		{"Email", "email", a.Email, b.Email},
		{"Phone", "phone", a.Phone, b.Phone},
		{"Other phones", "", strings.Join(a.OtherPhones, ", "), strings.Join(b.OtherPhones, ", ")},
		{"Address", "address", strings.Join(a.Address.Lines(), ", "), strings.Join(b.Address.Lines(), ", ")},
		{"Birthday", "birthday", a.Birthday.String(), b.Birthday.String()},
		{"Visits", "", visits(a), visits(b)},
		{"Last visit", "", last(a), last(b)},
		{"Tags", "", strings.Join(a.Tags, ", "), strings.Join(b.Tags, ", ")},
	}
}

// conflicts names the fields where both records have a value and the
// values differ the way a person would see it (accents and case, how a
// phone is written, do not count); an empty field is simply filled by
// the merge.
func conflicts(a, b data.Client) map[string]bool {
	out := map[string]bool{}
	_, _, cs := data.FillFrom(a, b)
	for _, c := range cs {
		out[c.Field] = true
	}
	tail := func(p string) string {
		d := data.Digits(p)
		return d[max(0, len(d)-9):]
	}
	if a.Phone != "" && b.Phone != "" && tail(a.Phone) != tail(b.Phone) {
		out["phone"] = true
	}
	return out
}

// mergeView is the side-by-side merge: the two people in columns, which
// record survives, and for each field where they disagree which value to
// keep.
type mergeView struct {
	a, b    data.Client
	fields  []sideField
	keep    *widget.RadioGroup            // which record survives (nil: always a)
	choices map[string]*widget.RadioGroup // conflicting field → the value kept
	content fyne.CanvasObject
}

// newMergeView builds the view. aTitle and bTitle head the columns; with
// chooseKeep the user picks the record that survives, else a does.
func newMergeView(a, b data.Client, why, aTitle, bTitle string, chooseKeep bool) *mergeView {
	v := &mergeView{a: a, b: b, fields: sideFields(a, b), choices: map[string]*widget.RadioGroup{}}
	differ := conflicts(a, b)
	grid := container.NewGridWithColumns(4)
	head := func(s string) *widgets.CutLabel {
		return widgets.NewCutLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	grid.Add(head(""))
	grid.Add(head(aTitle))
	grid.Add(head(bTitle))
	grid.Add(head("Keep"))
	for _, f := range v.fields {
		grid.Add(widget.NewLabel(f.label))
		for _, s := range []string{f.a, f.b} {
			grid.Add(widgets.NewCutLabel(s))
		}
		if f.take != "" && differ[f.take] {
			r := widget.NewRadioGroup([]string{"left", "right"}, nil)
			r.Horizontal = true
			r.Required = true
			r.SetSelected("left")
			v.choices[f.take] = r
			grid.Add(r)
		} else {
			grid.Add(widget.NewLabel(""))
		}
	}
	intro := widget.NewLabel(why)
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(intro)
	if chooseKeep {
		v.keep = widget.NewRadioGroup([]string{fmt.Sprintf("Keep %s", aTitle), fmt.Sprintf("Keep %s", bTitle)}, func(s string) {
			// The survivor's values are the default for every conflict.
			side := "left"
			if s == fmt.Sprintf("Keep %s", bTitle) {
				side = "right"
			}
			for _, r := range v.choices {
				r.SetSelected(side)
			}
		})
		v.keep.Horizontal = true
		v.keep.Required = true
		v.keep.SetSelected(fmt.Sprintf("Keep %s", aTitle))
		top.Add(v.keep)
	}
	note := widget.NewLabel("Empty fields are filled from the other record; every phone, note, tag and visit of both is kept.")
	note.Wrapping = fyne.TextWrapWord
	top.Add(note)
	v.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(grid))
	return v
}

// keepsRight reports whether the record on the right survives.
func (v *mergeView) keepsRight() bool {
	return v.keep != nil && v.keep.Selected == v.keep.Options[1]
}

// take lists the fields whose value comes from the record that does not
// survive.
func (v *mergeView) take() []string {
	otherSide := "right"
	if v.keepsRight() {
		otherSide = "left"
	}
	var out []string
	for _, f := range v.fields {
		if r := v.choices[f.take]; r != nil && r.Selected == otherSide {
			out = append(out, f.take)
		}
	}
	return out
}

// showMergePair opens the side-by-side merge of two clients of the book;
// done runs after a merge with the id of the client merged away.
func (u *needs) showMergePair(p data.DuplicatePair, done func(gone int64)) *mergeView {
	why := "Possible duplicates: " + p.Reason + "."
	if p.NameOnly {
		why = "Found on the name alone (" + p.Reason + "): nothing else agrees. Merge only if you know they are one person."
	} else if p.Sure {
		why = "Likely one person: " + p.Reason + "."
	}
	v := newMergeView(p.A, p.B, why, fmt.Sprintf("#%d", p.A.ID), fmt.Sprintf("#%d", p.B.ID), true)
	prev := u.forms.Open
	d := form.NewDialog(u.forms, fmt.Sprintf("Merge %s and %s?", p.A.Name(), p.B.Name()), v.content, "Merge", func() error {
		keep, other := p.A, p.B
		if v.keepsRight() {
			keep, other = p.B, p.A
		}
		if _, err := u.store.MergeClientsTaking(u.ctx, keep.ID, other.ID, v.take()); err != nil {
			return err
		}
		u.book.Reload()
		u.notify(fmt.Sprintf("%s merged into %s, with every visit and note (a backup was taken just before)", other.Name(), keep.Name()), nil)
		if done != nil {
			done(other.ID)
		}
		return nil
	})
	d.OnClose = func() {
		if prev != nil && !prev.Closed() {
			u.forms.Open = prev
		}
	}
	d.Form = v
	d.Show(fyne.NewSize(860, 560))
	return v
}
