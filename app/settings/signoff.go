package settings

import (
	"fmt"
	"os"
	"regulars/app/form"
	"regulars/data"
	"regulars/letters/paper"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// showSignOffForm sets how a staff member signs the notes to the clients
// they served: a line, and a signature image if they have one.
func showSignOffForm(u *needs, st data.Staff) {
	so, _ := u.store.SignOffOf(u.ctx, st.ID)
	line := form.NewField(u.forms, "e.g. "+strings.Fields(st.Name + " x")[0])
	line.SetText(so.Line)
	sig := form.NewField(u.forms, "/path/to/their-signature.png (optional)")
	sig.SetText(so.Signature)
	rows := []*form.Row{form.NewRow("line", "Signs as", line), form.NewRow("signature", "Signature", sig)}
	save := func() error {
		if path := strings.TrimSpace(sig.Text); path != "" {
			b, err := os.ReadFile(path)
			if err == nil {
				err = paper.CheckPNG(b)
			}
			if err != nil {
				errs := data.ValidationError{{Field: "signature", Message: fmt.Sprintf("%s: %v", path, err)}}
				form.ShowErrors(errs, rows...)
				return errs
			}
		}
		if err := u.store.SetSignOff(u.ctx, st.Name, line.Text, strings.TrimSpace(sig.Text)); err != nil {
			form.ShowErrors(err, rows...)
			return err
		}
		u.notify(fmt.Sprintf("Notes to %s's clients are signed %q", st.Name, strings.TrimSpace(line.Text)), nil)
		return nil
	}
	intro := widget.NewLabel("A note is signed by the person the client knows: the staff member of their last visit ({{.SignedBy}} in a template).")
	intro.Wrapping = fyne.TextWrapWord
	d := form.NewDialog(u.forms, "How "+st.Name+" signs", container.NewVBox(intro, form.Grid(rows...)), "Save", save)
	d.SubmitOnEnter(line, sig)
	d.Show(fyne.NewSize(520, 280))
	u.win.Canvas().Focus(line)
}
