package app

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/paper"
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
	name        *form.Field
	subject     *form.Field
	body        *form.Field
	tplErr      *widget.Label
	tplPic      *canvas.Image
	tplSaved    *widget.Label
	// tplFields inserts a merge field chosen by its plain name; tplMerged
	// shows the text filled in for a client of the book as it is typed.
	tplFields       *widget.Select
	tplTarget       *form.Field // where a field goes: the subject or the text, whichever was typed in last
	tplMerged       *widget.Label
	tplMergedScroll *container.Scroll // the filled-in text, read by scrolling
	tplClient       string            // whom tplMerged is filled in for
	tplFilled       *data.MergeFields // their fields, read when a template is opened

	// The batch.
	from, to    *form.Field
	template    *widget.Select
	occasion    *widget.Select
	why         map[int64]string // why each client is listed
	layout      *widget.Select
	envelope    *widget.Select
	labels      *widget.Select
	plot        *widget.Select // also a pen-plotter file: none, svg or gcode
	households  *widget.Check  // one card per household
	folder      *form.Field
	clients     []data.Client
	included    map[int64]bool
	printedIDs  []int64               // the clients whose cards were written
	leftOut     []letters.CardProblem // who was left out of the print, and why
	texts       map[int64]string
	batch       data.Batch
	ownDraft    bool // the draft batch was started when the clients were listed, and nothing is out yet
	pen         paper.Pen
	list        *widget.List
	current     int
	preview     *canvas.Image
	previewInfo *widgets.CutLabel
	largerBtn   *widget.Button // shows the card in the preview larger
	larger      dialog.Dialog  // the card shown larger, for the tests
	shownRow    *widget.Label  // the whole row of the card shown
	status      *widget.Label
	progress    *widget.ProgressBar
	printBtn    *widget.Button
	markBtn     *widget.Button
	files       []string
	openBox     *fyne.Container

	// Kept in reach on a small screen and from the keyboard.
	buttons      *fyne.Container // print, print…, mark as sent
	includeShown *widget.Check   // whether the card shown is sent
	working      sync.WaitGroup  // the cards being written in the background

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
		// Not in a scroll: the status line and the batch's buttons stay
		// in view on a 1024×600 screen; the review list takes the room
		// left.
		container.NewTabItem("Monthly batch", c.newBatchPane()),
		// In a scroll, so that the editor's height does not set the
		// window's smallest height: on a 1024×600 screen it shows whole.
		container.NewTabItem("Templates", container.NewVScroll(c.newTemplatePane())),
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
	// The Templates tab never opens on an empty editor: with nothing in
	// it yet, the first template is shown (and its preview).
	if c.editing.ID == 0 && c.body.Text == "" && c.name.Text == "" && len(c.templates) > 0 {
		c.editTemplate(c.templates[0])
		c.selectTemplateRow(c.templates[0].ID)
	}
	c.fillTemplates()
	c.template.Refresh()
	if c.from.Text == "" {
		from, to, err := c.u.store.DefaultPeriod(c.u.ctx, data.ChannelPost, clock.Now())
		if err == nil {
			c.from.SetText(from.Format("2006-01-02"))
			c.to.SetText(to.AddDate(0, 0, -1).Format("2006-01-02"))
		}
	}
}

// focusFirst puts the cursor on the first choice of the Cards tab shown
// (the batch's occasion), for those who work from the keyboard.
func (c *cardsScreen) focusFirst() {
	if c.tabs.SelectedIndex() == 0 {
		c.u.win.Canvas().Focus(c.occasion)
		return
	}
	c.u.win.Canvas().Unfocus()
}

// --- The batch -----------------------------------------------------------

func (c *cardsScreen) newBatchPane() fyne.CanvasObject {
	c.from, c.to = form.NewDateField(c.u.forms, time.Time{}), form.NewDateField(c.u.forms, time.Time{})
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
	c.layout = widget.NewSelect(layoutChoices(), func(string) { c.clearBatch() })
	selectPaper(c.layout, "a2")
	c.envelope = widget.NewSelect(envelopeChoices(), nil)
	selectPaper(c.envelope, "a2")
	c.labels = widget.NewSelect(labelChoices(), nil)
	selectPaper(c.labels, noneChoice)
	home, _ := os.UserHomeDir()
	c.folder = form.NewField(c.u.forms, "Folder for the PDFs")
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
			c.buttons.Refresh() // the button's new words take their room
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
	// Two rows of choices, three to a row, so that the review list and
	// the buttons under it fit a small screen.
	choices := container.NewGridWithColumns(3,
		form.Grid(form.NewRow("occasion", "Write", c.occasion), form.NewRow("channel", "Send by", c.channel)),
		form.Grid(form.NewRow("template", "Template", c.template), form.NewRow("", "", find)),
		form.Grid(form.NewRow("from", "Period from", c.from), form.NewRow("to", "to (inclusive)", c.to)),
	)
	c.plot = widget.NewSelect(plotChoices(), nil)
	selectPaper(c.plot, noneChoice)
	c.postOnly = container.NewGridWithColumns(2,
		form.Grid(form.NewRow("layout", "Card", c.layout), form.NewRow("labels", "Address labels", c.labels)),
		form.Grid(form.NewRow("envelope", "Envelopes", c.envelope), form.NewRow("plot", "Pen plotter", c.plot)))
	c.households = widget.NewCheck("One card per household", func(bool) { c.clearBatch() })
	c.folderRow = container.NewBorder(nil, nil, widget.NewLabel("Save to"), container.NewHBox(choose, c.households), c.folder)
	top := container.NewVBox(choices, c.postOnly, c.folderRow)
	c.channel.SetSelected(byPost)

	c.list = widget.NewList(
		func() int { return len(c.clients) },
		func() fyne.CanvasObject {
			name := widgets.NewCutLabel("Client name · city") // not under "Edit text…"
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), widget.NewButton("Edit text…", nil), name)
		},
		c.updateRow,
	)
	c.list.OnSelected = func(i widget.ListItemID) { c.showCard(i) }
	c.preview = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	c.preview.FillMode = canvas.ImageFillContain
	c.preview.SetMinSize(fyne.NewSize(160, 40))
	// Centred in the room between the arrows, and cut with "…" rather
	// than pushing them off.
	c.previewInfo = widgets.NewCutLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	// The whole line of the client shown, as a narrow row cuts it.
	c.shownRow = widget.NewLabel("")
	c.shownRow.Wrapping = fyne.TextWrapWord
	c.shownRow.Importance = widget.LowImportance
	c.shownRow.Hide()
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.step(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.step(1) })
	c.previewText = widget.NewLabel("")
	c.previewText.Wrapping = fyne.TextWrapWord
	c.previewText.Hide()
	// "Send this one" leaves the card shown out (or back in) while the
	// owner steps through the cards, from the keyboard too.
	c.includeShown = widget.NewCheck("Send this one", func(on bool) {
		if c.current < 0 || c.current >= len(c.clients) {
			return
		}
		c.included[c.clients[c.current].ID] = on
		c.list.RefreshItem(c.current)
		c.count()
	})
	c.includeShown.Disable()
	// Over the card, the whole line of its client (a narrow row cuts it),
	// so the list keeps its height on a small screen.
	// On a small screen the card in the preview is small: "Larger"
	// shows it at its printed size to read.
	c.largerBtn = widget.NewButtonWithIcon("Larger", theme.ZoomInIcon(), c.showLarger)
	c.largerBtn.Disable()
	previewPane := container.NewBorder(c.shownRow, container.NewBorder(nil, nil, prev, container.NewHBox(c.largerBtn, c.includeShown, next), c.previewInfo), nil, nil,
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
		c.working.Add(1)
		go func() {
			defer c.working.Done()
			c.print()
		}()
	})
	c.printBtn.Importance = widget.HighImportance
	c.printBtn.Disable()
	c.markBtn = widget.NewButtonWithIcon("Mark as sent", theme.ConfirmIcon(), c.confirmMarkSent)
	c.markBtn.Disable()
	c.openBox = container.NewHBox()
	printer := widget.NewButtonWithIcon("Print…", theme.DocumentPrintIcon(), c.printOnPrinter)
	// The buttons opening the PDFs scroll sideways rather than widen the
	// window.
	c.buttons = container.NewHBox(c.printBtn, printer, c.markBtn)
	bottom := container.NewVBox(c.progress, c.status,
		container.NewBorder(nil, nil, c.buttons, nil, container.NewHScroll(c.openBox)))

	split := container.NewHSplit(c.list, previewPane)
	split.Offset = 0.5
	// Made in reading order, so that Tab goes from the choices to the
	// list, the preview and the buttons.
	head, foot := container.NewPadded(top), container.NewPadded(bottom)
	return container.New(layout.NewBorderLayout(head, foot, nil, nil), head, split, foot)
}

// clearBatch forgets the found clients when the choices change.
func (c *cardsScreen) clearBatch() {
	if c.list == nil {
		return
	}
	c.dropDraft()
	c.clients = nil
	c.list.Refresh()
	c.clearPreview()
	if c.printBtn != nil {
		c.printBtn.Disable()
		c.markBtn.Disable()
	}
}

// dropDraft takes back the draft batch started when the clients were
// listed, once that listing is left with nothing printed or queued (a
// batch with contacts or emails stays: store.Store.DiscardDraft).
func (c *cardsScreen) dropDraft() {
	if c.ownDraft {
		c.u.store.DiscardDraft(c.u.ctx, c.batch)
		c.ownDraft = false
	}
}

// clearPreview empties the preview and its "Card 3 of 4" line, once the
// batch it showed is gone (done, or its choices changed).
func (c *cardsScreen) clearPreview() {
	if c.preview == nil {
		return
	}
	c.list.UnselectAll()
	c.current = 0
	c.preview.Image = image.NewRGBA(image.Rect(0, 0, 1, 1))
	c.preview.Refresh()
	c.previewInfo.SetText("")
	c.largerBtn.Disable()
	c.shownRow.SetText("")
	c.shownRow.Hide()
	c.previewText.SetText("")
	on := c.includeShown.OnChanged
	c.includeShown.OnChanged = nil
	c.includeShown.SetChecked(false)
	c.includeShown.OnChanged = on
	c.includeShown.Disable()
}

// period reads the two dates; the second is inclusive.
func (c *cardsScreen) period() (from, to time.Time, err error) {
	from, err = form.ReadDay(c.from.Text)
	if err == nil {
		to, err = form.ReadDay(c.to.Text)
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
	c.pen = paper.Pen{} // read Settings again
	c.dropDraft()
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
	due, err := c.u.store.DueFor(c.u.ctx, o, ch, from, to, clock.Now())
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
	c.batch = data.Batch{Occasion: o, Channel: ch, From: from, To: to, Template: tpl.Name, Layout: paperKey(c.layout)}
	if c.emailing() {
		c.batch.Layout = ""
	}
	if len(clients) > 0 {
		// The draft's id seeds the hand-writing of the previews (preview =
		// print); a listing left before anything is printed takes back
		// the draft it started.
		if c.ownDraft, err = c.u.store.StartDraftBatch(c.u.ctx, &c.batch); err != nil {
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
		c.clearPreview()
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
func (c *cardsScreen) cardsFor(clients []data.Client) ([]paper.Card, error) {
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
	c.shownRow.SetText(c.rowText(c.clients[i]))
	c.shownRow.Show()
	on := c.includeShown.OnChanged
	c.includeShown.OnChanged = nil
	c.includeShown.SetChecked(c.included[c.clients[i].ID])
	c.includeShown.OnChanged = on
	c.includeShown.Enable()
	if c.emailing() {
		c.showEmail(i)
		return
	}
	c.preview.Show()
	c.largerBtn.Enable()
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
	l := paper.Layouts[paperKey(c.layout)]
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
	e := form.NewMultiLineField(c.u.forms, "")
	e.SetMinRowsVisible(10)
	e.SetText(cards[0].Text)
	row := form.NewRow("text", "Text", e)
	d := form.NewDialog(c.u.forms, "Card for "+cl.Name(), form.Grid(row), "Use this text", func() error {
		pen, err := c.penOrError()
		if err != nil {
			return err
		}
		card := cards[0]
		card.Text = e.Text
		if _, err := pen.LayOut(card, paper.Layouts[paperKey(c.layout)]); err != nil {
			row.SetError(err.Error())
			return err
		}
		c.texts[cl.ID] = e.Text
		c.list.Refresh()
		c.showCard(i)
		return nil
	})
	d.Show(fyne.NewSize(560, 460))
}
