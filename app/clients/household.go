package clients

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/data"
)

// householdText says who a client lives with: "The Okafors — with Chidi
// Okafor", or "" when they are on their own.
func (u *needs) householdText(c data.Client) string {
	h, ok, err := u.store.HouseholdOf(u.ctx, c.ID)
	if err != nil || !ok {
		return ""
	}
	var others []string
	for _, id := range h.Members {
		if id == c.ID {
			continue
		}
		if m, err := u.store.Client(u.ctx, id); err == nil {
			others = append(others, m.Name())
		}
	}
	return h.Name + " — with " + strings.Join(others, ", ")
}

// HouseholdForm links the open client with others who live with them,
// found by a search, under a household name.
type HouseholdForm struct {
	u *needs
	c data.Client
	// Dialog is the form's dialog, with its message line.
	Dialog *form.Dialog
	// Name is the household's name; Find searches clients to add, Found
	// lists them to tick.
	Name  *form.Field
	Find  *form.Field
	Found *widget.CheckGroup
	ids   map[string]int64
	leave *widget.Button
	rows  []*form.Row
}

// showHouseholdForm opens the household of c for linking.
func showHouseholdForm(u *needs, c data.Client, done func()) *HouseholdForm {
	f := &HouseholdForm{u: u, c: c, ids: map[string]int64{}}
	f.Name = form.NewField(u.forms, "e.g. The "+c.LastName+"s")
	f.Find = form.NewField(u.forms, "Search the others who live there: name, phone, email")
	f.Found = widget.NewCheckGroup(nil, nil)
	h, inOne, _ := u.store.HouseholdOf(u.ctx, c.ID)
	if inOne {
		f.Name.SetText(h.Name)
		for _, id := range h.Members {
			if m, err := u.store.Client(u.ctx, id); err == nil && id != c.ID {
				f.add(m, true)
			}
		}
	} else if c.LastName != "" {
		f.Name.SetText("The " + c.LastName + "s")
	}
	f.Find.OnChanged = func(q string) { f.search(q) }
	f.rows = []*form.Row{form.NewRow("name", "Household", f.Name), form.NewRow("clients", "Lives with", container.NewVBox(f.Find, f.Found))}
	f.leave = widget.NewButton("Leave the household", func() {
		if err := u.store.LeaveHousehold(u.ctx, c.ID); err != nil {
			u.showError(err)
			return
		}
		f.Dialog.Close()
		done()
		u.notify(c.Name()+" is on their own again", nil)
	})
	f.leave.Hidden = !inOne
	intro := widget.NewLabel("Clients who live together can get one card between them (Cards → One card per household).")
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, form.Grid(f.rows...), f.leave)
	f.Dialog = form.NewDialog(u.forms, "Household of "+c.Name(), body, "Save", func() error { return f.save(done) })
	f.Dialog.Form = f
	f.Dialog.SubmitOnEnter(f.Name)
	f.Dialog.Show(fyne.NewSize(560, 460))
	u.win.Canvas().Focus(f.Find)
	return f
}

// add offers a client to tick.
func (f *HouseholdForm) add(c data.Client, ticked bool) {
	label := fmt.Sprintf("%s (#%d)", c.Name(), c.ID)
	if _, seen := f.ids[label]; !seen {
		f.ids[label] = c.ID
		f.Found.Append(label)
	}
	if ticked {
		f.Found.SetSelected(append(f.Found.Selected, label))
	}
}

// search offers the best matches of what is typed, keeping those ticked.
func (f *HouseholdForm) search(q string) {
	var kept []string
	ticked := map[string]bool{}
	for _, l := range f.Found.Selected {
		ticked[l] = true
		kept = append(kept, l)
	}
	f.Found.Options = kept
	for l := range f.ids {
		if !ticked[l] {
			delete(f.ids, l)
		}
	}
	if strings.TrimSpace(q) != "" {
		res, err := f.u.store.Search(f.u.ctx, q, 6)
		if err == nil {
			for _, s := range res.Clients {
				if s.ID == f.c.ID {
					continue
				}
				if c, err := f.u.store.Client(f.u.ctx, s.ID); err == nil {
					f.add(c, false)
				}
			}
		}
	}
	f.Found.Refresh()
}

// save links the ticked clients with the open one.
func (f *HouseholdForm) save(done func()) error {
	ids := []int64{f.c.ID}
	for _, l := range f.Found.Selected {
		ids = append(ids, f.ids[l])
	}
	if len(ids) < 2 {
		errs := data.ValidationError{{Field: "clients", Message: "Tick who lives with " + f.c.Name() + " (search above)"}}
		form.ShowErrors(errs, f.rows...)
		return errs
	}
	if _, err := f.u.store.SetHousehold(f.u.ctx, f.Name.Text, ids); err != nil {
		form.ShowErrors(err, f.rows...)
		return err
	}
	done()
	f.u.notify(fmt.Sprintf("%s: %d people in the household", strings.TrimSpace(f.Name.Text), len(ids)), nil)
	return nil
}

// HouseholdText names c's household and who else is in it, as the pane
// shows it: "The Okafors — with Chidi Okafor".
func (b *Screen) HouseholdText(c data.Client) string { return b.u.householdText(c) }
