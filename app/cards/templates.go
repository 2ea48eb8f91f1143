package cards

import (
	"errors"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/data"
	"regulars/letters"
	"regulars/letters/paper"
)

// --- Templates -----------------------------------------------------------

func (c *Screen) newTemplatePane() fyne.CanvasObject {
	c.TplList = widget.NewList(
		func() int { return len(c.Templates) },
		func() fyne.CanvasObject { return widget.NewLabel("Template name") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(c.Templates[i].Name) },
	)
	c.TplList.OnSelected = func(i widget.ListItemID) {
		if c.reselecting || i < 0 || i >= len(c.Templates) {
			return
		}
		c.SwitchTemplate(c.Templates[i])
	}
	add := widget.NewButtonWithIcon("New template", theme.ContentAddIcon(), func() {
		c.SwitchTemplate(data.Template{Name: "", Occasion: data.OccasionThanks, Body: "Dear {{.FirstName}},\n\n\n\nWith thanks,\n{{.Business}}"})
	})
	left := container.NewBorder(nil, add, nil, nil, c.TplList)

	c.Name = form.NewField(c.u.forms, "Name of the template")
	c.subject = form.NewField(c.u.forms, "Email subject, e.g. Thank you, {{.FirstName}}!")
	c.Body = form.NewMultiLineField(c.u.forms, "")
	c.Body.SetMinRowsVisible(6) // it grows with the window; 12 pushed Save template below a 600-pixel screen
	c.Body.OnChanged = func(string) { c.previewTemplate() }
	c.tplTarget = c.Body
	c.Body.OnFocus = func() { c.tplTarget = c.Body }
	c.subject.OnFocus = func() { c.tplTarget = c.subject }
	c.subject.OnChanged = func(string) { c.previewTemplate() }
	c.tplErr = widget.NewLabel("")
	c.tplErr.Importance = widget.DangerImportance
	c.tplErr.Wrapping = fyne.TextWrapWord
	c.tplSaved = widget.NewLabel("")
	c.tplSaved.Importance = widget.SuccessImportance
	var labels []string
	for _, f := range data.MergeFieldChoices {
		labels = append(labels, f.Label)
	}
	c.tplFields = widget.NewSelect(labels, c.insertField)
	c.tplFields.PlaceHolder = "Insert field…"
	fields := widget.NewLabel("Fields are filled in for each client: choose one to put it at the cursor.")
	fields.Wrapping = fyne.TextWrapWord
	fields.Importance = widget.LowImportance
	c.TplMerged = widget.NewLabel("")
	c.TplMerged.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon("Save template", theme.DocumentSaveIcon(), func() { c.saveTemplate() })
	save.Importance = widget.HighImportance
	editor := container.NewBorder(
		container.NewVBox(c.Name, c.subject),
		container.NewVBox(container.NewBorder(nil, nil, c.tplFields, nil, fields), c.tplErr, container.NewHBox(save, c.tplSaved)),
		nil, nil, c.Body)
	c.tplPic = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	c.tplPic.FillMode = canvas.ImageFillContain
	c.tplPic.SetMinSize(fyne.NewSize(240, 200))
	// The card as drawn above, the text filled in below, to read whole.
	c.TplMergedScroll = container.NewVScroll(c.TplMerged)
	filled := container.NewVSplit(c.tplPic, c.TplMergedScroll)
	filled.Offset = 0.6
	previewCard := widget.NewCard("Preview", "as a client of your book gets it", filled)
	split := container.NewHSplit(left, container.NewHSplit(editor, previewCard))
	split.Offset = 0.2
	return split
}

// templateEdited reports whether the editor holds changes not saved.
func (c *Screen) templateEdited() bool {
	e := c.Editing
	return c.Name.Text != e.Name || c.subject.Text != e.Subject || c.Body.Text != e.Body
}

// SwitchTemplate opens another template (or a new one) in the editor,
// asking first what to do with changes not saved.
func (c *Screen) SwitchTemplate(next data.Template) {
	if next.ID != 0 && next.ID == c.Editing.ID {
		return
	}
	open := func() {
		c.editTemplate(next)
		c.selectTemplateRow(next.ID)
	}
	if !c.templateEdited() {
		open()
		return
	}
	name := c.Editing.Name
	if name == "" {
		name = "the new template"
	} else {
		name = "the template “" + name + "”"
	}
	c.u.forms.AskUnsaved(name, func() bool {
		if !c.saveTemplate() {
			return false
		}
		open()
		return true
	}, open, func() { c.selectTemplateRow(c.Editing.ID) })
}

// selectTemplateRow highlights a template in the list without opening it
// again (id 0: none).
func (c *Screen) selectTemplateRow(id int64) {
	c.reselecting = true
	defer func() { c.reselecting = false }()
	for i, t := range c.Templates {
		if t.ID == id && id != 0 {
			c.TplList.Select(i)
			return
		}
	}
	c.TplList.UnselectAll()
}

// editTemplate puts a template in the editor.
func (c *Screen) editTemplate(t data.Template) {
	c.Editing = t
	c.Name.SetText(t.Name)
	c.subject.SetText(t.Subject)
	c.Body.SetText(t.Body)
	c.tplSaved.SetText("")
	c.tplFilled = nil // read again: the book may have changed
	c.previewTemplate()
}

// insertField puts the chosen merge field where the cursor is in the
// text or the subject, whichever was typed in last (replacing a
// selection), as a paste would, so that Undo takes it back; the choice is
// then cleared for the next one.
func (c *Screen) insertField(label string) {
	if label == "" {
		return
	}
	for _, f := range data.MergeFieldChoices {
		if f.Label == label {
			c.tplTarget.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &insertion{f.Insert}})
			break
		}
	}
	c.tplFields.ClearSelected()
	c.u.win.Canvas().Focus(c.tplTarget)
}

// insertion is a clipboard holding one text, to paste it into an entry.
type insertion struct{ text string }

func (i *insertion) Content() string     { return i.text }
func (i *insertion) SetContent(s string) { i.text = s }

// previewFields are the fields of the client the preview is written for:
// the first of the book's list, or a made-up client when the book has
// none.
func (c *Screen) previewFields() (data.MergeFields, string) {
	if c.tplFilled != nil {
		return *c.tplFilled, c.tplClient
	}
	business, _ := c.u.store.Setting(c.u.ctx, data.SettingBusinessName)
	f, who := data.SampleMergeFields(business), "a sample client (your book has none yet)"
	if res, err := c.u.store.Search(c.u.ctx, "", 1); err == nil && len(res.Clients) > 0 {
		if cl, err := c.u.store.Client(c.u.ctx, res.Clients[0].ID); err == nil {
			if mf, err := c.u.store.MergeFieldsFor(c.u.ctx, cl); err == nil {
				f, who = mf, cl.Name()
			}
		}
	}
	c.tplFilled, c.tplClient = &f, who
	return f, who
}

// previewTemplate merges the text for a sample client and draws the card;
// a mistake in the text shows with its line instead.
func (c *Screen) previewTemplate() {
	t := data.Template{Name: "preview", Body: c.Body.Text, Subject: c.subject.Text}
	fields, who := c.previewFields()
	m, err := t.Merge(fields)
	if err != nil {
		c.tplErr.SetText("This cannot be filled in yet: " + err.Error() + ". Choose a field from “Insert field…” to write it the right way.")
		c.TplMerged.SetText("")
		return
	}
	c.tplErr.SetText("")
	merged := "For " + who + ":\n"
	if m.Subject != "" {
		merged += "Subject: " + m.Subject + "\n\n"
	}
	c.TplMerged.SetText(merged + m.Body)
	pen, err := c.penOrError()
	if err != nil {
		return
	}
	l := paper.Layouts["a2"]
	pic, err := pen.Preview(paper.Card{Name: who, Text: m.Body, Seed: 1}, l, 72)
	if err != nil {
		c.tplErr.SetText(err.Error())
		return
	}
	c.tplPic.Image = pic // drawn from the very paths the PDF is made of, signature included
	c.tplPic.Refresh()
}

// saveTemplate checks and saves the template in the editor, and reports
// whether it was saved.
func (c *Screen) saveTemplate() bool {
	t := c.Editing
	t.Name, t.Subject, t.Body = c.Name.Text, c.subject.Text, c.Body.Text
	if err := c.u.store.SaveTemplate(c.u.ctx, &t); err != nil {
		var ve data.ValidationError
		if errors.As(err, &ve) {
			err = ve
		}
		c.tplErr.SetText("Not saved: " + err.Error())
		c.tplSaved.SetText("")
		return false
	}
	c.Editing = t
	c.tplErr.SetText("")
	c.tplSaved.SetText("Saved")
	c.Reload()
	c.selectTemplateRow(t.ID)
	return true
}

// penOrError is the pen from Settings; a problem shows in the status.
func (c *Screen) penOrError() (paper.Pen, error) {
	if c.pen.Face != nil {
		return c.pen, nil
	}
	pen, err := letters.PenFromSettings(c.u.ctx, c.u.store)
	if err != nil {
		c.u.showError(err)
		return pen, err
	}
	c.pen = pen
	return pen, nil
}
