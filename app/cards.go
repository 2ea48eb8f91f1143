package app

import (
	"errors"
	"fmt"
	"image"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
	"regulars/letters"
)

// cardsScreen holds the template editor and the monthly batch.
type cardsScreen struct {
	u       *ui
	content fyne.CanvasObject
	tabs    *container.AppTabs

	// Templates.
	templates []data.Template
	// reselecting is set while the list's highlight is moved back by
	// hand, so that it does not open the template again.
	reselecting bool
	tplList     *widget.List
	editing     data.Template
	name        *field
	subject     *field
	body        *field
	tplErr      *widget.Label
	tplPic      *canvas.Image
	tplSaved    *widget.Label

	// The batch.
	from, to    *field
	template    *widget.Select
	occasion    *widget.Select
	why         map[int64]string // why each client is listed
	layout      *widget.Select
	envelope    *widget.Select
	labels      *widget.Select
	plot        *widget.Select // also a pen-plotter file: none, svg or gcode
	households  *widget.Check  // one card per household
	folder      *field
	clients     []data.Client
	included    map[int64]bool
	printedIDs  []int64               // the clients whose cards were written
	leftOut     []letters.CardProblem // who was left out of the print, and why
	texts       map[int64]string
	batch       data.Batch
	pen         letters.Pen
	list        *widget.List
	current     int
	preview     *canvas.Image
	previewInfo *widget.Label
	status      *widget.Label
	progress    *widget.ProgressBar
	printBtn    *widget.Button
	markBtn     *widget.Button
	files       []string
	openBox     *fyne.Container

	channel     *widget.Select
	previewText *widget.Label
	postOnly    *fyne.Container // card, envelope and label choices
	folderRow   *fyne.Container // where the PDFs go
	outbox      *outboxPane
}

// Channels of the batch.
const (
	byPost  = "Cards by post"
	byEmail = "Email to those who prefer it"
)

// emailing reports whether the batch goes by email.
func (c *cardsScreen) emailing() bool { return c.channel != nil && c.channel.Selected == byEmail }

const noneChoice = "none"

func newCardsScreen(u *ui) *cardsScreen {
	c := &cardsScreen{u: u, included: map[int64]bool{}, texts: map[int64]string{}}
	c.outbox = newOutboxPane(u)
	c.tabs = container.NewAppTabs(
		// In a scroll, so that the window fits a 1280×720 screen.
		container.NewTabItem("Monthly batch", container.NewVScroll(c.newBatchPane())),
		container.NewTabItem("Templates", c.newTemplatePane()),
		container.NewTabItem("Email outbox", c.outbox.content),
	)
	c.tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == c.outbox.content {
			c.outbox.reload()
		}
	}
	c.content = c.tabs
	return c
}

// reload reads the templates and the settings again.
func (c *cardsScreen) reload() {
	var err error
	if c.templates, err = c.u.store.Templates(c.u.ctx); err != nil {
		c.u.showError(err)
		return
	}
	c.tplList.Refresh()
	c.fillTemplates()
	c.template.Refresh()
	if c.from.Text == "" {
		from, to, err := c.u.store.DefaultPeriod(c.u.ctx, data.ChannelPost, time.Now())
		if err == nil {
			c.from.SetText(from.Format("2006-01-02"))
			c.to.SetText(to.AddDate(0, 0, -1).Format("2006-01-02"))
		}
	}
}

// --- Templates -----------------------------------------------------------

func (c *cardsScreen) newTemplatePane() fyne.CanvasObject {
	c.tplList = widget.NewList(
		func() int { return len(c.templates) },
		func() fyne.CanvasObject { return widget.NewLabel("Template name") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(c.templates[i].Name) },
	)
	c.tplList.OnSelected = func(i widget.ListItemID) {
		if c.reselecting || i < 0 || i >= len(c.templates) {
			return
		}
		c.switchTemplate(c.templates[i])
	}
	add := widget.NewButtonWithIcon("New template", theme.ContentAddIcon(), func() {
		c.switchTemplate(data.Template{Name: "", Occasion: data.OccasionThanks, Body: "Dear {{.FirstName}},\n\n\n\nWith thanks,\n{{.Business}}"})
	})
	left := container.NewBorder(nil, add, nil, nil, c.tplList)

	c.name = newField(c.u, "Name of the template")
	c.subject = newField(c.u, "Email subject, e.g. Thank you, {{.FirstName}}!")
	c.body = newMultiLineField(c.u, "")
	c.body.SetMinRowsVisible(12)
	c.body.OnChanged = func(string) { c.previewTemplate() }
	c.subject.OnChanged = func(string) { c.previewTemplate() }
	c.tplErr = widget.NewLabel("")
	c.tplErr.Importance = widget.DangerImportance
	c.tplErr.Wrapping = fyne.TextWrapWord
	c.tplSaved = widget.NewLabel("")
	c.tplSaved.Importance = widget.SuccessImportance
	fields := widget.NewLabel("Merge fields: {{.FirstName}} {{.LastName}} {{.FullName}} {{.LastVisit}} {{.LastVisitWhat}} {{.Staff}} {{.Business}} {{.Visits}} {{.ClientSince}} — and {{if .Staff}}…{{end}}")
	fields.Wrapping = fyne.TextWrapWord
	fields.Importance = widget.LowImportance
	save := widget.NewButtonWithIcon("Save template", theme.DocumentSaveIcon(), func() { c.saveTemplate() })
	save.Importance = widget.HighImportance
	editor := container.NewBorder(
		container.NewVBox(c.name, c.subject),
		container.NewVBox(fields, c.tplErr, container.NewHBox(save, c.tplSaved)),
		nil, nil, c.body)
	c.tplPic = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	c.tplPic.FillMode = canvas.ImageFillContain
	c.tplPic.SetMinSize(fyne.NewSize(240, 300))
	previewCard := widget.NewCard("Preview", "an A2 card for a sample client", c.tplPic)
	split := container.NewHSplit(left, container.NewHSplit(editor, previewCard))
	split.Offset = 0.2
	return split
}

// templateEdited reports whether the editor holds changes not saved.
func (c *cardsScreen) templateEdited() bool {
	e := c.editing
	return c.name.Text != e.Name || c.subject.Text != e.Subject || c.body.Text != e.Body
}

// switchTemplate opens another template (or a new one) in the editor,
// asking first what to do with changes not saved.
func (c *cardsScreen) switchTemplate(next data.Template) {
	if next.ID != 0 && next.ID == c.editing.ID {
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
	name := c.editing.Name
	if name == "" {
		name = "the new template"
	} else {
		name = "the template “" + name + "”"
	}
	c.u.askUnsaved(name, func() bool {
		if !c.saveTemplate() {
			return false
		}
		open()
		return true
	}, open, func() { c.selectTemplateRow(c.editing.ID) })
}

// selectTemplateRow highlights a template in the list without opening it
// again (id 0: none).
func (c *cardsScreen) selectTemplateRow(id int64) {
	c.reselecting = true
	defer func() { c.reselecting = false }()
	for i, t := range c.templates {
		if t.ID == id && id != 0 {
			c.tplList.Select(i)
			return
		}
	}
	c.tplList.UnselectAll()
}

// editTemplate puts a template in the editor.
func (c *cardsScreen) editTemplate(t data.Template) {
	c.editing = t
	c.name.SetText(t.Name)
	c.subject.SetText(t.Subject)
	c.body.SetText(t.Body)
	c.tplSaved.SetText("")
	c.previewTemplate()
}

// previewTemplate merges the text for a sample client and draws the card;
// a mistake in the text shows with its line instead.
func (c *cardsScreen) previewTemplate() {
	t := data.Template{Name: "preview", Body: c.body.Text, Subject: c.subject.Text}
	business, _ := c.u.store.Setting(c.u.ctx, data.SettingBusinessName)
	m, err := t.Merge(data.SampleMergeFields(business))
	if err != nil {
		c.tplErr.SetText(err.Error())
		return
	}
	c.tplErr.SetText("")
	pen, err := c.penOrError()
	if err != nil {
		return
	}
	l := letters.Layouts["a2"]
	pic, err := pen.Preview(letters.Card{Name: "the sample client", Text: m.Body, Seed: 1}, l, 72)
	if err != nil {
		c.tplErr.SetText(err.Error())
		return
	}
	c.tplPic.Image = pic // drawn from the very paths the PDF is made of, signature included
	c.tplPic.Refresh()
}

// saveTemplate checks and saves the template in the editor, and reports
// whether it was saved.
func (c *cardsScreen) saveTemplate() bool {
	t := c.editing
	t.Name, t.Subject, t.Body = c.name.Text, c.subject.Text, c.body.Text
	if err := c.u.store.SaveTemplate(c.u.ctx, &t); err != nil {
		var ve data.ValidationError
		if errors.As(err, &ve) {
			err = ve
		}
		c.tplErr.SetText("Not saved: " + err.Error())
		c.tplSaved.SetText("")
		return false
	}
	c.editing = t
	c.tplErr.SetText("")
	c.tplSaved.SetText("Saved")
	c.reload()
	c.selectTemplateRow(t.ID)
	return true
}

// penOrError is the pen from Settings; a problem shows in the status.
func (c *cardsScreen) penOrError() (letters.Pen, error) {
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

// --- The batch -----------------------------------------------------------

// occasionLabels name the occasions in the batch, in the order offered.
var occasionLabels = []struct {
	o     data.Occasion
	label string
	find  string // the find button
}{
	{data.OccasionThanks, "Thank-you", "Find who to thank"},
	{data.OccasionWelcome, "Welcome (first visit)", "Find newcomers"},
	{data.OccasionMiss, "We miss you (overdue)", "Find who drifted away"},
	{data.OccasionBirthday, "Birthday", "Find birthdays ahead"},
	{data.OccasionSorry, "Make it right (complaint resolved)", "Find complaints put right"},
}

// newOccasionChoice is a Select of the occasions, starting on the
// thank-you.
func newOccasionChoice(changed func(string)) *widget.Select {
	var labels []string
	for _, k := range occasionLabels {
		labels = append(labels, k.label)
	}
	return widget.NewSelect(labels, changed)
}

// occasionOf is the occasion of a label of the occasion choice.
func occasionOf(label string) data.Occasion {
	for _, k := range occasionLabels {
		if k.label == label {
			return k.o
		}
	}
	return data.OccasionThanks
}

// chosenOccasion is the occasion of the batch.
func (c *cardsScreen) chosenOccasion() data.Occasion { return occasionOf(c.occasion.Selected) }

// fillTemplates offers the templates of the chosen occasion.
func (c *cardsScreen) fillTemplates() { offerTemplates(c.template, c.templates, c.chosenOccasion()) }

// setPeriod starts the period where the last batch of the occasion and
// channel ended: each runs from its own.
func (c *cardsScreen) setPeriod() {
	ch := data.ChannelPost
	if c.emailing() {
		ch = data.ChannelEmail
	}
	if from, to, err := c.u.store.OccasionPeriod(c.u.ctx, c.chosenOccasion(), ch, time.Now()); err == nil {
		c.from.SetText(from.Format("2006-01-02"))
		c.to.SetText(to.AddDate(0, 0, -1).Format("2006-01-02"))
	}
}

// offerTemplates offers in sel the templates of an occasion (all of them
// when it has none), keeping the one chosen when it still fits.
func offerTemplates(sel *widget.Select, templates []data.Template, o data.Occasion) {
	var names, all []string
	for _, t := range templates {
		all = append(all, t.Name)
		if t.Occasion == o {
			names = append(names, t.Name)
		}
	}
	if len(names) == 0 {
		names = all
	}
	sel.Options = names
	keep := false
	for _, n := range names {
		keep = keep || n == sel.Selected
	}
	if !keep && len(names) > 0 {
		sel.SetSelected(names[0])
	}
	sel.Refresh()
}

func (c *cardsScreen) newBatchPane() fyne.CanvasObject {
	c.from, c.to = newDateField(c.u, time.Time{}), newDateField(c.u, time.Time{})
	c.template = widget.NewSelect(nil, func(string) { c.clearBatch() })
	var find *widget.Button
	c.occasion = newOccasionChoice(func(string) {
		c.clearBatch()
		c.fillTemplates()
		if c.channel != nil {
			c.setPeriod()
		}
		if find != nil {
			for _, k := range occasionLabels {
				if k.o == c.chosenOccasion() {
					find.SetText(k.find)
				}
			}
		}
	})
	c.occasion.SetSelected(occasionLabels[0].label)
	var layouts []string
	for _, n := range []string{"a2", "a7", "postcard", "a6", "letter", "a4"} {
		layouts = append(layouts, n)
	}
	c.layout = widget.NewSelect(layouts, func(string) { c.clearBatch() })
	c.layout.SetSelected("a2")
	c.envelope = widget.NewSelect([]string{noneChoice, "a2", "a7", "10", "c6", "dl"}, nil)
	c.envelope.SetSelected("a2")
	c.labels = widget.NewSelect([]string{noneChoice, "5160", "l7160"}, nil)
	c.labels.SetSelected(noneChoice)
	home, _ := os.UserHomeDir()
	c.folder = newField(c.u, "Folder for the PDFs")
	c.folder.SetText(filepath.Join(home, "Documents", "Regulars cards"))
	choose := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				c.folder.SetText(u.Path())
			}
		}, c.u.win)
		d.Show()
	})
	c.channel = widget.NewSelect([]string{byPost, byEmail}, func(string) {
		c.clearBatch()
		if c.printBtn != nil {
			c.printBtn.SetText(map[bool]string{true: "Send emails", false: "Print to folder"}[c.emailing()])
			c.printBtn.SetIcon(map[bool]fyne.Resource{true: theme.MailSendIcon(), false: theme.DocumentPrintIcon()}[c.emailing()])
			c.setPeriod()
			c.markBtn.Hidden = c.emailing()
			c.markBtn.Refresh()
		}
		// Paper, envelopes, labels and the folder are for cards only.
		if c.postOnly != nil {
			c.postOnly.Hidden = c.emailing()
			c.folderRow.Hidden = c.emailing()
			c.postOnly.Refresh()
			c.folderRow.Refresh()
		}
	})
	find = widget.NewButtonWithIcon("Find who to thank", theme.SearchIcon(), c.find)
	find.Importance = widget.HighImportance
	form := container.NewGridWithColumns(2,
		formGrid(newRow("occasion", "Write", c.occasion), newRow("template", "Template", c.template), newRow("from", "Period from", c.from)),
		formGrid(newRow("channel", "Send by", c.channel), newRow("", "", widget.NewLabel("")), newRow("to", "to (inclusive)", c.to)),
	)
	c.plot = widget.NewSelect([]string{noneChoice, "svg", "gcode"}, nil)
	c.plot.SetSelected(noneChoice)
	c.postOnly = container.NewGridWithColumns(4,
		formGrid(newRow("layout", "Card", c.layout)), formGrid(newRow("envelope", "Envelopes", c.envelope)),
		formGrid(newRow("labels", "Labels", c.labels)), formGrid(newRow("plot", "Plotter", c.plot)))
	c.households = widget.NewCheck("One card per household", func(bool) { c.clearBatch() })
	c.folderRow = container.NewBorder(nil, nil, widget.NewLabel("Save to"), container.NewHBox(choose, c.households), c.folder)
	top := container.NewVBox(form, c.postOnly, container.NewBorder(nil, nil, nil, find, c.folderRow))
	c.channel.SetSelected(byPost)

	c.list = widget.NewList(
		func() int { return len(c.clients) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), widget.NewButton("Edit text…", nil), widget.NewLabel("Client name · city"))
		},
		c.updateRow,
	)
	c.list.OnSelected = func(i widget.ListItemID) { c.showCard(i) }
	c.preview = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	c.preview.FillMode = canvas.ImageFillContain
	c.preview.SetMinSize(fyne.NewSize(240, 300))
	c.previewInfo = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.step(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.step(1) })
	c.previewText = widget.NewLabel("")
	c.previewText.Wrapping = fyne.TextWrapWord
	c.previewText.Hide()
	previewPane := container.NewBorder(nil, container.NewBorder(nil, nil, prev, next, container.NewCenter(c.previewInfo)), nil, nil,
		container.NewStack(c.preview, container.NewVScroll(c.previewText)))

	c.status = widget.NewLabel("Choose the period and find who to thank.")
	c.status.Wrapping = fyne.TextWrapWord
	c.progress = widget.NewProgressBar()
	c.progress.Hide()
	c.printBtn = widget.NewButtonWithIcon("Print to folder", theme.DocumentPrintIcon(), func() {
		if c.emailing() {
			c.sendEmails()
			return
		}
		go c.print()
	})
	c.printBtn.Importance = widget.HighImportance
	c.printBtn.Disable()
	c.markBtn = widget.NewButtonWithIcon("Mark as sent", theme.ConfirmIcon(), c.confirmMarkSent)
	c.markBtn.Disable()
	c.openBox = container.NewHBox()
	printer := widget.NewButtonWithIcon("Print…", theme.DocumentPrintIcon(), c.printOnPrinter)
	bottom := container.NewVBox(c.progress, c.status, container.NewHBox(c.printBtn, printer, c.markBtn, c.openBox))

	split := container.NewHSplit(c.list, previewPane)
	split.Offset = 0.5
	return container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil, split)
}

// updateRow fills a row of the review list.
func (c *cardsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	cl := c.clients[i]
	box := o.(*fyne.Container)
	label := box.Objects[0].(*widget.Label)
	check := box.Objects[1].(*widget.Check)
	edit := box.Objects[2].(*widget.Button)
	txt := cl.Name()
	if cl.Address.City != "" {
		txt += "  ·  " + cl.Address.City
	}
	if c.emailing() {
		txt = cl.Name() + "  ·  " + cl.Email
	}
	if why := c.why[cl.ID]; why != "" {
		txt += "  ·  " + why
	}
	if _, ok := c.texts[cl.ID]; ok {
		txt += "  ·  own text"
	}
	label.SetText(txt)
	check.OnChanged = nil
	check.SetChecked(c.included[cl.ID])
	check.OnChanged = func(on bool) {
		c.included[cl.ID] = on
		c.count()
	}
	edit.OnTapped = func() { c.editText(i) }
}

// clearBatch forgets the found clients when the choices change.
func (c *cardsScreen) clearBatch() {
	if c.list == nil {
		return
	}
	c.clients = nil
	c.list.Refresh()
	if c.printBtn != nil {
		c.printBtn.Disable()
		c.markBtn.Disable()
	}
}

// period reads the two dates; the second is inclusive.
func (c *cardsScreen) period() (from, to time.Time, err error) {
	from, err = readDay(c.from.Text)
	if err == nil {
		to, err = readDay(c.to.Text)
	}
	if err != nil {
		return from, to, err
	}
	to = to.AddDate(0, 0, 1)
	if !from.Before(to) {
		return from, to, fmt.Errorf("the period must end on or after its first day")
	}
	return from, to, nil
}

// find lists who to thank in the period and starts a draft batch.
func (c *cardsScreen) find() {
	c.pen = letters.Pen{} // read Settings again
	from, to, err := c.period()
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.template.Selected)
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	ch := data.ChannelPost
	if c.emailing() {
		ch = data.ChannelEmail
	}
	o := c.chosenOccasion()
	due, err := c.u.store.DueFor(c.u.ctx, o, ch, from, to, time.Now())
	if err != nil {
		c.u.showError(err)
		return
	}
	clients := make([]data.Client, len(due))
	c.why = map[int64]string{}
	for i, d := range due {
		clients[i] = d.Client
		c.why[d.ID] = d.Why
	}
	c.batch = data.Batch{Occasion: o, Channel: ch, From: from, To: to, Template: tpl.Name, Layout: c.layout.Selected}
	if c.emailing() {
		c.batch.Layout = ""
	}
	if len(clients) > 0 {
		if err := c.u.store.DraftBatch(c.u.ctx, &c.batch); err != nil {
			c.u.showError(err)
			return
		}
	}
	c.clients = clients
	c.printedIDs, c.leftOut = nil, nil
	c.included = map[int64]bool{}
	c.texts = map[int64]string{}
	for _, cl := range clients {
		c.included[cl.ID] = true
	}
	c.files = nil
	c.openBox.RemoveAll()
	c.markBtn.Disable()
	c.list.Refresh()
	if len(clients) == 0 {
		c.printBtn.Disable()
		c.status.SetText(nobodyDue(o, ch))
		c.preview.Image = image.NewRGBA(image.Rect(0, 0, 1, 1))
		c.preview.Refresh()
		c.previewInfo.SetText("")
		return
	}
	c.printBtn.Enable()
	c.count()
	c.list.Select(0)
}

// nobodyDue says why a batch found nobody, for its occasion.
func nobodyDue(o data.Occasion, ch data.Channel) string {
	how := map[data.Channel]string{data.ChannelPost: "no postal address", data.ChannelEmail: "no email address or prefer post"}[ch]
	switch o {
	case data.OccasionWelcome:
		return "Nobody new to welcome in this period: newcomers are welcomed once, ever."
	case data.OccasionMiss:
		return "Nobody has drifted away: no one is past their maximum days (and silent less than a year) without a we-miss-you since."
	case data.OccasionBirthday:
		return "No birthdays in the window ahead that have not had a card this year."
	case data.OccasionSorry:
		return "No complaint was put right in this period without a note since."
	}
	return "Nobody to thank in this period: everyone who visited has been thanked, has asked not to be contacted, or has " + how + "."
}

// count says how many cards will print.
func (c *cardsScreen) count() {
	n := len(c.chosen())
	what := "a card"
	if c.emailing() {
		what = "an email"
	}
	c.status.SetText(fmt.Sprintf("%d of %d clients will get %s. Untick anyone you would rather not thank this time; “Edit text…” writes one by hand.", n, len(c.clients), what))
}

// chosen is the clients still included.
func (c *cardsScreen) chosen() []data.Client {
	var out []data.Client
	for _, cl := range c.clients {
		if c.included[cl.ID] {
			out = append(out, cl)
		}
	}
	return out
}

// cardsFor merges the template for the given clients.
func (c *cardsScreen) cardsFor(clients []data.Client) ([]letters.Card, error) {
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.batch.Template)
	if err != nil {
		return nil, err
	}
	return letters.PrepareCards(c.u.ctx, c.u.store, c.batch, tpl, clients, c.texts)
}

// showCard previews client i's card exactly as it prints.
func (c *cardsScreen) showCard(i int) {
	if i < 0 || i >= len(c.clients) {
		return
	}
	c.current = i
	if c.emailing() {
		c.showEmail(i)
		return
	}
	c.preview.Show()
	c.previewText.Hide()
	pen, err := c.penOrError()
	if err != nil {
		return
	}
	cards, err := c.cardsFor(c.clients[i : i+1])
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	l := letters.Layouts[c.layout.Selected]
	pic, err := pen.Preview(cards[0], l, 72)
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	c.preview.Image = pic
	c.preview.Refresh()
	c.previewInfo.SetText(fmt.Sprintf("Card %d of %d — %s", i+1, len(c.clients), c.clients[i].Name()))
}

// step moves the preview to the next or previous card.
func (c *cardsScreen) step(d int) {
	if len(c.clients) == 0 {
		return
	}
	i := (c.current + d + len(c.clients)) % len(c.clients)
	c.list.Select(i)
}

// editText lets the owner write one client's card by hand.
func (c *cardsScreen) editText(i int) {
	cl := c.clients[i]
	cards, err := c.cardsFor([]data.Client{cl})
	if err != nil {
		c.u.showError(err)
		return
	}
	e := newMultiLineField(c.u, "")
	e.SetMinRowsVisible(10)
	e.SetText(cards[0].Text)
	row := newRow("text", "Text", e)
	d := newFormDialog(c.u, "Card for "+cl.Name(), formGrid(row), "Use this text", func() error {
		pen, err := c.penOrError()
		if err != nil {
			return err
		}
		card := cards[0]
		card.Text = e.Text
		if _, err := pen.LayOut(card, letters.Layouts[c.layout.Selected]); err != nil {
			row.setError(err.Error())
			return err
		}
		c.texts[cl.ID] = e.Text
		c.list.Refresh()
		c.showCard(i)
		return nil
	})
	d.show(fyne.NewSize(560, 460))
}

// print writes the PDFs with a progress bar; it runs in the background.
func (c *cardsScreen) print() {
	fyne.Do(func() {
		c.printBtn.Disable()
		c.progress.SetValue(0)
		c.progress.Show()
		c.status.SetText("Writing the cards…")
	})
	files, err := c.render(func(done, total int) {
		fyne.Do(func() { c.progress.SetValue(float64(done) / float64(total)) })
	})
	fyne.Do(func() { c.printed(files, err) })
}

// render writes the PDFs of the chosen clients into the folder.
func (c *cardsScreen) render(progress func(done, total int)) ([]string, error) {
	pen, err := c.penOrError()
	if err != nil {
		return nil, err
	}
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.batch.Template)
	if err != nil {
		return nil, err
	}
	// One client's problem (the template fails on their fields, their text
	// does not fit) leaves that client out, named; the rest print.
	var cards []letters.Card
	var problems []letters.CardProblem
	members := map[int64][]int64{} // a household card's first member → everyone it is for
	if c.households.Checked {
		var due []data.DueClient
		for _, cl := range c.chosen() {
			due = append(due, data.DueClient{Client: cl, Why: c.why[cl.ID]})
		}
		groups, err := c.u.store.ByHousehold(c.u.ctx, due)
		if err != nil {
			return nil, err
		}
		var ids [][]int64
		if cards, ids, err = letters.PrepareHouseholdCards(c.u.ctx, c.u.store, c.batch, tpl, groups); err != nil {
			return nil, err
		}
		for i, k := range cards {
			members[k.ClientID] = ids[i]
		}
	} else if cards, problems, err = letters.PrepareEach(c.u.ctx, c.u.store, c.batch, tpl, c.chosen(), c.texts); err != nil {
		return nil, err
	}
	cards, unfit := pen.SplitFit(cards, letters.Layouts[c.layout.Selected])
	c.leftOut = append(problems, unfit...)
	c.printedIDs = nil
	for _, k := range cards {
		if m, ok := members[k.ClientID]; ok {
			c.printedIDs = append(c.printedIDs, m...)
		} else {
			c.printedIDs = append(c.printedIDs, k.ClientID)
		}
	}
	if len(cards) == 0 {
		return nil, fmt.Errorf("no card could be made: %s", problemText(c.leftOut))
	}
	out := letters.Output{Dir: strings.TrimSpace(c.folder.Text), Layout: letters.Layouts[c.layout.Selected]}
	if c.envelope.Selected != noneChoice {
		out.Envelope = c.envelope.Selected
	}
	if c.labels.Selected != noneChoice {
		out.Labels = c.labels.Selected
	}
	if out.Dir == "" {
		return nil, fmt.Errorf("choose a folder for the PDFs")
	}
	// The printer's offsets (Print…) go into the PDFs.
	if out.Layout.Offset, err = letters.LayoutOffset(c.u.ctx, c.u.store, out.Layout.Name); err != nil {
		return nil, err
	}
	if out.Envelope != "" {
		if out.EnvelopeOffset, err = letters.EnvelopeOffset(c.u.ctx, c.u.store, out.Envelope); err != nil {
			return nil, err
		}
	}
	files, err := pen.WriteBatch(c.u.ctx, c.u.store, c.batch, cards, out, progress)
	if err != nil || c.plot.Selected == noneChoice {
		return files, err
	}
	// The same cards for a pen plotter, in single strokes.
	ret, err := letters.ReturnAddress(c.u.ctx, c.u.store)
	if err != nil {
		return files, err
	}
	base := "plot-" + strings.TrimSuffix(strings.TrimPrefix(filepath.Base(files[0]), "cards-"), ".pdf")
	plots, missing, err := pen.WritePlotFiles(out.Dir, base, c.plot.Selected, cards, out.Layout, out.Envelope, ret, letters.DefaultGCode)
	if len(missing) > 0 {
		c.leftOut = append(c.leftOut, letters.CardProblem{Name: "the plotter", Err: fmt.Errorf("its pen font has no %s; those letters are not plotted", letters.MissingText(missing))})
	}
	return append(files, plots...), err
}

// problemText names the clients left out and why.
func problemText(ps []letters.CardProblem) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.Name+" ("+p.Err.Error()+")")
	}
	return strings.Join(parts, "; ")
}

// printed shows the files written, with buttons to open them.
func (c *cardsScreen) printed(files []string, err error) {
	c.progress.Hide()
	c.printBtn.Enable()
	if err != nil {
		c.status.SetText("Nothing was printed: " + err.Error())
		return
	}
	c.files = files
	msg := fmt.Sprintf("Cards for %s written to %s. Print them at 100%% (actual size), then mark the batch as sent.", count(len(c.printedIDs), "client", "clients"), filepath.Dir(files[0]))
	if len(c.leftOut) > 0 {
		msg += " Left out: " + problemText(c.leftOut) + "."
	}
	c.status.SetText(msg)
	c.openBox.RemoveAll()
	for _, f := range files {
		f := f
		c.openBox.Add(widget.NewButtonWithIcon(filepath.Base(f), theme.FileIcon(), func() {
			if err := c.u.app.OpenURL(&url.URL{Scheme: "file", Path: f}); err != nil {
				c.u.showError(err)
			}
		}))
	}
	c.markBtn.Enable()
}

// confirmMarkSent asks before logging the cards as sent.
func (c *cardsScreen) confirmMarkSent() {
	n := len(c.chosen())
	dialog.ShowConfirm("Mark as sent?", fmt.Sprintf("This logs a thank-you card for each of the %d clients, so they are not thanked twice.", n),
		func(ok bool) {
			if ok {
				c.markSent()
			}
		}, c.u.win)
}

// markSent logs a card contact for every chosen client.
func (c *cardsScreen) markSent() {
	ids := c.printedIDs // only the cards that were printed
	if ids == nil {
		for _, cl := range c.chosen() {
			ids = append(ids, cl.ID)
		}
	}
	n, err := c.u.store.MarkBatchSent(c.u.ctx, c.batch, ids, time.Now())
	if err != nil {
		c.u.showError(err)
		return
	}
	c.markBtn.Disable()
	c.printBtn.Disable()
	c.status.SetText(fmt.Sprintf("Done: %d clients are logged as thanked by card (batch %d).", n, c.batch.ID))
	c.clients = nil
	c.list.Refresh()
}

// showEmail previews client i's email as it will be read: composed like
// the real one and read back, footer included.
func (c *cardsScreen) showEmail(i int) {
	cl := c.clients[i]
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.batch.Template)
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	mails, skipped, err := letters.PrepareEmails(c.u.ctx, c.u.store, c.batch, tpl, []data.Client{cl}, c.texts)
	text := ""
	switch {
	case err != nil:
		text = "This email cannot be made: " + err.Error()
	case len(mails) == 0:
		text = "Not emailed: " + strings.Join(skipped, "; ")
	default:
		if text, err = letters.Readable(mails[0].Raw); err != nil {
			text = err.Error()
		}
	}
	c.preview.Hide()
	c.previewText.SetText(text)
	c.previewText.Show()
	c.previewInfo.SetText(fmt.Sprintf("Email %d of %d — %s", i+1, len(c.clients), cl.Name()))
}

// sendEmails queues the chosen clients' emails and sends them.
func (c *cardsScreen) sendEmails() {
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.batch.Template)
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	mails, skipped, err := letters.PrepareEmails(c.u.ctx, c.u.store, c.batch, tpl, c.chosen(), c.texts)
	if err != nil {
		c.status.SetText("Nothing was sent: " + err.Error())
		return
	}
	c.u.mailSettings(needSMTP|needIMAP, true, func(letters.Server, *letters.Server, string) {
		c.queue(mails, skipped)
	}, func(err error) { c.status.SetText("Nothing was sent: " + err.Error()) })
}

// queue writes the batch's emails to the outbox and starts sending.
func (c *cardsScreen) queue(mails []data.Mail, skipped []string) {
	if _, err := c.u.store.Enqueue(c.u.ctx, mails); err != nil {
		c.u.showError(err)
		return
	}
	if err := c.u.store.MarkBatchQueued(c.u.ctx, c.batch); err != nil {
		c.u.showError(err)
		return
	}
	note := ""
	if len(skipped) > 0 {
		note = fmt.Sprintf(" (%d left out: %s)", len(skipped), strings.Join(skipped, "; "))
	}
	c.status.SetText(fmt.Sprintf("%d emails are in the outbox and going out%s.", len(mails), note))
	c.printBtn.Disable()
	c.clients = nil
	c.list.Refresh()
	c.tabs.SelectIndex(2)
	c.outbox.send()
}
